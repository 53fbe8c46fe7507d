package dev.vigil.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlShapesTest {

    private static String shape(String sql) {
        return SqlShapes.normalize(sql);
    }

    @Test
    void numbersBecomeParameters() {
        assertThat(shape("SELECT * FROM orders WHERE id = 42 AND total > 19.99 AND ratio < .5 AND big = 1e10"))
                .isEqualTo("SELECT * FROM orders WHERE id = ? AND total > ? AND ratio < ? AND big = ?");
        assertThat(shape("SELECT 1.5E-3, 2e+7, 0x1F, 0XABCDEF")).isEqualTo("SELECT ?, ?, ?, ?");
    }

    @Test
    void numbersInsideIdentifiersAreKept() {
        assertThat(shape("SELECT col1, t2.x3 FROM table_2024 t2")).isEqualTo("SELECT col1, t2.x3 FROM table_2024 t2");
    }

    @Test
    void signOfANumberIsFoldedIntoItButBinaryMinusIsKept() {
        assertThat(shape("SELECT * FROM t WHERE a = -5 AND b IN (-1, +2) AND c BETWEEN -3 AND 4"))
                .isEqualTo(shape("SELECT * FROM t WHERE a = 5 AND b IN (1, 2) AND c BETWEEN 3 AND 4"))
                .isEqualTo("SELECT * FROM t WHERE a = ? AND b IN (?) AND c BETWEEN ? AND ?");
        assertThat(shape("SELECT a - 1, a-1, (a) -1, ?-1 FROM t")).isEqualTo("SELECT a - ?, a-?, (a) -?, ?-? FROM t");
        assertThat(shape("SELECT -1")).isEqualTo("SELECT ?");
    }

    @Test
    void stringLiteralsWithDoubledQuotesBecomeOneParameter() {
        assertThat(shape("SELECT * FROM users WHERE name = 'O''Brien' AND note = '' AND x = 'a--b /* c */'"))
                .isEqualTo("SELECT * FROM users WHERE name = ? AND note = ? AND x = ?");
    }

    @Test
    void prefixedStringLiteralsBecomeParameters() {
        assertThat(shape("SELECT E'it\\'s', e'\\n', N'nat', X'ff00', B'0101', U&'d\\0061t', n'x'"))
                .isEqualTo("SELECT ?, ?, ?, ?, ?, ?, ?");
    }

    @Test
    void backslashIsAnOrdinaryCharacterInStandardStrings() {
        assertThat(shape("SELECT 'C:\\dir\\', 1")).isEqualTo("SELECT ?, ?");
    }

    @Test
    void booleansBecomeParametersButNullIsKept() {
        assertThat(shape("UPDATE flags SET on = TRUE, off = false WHERE deleted IS NULL"))
                .isEqualTo("UPDATE flags SET on = ?, off = ? WHERE deleted IS NULL");
    }

    @Test
    void postgresPositionalParametersBecomeQuestionMarks() {
        assertThat(shape("SELECT * FROM t WHERE a = $1 AND b = $12")).isEqualTo("SELECT * FROM t WHERE a = ? AND b = ?");
    }

    @Test
    void dollarQuotedStringsBecomeParameters() {
        assertThat(shape("SELECT $$it's a 'string' with -- no comment$$, $body$ SELECT $$nested$$ $body$, 1"))
                .isEqualTo("SELECT ?, ?, ?");
        assertThat(shape("DO $x$ BEGIN PERFORM 1; END $x$")).isEqualTo("DO ?");
    }

    @Test
    void dollarInsideIdentifiersIsPartOfTheIdentifier() {
        assertThat(shape("SELECT a$b, c$1 FROM t$x")).isEqualTo("SELECT a$b, c$1 FROM t$x");
    }

    @Test
    void quotedIdentifiersAreKeptVerbatim() {
        assertThat(shape("SELECT \"Name \"\"1\"\"\", `weird col` FROM \"Order\" WHERE \"id\" = 7"))
                .isEqualTo("SELECT \"Name \"\"1\"\"\", `weird col` FROM \"Order\" WHERE \"id\" = ?");
    }

    @Test
    void inListsOfAnyLengthCollapseToOneParameter() {
        String expected = "SELECT * FROM t WHERE id IN (?) AND k NOT IN (?)";
        assertThat(shape("SELECT * FROM t WHERE id IN (1, 2, 3) AND k NOT IN ('a','b')")).isEqualTo(expected);
        assertThat(shape("SELECT * FROM t WHERE id in (?,?,?,?,?,?) AND k NOT IN (?)")).isEqualTo(
                "SELECT * FROM t WHERE id in (?) AND k NOT IN (?)");
        assertThat(shape("SELECT * FROM t WHERE id IN ( 1 ) AND k NOT IN ('x')")).isEqualTo(
                "SELECT * FROM t WHERE id IN (?) AND k NOT IN (?)");
    }

    @Test
    void inListsOfTuplesCollapseWhenAllTuplesHaveTheSameShape() {
        assertThat(shape("SELECT * FROM t WHERE (a, b) IN ((1, 'x'), (2, 'y'), (3, 'z'))"))
                .isEqualTo("SELECT * FROM t WHERE (a, b) IN ((?, ?))");
    }

    @Test
    void inListsOfDifferentItemsAreKept() {
        assertThat(shape("SELECT * FROM t WHERE a IN (b, c, 1)")).isEqualTo("SELECT * FROM t WHERE a IN (b, c, ?)");
    }

    @Test
    void subqueriesInsideInAreNormalisedToo() {
        assertThat(shape("SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE k IN (1, 2) AND v = 'x')"))
                .isEqualTo("SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE k IN (?) AND v = ?)");
    }

    @Test
    void multiRowValuesCollapseToOneRow() {
        assertThat(shape("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, 'z') ON CONFLICT DO NOTHING"))
                .isEqualTo(shape("INSERT INTO t (a, b) VALUES (9, 'q')  ON CONFLICT DO NOTHING"))
                .isEqualTo("INSERT INTO t (a, b) VALUES (?, ?) ON CONFLICT DO NOTHING");
        assertThat(shape("INSERT INTO t VALUES (?, ?), (?, ?)")).isEqualTo("INSERT INTO t VALUES (?, ?)");
    }

    @Test
    void valuesRowsOfDifferentShapesAreKept() {
        assertThat(shape("INSERT INTO t VALUES (1, now()), (2, NULL)"))
                .isEqualTo("INSERT INTO t VALUES (?, now()), (?, NULL)");
    }

    @Test
    void whitespaceIsCollapsedAndTrimmed() {
        assertThat(shape("  SELECT\n\ta ,\r\n  b\n\nFROM   t  ")).isEqualTo("SELECT a, b FROM t");
        assertThat(shape("SELECT f( a,b ) FROM t WHERE x IN ( 1 )")).isEqualTo("SELECT f(a, b) FROM t WHERE x IN (?)");
    }

    @Test
    void commentsAreRemoved() {
        assertThat(shape("SELECT a -- the a column, id = 5\nFROM t /* secret 'x' */ WHERE b = 1 --trailing"))
                .isEqualTo("SELECT a FROM t WHERE b = ?");
        assertThat(shape("/* app=shop, user=42 */ SELECT 1")).isEqualTo("SELECT ?");
        assertThat(shape("SELECT/*+ INDEX(t) */a FROM t")).isEqualTo("SELECT a FROM t");
    }

    @Test
    void nestedBlockCommentsAreRemovedWhole() {
        assertThat(shape("SELECT /* outer /* inner */ still comment */ a FROM t")).isEqualTo("SELECT a FROM t");
    }

    @Test
    void unterminatedLiteralsAndCommentsSwallowTheRest() {
        assertThat(shape("SELECT 'unterminated, 42")).isEqualTo("SELECT ?");
        assertThat(shape("SELECT a /* unterminated 42")).isEqualTo("SELECT a");
        assertThat(shape("SELECT $$ unterminated 42")).isEqualTo("SELECT ?");
    }

    @Test
    void castsAndJsonOperatorsKeepTheirShape() {
        assertThat(shape("SELECT '2024-01-01'::date, data->>'name', data #> '{a,b}' FROM t WHERE tags @> ARRAY['x']"))
                .isEqualTo("SELECT ?::date, data->>?, data #> ? FROM t WHERE tags @> ARRAY[?]");
    }

    @Test
    void jdbcEscapesAndParametersAreKept() {
        assertThat(shape("{? = call add_one(?)}")).isEqualTo("{? = call add_one(?)}");
        assertThat(shape("{call proc(1, 'x')}")).isEqualTo("{call proc(?, ?)}");
        assertThat(shape("SELECT {ts '2024-01-01 00:00:00'}")).isEqualTo("SELECT {ts ?}");
    }

    @Test
    void statementsDifferingOnlyInLiteralsShareAShape() {
        assertThat(shape("SELECT * FROM users WHERE email = 'a@example.com' LIMIT 10"))
                .isEqualTo(shape("SELECT * FROM users WHERE email = 'someone.else@example.org' LIMIT 200"))
                .isEqualTo("SELECT * FROM users WHERE email = ? LIMIT ?");
    }

    @Test
    void noLiteralValueSurvives() {
        String sql = "INSERT INTO payments (card, cvc, amount, note) VALUES ('4111111111111111', 737, 12.50,"
                + " $$secret note$$) -- token=abc123";

        assertThat(shape(sql))
                .isEqualTo("INSERT INTO payments (card, cvc, amount, note) VALUES (?, ?, ?, ?)")
                .doesNotContain("4111", "737", "12.50", "secret", "abc123");
    }

    @Test
    void longStatementsAreTruncated() {
        String sql = "SELECT " + "column_name, ".repeat(200) + "x FROM t";

        String shape = shape(sql);

        assertThat(shape).hasSize(SqlShapes.MAX_LENGTH).startsWith("SELECT column_name, column_name").endsWith("...");
        assertThat(SqlShapes.normalize(sql, 20)).isEqualTo("SELECT column_nam...");
    }

    @Test
    void longInListsCollapseBeforeTruncation() {
        StringBuilder sql = new StringBuilder("SELECT * FROM t WHERE id IN (");
        for (int i = 0; i < 5000; i++) {
            sql.append(i == 0 ? "" : ", ").append(i);
        }
        sql.append(") ORDER BY id");

        assertThat(shape(sql.toString())).isEqualTo("SELECT * FROM t WHERE id IN (?) ORDER BY id");
    }

    @Test
    void onlyTheFirstPartOfAHugeStatementIsRead() {
        String sql = "SELECT a FROM t WHERE b = 'x" + "y".repeat(SqlShapes.MAX_SCANNED) + "' AND c = 1";

        assertThat(shape(sql)).isEqualTo("SELECT a FROM t WHERE b = ?...");
    }

    @Test
    void emptyAndNullSqlGiveAnEmptyShape() {
        assertThat(shape("")).isEmpty();
        assertThat(shape("   -- nothing\n")).isEmpty();
        assertThat(shape(null)).isEmpty();
    }

    @Test
    void keywordCaseIsKeptAsWritten() {
        assertThat(shape("select a from t where b = 1")).isEqualTo("select a from t where b = ?");
    }

    @Test
    void tooSmallMaximumLengthIsRejected() {
        assertThatThrownBy(() -> SqlShapes.normalize("SELECT 1", 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
