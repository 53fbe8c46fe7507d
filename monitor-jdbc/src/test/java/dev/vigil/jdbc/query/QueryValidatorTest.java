package dev.vigil.jdbc.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
            "SELECT pg_sleep(1)",
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
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity       | pg_terminate_backend() is not allowed: it signals",
            "select PG_CATALOG.pg_advisory_lock(1)                       | pg_advisory_lock() is not allowed: it takes or releases an advisory lock",
            "SELECT \"pg_catalog\".\"PG_ADVISORY_LOCK\"(1)               | pg_advisory_lock()",
            "SELECT * FROM pg_advisory_lock(1)                            | pg_advisory_lock()",
            "SELECT 1 ORDER BY pg_try_advisory_xact_lock(1)               | pg_try_advisory_xact_lock()",
            "SELECT count(*) OVER (ORDER BY pg_advisory_lock(1)) FROM users | pg_advisory_lock()",
            "SELECT (SELECT set_config('default_transaction_read_only', 'off', false)) | set_config() is not allowed: it changes a session setting",
            "SELECT lo_import('/etc/passwd')                              | lo_import() is not allowed: it reads or writes large objects",
            "select nextval('s')                                          | nextval() is not allowed: it advances or sets a sequence",
            "SELECT NEXT VALUE FOR s                                      | NEXT VALUE FOR is not allowed",
            "SELECT users.nextval FROM users                              | nextval (as a column: attribute notation of a call)",
            "SELECT query_to_xml('DELETE FROM users RETURNING 1', true, true, '') | runs SQL given to it as text",
            "SELECT * FROM dblink('dbname=x', 'DELETE FROM users') AS t(a int) | dblink() is not allowed: it opens a connection",
            "SELECT pg_read_file('/etc/passwd')                           | pg_read_file() is not allowed: it reads or writes files",
            "SELECT FILE_READ('/etc/passwd')                              | file_read()",
            "SELECT * FROM CSVREAD('/etc/passwd')                         | csvread()",
            "SELECT txid_current()                                        | txid_current() is not allowed: it assigns a transaction id",
            "SELECT pg_notify('c', 'x')                                   | pg_notify()",
            "SELECT U&\"pg_\\0061dvisory_lock\"(1)                         | pg_advisory_lock()",
            "SELECT 'a\\', pg_advisory_lock(1), 'b'                       | pg_advisory_lock()",
            "SELECT $$ ' $$, pg_advisory_lock(1), $x$ ' $x$               | pg_advisory_lock()",
            "SELECT E'\\'', pg_advisory_lock(1), E'\\''                   | pg_advisory_lock()",
            "SELECT/*'*/pg_advisory_lock/**/(1)/*'*/                      | pg_advisory_lock()",
    })
    void deniedFunctionsAreRejectedWhereverAndHoweverWritten(String sql, String message) {
        assertRejected(sql, RejectionReason.DENIED_FUNCTION, message);
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
            "SELECT 'x' UNION ALL SELECT password_hash FROM users               | column password_hash is redacted",
            "SELECT api_token FROM (SELECT * FROM users) s(a, b, c, api_token)  | renaming the columns of a subquery with *",
            "WITH s(a, b, c, d) AS (SELECT * FROM users) SELECT d FROM s        | renaming the columns of a WITH query with *",
            "SELECT d FROM users u(a, b, c, d)                                  | renaming a table's columns",
            "SELECT 1, 'a', 'b', 'c' UNION ALL SELECT * FROM users              | a * after the first branch",
            "SELECT u FROM users u                                              | u names a table or alias of this query",
            "SELECT row_to_json(users) FROM users                               | users names a table or alias",
            "SELECT to_json(s) FROM (SELECT * FROM users) s                     | s names a table or alias",
            "SELECT json_agg(u.*) FROM users u                                  | u.* outside the select list",
            "SELECT password_hash(u) FROM users u                               | through function-call notation",
    })
    void usesOfRedactedColumnsThatRedactionCannotSeeAreRejected(String sql, String message) {
        assertRejected(sql, RejectionReason.REDACTED_COLUMN_USE, message);
    }

    @Test
    void withoutRedactionPatternsColumnsAreFree() {
        QueryValidator free = new QueryValidator(QueryRunnerSettings.builder().redactedColumns(List.of()).build());

        assertThat(free.validate("SELECT row_to_json(u) FROM users u WHERE password_hash LIKE 'a%'", SqlDialect.POSTGRESQL)).isNotBlank();
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
