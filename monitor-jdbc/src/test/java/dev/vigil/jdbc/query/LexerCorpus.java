package dev.vigil.jdbc.query;

import static dev.vigil.jdbc.query.RejectionReason.AMBIGUOUS_SYNTAX;
import static dev.vigil.jdbc.query.RejectionReason.MULTIPLE_STATEMENTS;
import static dev.vigil.jdbc.query.RejectionReason.UNPARSEABLE;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs for the lexer agreement tests: the lexical tricks an attacker would try (each with what
 * {@link SqlNormalizer} must do with it on each dialect), plus every query of the attack corpus and
 * of the validator and normaliser tests, so that whatever those tests let through is also compared
 * token by token with the databases' own lexers.
 */
final class LexerCorpus {

    /**
     * One input and the lexer's verdict.
     *
     * @param onPostgres why the PostgreSQL lexer refuses it, or {@code null} if it accepts it
     * @param onH2       the same for H2
     */
    record Case(String name, String sql, @Nullable RejectionReason onPostgres, @Nullable RejectionReason onH2) {

        Case(String name, String sql, @Nullable RejectionReason both) {
            this(name, sql, both, both);
        }

        @Nullable RejectionReason expected(SqlDialect dialect) {
            return dialect == SqlDialect.H2 ? onH2 : onPostgres;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Case> CASES = List.of(
            // comments
            new Case("// comment", "SELECT 1 AS a // '\n, FILE_READ('/etc/hostname', NULL) --'", AMBIGUOUS_SYNTAX),
            new Case("// inside a string", "SELECT '//' AS a, 'http://x' AS b", null),
            new Case("// inside a comment", "SELECT 1 -- see http://x\n, 2 /* // */", null),
            new Case("# comment", "SELECT 1 # '\n, pg_sleep(1) --'", AMBIGUOUS_SYNTAX),
            new Case("# inside literals", "SELECT '#' AS \"#\"", null),
            new Case("-- ends at LF", "SELECT 1 -- ' \n, 'x'", null),
            new Case("-- ends at CR", "SELECT 1 -- ' \r, 'x'", null),
            new Case("-- ends at CRLF", "SELECT 1 -- ' \r\n, 'x'", null),
            new Case("-- does not end at U+2028", "SELECT 1 -- \u2028, pg_sleep(1)", null),
            new Case("-- does not end at NEL", "SELECT 1 -- \u0085, pg_sleep(1)", null),
            new Case("-- at the very end", "SELECT 1 --", null),
            new Case("flat block comment", "SELECT 1 /* ' \" -- */ + 2", null),
            new Case("comment between tokens", "SELECT/**/1/**/AS/**/a", null),
            new Case("comment closer twice", "SELECT 1 /* a */ */ 2", null),
            new Case("stars in a comment", "SELECT 1 /*** a ***/ + /**/ 2", null),
            new Case("nested comment", "SELECT 1 /* /* */ , pg_sleep(1) -- */", AMBIGUOUS_SYNTAX),
            new Case("slash-star-slash", "/*/ DROP TABLE users /*/", AMBIGUOUS_SYNTAX),
            new Case("unterminated comment", "SELECT 1 /* ", UNPARSEABLE),
            new Case("comment markers in strings", "SELECT '/*', '*/', '--', \"/*\"", null),
            new Case("quote in a comment", "SELECT 1 /* ' */, 'x' -- '", null),
            // strings
            new Case("doubled quotes", "SELECT 'it''s', '''', ''", null),
            new Case("backslash at the end of a string", "SELECT 'a\\', 'b'", null),
            new Case("backslash before a doubled quote", "SELECT 'a\\''', pg_sleep(1)", null),
            new Case("backslash quote outside", "SELECT 'a\\'', pg_sleep(1), '\\''", AMBIGUOUS_SYNTAX),
            new Case("newlines in a string", "SELECT 'a\nb\r\nc\td'", null),
            new Case("two strings", "SELECT 'a' 'b'", AMBIGUOUS_SYNTAX),
            new Case("two strings across LF", "SELECT 'a'\n'b'", AMBIGUOUS_SYNTAX),
            new Case("two strings across a comment", "SELECT 'a' -- c\n'b'", AMBIGUOUS_SYNTAX),
            new Case("two strings across a block comment", "SELECT 'a'/* */'b'", AMBIGUOUS_SYNTAX),
            new Case("string after dollar string", "SELECT $$a$$'b'", AMBIGUOUS_SYNTAX),
            new Case("dollar string after string", "SELECT 'a'$$b$$", AMBIGUOUS_SYNTAX),
            new Case("string, word, string", "SELECT 'a' || 'b', DATE '2024-01-02', 'x' AS \"y\"", null),
            new Case("unterminated string", "SELECT 'abc", UNPARSEABLE),
            // dollar quotes
            new Case("$$", "SELECT $$it's$$, $$a\\b$$", null),
            new Case("$$ holding quotes and comments", "SELECT $$ ' -- /* \" $$", null),
            new Case("$$ holding a tag", "SELECT $$ $a$ $$", null),
            new Case("$tag$", "SELECT $a$ ' $$ $a$", null, AMBIGUOUS_SYNTAX),
            new Case("$tag$ with digits", "SELECT $_a1$x$_a1$", null, AMBIGUOUS_SYNTAX),
            new Case("$tag$ is case-sensitive", "SELECT $a$ $A$ $a$", null, AMBIGUOUS_SYNTAX),
            new Case("non-ASCII tag", "SELECT $\u00e9$x$\u00e9$", AMBIGUOUS_SYNTAX),
            new Case("$1", "SELECT $1", AMBIGUOUS_SYNTAX),
            new Case("$ alone", "SELECT $", AMBIGUOUS_SYNTAX),
            new Case("$ in a name", "SELECT a$b", AMBIGUOUS_SYNTAX),
            new Case("$$ glued to a name", "SELECT a$$b$$", AMBIGUOUS_SYNTAX),
            new Case("$$ glued to a number", "SELECT 1$$b$$", AMBIGUOUS_SYNTAX),
            new Case("unterminated $$", "SELECT $$abc", UNPARSEABLE),
            // escape strings
            new Case("E'' with \\'", "SELECT E'\\'', pg_sleep(1), E'\\''", null, AMBIGUOUS_SYNTAX),
            new Case("E'' with \\\\", "SELECT E'\\\\', 'x'", null, AMBIGUOUS_SYNTAX),
            new Case("E'' with octal, hex and unicode quotes", "SELECT E'\\047\\x27\\u0027\\U00000027'", null, AMBIGUOUS_SYNTAX),
            new Case("E'' with a doubled quote", "SELECT e'a''b'", null, AMBIGUOUS_SYNTAX),
            new Case("E'' with a line break", "SELECT E'a\\nb', E'\\r\\t\\b\\f'", null, AMBIGUOUS_SYNTAX),
            new Case("E'' NUL", "SELECT E'\\000'", UNPARSEABLE, AMBIGUOUS_SYNTAX),
            new Case("E'' after a string", "SELECT 'a' E'b'", AMBIGUOUS_SYNTAX),
            new Case("E as a name", "SELECT e FROM (SELECT 1 AS e) t", null),
            // unicode escapes
            new Case("U& string", "SELECT U&'\\0041\\+01F600', u&'d\\0061t\\0061'", null),
            new Case("U& quote", "SELECT U&'\\0027, pg_sleep(1) --'", null),
            new Case("U& with UESCAPE", "SELECT U&'!0027' UESCAPE '!', 1", null),
            new Case("U& with UESCAPE after a comment", "SELECT U&'!0041' /* c */ UESCAPE /* d */ '!'", null),
            new Case("U& identifier", "SELECT 1 AS U&\"\\0061\", U&\"b!0063\" UESCAPE '!'", null),
            new Case("U& identifiers glued", "SELECT 1 AS U&\"a\"U&\"b\"", null),
            new Case("U& then a string", "SELECT U&'a' 'b'", AMBIGUOUS_SYNTAX),
            new Case("U& with quote escape", "SELECT U&'a' UESCAPE ''''", UNPARSEABLE),
            new Case("U& with hex escape", "SELECT U&'a' UESCAPE 'a'", UNPARSEABLE),
            new Case("U& with space", "SELECT U& 'a'", null),
            new Case("UESCAPE after a plain string", "SELECT 'a' UESCAPE '!'", null),
            new Case("second UESCAPE", "SELECT U&'a' UESCAPE '!' UESCAPE '?'", null),
            new Case("U& identifier, UESCAPE, string", "SELECT U&\"a\" UESCAPE '!' 'b'", null),
            new Case("E glued after a name", "SELECT xE'a'", AMBIGUOUS_SYNTAX),
            // prefixes
            new Case("N''", "SELECT N'x'", AMBIGUOUS_SYNTAX),
            new Case("X''", "SELECT X'1F'", AMBIGUOUS_SYNTAX),
            new Case("x'' lower case", "SELECT x'1f'", AMBIGUOUS_SYNTAX),
            new Case("B''", "SELECT B'101'", AMBIGUOUS_SYNTAX),
            new Case("q'[]'", "SELECT q'[ ', pg_sleep(1), ' ]'", AMBIGUOUS_SYNTAX),
            new Case("R''", "SELECT R'x'", AMBIGUOUS_SYNTAX),
            new Case("_utf8''", "SELECT _utf8'x'", AMBIGUOUS_SYNTAX),
            new Case("name glued to a quoted name", "SELECT a\"b\"", AMBIGUOUS_SYNTAX),
            new Case("typed literals with spaces", "SELECT TIMESTAMP '2024-01-02 03:04:05', INTERVAL '1' DAY", null),
            // numbers
            new Case("plain numbers", "SELECT 0, 12, 1.5, .5, 1., 1e5, 1E+5, 1.5e-3, 007, 99999999999999999999999", null),
            new Case("number and dot name", "SELECT t.a, 1 FROM (SELECT 1 AS a) t WHERE t.a=.5+1.", null),
            new Case("fraction point then exponent", "SELECT 1.e5, 2.E-1", null),
            new Case("comment right after a number", "SELECT 1--x\n, 2/*y*/3", null),
            new Case("operator running into --", "SELECT 1 <--> 2\n, 3", null),
            new Case("exponent then dot", "SELECT 1e5.", AMBIGUOUS_SYNTAX),
            new Case("0x", "SELECT 0x1F", AMBIGUOUS_SYNTAX),
            new Case("0b", "SELECT 0b101", AMBIGUOUS_SYNTAX),
            new Case("0o", "SELECT 0o17", AMBIGUOUS_SYNTAX),
            new Case("underscores", "SELECT 1_000", AMBIGUOUS_SYNTAX),
            new Case("L suffix", "SELECT 1L", AMBIGUOUS_SYNTAX),
            new Case("exponent without digits", "SELECT 1e", AMBIGUOUS_SYNTAX),
            new Case("1..2", "SELECT 1..2", AMBIGUOUS_SYNTAX),
            new Case("1.5.3", "SELECT 1.5.3", AMBIGUOUS_SYNTAX),
            new Case("digits into a name", "SELECT 1pg_sleep(1)", AMBIGUOUS_SYNTAX),
            new Case("number glued to a string", "SELECT 1'a'", AMBIGUOUS_SYNTAX),
            // names, operators and punctuation
            new Case("quoted names", "SELECT \"a\"\"b\", \"it's\", \"\u00e9\u00e8\" FROM \"users\"", null),
            new Case("quoted name glued to a string", "SELECT \"a\"'b'", null),
            new Case("operators", "SELECT 1<=2, 1<>2, 1!=2, 1>=-2, 'a'||'b', 3%2, ~1, 2^3, |/4, 1::text, a->>'b', x#>'{a}'",
                    AMBIGUOUS_SYNTAX),
            new Case("operators without #", "SELECT 1<=2, 1<>2, 1!=2, 1>=-2, 'a'||'b', 3%2, ~1, 2^3, |/4, 1::text, a->>'b'",
                    null),
            new Case("minus minus", "SELECT 1 - -1, 2--1\n, 3", null),
            new Case("containment", "SELECT ARRAY[1] @> ARRAY[1], ARRAY[1] <@ ARRAY[1]", null),
            new Case("@ glued to a name", "SELECT a@b", AMBIGUOUS_SYNTAX),
            new Case("@ before a name", "SELECT @x", AMBIGUOUS_SYNTAX),
            new Case("@@ before a name", "SELECT @@version", AMBIGUOUS_SYNTAX),
            new Case("@ with spaces", "SELECT @ -5", null),
            new Case("jsonb ?", "SELECT a ? 'k', a ?| ARRAY['k'], a ?& ARRAY['k'] FROM t", null),
            new Case("??(", "SELECT ARRAY??(1??)", AMBIGUOUS_SYNTAX),
            new Case("?1", "SELECT ?1", AMBIGUOUS_SYNTAX),
            new Case("backslash", "SELECT 1 \\ 2", AMBIGUOUS_SYNTAX),
            new Case("backtick", "SELECT `a`", AMBIGUOUS_SYNTAX),
            new Case("JDBC fn escape", "SELECT {fn now()}", AMBIGUOUS_SYNTAX),
            new Case("JDBC d escape", "SELECT {d '2024-01-02'}", AMBIGUOUS_SYNTAX),
            new Case("JDBC escape in a string", "SELECT '{fn now()}', \"{d}\"", null),
            new Case("brackets", "SELECT ARRAY[1, 2][1], ARRAY[[1]], ARRAY['a'], ARRAY[\"b\"]", null),
            new Case("bracket around a literal", "SELECT ARRAY[']', 1, '[']", null, AMBIGUOUS_SYNTAX),
            new Case("bracket around a quoted name", "SELECT ARRAY[\"]\"]", null, AMBIGUOUS_SYNTAX),
            new Case("bracketed name called", "SELECT [x] (1)", null, AMBIGUOUS_SYNTAX),
            new Case("semicolon and comment", "SELECT 1; -- done\n", null),
            new Case("second statement", "SELECT 1; SELECT 2", MULTIPLE_STATEMENTS),
            // whitespace and characters
            new Case("tab, form feed, CR", "SELECT\t1\f,\r2", null),
            new Case("three line breaks", "SELECT 1 AS x\n\n\nFROM users", null),
            new Case("a line holding go", "SELECT 1 AS a\ngo\n", null),
            new Case("a line holding /", "SELECT 4\n/\n2", null),
            new Case("vertical tab", "SELECT\u000b1", AMBIGUOUS_SYNTAX),
            new Case("escape character", "SELECT 1\u001b", AMBIGUOUS_SYNTAX),
            new Case("DEL", "SELECT a\u007fb", AMBIGUOUS_SYNTAX),
            new Case("NUL", "SELECT 1\u0000", UNPARSEABLE),
            new Case("no-break space", "SELECT\u00a01", AMBIGUOUS_SYNTAX),
            new Case("ideographic space", "SELECT\u30001", AMBIGUOUS_SYNTAX),
            new Case("line separator", "SELECT\u20281", AMBIGUOUS_SYNTAX),
            new Case("zero-width space", "SELECT pg_\u200bsleep(1)", AMBIGUOUS_SYNTAX),
            new Case("byte order mark", "\ufeffSELECT 1", AMBIGUOUS_SYNTAX),
            new Case("Cyrillic a", "SELECT \u0430", AMBIGUOUS_SYNTAX),
            new Case("accented name", "SELECT caf\u00e9", AMBIGUOUS_SYNTAX),
            new Case("fullwidth SELECT", "\uff33\uff25\uff2c\uff25\uff23\uff34 1", AMBIGUOUS_SYNTAX),
            new Case("emoji in literals", "SELECT '\ud83d\ude00' AS \"\ud83d\ude00\"", null),
            new Case("unpaired surrogate", "SELECT '\udc00'", UNPARSEABLE),
            new Case("control character in a quoted name", "SELECT 1 AS \"a\tb\"", UNPARSEABLE),
            new Case("empty", " /* */ -- \n", RejectionReason.EMPTY));

    private LexerCorpus() {
    }

    /** The lexical tricks, with the lexer's expected verdict. */
    static List<Case> cases() {
        return CASES;
    }

    /**
     * Every input to compare, by name: the lexical tricks, the attack corpus, and the queries of
     * {@link QueryValidatorTest} and {@link SqlNormalizerTest} (read from their
     * {@code @ValueSource} and {@code @CsvSource} annotations, first column), and a few queries the
     * runner tests run.
     */
    static Map<String, String> inputs() {
        Map<String, String> inputs = new LinkedHashMap<>();
        for (Case c : CASES) {
            inputs.put("lexer: " + c.name(), c.sql());
        }
        for (AttackCorpus.Attack attack : AttackCorpus.attacks()) {
            inputs.put("attack: " + attack.name(), attack.sql());
        }
        for (Class<?> test : List.of(QueryValidatorTest.class, SqlNormalizerTest.class)) {
            Method[] methods = test.getDeclaredMethods();
            Arrays.sort(methods, Comparator.comparing(Method::getName));
            for (Method method : methods) {
                List<String> queries = new ArrayList<>();
                ValueSource values = method.getAnnotation(ValueSource.class);
                if (values != null) {
                    queries.addAll(List.of(values.strings()));
                }
                CsvSource csv = method.getAnnotation(CsvSource.class);
                if (csv != null) {
                    Stream.of(csv.value()).map(row -> row.substring(0, row.indexOf(csv.delimiter())).strip())
                            .forEach(queries::add);
                }
                for (int i = 0; i < queries.size(); i++) {
                    inputs.putIfAbsent(test.getSimpleName() + "." + method.getName() + "[" + (i + 1) + "]", queries.get(i));
                }
            }
        }
        inputs.put("runner: values on H2", """
                SELECT 1 AS i, CAST(9007199254740993 AS BIGINT) AS big, CAST(1.50 AS NUMERIC(5, 2)) AS n, 'x' AS t, TRUE AS b,
                       CAST(NULL AS INT) AS nothing, STRINGTOUTF8('ab') AS bytes, TIMESTAMP '2024-01-02 03:04:05' AS ts,
                       DATE '2024-01-02' AS d, ARRAY[1, 2] AS arr""");
        inputs.put("runner: values on PostgreSQL", """
                SELECT 1::int AS i, 'NaN'::float8 AS nan, '\\x0102'::bytea AS bytes, TIMESTAMPTZ '2024-01-02 03:04:05+00' AS tstz,
                       ARRAY[1, 2] AS arr, '{"a": 1}'::jsonb AS j, interval '1 day' AS iv""");
        inputs.put("runner: LIKE with dollars", "SELECT id FROM users WHERE password_hash LIKE '$2a$10$a%'");
        inputs.put("runner: long comment", "SELECT 1 AS one /*" + "x".repeat(300) + "*/");
        return inputs;
    }
}
