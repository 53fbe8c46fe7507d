package dev.vigil.jdbc.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlNormalizerTest {

    private static SqlNormalizer.Normalized normalize(String sql) {
        return SqlNormalizer.normalize(sql, SqlDialect.POSTGRESQL);
    }

    private static void assertRejected(String sql, RejectionReason reason, String messagePart) {
        assertThatThrownBy(() -> normalize(sql))
                .isInstanceOfSatisfying(QueryRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(messagePart);
    }

    @Test
    void commentsBecomeSpacesAndATrailingSemicolonIsDropped() {
        assertThat(normalize("SELECT/* a */1 -- b\n;  -- done").sql()).isEqualTo("SELECT 1");
    }

    @Test
    void aBlockCommentEndsAtTheFirstCloserAndMayNotOpenAnother() {
        // PostgreSQL and H2 nest block comments, JSqlParser does not: an opener inside one is refused, not guessed.
        assertThat(normalize("SELECT 1 /* a * / -- ' */ + 2").sql()).isEqualTo("SELECT 1   + 2");
        assertRejected("SELECT 1 /* /* */ , pg_advisory_lock(1) -- */", RejectionReason.AMBIGUOUS_SYNTAX,
                "'/*' at position 13: it is inside the block comment opened at position 10");
        assertRejected("/*/ DROP TABLE users /*/", RejectionReason.AMBIGUOUS_SYNTAX, "'/*' at position 22");
    }

    @Test
    void everyStringFormBecomesAPlainLiteral() {
        assertThat(normalize("SELECT E'a\\'b\\n\\101\\x42\\u0043', $$it's$$, $t$x$t$, U&'\\0041', U&'!0042' UESCAPE '!'")
                .sql()).isEqualTo("SELECT 'a''b\nABC', 'it''s', 'x', 'A', 'B'");
    }

    @Test
    void escapedBytesAreDecodedAsUtf8() {
        assertThat(normalize("SELECT E'\\xC3\\xA9', E'\\uD83D\\uDE00', U&'\\+01F600'").sql())
                .isEqualTo("SELECT 'é', '\uD83D\uDE00', '\uD83D\uDE00'");
    }

    @Test
    void unicodeEscapedIdentifiersAreDecodedAndSeenAsCalls() {
        SqlNormalizer.Normalized normalized = normalize("SELECT U&\"pg_\\0061dvisory_lock\"(1), U&\"x!0041\" UESCAPE '!'");

        assertThat(normalized.sql()).isEqualTo("SELECT \"pg_advisory_lock\"(1), \"xA\"");
        assertThat(normalized.calledNames()).containsExactly("pg_advisory_lock");
    }

    @Test
    void backslashesStayLiteralInStandardStringsButNotInTheParsedText() {
        SqlNormalizer.Normalized normalized = normalize("SELECT 'a\\', pg_sleep(1), 'b'");

        assertThat(normalized.sql()).isEqualTo("SELECT 'a\\', pg_sleep(1), 'b'");
        assertThat(normalized.parseSql()).isEqualTo("SELECT 'a/', pg_sleep(1), 'b'");
        assertThat(normalized.calledNames()).containsExactly("pg_sleep");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT q'[ ', pg_advisory_lock(1), ' ]'", "SELECT X'1F'", "SELECT N'x'", "SELECT B'101'",
            "SELECT _utf8'x'", "SELECT r'x'", "SELECT x\"y\""})
    void aNameGluedToAQuoteIsRefused(String sql) {
        // JSqlParser reads q'[...]' (Oracle), N'', R'', _utf8'' as one string, H2 reads X'' as bytes, PostgreSQL
        // reads a typed literal q '[ ' and calls the function: not one reading, so none.
        assertRejected(sql, RejectionReason.AMBIGUOUS_SYNTAX, "a name glued to a quote at position 8");
    }

    @Test
    void aCanonicalStringGetsASpaceWhereRemovingAPrefixWouldGlueIt() {
        // "a""b" would be one name: the decoded identifiers stay apart.
        assertThat(normalize("SELECT U&\"a\"U&\"b\"").sql()).isEqualTo("SELECT \"a\" \"b\"");
    }

    @Test
    void theParsedTextHasNoLineBreaks() {
        // JSqlParser splits statements at three line breaks or a line holding only / or go.
        SqlNormalizer.Normalized normalized = normalize("SELECT 1 AS go\ngo\n\n\nFROM t");

        assertThat(normalized.sql()).isEqualTo("SELECT 1 AS go\ngo\n\n\nFROM t");
        assertThat(normalized.parseSql()).isEqualTo("SELECT 1 AS go go   FROM t");
    }

    @Test
    void callsAreNamesBeforeAParenthesisAcrossWhitespaceAndComments() {
        assertThat(normalize("SELECT pg_catalog . \"PG_Sleep\" /* x */ (1), lower('A'), x IN (1)").calledNames())
                .containsExactly("pg_sleep", "lower", "in");
    }

    @Test
    void numbersArePlainDecimal() {
        assertThat(normalize("SELECT 1, 1.5, .5, 1., 1e5, 1.5E-3, 2e+3, a.5").sql())
                .isEqualTo("SELECT 1, 1.5, .5, 1., 1e5, 1.5E-3, 2e+3, a.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT 0x1F", "SELECT 0o17", "SELECT 0b101", "SELECT 1_000", "SELECT 1L", "SELECT 1e",
            "SELECT 1..2", "SELECT 1.5.3", "SELECT 1$", "SELECT 1@2", "SELECT 1'a'"})
    void numbersThatReadersReadDifferentlyAreRefused(String sql) {
        // PostgreSQL 16+ reads 0x1F, 0o17, 0b101 and 1_000 as numbers, older ones and JSqlParser as a number and a
        // name; H2 reads 1L as a BIGINT, 1..2 as 1. and .2, PostgreSQL as 1, '.' and .2.
        assertRejected(sql, RejectionReason.AMBIGUOUS_SYNTAX, "at position 8: a number must be plain decimal");
    }

    @Test
    void firstWordIsTheFirstKeyword() {
        assertThat(normalize("/* x */ (select 1)").firstWord()).isEqualTo("select");
    }

    @Test
    void textAfterASemicolonIsAnotherStatement() {
        assertRejected("SELECT 1; DROP TABLE users", RejectionReason.MULTIPLE_STATEMENTS, "position 9");
        assertRejected("SELECT 1;;", RejectionReason.MULTIPLE_STATEMENTS, "only one statement");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "-- nothing", "/* nothing */ ;"})
    void nothingButCommentsIsEmpty(String sql) {
        assertRejected(sql, RejectionReason.EMPTY, "empty");
    }

    @Test
    void nestingIsCapped() {
        String allowed = "SELECT " + "(".repeat(SqlNormalizer.MAX_NESTING_DEPTH) + "1" + ")".repeat(SqlNormalizer.MAX_NESTING_DEPTH);
        assertThat(normalize(allowed).sql()).isEqualTo(allowed);

        assertRejected("SELECT " + "(".repeat(5000) + "1" + ")".repeat(5000), RejectionReason.TOO_DEEPLY_NESTED, "100 levels");
        assertRejected("SELECT " + "[".repeat(101), RejectionReason.TOO_DEEPLY_NESTED, "100 levels");
    }

    @Test
    void charactersOtherParsersReadDifferentlyAreRefused() {
        assertRejected("SELECT `pg_sleep`(1)", RejectionReason.AMBIGUOUS_SYNTAX, "'`' outside string literals at position 8");
        assertRejected("SELECT {fn pg_sleep(1)}", RejectionReason.AMBIGUOUS_SYNTAX, "'{' outside string literals");
        assertRejected("SELECT 1 \\ 2", RejectionReason.AMBIGUOUS_SYNTAX, "'\\' outside string literals");
        assertRejected("SELECT\u00a0pg_sleep(1)", RejectionReason.AMBIGUOUS_SYNTAX, "U+00A0 at position 7");
        assertRejected("SELECT 1\u200b", RejectionReason.AMBIGUOUS_SYNTAX, "U+200B");
        assertRejected("SELECT\u000b1", RejectionReason.AMBIGUOUS_SYNTAX, "control character U+000B at position 7");
        assertRejected("SELECT 1 // 2", RejectionReason.AMBIGUOUS_SYNTAX, "'//' at position 10");
        assertRejected("SELECT 1 # 2", RejectionReason.AMBIGUOUS_SYNTAX, "'#' outside string literals at position 10");
        assertRejected("SELECT 1pg_sleep(1)", RejectionReason.AMBIGUOUS_SYNTAX, "number 1pg_sleep at position 8");
        assertRejected("SELECT 0xZZ", RejectionReason.AMBIGUOUS_SYNTAX, "number 0xZZ at position 8");
        assertRejected("SELECT $x", RejectionReason.AMBIGUOUS_SYNTAX, "'$' outside a dollar-quoted string");
        assertRejected("SELECT $1", RejectionReason.AMBIGUOUS_SYNTAX, "'$' outside a dollar-quoted string");
        assertRejected("SELECT a$b", RejectionReason.AMBIGUOUS_SYNTAX, "'$' directly after a name at position 9");
        assertRejected("SELECT a@b", RejectionReason.AMBIGUOUS_SYNTAX, "'@' directly after a name");
        assertRejected("SELECT @x", RejectionReason.AMBIGUOUS_SYNTAX, "'@' directly before a name");
        assertRejected("SELECT ??(1??)", RejectionReason.AMBIGUOUS_SYNTAX, "'??' at position 8");
        assertRejected("SELECT ?1", RejectionReason.AMBIGUOUS_SYNTAX, "'?' followed by a digit");
        assertRejected("SELECT 'a' 'b'", RejectionReason.AMBIGUOUS_SYNTAX, "a string literal directly after another at position 12");
        assertRejected("SELECT 'a'\n'b'", RejectionReason.AMBIGUOUS_SYNTAX, "a string literal directly after another");
        assertRejected("SELECT $$a$$/**/'b'", RejectionReason.AMBIGUOUS_SYNTAX, "a string literal directly after another");
    }

    @Test
    void malformedLiteralsAreUnparseable() {
        assertRejected("SELECT 'a\u0000b'", RejectionReason.UNPARSEABLE, "NUL");
        assertRejected("SELECT '\ud800'", RejectionReason.UNPARSEABLE, "unpaired surrogate U+D800 at position 9");
        assertRejected("SELECT U&'\\0000'", RejectionReason.UNPARSEABLE, "invalid Unicode escape value");
        assertRejected("SELECT E'\\xC3'", RejectionReason.UNPARSEABLE, "not valid UTF-8");
        assertRejected("SELECT \"a\\b\"", RejectionReason.UNPARSEABLE, "quoted identifier");
        assertRejected("SELECT \"\"", RejectionReason.UNPARSEABLE, "zero-length");
    }

    @Test
    void h2HasNeitherEscapeStringsNorTaggedDollarQuotes() {
        assertThat(SqlNormalizer.normalize("SELECT $$it's$$, U&'\\0041'", SqlDialect.H2).sql()).isEqualTo("SELECT 'it''s', 'A'");
        assertThatThrownBy(() -> SqlNormalizer.normalize("SELECT E'\\'', 1", SqlDialect.H2))
                .isInstanceOfSatisfying(QueryRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.AMBIGUOUS_SYNTAX))
                .hasMessageStartingWith("E'...' at position 8: escape strings exist only in PostgreSQL");
        assertThatThrownBy(() -> SqlNormalizer.normalize("SELECT $t$x$t$", SqlDialect.H2))
                .isInstanceOfSatisfying(QueryRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.AMBIGUOUS_SYNTAX))
                .hasMessageStartingWith("$t$...$t$ at position 8: dollar-quoted strings with a tag exist only in PostgreSQL");
    }

    @Test
    void onH2ABracketMayNotQuoteALiteralOrBeCalled() {
        // In H2's MSSQLServer mode [ quotes a name up to the first ].
        assertThat(SqlNormalizer.normalize("SELECT ARRAY[1, 2][1], ARRAY['a']", SqlDialect.H2).sql())
                .isEqualTo("SELECT ARRAY[1, 2][1], ARRAY['a']");
        assertThatThrownBy(() -> SqlNormalizer.normalize("SELECT ARRAY[']', FILE_READ('/etc/hostname'), '[']", SqlDialect.H2))
                .hasMessageStartingWith("a literal holding ']' inside '[...]' at position 14");
        assertThatThrownBy(() -> SqlNormalizer.normalize("SELECT [FILE_READ] ('/etc/hostname')", SqlDialect.H2))
                .hasMessageStartingWith("'(' directly after ']' at position 20");
        assertThat(normalize("SELECT ARRAY[']']").sql()).isEqualTo("SELECT ARRAY[']']");
    }

    @Test
    void unterminatedLiteralsAndCommentsAreRefused() {
        assertRejected("SELECT 'abc", RejectionReason.UNPARSEABLE, "unterminated string literal at position 8");
        assertRejected("SELECT \"abc", RejectionReason.UNPARSEABLE, "unterminated quoted identifier");
        assertRejected("SELECT $a$ abc $b$", RejectionReason.UNPARSEABLE, "unterminated dollar-quoted string");
        assertRejected("/* DROP TABLE users", RejectionReason.UNPARSEABLE, "unterminated comment at position 1");
        assertRejected("SELECT U&'x' UESCAPE 'a'", RejectionReason.UNPARSEABLE, "invalid UESCAPE clause");
    }
}
