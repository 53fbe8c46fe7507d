package dev.vigil.jdbc.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The decisions of {@link QueryValidator}, without a database. */
class QueryValidatorTest {

    private final QueryValidator validator = new QueryValidator(QueryRunnerSettings.ofDefaults());

    private static void assertRejected(QueryValidator validator, String sql, RejectionReason reason, String messagePart) {
        assertThatThrownBy(() -> validator.validate(sql, SqlDialect.POSTGRESQL))
                .isInstanceOfSatisfying(QueryRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(messagePart);
    }

    private void assertRejected(String sql, RejectionReason reason, String messagePart) {
        assertRejected(validator, sql, reason, messagePart);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT id, name FROM users ORDER BY id",
            "select count(*), max(id) FROM users WHERE name ILIKE 'a%' GROUP BY email HAVING count(*) > 1",
            "WITH t AS (SELECT id FROM users) SELECT * FROM t",
            "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 5) SELECT n FROM t",
            "VALUES (1, 'a'), (2, 'b')",
            "TABLE users",
            "EXPLAIN SELECT * FROM users WHERE id = 1",
            "EXPLAIN (FORMAT JSON, VERBOSE) SELECT 1",
            "SELECT * FROM users",
            "SELECT u.id, u.password_hash, password_hash AS old_password FROM users u",
            "SELECT pg_size_pretty(pg_database_size(current_database())), version(), pg_catalog.lower('A')",
            "SELECT now() - interval '1 hour', '{\"a\": 1}'::jsonb ->> 'a', ARRAY[1, 2], E'tab\\there'",
            "SELECT pid, state, query FROM pg_stat_activity WHERE state <> 'idle'",
            "SELECT * FROM users u JOIN LATERAL (SELECT count(*) AS n FROM secrets s WHERE s.user_id = u.id) c ON true",
            "SELECT id FROM users WHERE EXISTS (SELECT * FROM secrets WHERE secrets.user_id = users.id)",
            "SELECT count(*) OVER (PARTITION BY name ORDER BY id), row_number() OVER () FROM users",
            "(SELECT 1) UNION ALL (SELECT 2) ORDER BY 1",
            "SELECT * FROM users; -- trailing comment",
            "SELECT 1 /* a comment */ -- another\r, 2",
    })
    void queriesPass(String sql) {
        assertThat(validator.validate(sql, SqlDialect.POSTGRESQL)).isNotBlank();
    }

    @Test
    void theCanonicalTextIsWhatRuns() {
        assertThat(validator.validate("SELECT $$it's$$ /* c */ FROM users;", SqlDialect.POSTGRESQL)).isEqualTo("SELECT 'it''s'   FROM users");
    }

    @Test
    void deepButReasonableNestingPasses() {
        int depth = SqlNormalizer.MAX_NESTING_DEPTH;
        assertThat(validator.validate("SELECT " + "(".repeat(depth) + "1" + ")".repeat(depth), SqlDialect.POSTGRESQL)).isNotBlank();
        assertThat(validator.validate("SELECT " + "abs(".repeat(depth) + "1" + ")".repeat(depth), SqlDialect.POSTGRESQL)).isNotBlank();
        assertThat(validator.validate("SELECT * FROM " + "(SELECT * FROM ".repeat(depth) + "users" + ") x".repeat(depth), SqlDialect.POSTGRESQL))
                .isNotBlank();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SET search_path = evil                    | SET is not a query",
            "SET TRANSACTION READ WRITE                | SET is not a query",
            "COPY users TO '/tmp/users.csv'            | COPY is not a query",
            "DO $$ BEGIN DELETE FROM users; END $$     | DO is not a query",
            "CALL CSVWRITE('/tmp/x.csv', 'SELECT 1')   | CALL is not a query",
            "LOCK TABLE users IN ACCESS EXCLUSIVE MODE | LOCK is not a query",
            "LISTEN vigil                              | LISTEN is not a query",
            "NOTIFY vigil                              | NOTIFY is not a query",
            "PREPARE p AS DELETE FROM users            | PREPARE is not a query",
            "EXECUTE p                                 | EXECUTE is not a query",
            "BEGIN                                     | BEGIN is not a query",
            "COMMIT                                    | COMMIT is not a query",
            "ROLLBACK                                  | ROLLBACK is not a query",
            "DELETE FROM users                         | DELETE is not a query",
            "TRUNCATE users                            | TRUNCATE is not a query",
            "DROP TABLE users                          | DROP is not a query",
            "SHOW search_path                          | SHOW is not a query",
            "EXPLAIN DELETE FROM users                 | EXPLAIN is only allowed for a query",
    })
    void statementsThatAreNotQueriesAreRejected(String sql, String message) {
        assertRejected(sql, RejectionReason.NOT_A_QUERY, message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT * FROM users FOR UPDATE                          | FOR UPDATE locks rows",
            "SELECT * FROM users FOR NO KEY UPDATE                   | FOR NO KEY UPDATE",
            "SELECT * FROM users FOR SHARE                           | FOR SHARE",
            "SELECT * FROM users FOR KEY SHARE                       | FOR KEY SHARE",
            "SELECT * FROM users FOR UPDATE SKIP LOCKED              | FOR UPDATE",
            "SELECT * FROM (SELECT * FROM users FOR UPDATE) x        | FOR UPDATE",
            "SELECT id FROM users WHERE id IN (SELECT id FROM users FOR SHARE) | FOR SHARE",
    })
    void lockingClausesAreRejectedAtAnyDepth(String sql, String message) {
        assertRejected(sql, RejectionReason.LOCKING_CLAUSE, message);
    }

    @Test
    void selectIntoIsRejected() {
        assertRejected("SELECT * INTO t2 FROM users", RejectionReason.SELECT_INTO, "SELECT ... INTO creates a table");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "WITH d AS (DELETE FROM users RETURNING *) SELECT * FROM d                          | may not be a DELETE",
            "WITH u AS (UPDATE users SET name = 'x' RETURNING id) SELECT count(*) FROM u        | may not be an UPDATE",
            "WITH i AS (INSERT INTO users (id) VALUES (9) RETURNING id) SELECT * FROM i         | may not be an INSERT",
            "SELECT * FROM (WITH d AS (DELETE FROM users RETURNING id) SELECT id FROM d) x      | may not be a DELETE",
            "WITH a AS (SELECT 1), d AS (DELETE FROM users RETURNING id) SELECT * FROM a        | may not be a DELETE",
    })
    void dataModifyingWithIsRejected(String sql, String message) {
        assertRejected(sql, RejectionReason.DATA_MODIFYING_CTE, message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"EXPLAIN ANALYZE DELETE FROM users", "EXPLAIN (ANALYZE, FORMAT JSON) SELECT 1",
            "EXPLAIN ANALYZE SELECT 1", "EXPLAIN (VERBOSE, ANALYZE) SELECT 1", "EXPLAIN (ANALYZE false) SELECT 1"})
    void explainAnalyzeIsRejected(String sql) {
        assertRejected(sql, RejectionReason.EXPLAIN_ANALYZE, "EXPLAIN ANALYZE executes the statement");
    }

    @Test
    void explainAnalyseWhichTheParserDoesNotKnowIsRejectedToo() {
        assertRejected("EXPLAIN ANALYSE DELETE FROM users", RejectionReason.UNPARSEABLE, "does not parse");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity       | pg_terminate_backend() is not on the list of functions run-query allows on PostgreSQL",
            "select PG_CATALOG.pg_advisory_lock(1)                       | PG_CATALOG.pg_advisory_lock() is not on the list",
            "SELECT \"pg_catalog\".\"PG_ADVISORY_LOCK\"(1)               | \"PG_ADVISORY_LOCK\"() is not on the list",
            "SELECT * FROM pg_advisory_lock(1)                            | pg_advisory_lock() is not on the list",
            "SELECT 1 ORDER BY pg_try_advisory_xact_lock(1)               | pg_try_advisory_xact_lock() is not on the list",
            "SELECT count(*) OVER (ORDER BY pg_advisory_lock(1)) FROM users | pg_advisory_lock() is not on the list",
            "SELECT (SELECT set_config('default_transaction_read_only', 'off', false)) | set_config() is not on the list",
            "SELECT lo_import('/etc/passwd')                              | lo_import() is not on the list",
            "select nextval('s')                                          | nextval() is not on the list",
            "SELECT NEXT VALUE FOR s                                      | NEXT VALUE FOR is not allowed",
            "SELECT users.row_to_json FROM users                          | users.row_to_json is PostgreSQL's attribute notation for row_to_json(...)",
            "SELECT (u).to_jsonb FROM users u                             | (u).to_jsonb is PostgreSQL's attribute notation",
            "SELECT query_to_xml('DELETE FROM users RETURNING 1', true, true, '') | query_to_xml() is not on the list",
            "SELECT * FROM dblink('dbname=x', 'DELETE FROM users') AS t(a int) | dblink() is not on the list",
            "SELECT pg_read_file('/etc/passwd')                           | pg_read_file() is not on the list",
            "SELECT FILE_READ('/etc/passwd')                              | FILE_READ() is not on the list",
            "SELECT * FROM CSVREAD('/etc/passwd')                         | CSVREAD() is not on the list",
            "SELECT txid_current()                                        | txid_current() is not on the list",
            "SELECT pg_notify('c', 'x')                                   | pg_notify() is not on the list",
            "SELECT pg_sleep(1)                                           | pg_sleep() is not on the list",
            "SELECT sleep_ms(1)                                           | sleep_ms() is not on the list",
            "SELECT public.lower(name) FROM users                         | public.lower() is not on the list of functions run-query allows on PostgreSQL: only pg_catalog may qualify",
            "SELECT \"LOWER\"(name) FROM users                            | \"LOWER\"() is not on the list of functions run-query allows on PostgreSQL: quoted in that case",
            "SELECT db.pg_catalog.lower(name) FROM users                  | db.pg_catalog.lower() is not on the list",
            "SELECT sleep_ms(1) OVER () FROM users                        | sleep_ms() is not on the list",
            "SELECT lower(name) OVER () FROM users                        | lower() is not on the list of functions run-query allows on PostgreSQL: it is not an aggregate or window function",
            "SELECT concat_ws(',', VARIADIC ARRAY['a'])                   | concat_ws() is called with keyword arguments",
            "SELECT U&\"pg_\\0061dvisory_lock\"(1)                         | \"pg_advisory_lock\"() is not on the list",
            "SELECT 'a\\', pg_advisory_lock(1), 'b'                       | pg_advisory_lock() is not on the list",
            "SELECT $$ ' $$, pg_advisory_lock(1), $x$ ' $x$               | pg_advisory_lock() is not on the list",
            "SELECT E'\\'', pg_advisory_lock(1), E'\\''                   | pg_advisory_lock() is not on the list",
            "SELECT/*'*/pg_advisory_lock/**/(1)/*'*/                      | pg_advisory_lock() is not on the list",
    })
    void functionsOutsideTheAllowListAreRejectedWhereverAndHoweverWritten(String sql, String message) {
        assertRejected(sql, RejectionReason.DENIED_FUNCTION, message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "H2         | SELECT SLEEP_MS(10)                          | SLEEP_MS() is not on the list of functions run-query allows on H2",
            "H2         | SELECT PUBLIC.SLEEP_MS(10)                   | PUBLIC.SLEEP_MS() is not on the list of functions run-query allows on H2: a built-in function is not qualified",
            "H2         | SELECT \"lower\"('a')                         | \"lower\"() is not on the list of functions run-query allows on H2: quoted in that case",
            "H2         | SELECT MEMORY_USED() FROM SYSTEM_RANGE(1, 10) | MEMORY_USED() is not on the list",
            "H2         | SELECT REGEXP_REPLACE(name, 'a', 'b') FROM users | REGEXP_REPLACE() is not on the list",
            "H2         | SELECT HASH('SHA-256', 'x', 1000)            | HASH() is not on the list",
            "H2         | SELECT DB_OBJECT_SQL('USER', 'SA')           | DB_OBJECT_SQL() is not on the list",
            "H2         | SELECT pg_size_pretty(1)                     | pg_size_pretty() is not on the list of functions run-query allows on H2",
            "H2         | SELECT pg_catalog.lower('a')                 | pg_catalog.lower() is not on the list of functions run-query allows on H2",
            "POSTGRESQL | SELECT SPACE(10)                             | SPACE() is not on the list of functions run-query allows on PostgreSQL",
            "POSTGRESQL | SELECT H2VERSION()                           | H2VERSION() is not on the list",
            "POSTGRESQL | SELECT format('%s', name) FROM users         | format() is not on the list",
            "POSTGRESQL | SELECT jsonb_pretty('{}')                    | jsonb_pretty() is not on the list",
            "POSTGRESQL | SELECT setseed(0.5)                          | setseed() is not on the list",
            "POSTGRESQL | SELECT pg_stat_reset()                       | pg_stat_reset() is not on the list",
    })
    void eachDialectHasItsOwnList(SqlDialect dialect, String sql, String message) {
        assertThatThrownBy(() -> validator.validate(sql, dialect))
                .isInstanceOfSatisfying(QueryRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.DENIED_FUNCTION))
                .hasMessageContaining(message);
    }

    @Test
    void namesResolveAsTheDatabaseResolvesThem() {
        assertThat(validator.validate("SELECT pg_catalog.lower('A'), \"pg_catalog\".\"lower\"('A'), \"lower\"('A'), LOWER('A')",
                SqlDialect.POSTGRESQL)).isNotBlank();
        assertThat(validator.validate("SELECT \"LOWER\"('A'), lower('A'), Lower('A')", SqlDialect.H2)).isNotBlank();
    }

    @Test
    void theLexerBackstopAllowsFunctionsKeywordsAndRelationsWithColumnListsOnly() {
        // The parser reads a type with a modifier here, not a call; only the lexer's list holds the name.
        assertRejected("SELECT CAST(1 AS sleep_ms(10))", RejectionReason.DENIED_FUNCTION,
                "sleep_ms() is not on the list of functions run-query allows on PostgreSQL");
        assertRejected("SELECT 1::string_agg(10)", RejectionReason.VALUE_AMPLIFIER,
                "string_agg() builds one value out of every row");
        assertThat(validator.validate("""
                WITH named(a, b) AS (SELECT 1, 2)
                SELECT CAST(a AS NUMERIC(5, 2)), b::varchar(10), x.n FROM named, (VALUES (1)) AS x(n), generate_series(1, 2) g(m)
                WHERE a IN (1) AND EXISTS (SELECT 1) AND NOT (b = ANY (ARRAY[1])) AND (a) BETWEEN (0) AND (3)
                ORDER BY (a)""", SqlDialect.POSTGRESQL)).isNotBlank();
    }

    @Test
    void formsTheReadersSplitDifferentlyAreRejectedBeforeParsing() {
        // JSqlParser and H2 read // as a comment: FILE_READ would run on H2 unseen by the parser.
        assertRejected("SELECT 1 AS a // '\n, FILE_READ('/etc/hostname', NULL) --'", RejectionReason.AMBIGUOUS_SYNTAX,
                "'//' at position 15");
        // JSqlParser reads q'[...]' (Oracle) as one string; PostgreSQL a typed literal q '[ ' and a call.
        assertRejected("SELECT q'[ ', pg_advisory_lock(1), ' ]'", RejectionReason.AMBIGUOUS_SYNTAX,
                "a name glued to a quote at position 8");
        // JSqlParser reads @x as one variable, PostgreSQL an operator and a name.
        assertRejected("SELECT SET(@x, 1)", RejectionReason.AMBIGUOUS_SYNTAX, "'@' directly before a name");
        assertRejected("SELECT 1 /* /* */ , pg_advisory_lock(1) -- */", RejectionReason.AMBIGUOUS_SYNTAX, "'/*' at position 13");
    }

    static Stream<Arguments> amplifiers() {
        SqlDialect pg = SqlDialect.POSTGRESQL;
        SqlDialect h2 = SqlDialect.H2;
        String cell = "run-query allows at most 65536 (monitor.query.max-cell-chars) across the query";
        String series = "run-query allows at most 100000 rows across the query (monitor.query.max-series-rows)";
        String levels = "values are built up (||, concat, replace, JSON, array or row constructors) at more than one level";
        return Stream.of(
                arguments(pg, "SELECT repeat('a', 600000000)", "repeat() would build a value of 600000000 characters; " + cell),
                arguments(h2, "SELECT REPEAT('a', 600000000)", "repeat() would build a value of 600000000 characters; " + cell),
                arguments(h2, "SELECT SPACE(100000)", "space() would build a value of 100000 characters; " + cell),
                arguments(pg, "SELECT rpad('', 65537)", "rpad() would build a value of 65537 characters; " + cell),
                arguments(pg, "SELECT lpad(name, id) FROM users", "lpad()'s length must be a numeric literal (at most 65536,"
                        + " monitor.query.max-cell-chars)"),
                arguments(pg, "SELECT lpad(name, 1e9) FROM users", "lpad() would build a value of 1000000000 characters"),
                arguments(pg, "SELECT repeat(name, 2) FROM users", "repeat() may only repeat a string literal here"),
                arguments(pg, "SELECT repeat(repeat('ab', 200), 200)", "repeat() would build a value of 80000 characters"),
                arguments(pg, "SELECT lpad('', 40000) || lpad('', 40000)", "(80000 with the other padding and repeating of the query)"),
                arguments(pg, "SELECT to_json(lpad('', 20000))", "lpad() would build a value of 20000 characters (120000 with"
                        + " the functions around it)"),
                arguments(pg, "SELECT CAST(name AS CHAR(100000)) FROM users", "CHAR(100000), padded to its length, would build"),
                arguments(h2, "SELECT CAST(name AS BINARY(100000)) FROM users", "BINARY(100000), padded to its length, would build"),
                arguments(pg, "SELECT * FROM generate_series(1, 100001)", "generate_series(1, 100001) makes 100001 rows; " + series),
                arguments(h2, "SELECT * FROM SYSTEM_RANGE(0, 1000000)", "system_range(0, 1000000) makes 1000001 rows; " + series),
                arguments(h2, "SELECT * FROM GENERATE_SERIES(1, 1000) a, SYSTEM_RANGE(1, 1000) b", "system_range(1, 1000) makes"
                        + " 1000 rows (1000000 with the other series it is joined with)"),
                arguments(pg, "SELECT generate_series(1, id) FROM users", "generate_series()'s start, stop and step must be"
                        + " numeric literals"),
                arguments(pg, "SELECT * FROM generate_series(now() - interval '1 day', now(), interval '1 hour')",
                        "for timestamps, add n * interval '1 hour' to a start"),
                arguments(pg, "SELECT * FROM generate_series(1, 10, 0)", "generate_series() with a step of 0 never ends"),
                arguments(pg, "SELECT replace(name, 'a', email) FROM users", "replace()'s search and replacement must be string"
                        + " literals"),
                arguments(pg, "SELECT replace(name, 'a', '" + "x".repeat(300) + "') FROM users", "replace() can make a value 300"
                        + " times as long as its input; run-query allows nested growth up to 256-fold"),
                arguments(pg, "SELECT regexp_replace(name, 'a', email) FROM users", "regexp_replace()'s replacement must be a"
                        + " string literal"),
                arguments(pg, "SELECT array_to_string(ARRAY[name], name) FROM users", "array_to_string()'s separator and null"
                        + " string must be string literals"),
                arguments(pg, "SELECT jsonb_build_object('a', jsonb_build_object('b', jsonb_build_object('c',"
                        + " jsonb_build_object('d', 1))))", "jsonb_build_object() can make a value 6 times as long as its input,"
                        + " inside functions that already grow it 216-fold"),
                arguments(pg, "SELECT string_agg(name, ',') FROM users", "string_agg() builds one value out of every row it"
                        + " reads, a size no argument bounds; run-query does not allow it on PostgreSQL"),
                arguments(pg, "SELECT jsonb_object_agg(name, id) FROM users", "jsonb_object_agg() builds one value"),
                arguments(pg, "SELECT ARRAY(SELECT id FROM users)", "ARRAY() builds one value"),
                arguments(h2, "SELECT LISTAGG(name, ',') WITHIN GROUP (ORDER BY name) FROM users", "listagg() builds one value"
                        + " out of every row it reads, a size no argument bounds; run-query does not allow it on H2"),
                arguments(h2, "SELECT JSON_ARRAYAGG(name) FROM users", "json_arrayagg() builds one value"),
                arguments(h2, "SELECT JSON_OBJECTAGG(name: id) FROM users", "json_objectagg() builds one value"),
                arguments(h2, "SELECT GROUP_CONCAT(name) FROM users", "GROUP_CONCAT() builds one value"),
                arguments(h2, "SELECT HISTOGRAM(id) FROM users", "HISTOGRAM() builds one value"),
                arguments(h2, "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 3) SELECT n FROM t",
                        "WITH RECURSIVE is not allowed on H2"),
                arguments(pg, "WITH RECURSIVE t(s) AS (SELECT 'x' UNION ALL SELECT s || s FROM t WHERE length(s) < 100)"
                        + " SELECT s FROM t", "a recursive WITH query may not build values"),
                arguments(pg, "WITH RECURSIVE t(s) AS (SELECT 'x' UNION ALL SELECT replace(s, 'x', 'xx') FROM t) SELECT 1",
                        "a recursive WITH query may not build values"),
                arguments(pg, "WITH a AS (SELECT name || name AS v FROM users) SELECT v || v FROM a", levels),
                arguments(h2, "WITH a AS (SELECT name || name AS v FROM users) SELECT CONCAT(v, v) FROM a", levels),
                arguments(pg, "SELECT x || x FROM (SELECT concat(name, name) AS x FROM users) s", levels),
                arguments(pg, "SELECT (SELECT max(name || name) FROM users) || 'x'", levels),
                arguments(pg, "SELECT l.v || l.v FROM users u, LATERAL (SELECT u.name || u.name AS v) l", levels),
                arguments(pg, "WITH a AS (SELECT ARRAY[name, name] AS v FROM users) SELECT ARRAY[v, v] FROM a", levels),
                arguments(pg, "WITH a AS (SELECT (name, name) AS v FROM users) SELECT ROW(v, v) FROM a", levels),
                arguments(pg, "WITH a AS (SELECT 'x' AS v), b AS (SELECT u.w AS v FROM a, unnest(ARRAY[a.v || a.v]) AS u(w)),"
                        + " c AS (SELECT u.w AS v FROM b, unnest(ARRAY[b.v || b.v]) AS u(w)) SELECT length(v) FROM c", levels),
                arguments(pg, "WITH RECURSIVE t(s) AS (SELECT 'x' UNION ALL SELECT u.w FROM t, unnest(ARRAY[t.s || t.s]) AS u(w))"
                        + " SELECT 1", "a recursive WITH query may not build values"));
    }

    @ParameterizedTest
    @MethodSource("amplifiers")
    void valueAmplifiersAreBoundedBeforeTheyRun(SqlDialect dialect, String sql, String message) {
        assertThatThrownBy(() -> validator.validate(sql, dialect))
                .isInstanceOfSatisfying(QueryRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.VALUE_AMPLIFIER))
                .hasMessageContaining(message);
    }

    static Stream<Arguments> boundedAmplifiers() {
        SqlDialect pg = SqlDialect.POSTGRESQL;
        SqlDialect h2 = SqlDialect.H2;
        return Stream.of(
                arguments(pg, "SELECT repeat('-', 20), lpad(name, 20), rpad(name, 20, '.'), replace(name, ' ', '_'),"
                        + " replace(name, 'a', 'aa'), regexp_replace(name, '\\s+', ' ', 'g') FROM users"),
                arguments(h2, "SELECT REPEAT('-', 20), SPACE(3), LPAD(name, 20), REPLACE(name, 'a'), CAST(name AS CHAR(10)) FROM users"),
                arguments(pg, "SELECT repeat(repeat('ab', 128), 256), lpad('', 0)"),
                arguments(pg, "SELECT count(*) FROM generate_series(1, 100000)"),
                arguments(pg, "SELECT n FROM generate_series(0, 1, 0.25) AS g(n)"),
                arguments(pg, "SELECT now() - n * interval '1 hour' FROM generate_series(0, 23) AS g(n)"),
                arguments(pg, "SELECT count(*) FROM generate_series(1, 24) h, generate_series(1, 7) d, generate_series(10, 1, -1) x"),
                arguments(h2, "SELECT COUNT(*) FROM SYSTEM_RANGE(1, 100) a, GENERATE_SERIES(1, 1000) b"),
                arguments(pg, "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 5) SELECT n FROM t"),
                arguments(pg, "WITH a AS (SELECT name || '@' || email AS label FROM users) SELECT label, upper(label) FROM a"),
                arguments(pg, "SELECT name || ' <' || email || '>', concat(id, ':', name) FROM users UNION ALL SELECT 'x' || 'y', 'z'"),
                arguments(pg, "SELECT a || b FROM (SELECT name AS a, email AS b FROM users) s WHERE a || b LIKE '%@%'"),
                arguments(pg, "SELECT jsonb_build_object('a', jsonb_build_object('b', jsonb_build_object('c', name))) FROM users"),
                arguments(pg, "SELECT array_to_string(ARRAY[id, id], ', ') FROM users"),
                arguments(pg, "SELECT CAST('a' AS CHAR(10)), 'a'::varchar(100000000), 'a'::bpchar"));
    }

    @ParameterizedTest
    @MethodSource("boundedAmplifiers")
    void boundedUsesOfAmplifiersPass(SqlDialect dialect, String sql) {
        assertThat(validator.validate(sql, dialect)).isNotBlank();
    }

    @Test
    void amplifierBoundsFollowTheSettings() {
        QueryValidator small = new QueryValidator(QueryRunnerSettings.builder().maxCellChars(100).maxSeriesRows(10).build());

        assertThat(small.validate("SELECT lpad(name, 100) FROM users", SqlDialect.POSTGRESQL)).isNotBlank();
        assertThat(small.validate("SELECT * FROM generate_series(1, 10)", SqlDialect.POSTGRESQL)).isNotBlank();
        assertThatThrownBy(() -> small.validate("SELECT lpad(name, 101) FROM users", SqlDialect.POSTGRESQL))
                .hasMessageContaining("run-query allows at most 100 (monitor.query.max-cell-chars)");
        assertThatThrownBy(() -> small.validate("SELECT * FROM generate_series(1, 11)", SqlDialect.POSTGRESQL))
                .hasMessageContaining("run-query allows at most 10 rows across the query (monitor.query.max-series-rows)");
    }

    @Test
    void tablesOutsideTheAllowListAreRejected() {
        QueryValidator allowList = new QueryValidator(QueryRunnerSettings.builder().allowedTables(List.of("users", "Public.Orders"))
                .build());

        assertThat(allowList.validate("SELECT * FROM users u JOIN public.orders o ON o.user_id = u.id", SqlDialect.POSTGRESQL)).isNotBlank();
        assertThat(allowList.validate("SELECT * FROM other.users", SqlDialect.POSTGRESQL)).isNotBlank();
        assertThat(allowList.validate("WITH secrets AS (SELECT 1 AS x) SELECT * FROM secrets", SqlDialect.POSTGRESQL)).isNotBlank();
        assertThat(allowList.validate("SELECT * FROM generate_series(1, 3)", SqlDialect.POSTGRESQL)).isNotBlank();
        assertRejected(allowList, "SELECT * FROM secrets", RejectionReason.TABLE_NOT_ALLOWED,
                "table secrets is not in the allow-list (monitor.query.allowed-tables)");
        assertRejected(allowList, "SELECT * FROM orders, pg_stat_activity", RejectionReason.TABLE_NOT_ALLOWED,
                "tables orders, pg_stat_activity are not in the allow-list");
        assertRejected(allowList, "SELECT * FROM users WHERE id IN (SELECT user_id FROM \"SECRETS\")",
                RejectionReason.TABLE_NOT_ALLOWED, "secrets");
        // A WITH name hides a table only in its scope: the outer secrets is the real table.
        assertRejected(allowList, "SELECT * FROM secrets, (WITH secrets AS (SELECT 1) SELECT * FROM secrets) x",
                RejectionReason.TABLE_NOT_ALLOWED, "table secrets");
        // Without RECURSIVE a WITH query sees only the ones before it.
        assertRejected(allowList, "WITH a AS (SELECT * FROM secrets), secrets AS (SELECT 1) SELECT * FROM a",
                RejectionReason.TABLE_NOT_ALLOWED, "table secrets");
        assertThat(allowList.validate("WITH RECURSIVE a AS (SELECT * FROM b), b AS (SELECT 1) SELECT * FROM a", SqlDialect.POSTGRESQL)).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT id FROM users WHERE password_hash LIKE 'a%'                 | column password_hash is redacted",
            "SELECT password_hash AS x FROM users                               | column password_hash is redacted",
            "SELECT upper(password_hash) FROM users                             | column password_hash is redacted",
            "SELECT id FROM users ORDER BY password_hash                        | column password_hash is redacted",
            "SELECT (SELECT password_hash FROM users LIMIT 1)                   | column password_hash is redacted",
            "SELECT * FROM (SELECT password_hash FROM users) x                  | column password_hash is redacted",
            "SELECT 'x' UNION ALL SELECT password_hash FROM users               | UNION / INTERSECT / EXCEPT lines up a redacted column",
            "SELECT api_token FROM (SELECT * FROM users) s(a, b, c, api_token)  | renaming the columns of a subquery with *",
            "WITH s(a, b, c, d) AS (SELECT * FROM users) SELECT d FROM s        | renaming the columns of a WITH query with *",
            "SELECT d FROM users u(a, b, c, d)                                  | renaming a table's columns",
            "SELECT 1, 'a', 'b', 'c' UNION ALL SELECT * FROM users              | UNION / INTERSECT / EXCEPT lines up a redacted column (or the columns of *)",
            "SELECT u FROM users u                                              | u names a table or alias of this query",
            "SELECT row_to_json(users) FROM users                               | users names a table or alias",
            "SELECT to_json(s) FROM (SELECT * FROM users) s                     | s names a table or alias",
            "SELECT to_json(u.*) FROM users u                                   | u.* outside the select list",
            "SELECT password_hash(u) FROM users u                               | through function-call notation",
            "SELECT (u).password_hash FROM users u                              | column password_hash is redacted",
            "SELECT id, name, password_hash FROM users WHERE id = 1 UNION ALL SELECT 0, 'guess', '$2a$10$a' ORDER BY 3 | UNION / INTERSECT / EXCEPT",
            "SELECT password_hash FROM users UNION SELECT 'x'                   | UNION / INTERSECT / EXCEPT",
            "SELECT * FROM users EXCEPT SELECT * FROM users WHERE id = 1        | UNION / INTERSECT / EXCEPT",
            "SELECT id, name, password_hash FROM users ORDER BY 3               | ORDER BY 3 refers to a column by its position",
            "SELECT id, name, password_hash FROM users ORDER BY 1               | ORDER BY 1 refers to a column by its position",
            "SELECT * FROM users ORDER BY 4 DESC                                | ORDER BY 4 refers to a column by its position",
            "SELECT * FROM users ORDER BY (4)                                   | ORDER BY (4) refers to a column by its position",
            "SELECT * FROM users ORDER BY -4                                    | ORDER BY -4 refers to a column by its position",
            "SELECT id FROM (SELECT * FROM users ORDER BY 4 LIMIT 1) x          | ORDER BY 4 refers to a column by its position",
            "SELECT password_hash, count(*) FROM users GROUP BY 1               | GROUP BY 1 refers to a column by its position",
            "SELECT DISTINCT ON (1) password_hash FROM users                    | SELECT DISTINCT compares the rows it returns",
            "SELECT DISTINCT password_hash FROM users                           | SELECT DISTINCT compares the rows it returns",
            "SELECT DISTINCT * FROM users                                       | SELECT DISTINCT compares the rows it returns",
            "SELECT DISTINCT u.* FROM users u                                   | SELECT DISTINCT compares the rows it returns",
            "SELECT * FROM users NATURAL JOIN (VALUES ('x')) AS v(password_hash) | NATURAL JOIN compares every column",
            "SELECT * FROM users NATURAL JOIN secrets                           | NATURAL JOIN compares every column",
            "SELECT * FROM (SELECT id FROM users) a NATURAL JOIN (SELECT * FROM secrets) b | NATURAL JOIN compares every column",
            "SELECT * FROM users u JOIN users v USING (password_hash)          | JOIN ... USING (password_hash) compares a redacted column",
            "SELECT 1 FROM (VALUES ('x')) AS v(password_hash)                   | the column list v(..., password_hash, ...) puts a value of the query's choosing",
            "SELECT 1 FROM generate_series(1, 2) AS g(api_token)                | the column list g(..., api_token, ...)",
            "WITH g(password_hash) AS (SELECT 'x') SELECT 1 FROM g              | naming a WITH query's column password_hash",
            "SELECT * FROM (SELECT 'x' AS password_hash) g                      | a value may be labelled password_hash (a redacted name) only in the select list of the outermost select",
            "SELECT 1 WHERE (1, 'a', 'b', 'c') IN (SELECT * FROM users)         | * in a subquery used as a value",
            "SELECT 1 WHERE (1, 'a', 'b', 'c') = (SELECT * FROM users LIMIT 1)  | * in a subquery used as a value",
            "SELECT 1 WHERE (1, 'a', 'b', 'c') IN (SELECT u.* FROM users u)     | * in a subquery used as a value",
            "SELECT id, row_number() OVER (ORDER BY password_hash) FROM users   | column password_hash is redacted",
            "SELECT id, count(*) OVER (PARTITION BY password_hash) FROM users   | column password_hash is redacted",
            "SELECT count(DISTINCT password_hash) FROM users                    | column password_hash is redacted",
            "SELECT password_hash FROM users GROUP BY password_hash             | column password_hash is redacted",
            "SELECT password_hash FROM users ORDER BY password_hash             | column password_hash is redacted",
    })
    void usesOfRedactedColumnsThatRedactionCannotSeeAreRejected(String sql, String message) {
        assertRejected(sql, RejectionReason.REDACTED_COLUMN_USE, message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT id, password_hash FROM users ORDER BY id",
            "SELECT u.password_hash, u.id AS user_id FROM users u WHERE u.id = 1 ORDER BY u.name",
            "SELECT 'x' AS password_hash",
            "SELECT * FROM users WHERE id = 1 ORDER BY name, id",
            "SELECT * FROM users u JOIN secrets s ON s.user_id = u.id",
            "SELECT * FROM (SELECT * FROM users) x WHERE x.id = 1",
            "SELECT id FROM users WHERE EXISTS (SELECT * FROM secrets WHERE secrets.user_id = users.id)",
            "SELECT id, name FROM users ORDER BY 2",
            "SELECT DISTINCT name FROM users ORDER BY 1",
            "SELECT name, count(*) FROM users GROUP BY 1 ORDER BY 2 DESC",
            "SELECT id FROM users UNION SELECT user_id FROM secrets ORDER BY 1",
            "SELECT * FROM (VALUES (1)) AS a(x) NATURAL JOIN (VALUES (1)) AS b(x)",
            "SELECT * FROM users u JOIN secrets s USING (id)",
            "SELECT * FROM users ORDER BY random() LIMIT 1",
    })
    void redactedColumnsMayBeProjectedAsTheMask(String sql) {
        assertThat(validator.validate(sql, SqlDialect.POSTGRESQL)).isNotBlank();
    }

    @Test
    void withoutRedactionPatternsColumnsAreFree() {
        QueryValidator free = new QueryValidator(QueryRunnerSettings.builder().redactedColumns(List.of()).build());

        assertThat(free.validate("SELECT row_to_json(u) FROM users u WHERE password_hash LIKE 'a%'", SqlDialect.POSTGRESQL)).isNotBlank();
        assertThat(free.validate("SELECT id, name, password_hash FROM users UNION ALL SELECT 0, 'guess', 'x' ORDER BY 3",
                SqlDialect.POSTGRESQL)).isNotBlank();
        assertThat(free.validate("SELECT DISTINCT * FROM users NATURAL JOIN users ORDER BY 4", SqlDialect.POSTGRESQL)).isNotBlank();
    }

    @Test
    void deepTreesAreRejectedBeforeAnyDatabaseParsesThem() {
        assertRejected("SELECT " + "NOT ".repeat(4000) + "true", RejectionReason.TOO_DEEPLY_NESTED, "deeper than 1000 levels");
        assertRejected("SELECT 1" + "+1".repeat(8000), RejectionReason.TOO_DEEPLY_NESTED, "deeper than 1000 levels");
        assertRejected("SELECT " + "CASE WHEN true THEN ".repeat(600) + "1" + " END".repeat(600),
                RejectionReason.TOO_DEEPLY_NESTED, "deep");
        assertRejected("SELECT " + "(".repeat(5000) + "1" + ")".repeat(5000), RejectionReason.TOO_DEEPLY_NESTED, "100 levels");
    }

    @Test
    void longQueriesAreRejectedUnread() {
        assertRejected("SELECT '" + "x".repeat(16_400) + "'", RejectionReason.TOO_LONG,
                "the query is 16409 characters long; the limit is 16384");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELEC 1                   | does not parse",
            "SELECT FROM WHERE         | does not parse",
            "SELECT 'unterminated      | unterminated string literal",
    })
    void unparseableQueriesAreRejected(String sql, String message) {
        assertRejected(sql, RejectionReason.UNPARSEABLE, message);
    }
}
