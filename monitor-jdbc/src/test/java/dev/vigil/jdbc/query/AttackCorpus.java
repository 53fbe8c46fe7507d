package dev.vigil.jdbc.query;

import static dev.vigil.jdbc.query.RejectionReason.AMBIGUOUS_SYNTAX;
import static dev.vigil.jdbc.query.RejectionReason.DATA_MODIFYING_CTE;
import static dev.vigil.jdbc.query.RejectionReason.DENIED_FUNCTION;
import static dev.vigil.jdbc.query.RejectionReason.EMPTY;
import static dev.vigil.jdbc.query.RejectionReason.EXPLAIN_ANALYZE;
import static dev.vigil.jdbc.query.RejectionReason.LOCKING_CLAUSE;
import static dev.vigil.jdbc.query.RejectionReason.MULTIPLE_STATEMENTS;
import static dev.vigil.jdbc.query.RejectionReason.NOT_A_QUERY;
import static dev.vigil.jdbc.query.RejectionReason.REDACTED_COLUMN_USE;
import static dev.vigil.jdbc.query.RejectionReason.SELECT_INTO;
import static dev.vigil.jdbc.query.RejectionReason.TOO_DEEPLY_NESTED;
import static dev.vigil.jdbc.query.RejectionReason.TOO_LONG;
import static dev.vigil.jdbc.query.RejectionReason.UNPARSEABLE;
import static dev.vigil.jdbc.query.RejectionReason.VALUE_AMPLIFIER;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Inputs that try to write, lock, signal, read files, change settings, call functions outside the
 * allow-list, exhaust the runner or recover redacted values, shared by the H2 and PostgreSQL tests.
 * Each is either rejected for the given reason, before it reaches the database, or (reason
 * {@code null}) allowed to run and must be contained: it may fail or return rows, but leaves the
 * data, locks, large objects, files and pooled sessions as they were. A few are rejected for
 * another reason on H2, whose SQL lacks some of PostgreSQL's literal forms.
 */
final class AttackCorpus {

    /** Where the file-writing attacks aim; the tests check nothing appears there. */
    static final List<Path> TARGET_FILES = List.of(Path.of("/tmp/vigil-attack.csv"), Path.of("/tmp/vigil-attack.txt"),
            Path.of("/tmp/vigil-attack.sql"));

    /**
     * One attack.
     *
     * @param rejected     why PostgreSQL's runner rejects it, or {@code null} if it may run
     * @param rejectedOnH2 the same for H2's runner
     */
    record Attack(String name, String sql, @Nullable RejectionReason rejected, @Nullable RejectionReason rejectedOnH2) {

        /** An attack with the same outcome on both databases. */
        Attack(String name, String sql, @Nullable RejectionReason rejected) {
            this(name, sql, rejected, rejected);
        }

        /** Why the runner on a database of {@code dialect} rejects it, or {@code null} if it may run. */
        @Nullable RejectionReason rejected(SqlDialect dialect) {
            return dialect == SqlDialect.H2 ? rejectedOnH2 : rejected;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final String INSERT = "INSERT INTO users (id, name, email, password_hash) VALUES (99, 'x', 'x', 'x')";

    private static final List<Attack> ATTACKS = List.of(
            // stacked statements and transaction control
            new Attack("stacked DROP", "SELECT 1; DROP TABLE users", MULTIPLE_STATEMENTS),
            new Attack("COMMIT then DROP", "COMMIT; DROP TABLE users", MULTIPLE_STATEMENTS),
            new Attack("read-write then INSERT", "SET TRANSACTION READ WRITE; " + INSERT, MULTIPLE_STATEMENTS),
            new Attack("empty second statement", "SELECT 1;;", MULTIPLE_STATEMENTS),
            new Attack("trailing comment after semicolon", "SELECT 1; --", null),
            new Attack("comment hiding a DROP", "/*/ DROP TABLE users /*/", AMBIGUOUS_SYNTAX),
            new Attack("BEGIN", "BEGIN", NOT_A_QUERY),
            new Attack("COMMIT", "COMMIT", NOT_A_QUERY),
            new Attack("ROLLBACK", "ROLLBACK", NOT_A_QUERY),
            new Attack("START TRANSACTION READ WRITE", "START TRANSACTION READ WRITE", NOT_A_QUERY),
            new Attack("SET read-only off", "SET default_transaction_read_only = off", NOT_A_QUERY),
            new Attack("SET ROLE", "SET ROLE postgres", NOT_A_QUERY),
            new Attack("RESET ALL", "RESET ALL", NOT_A_QUERY),
            // writes and DDL
            new Attack("DELETE", "DELETE FROM users", NOT_A_QUERY),
            new Attack("UPDATE", "UPDATE users SET name = 'x'", NOT_A_QUERY),
            new Attack("INSERT", INSERT, NOT_A_QUERY),
            new Attack("TRUNCATE", "TRUNCATE users", NOT_A_QUERY),
            new Attack("DROP", "DROP TABLE users", NOT_A_QUERY),
            new Attack("CREATE TABLE AS", "CREATE TABLE t2 AS SELECT * FROM users", NOT_A_QUERY),
            new Attack("GRANT", "GRANT ALL ON users TO PUBLIC", NOT_A_QUERY),
            // commands
            new Attack("COPY TO file", "COPY users TO '/tmp/vigil-attack.csv'", NOT_A_QUERY),
            new Attack("COPY TO PROGRAM", "COPY (SELECT 1) TO PROGRAM 'touch /tmp/vigil-attack.txt'", NOT_A_QUERY),
            new Attack("DO block", "DO $$ BEGIN DELETE FROM users; END $$", NOT_A_QUERY),
            new Attack("H2 CALL CSVWRITE", "CALL CSVWRITE('/tmp/vigil-attack.csv', 'SELECT * FROM users')", NOT_A_QUERY),
            new Attack("LOCK TABLE", "LOCK TABLE users IN ACCESS EXCLUSIVE MODE", NOT_A_QUERY),
            new Attack("LISTEN", "LISTEN vigil", NOT_A_QUERY),
            new Attack("NOTIFY", "NOTIFY vigil, 'x'", NOT_A_QUERY),
            new Attack("PREPARE", "PREPARE p AS DELETE FROM users", NOT_A_QUERY),
            new Attack("EXECUTE", "EXECUTE p", NOT_A_QUERY),
            new Attack("H2 SCRIPT", "SCRIPT TO '/tmp/vigil-attack.sql'", NOT_A_QUERY),
            new Attack("H2 RUNSCRIPT", "RUNSCRIPT FROM '/tmp/vigil-attack.sql'", NOT_A_QUERY),
            new Attack("H2 SHUTDOWN", "SHUTDOWN", NOT_A_QUERY),
            // queries that write, lock or create
            new Attack("FOR UPDATE", "SELECT * FROM users FOR UPDATE", LOCKING_CLAUSE),
            new Attack("FOR NO KEY UPDATE", "SELECT * FROM users FOR NO KEY UPDATE", LOCKING_CLAUSE),
            new Attack("FOR SHARE", "SELECT * FROM users FOR SHARE", LOCKING_CLAUSE),
            new Attack("FOR KEY SHARE", "SELECT * FROM users FOR KEY SHARE", LOCKING_CLAUSE),
            new Attack("FOR UPDATE in a subquery", "SELECT * FROM (SELECT * FROM users FOR UPDATE) x", LOCKING_CLAUSE),
            new Attack("SELECT INTO", "SELECT * INTO t2 FROM users", SELECT_INTO),
            new Attack("WITH DELETE", "WITH d AS (DELETE FROM users RETURNING *) SELECT * FROM d", DATA_MODIFYING_CTE),
            new Attack("WITH UPDATE", "WITH u AS (UPDATE users SET name = 'x' RETURNING id) SELECT count(*) FROM u",
                    DATA_MODIFYING_CTE),
            new Attack("WITH INSERT", "WITH i AS (" + INSERT + " RETURNING id) SELECT * FROM i", DATA_MODIFYING_CTE),
            new Attack("nested WITH DELETE", "SELECT * FROM (WITH d AS (DELETE FROM users RETURNING id) SELECT id FROM d) x",
                    DATA_MODIFYING_CTE),
            new Attack("EXPLAIN ANALYZE DELETE", "EXPLAIN ANALYZE DELETE FROM users", EXPLAIN_ANALYZE),
            new Attack("EXPLAIN (ANALYZE) SELECT", "EXPLAIN (ANALYZE, FORMAT JSON) SELECT 1", EXPLAIN_ANALYZE),
            new Attack("EXPLAIN DELETE", "EXPLAIN DELETE FROM users", NOT_A_QUERY),
            new Attack("EXPLAIN ANALYSE (British spelling)", "EXPLAIN ANALYSE DELETE FROM users", UNPARSEABLE),
            // functions outside the allow-list: side effects, files, other databases, SQL from text
            new Attack("terminate backends", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity", DENIED_FUNCTION),
            new Attack("cancel backends", "SELECT pg_cancel_backend(pid) FROM pg_stat_activity", DENIED_FUNCTION),
            new Attack("lo_import", "SELECT lo_import('/etc/passwd')", DENIED_FUNCTION),
            new Attack("lo_from_bytea", "SELECT lo_from_bytea(0, 'x')", DENIED_FUNCTION),
            new Attack("qualified advisory lock", "select PG_CATALOG.pg_advisory_lock(1)", DENIED_FUNCTION),
            new Attack("try advisory lock", "SELECT pg_try_advisory_lock(1)", DENIED_FUNCTION),
            new Attack("set_config", "SELECT set_config('default_transaction_read_only','off',false)", DENIED_FUNCTION),
            new Attack("nextval", "select nextval('s')", DENIED_FUNCTION),
            new Attack("setval", "SELECT setval('s', 100)", DENIED_FUNCTION),
            new Attack("NEXT VALUE FOR", "SELECT NEXT VALUE FOR s", DENIED_FUNCTION),
            new Attack("txid_current", "SELECT txid_current()", DENIED_FUNCTION),
            new Attack("pg_notify", "SELECT pg_notify('vigil', 'x')", DENIED_FUNCTION),
            new Attack("pg_read_file", "SELECT pg_read_file('/etc/passwd')", DENIED_FUNCTION),
            new Attack("pg_reload_conf", "SELECT pg_reload_conf()", DENIED_FUNCTION),
            new Attack("query_to_xml", "SELECT query_to_xml('DELETE FROM users RETURNING 1', true, true, '')", DENIED_FUNCTION),
            new Attack("dblink", "SELECT * FROM dblink('dbname=postgres', 'DELETE FROM users') AS t(x int)", DENIED_FUNCTION),
            new Attack("H2 FILE_READ", "SELECT FILE_READ('/etc/passwd')", DENIED_FUNCTION),
            new Attack("H2 FILE_WRITE", "SELECT FILE_WRITE('x', '/tmp/vigil-attack.txt')", DENIED_FUNCTION),
            new Attack("H2 CSVREAD", "SELECT * FROM CSVREAD('/etc/passwd')", DENIED_FUNCTION),
            new Attack("H2 CSVWRITE", "SELECT CSVWRITE('/tmp/vigil-attack.csv', 'SELECT * FROM users')", DENIED_FUNCTION),
            new Attack("H2 LINK_SCHEMA", "SELECT * FROM LINK_SCHEMA('x', '', 'jdbc:h2:mem:x', 'sa', '', 'PUBLIC')",
                    DENIED_FUNCTION),
            new Attack("H2 SET variable", "SELECT SET(@x, 1)", AMBIGUOUS_SYNTAX),
            // functions outside the allow-list: user-defined, sleeps, memory, session
            new Attack("H2 alias as the demo defines it", "SELECT SLEEP_MS(10000)", DENIED_FUNCTION),
            new Attack("user function, schema-qualified", "SELECT PUBLIC.SLEEP_MS(10000)", DENIED_FUNCTION),
            new Attack("user function in WHERE", "SELECT id FROM users WHERE sleep_ms(10000) IS NULL", DENIED_FUNCTION),
            new Attack("user function shadowing a built-in", "SELECT public.lower(name) FROM users", DENIED_FUNCTION),
            new Attack("quoted in mixed case, another function", "SELECT \"Lower\"(name) FROM users", DENIED_FUNCTION),
            new Attack("CREATE ALIAS", "CREATE ALIAS EVIL FOR 'java.lang.Runtime.getRuntime'", NOT_A_QUERY),
            new Attack("CREATE ALIAS after a query", "SELECT 1; CREATE ALIAS EVIL FOR 'java.lang.System.exit'",
                    MULTIPLE_STATEMENTS),
            new Attack("sleep", "SELECT pg_sleep(60)", DENIED_FUNCTION),
            new Attack("sleep for", "SELECT pg_sleep_for('1 minute')", DENIED_FUNCTION),
            new Attack("H2 memory over a range", "SELECT MEMORY_USED() FROM SYSTEM_RANGE(1, 10)", DENIED_FUNCTION),
            new Attack("H2 memory free", "SELECT MEMORY_FREE()", DENIED_FUNCTION),
            new Attack("H2 sequence function", "SELECT NEXTVAL('S')", DENIED_FUNCTION),
            new Attack("currval", "SELECT currval('s')", DENIED_FUNCTION),
            new Attack("H2 CANCEL_SESSION", "SELECT CANCEL_SESSION(1)", DENIED_FUNCTION),
            new Attack("H2 DB_OBJECT_SQL (password hashes of users)", "SELECT DB_OBJECT_SQL('USER', 'SA')", DENIED_FUNCTION),
            new Attack("H2 HASH with a billion iterations", "SELECT HASH('SHA-256', 'x', 1000000000)", DENIED_FUNCTION),
            new Attack("H2 EXPAND (decompression)", "SELECT EXPAND(COMPRESS(STRINGTOUTF8('x')))", DENIED_FUNCTION),
            new Attack("H2 TABLE function", "SELECT * FROM TABLE(x INT = (1, 2))", UNPARSEABLE),
            new Attack("advisory lock in pg_catalog", "SELECT pg_catalog.pg_advisory_lock(1)", DENIED_FUNCTION),
            new Attack("whole row by attribute notation", "SELECT u.row_to_json FROM users u", DENIED_FUNCTION),
            new Attack("whole row as text by attribute notation", "SELECT (u).concat FROM users u", DENIED_FUNCTION),
            new Attack("attribute notation of a side-effect name is a column", "SELECT users.nextval FROM users", null),
            new Attack("keyword arguments (VARIADIC)", "SELECT concat_ws(',', VARIADIC ARRAY['a', 'b'])", DENIED_FUNCTION),
            // functions outside the allow-list in unusual places
            new Attack("in ORDER BY", "SELECT 1 ORDER BY pg_advisory_lock(1)", DENIED_FUNCTION),
            new Attack("as a table function", "SELECT * FROM pg_advisory_lock(1)", DENIED_FUNCTION),
            new Attack("in a scalar subquery", "SELECT (SELECT set_config('default_transaction_read_only', 'off', false))",
                    DENIED_FUNCTION),
            new Attack("in ANY (subquery)", "SELECT id FROM users WHERE id = ANY (SELECT nextval('s'))", DENIED_FUNCTION),
            new Attack("in a window", "SELECT count(*) OVER (ORDER BY pg_advisory_lock(1)) FROM users", DENIED_FUNCTION),
            new Attack("in a table function's ROWS FROM", "SELECT * FROM ROWS FROM (generate_series(1, 2), pg_sleep(1)) AS r(a, b)",
                    DENIED_FUNCTION),
            new Attack("in a CASE", "SELECT CASE WHEN id > 0 THEN sleep_ms(1) END FROM users", DENIED_FUNCTION),
            new Attack("in HAVING", "SELECT count(*) FROM users HAVING sleep_ms(1) IS NULL", DENIED_FUNCTION),
            new Attack("in a window's PARTITION BY", "SELECT row_number() OVER (PARTITION BY sleep_ms(1)) FROM users",
                    DENIED_FUNCTION),
            new Attack("as a window function", "SELECT sleep_ms(1) OVER () FROM users", DENIED_FUNCTION),
            new Attack("in a WITH query", "WITH w AS (SELECT sleep_ms(1) AS x) SELECT * FROM w", DENIED_FUNCTION),
            new Attack("in a LATERAL subquery", "SELECT * FROM users u, LATERAL (SELECT sleep_ms(u.id)) s", DENIED_FUNCTION),
            // obfuscation
            new Attack("comment before the parenthesis", "SELECT pg_advisory_lock/**/(1)", DENIED_FUNCTION),
            new Attack("quoted name", "SELECT \"pg_advisory_lock\"(1)", DENIED_FUNCTION),
            new Attack("quoted upper-case name", "SELECT pg_catalog.\"PG_ADVISORY_LOCK\"(1)", DENIED_FUNCTION),
            new Attack("mixed case", "SeLeCt Pg_AdViSoRy_LoCk(1)", DENIED_FUNCTION),
            new Attack("unicode-escaped name", "SELECT U&\"pg_\\0061dvisory_lock\"(1)", DENIED_FUNCTION),
            new Attack("unicode-escaped name with UESCAPE", "SELECT U&\"pg!005fadvisory!005flock\" UESCAPE '!' (1)",
                    DENIED_FUNCTION),
            new Attack("unicode-escaped set_config", "SELECT U&\"set\\005fconfig\"('default_transaction_read_only', 'off', false)",
                    DENIED_FUNCTION),
            new Attack("backslash before the quote", "SELECT 'a\\', pg_advisory_lock(1), 'b'", DENIED_FUNCTION),
            new Attack("escape-string quote", "SELECT E'\\'', pg_advisory_lock(1), E'\\''", DENIED_FUNCTION, AMBIGUOUS_SYNTAX),
            new Attack("dollar quotes", "SELECT $$ ' $$, pg_advisory_lock(1), $x$ ' $x$", DENIED_FUNCTION, AMBIGUOUS_SYNTAX),
            new Attack("Oracle q-quote", "SELECT q'[ ', pg_advisory_lock(1), ' ]'", AMBIGUOUS_SYNTAX),
            new Attack("quotes in comments", "SELECT/*'*/pg_advisory_lock(1)/*'*/", DENIED_FUNCTION),
            new Attack("nested comment hiding a call", "SELECT 1 /* /* */ , pg_advisory_lock(1) -- */", AMBIGUOUS_SYNTAX),
            new Attack("unicode-escaped string", "SELECT U&'\\0041'", null),
            new Attack("no-break space", "SELECT\u00a0pg_advisory_lock(1)", AMBIGUOUS_SYNTAX),
            new Attack("JDBC escape", "SELECT {fn pg_advisory_lock(1)}", AMBIGUOUS_SYNTAX),
            new Attack("backticks", "SELECT `pg_advisory_lock`(1)", AMBIGUOUS_SYNTAX),
            new Attack("digits run into a name", "SELECT 1pg_advisory_lock(1)", AMBIGUOUS_SYNTAX),
            new Attack("NUL in a string", "SELECT 'a\u0000'; DROP TABLE users", UNPARSEABLE),
            // redaction
            new Attack("redacted column in WHERE", "SELECT id FROM users WHERE password_hash LIKE '$%'", REDACTED_COLUMN_USE),
            new Attack("redacted column renamed", "SELECT password_hash AS x FROM users", REDACTED_COLUMN_USE),
            new Attack("whole row as text", "SELECT concat(u) FROM users u", REDACTED_COLUMN_USE),
            new Attack("redacted column under another label", "SELECT 'x' UNION ALL SELECT password_hash FROM users",
                    REDACTED_COLUMN_USE),
            // redaction oracles
            new Attack("ORDER BY position over UNION ALL of a guess", "SELECT id, name, password_hash FROM users WHERE id = 1"
                    + " UNION ALL SELECT 0, 'guess', '$2a$10$a' ORDER BY 3", REDACTED_COLUMN_USE),
            new Attack("ORDER BY position of a redacted column", "SELECT id, name, password_hash FROM users ORDER BY 3",
                    REDACTED_COLUMN_USE),
            new Attack("ORDER BY position over *", "SELECT * FROM users ORDER BY 4", REDACTED_COLUMN_USE),
            new Attack("ORDER BY position in a subquery over *, first row",
                    "SELECT id FROM (SELECT * FROM users ORDER BY 4 LIMIT 1) x", REDACTED_COLUMN_USE),
            new Attack("GROUP BY position of a redacted column", "SELECT password_hash, count(*) FROM users GROUP BY 1",
                    REDACTED_COLUMN_USE),
            new Attack("GROUP BY a redacted column", "SELECT count(*) FROM users GROUP BY password_hash", REDACTED_COLUMN_USE),
            new Attack("DISTINCT over a redacted column", "SELECT DISTINCT password_hash FROM users", REDACTED_COLUMN_USE),
            new Attack("DISTINCT over *", "SELECT DISTINCT * FROM users", REDACTED_COLUMN_USE),
            new Attack("DISTINCT ON with *", "SELECT DISTINCT ON (id) * FROM users", REDACTED_COLUMN_USE),
            new Attack("UNION deduplicating a guess", "SELECT password_hash FROM users UNION SELECT '$2a$10$alice'",
                    REDACTED_COLUMN_USE),
            new Attack("INTERSECT with a guess", "SELECT id, password_hash FROM users INTERSECT SELECT 1, '$2a$10$alice'",
                    REDACTED_COLUMN_USE),
            new Attack("EXCEPT with *", "SELECT * FROM users EXCEPT SELECT 1, 'alice', 'alice@example.com', '$2a$10$alice'",
                    REDACTED_COLUMN_USE),
            new Attack("NATURAL JOIN against a guess", "SELECT * FROM users NATURAL JOIN (VALUES ('$2a$10$alice'))"
                    + " AS v(password_hash)", REDACTED_COLUMN_USE),
            new Attack("NATURAL JOIN of two tables", "SELECT count(*) FROM users NATURAL JOIN users", REDACTED_COLUMN_USE),
            new Attack("JOIN USING a redacted column", "SELECT u.id FROM users u JOIN (SELECT '$2a$10$alice') AS v(password_hash)"
                    + " USING (password_hash)", REDACTED_COLUMN_USE),
            new Attack("JOIN USING a redacted column of two tables", "SELECT count(*) FROM users a JOIN users b USING (password_hash)",
                    REDACTED_COLUMN_USE),
            new Attack("VALUES naming a guess after a redacted column", "SELECT v.password_hash FROM (VALUES ('$2a$10$a'))"
                    + " AS v(password_hash)", REDACTED_COLUMN_USE),
            new Attack("WITH naming a guess after a redacted column", "WITH g(password_hash) AS (SELECT '$2a$10$a')"
                    + " SELECT u.id FROM users u, g WHERE u.id = 1", REDACTED_COLUMN_USE),
            new Attack("a guess labelled with a redacted name in a subquery", "SELECT u.id FROM users u"
                    + " JOIN (SELECT '$2a$10$alice' AS password_hash) g ON u.id = 1", REDACTED_COLUMN_USE),
            new Attack("row comparison with *", "SELECT 1 FROM users WHERE (1, 'alice', 'alice@example.com', '$2a$10$alice')"
                    + " IN (SELECT * FROM users)", REDACTED_COLUMN_USE),
            new Attack("comparison", "SELECT id FROM users WHERE password_hash = '$2a$10$alice'", REDACTED_COLUMN_USE),
            new Attack("function over a redacted column", "SELECT length(password_hash) FROM users", REDACTED_COLUMN_USE),
            new Attack("window partitioned by a redacted column",
                    "SELECT id, count(*) OVER (PARTITION BY password_hash) FROM users", REDACTED_COLUMN_USE),
            new Attack("window ordered by a redacted column", "SELECT id, row_number() OVER (ORDER BY password_hash) FROM users",
                    REDACTED_COLUMN_USE),
            // value amplifiers
            new Attack("huge repeat", "SELECT repeat('a', 600000000)", VALUE_AMPLIFIER),
            new Attack("repeat of a column", "SELECT repeat(name, 100000) FROM users", VALUE_AMPLIFIER),
            new Attack("repeat with a computed count", "SELECT repeat('a', id * 100000000) FROM users", VALUE_AMPLIFIER),
            new Attack("nested repeats", "SELECT repeat(repeat('a', 60000), 60000)", VALUE_AMPLIFIER),
            new Attack("many repeats", "SELECT repeat('a', 40000) || repeat('b', 40000)", VALUE_AMPLIFIER),
            new Attack("huge lpad", "SELECT lpad('', 1000000000, 'x')", VALUE_AMPLIFIER),
            new Attack("huge rpad of a column", "SELECT rpad(name, 900000000) FROM users", VALUE_AMPLIFIER),
            new Attack("padded CHAR", "SELECT CAST('a' AS CHAR(500000000))", VALUE_AMPLIFIER),
            new Attack("replace growing by a long literal", "SELECT replace(name, 'a', '" + "x".repeat(1000) + "') FROM users",
                    VALUE_AMPLIFIER),
            new Attack("nested replace doubling", "SELECT " + "replace(".repeat(12) + "name" + ", 'a', 'aa')".repeat(12)
                    + " FROM users", VALUE_AMPLIFIER),
            new Attack("replace with a column", "SELECT replace(name, 'a', email) FROM users", VALUE_AMPLIFIER),
            new Attack("huge series", "SELECT count(*) FROM generate_series(1, 1000000000)", VALUE_AMPLIFIER),
            new Attack("series joined with series", "SELECT count(*) FROM generate_series(1, 100000) a, generate_series(1, 100000) b",
                    VALUE_AMPLIFIER),
            new Attack("series with computed bounds", "SELECT count(*) FROM users, LATERAL generate_series(1, users.id * 1000000000)",
                    VALUE_AMPLIFIER),
            new Attack("string_agg over a series", "SELECT string_agg('x', '') FROM generate_series(1, 10)", VALUE_AMPLIFIER),
            new Attack("array_agg", "SELECT array_agg(name) FROM users", VALUE_AMPLIFIER),
            new Attack("ARRAY of a subquery", "SELECT ARRAY(SELECT name FROM users)", VALUE_AMPLIFIER),
            new Attack("json_agg", "SELECT json_agg(name) FROM users", VALUE_AMPLIFIER),
            new Attack("LISTAGG", "SELECT LISTAGG(name, ',') WITHIN GROUP (ORDER BY name) FROM users", VALUE_AMPLIFIER),
            new Attack("string_agg as a window", "SELECT string_agg(name, ',') OVER () FROM users", VALUE_AMPLIFIER),
            new Attack("recursive doubling", "WITH RECURSIVE t(s) AS (SELECT 'x' UNION ALL SELECT s || s FROM t)"
                    + " SELECT length(s) FROM t", VALUE_AMPLIFIER),
            new Attack("doubling through WITH queries", "WITH a AS (SELECT 'xxxxxxxx' AS v), b AS (SELECT v || v AS v FROM a),"
                    + " c AS (SELECT v || v AS v FROM b), d AS (SELECT v || v AS v FROM c) SELECT length(v) FROM d", VALUE_AMPLIFIER),
            new Attack("doubling through subqueries", "SELECT length(v || v) FROM (SELECT v || v AS v FROM"
                    + " (SELECT name || name AS v FROM users) a) b", VALUE_AMPLIFIER),
            new Attack("doubling through table functions", "WITH a AS (SELECT 'xxxxxxxx' AS v),"
                    + " b AS (SELECT u.w AS v FROM a, unnest(ARRAY[a.v || a.v]) AS u(w)),"
                    + " c AS (SELECT u.w AS v FROM b, unnest(ARRAY[b.v || b.v]) AS u(w)) SELECT length(v) FROM c", VALUE_AMPLIFIER),
            new Attack("doubling rows of rows", "WITH a AS (SELECT ROW(name, name) AS v FROM users), b AS (SELECT ROW(v, v) AS v"
                    + " FROM a) SELECT * FROM b", VALUE_AMPLIFIER),
            new Attack("JSON nested four deep", "SELECT JSON_OBJECT('a' VALUE JSON_OBJECT('b' VALUE JSON_OBJECT('c' VALUE"
                    + " JSON_OBJECT('d' VALUE name)))) FROM users", VALUE_AMPLIFIER),
            // resources
            new Attack("16 KB+ query", "SELECT '" + "x".repeat(16_400) + "'", TOO_LONG),
            new Attack("5000-deep parentheses", "SELECT " + "(".repeat(5000) + "1" + ")".repeat(5000), TOO_DEEPLY_NESTED),
            new Attack("4000 NOTs", "SELECT " + "NOT ".repeat(4000) + "true", TOO_DEEPLY_NESTED),
            new Attack("8000 additions", "SELECT 1" + "+1".repeat(8000), TOO_DEEPLY_NESTED),
            new Attack("empty", "  -- nothing\n", EMPTY));

    private AttackCorpus() {
    }

    /** Every attack. */
    static List<Attack> attacks() {
        return Stream.concat(ATTACKS.stream(), LEXICAL_AMBIGUITIES.stream()).toList();
    }

    // lexical ambiguities
    //
    // Text that the lexer, the parser and the database could split differently: a comment, string or
    // name that one of them ends elsewhere hides code from the checks. Each is refused, or read the
    // same way by all three (and then checked like any other query).

    /** The shape of the attack that got through: H2 and the parser read a comment, the lexer a string. */
    static final String DOUBLE_SLASH = "SELECT 1 AS a // '\n%s --'";

    private static final List<Attack> LEXICAL_AMBIGUITIES = List.of(
            new Attack("// hiding FILE_READ", DOUBLE_SLASH.formatted(", FILE_READ('/etc/hostname', NULL) AS f"),
                    AMBIGUOUS_SYNTAX),
            new Attack("// hiding FILE_WRITE", DOUBLE_SLASH.formatted(", FILE_WRITE('owned', '/tmp/vigil-attack.txt') AS w"),
                    AMBIGUOUS_SYNTAX),
            new Attack("// hiding CREATE ALIAS",
                    DOUBLE_SLASH.formatted("; CREATE ALIAS VIGIL_PROP FOR 'java.lang.System.getProperty'"), AMBIGUOUS_SYNTAX),
            new Attack("// hiding CREATE TABLE", DOUBLE_SLASH.formatted("; CREATE TABLE vigil_owned AS SELECT * FROM users"),
                    AMBIGUOUS_SYNTAX),
            new Attack("# hiding a call", "SELECT 1 AS a # '\n, pg_advisory_lock(1) --'", AMBIGUOUS_SYNTAX),
            new Attack("-- ends at a carriage return", "SELECT 1 AS a -- comment\r, pg_advisory_lock(1)", DENIED_FUNCTION),
            new Attack("line separator does not end --", "SELECT 1 AS a -- comment\u2028, pg_advisory_lock(1)", null),
            new Attack("nested comment opener", "SELECT 1 /* /* */ , FILE_READ('/etc/hostname') -- */", AMBIGUOUS_SYNTAX),
            new Attack("comment markers in strings", "SELECT '/*', pg_advisory_lock(1), '*/', '--'", DENIED_FUNCTION),
            new Attack("quotes in a comment", "SELECT 1 /* ' */, pg_advisory_lock(1) -- '", DENIED_FUNCTION),
            new Attack("tagged dollar quote around $$", "SELECT $a$ $$ $a$, pg_advisory_lock(1), $a$ $$ $a$", DENIED_FUNCTION,
                    AMBIGUOUS_SYNTAX),
            new Attack("$$ around a tag", "SELECT $$ $a$ $$, FILE_READ('/etc/hostname'), $$ $a$ $$", DENIED_FUNCTION),
            new Attack("$$ glued to a string", "SELECT $$a$$'', pg_advisory_lock(1), ''''", AMBIGUOUS_SYNTAX),
            new Attack("positional parameter", "SELECT $1", AMBIGUOUS_SYNTAX),
            new Attack("$ inside a name", "SELECT a$$b$$ FROM users", AMBIGUOUS_SYNTAX),
            new Attack("escape string hiding a call on H2", "SELECT E'\\'', FILE_READ('/etc/hostname'), E'\\''", DENIED_FUNCTION,
                    AMBIGUOUS_SYNTAX),
            new Attack("escape string with an octal quote", "SELECT E'\\047', pg_advisory_lock(1), E'\\047'", DENIED_FUNCTION,
                    AMBIGUOUS_SYNTAX),
            new Attack("escaped quote decoded into a string", "SELECT E'\\x27, pg_advisory_lock(1) --'", null, AMBIGUOUS_SYNTAX),
            new Attack("unicode escape decoded into a string", "SELECT U&'\\0027, FILE_READ(''/etc/hostname'') --'", null),
            new Attack("UESCAPE clause then a call", "SELECT U&'!0027' UESCAPE '!', pg_advisory_lock(1)", DENIED_FUNCTION),
            new Attack("JDBC call escape", "{call FILE_WRITE('owned', '/tmp/vigil-attack.txt')}", AMBIGUOUS_SYNTAX),
            new Attack("JDBC escape inside a string", "SELECT '{fn now()}' AS t", null),
            new Attack("national string prefix", "SELECT N'x', pg_advisory_lock(1)", AMBIGUOUS_SYNTAX),
            new Attack("binary string prefix", "SELECT X'27', FILE_READ('/etc/hostname')", AMBIGUOUS_SYNTAX),
            new Attack("hex number", "SELECT 0x27, pg_advisory_lock(1)", AMBIGUOUS_SYNTAX),
            new Attack("number with underscores", "SELECT 1_000", AMBIGUOUS_SYNTAX),
            new Attack("strings across a comment", "SELECT 'a' -- c\n', FILE_READ(''/etc/hostname'') --'", AMBIGUOUS_SYNTAX),
            new Attack("strings across a line break", "SELECT 'a'\n'b'", AMBIGUOUS_SYNTAX),
            new Attack("@ glued to a call", "SELECT @pg_advisory_lock(1)", AMBIGUOUS_SYNTAX),
            new Attack("?? bracket", "SELECT ARRAY??(1??)", AMBIGUOUS_SYNTAX),
            new Attack("bracket around a literal", "SELECT ARRAY[']', FILE_READ('/etc/hostname'), '[']", DENIED_FUNCTION,
                    AMBIGUOUS_SYNTAX),
            new Attack("bracketed name called", "SELECT [FILE_READ] ('/etc/hostname')", UNPARSEABLE, AMBIGUOUS_SYNTAX),
            new Attack("zero-width space in a name", "SELECT pg_advisory\u200b_lock(1)", AMBIGUOUS_SYNTAX),
            new Attack("ideographic space", "SELECT\u3000pg_advisory_lock(1)", AMBIGUOUS_SYNTAX),
            new Attack("Cyrillic letter in a name", "SELECT pg_\u0430dvisory_lock(1)", AMBIGUOUS_SYNTAX),
            new Attack("fullwidth letters", "\uff33\uff25\uff2c\uff25\uff23\uff34 1", AMBIGUOUS_SYNTAX),
            new Attack("vertical tab", "SELECT\u000bpg_advisory_lock(1)", AMBIGUOUS_SYNTAX),
            new Attack("unpaired surrogate", "SELECT '\ud800'", UNPARSEABLE),
            new Attack("NUL outside a string", "SELECT 1\u0000; DROP TABLE users", UNPARSEABLE),
            new Attack("non-ASCII in literals", "SELECT '\u00e9\u2028' AS \"\u00fc\"", null),
            new Attack("three line breaks", "SELECT 1 AS x\n\n\nFROM users", null),
            new Attack("a line holding go", "SELECT id FROM users\ngo\n", null));
}
