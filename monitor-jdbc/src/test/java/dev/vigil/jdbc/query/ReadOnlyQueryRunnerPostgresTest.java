package dev.vigil.jdbc.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.jdbc.MonitoredDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ReadOnlyQueryRunner} on a real PostgreSQL server, started once for the class. */
class ReadOnlyQueryRunnerPostgresTest extends AbstractReadOnlyQueryRunnerTest {

    private static final int POOL_SIZE = 4;
    /**
     * Passes every check and would run for days: row generators are bounded (max-series-rows), the
     * catalog's thousands of attributes to the fourth power are not.
     */
    private static final String ENDLESS_QUERY =
            "SELECT count(*) FROM pg_attribute a, pg_attribute b, pg_attribute c, pg_attribute d";
    /** Functions of the allow-list that are SQL syntax, not kept in pg_proc. */
    private static final List<String> SQL_SYNTAX = List.of("coalesce", "current_date", "current_time", "current_timestamp",
            "greatest", "json_array", "least", "localtime", "localtimestamp", "nullif", "trim");

    private static EmbeddedPostgres postgres;
    private static Connection sentinel;
    private static int sentinelPid;
    private static HikariDataSource applicationPool;
    private static ReadOnlyQueryRunner attackRunner;
    private static ReadOnlyQueryRunner applicationRunner;

    @BeforeAll
    static void startPostgres() throws IOException, SQLException {
        postgres = EmbeddedPostgres.start();
        sentinel = postgres.getPostgresDatabase().getConnection();
        sentinelPid = Integer.parseInt(string(sentinel, "SELECT pg_backend_pid()"));
        execute(sentinel, SCHEMA + """
                ;
                CREATE ROLE vigil_ro LOGIN;
                GRANT SELECT ON users, secrets TO vigil_ro;
                CREATE ROLE vigil_rw LOGIN;
                GRANT SELECT, INSERT ON users TO vigil_rw;
                GRANT UPDATE (note) ON secrets TO vigil_rw;
                CREATE ROLE vigil_creator LOGIN;
                CREATE SCHEMA scratch;
                GRANT CREATE ON SCHEMA scratch TO vigil_creator;
                GRANT USAGE ON SEQUENCE s TO vigil_creator;
                CREATE ROLE vigil_signal LOGIN;
                GRANT pg_signal_backend TO vigil_signal""");
        createBigValue(sentinel, "text");

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setConnectionTimeout(30_000);
        config.setPoolName("application");
        applicationPool = new HikariDataSource(config);
        attackRunner = runnerOnPool(settings().timeout(ATTACK_TIMEOUT).build(), QueryAuditor.NO_OP);
        applicationRunner = runnerOnPool(settings().build(), QueryAuditor.NO_OP);
    }

    @AfterAll
    static void stopPostgres() throws IOException, SQLException {
        for (ReadOnlyQueryRunner runner : new ReadOnlyQueryRunner[] {attackRunner, applicationRunner}) {
            if (runner != null) {
                runner.close();
            }
        }
        if (applicationPool != null) {
            applicationPool.close();
        }
        if (sentinel != null) {
            sentinel.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    ReadOnlyQueryRunner attackRunner() {
        return attackRunner;
    }

    @Override
    ReadOnlyQueryRunner applicationRunner() {
        return applicationRunner;
    }

    @Override
    ReadOnlyQueryRunner applicationRunner(QueryRunnerSettings settings, QueryAuditor auditor) {
        return runnerOnPool(settings, auditor);
    }

    private static ReadOnlyQueryRunner runnerOnPool(QueryRunnerSettings settings, QueryAuditor auditor) {
        return ReadOnlyQueryRunner.builder(applicationPool).applicationDataSource(true).settings(settings).auditor(auditor)
                .clock(clock()).build();
    }

    @Override
    String endlessQuery() {
        return ENDLESS_QUERY;
    }

    @Override
    ReadOnlyQueryRunner readOnlyRunner(QueryRunnerSettings settings, QueryAuditor auditor) {
        return ReadOnlyQueryRunner.builder(postgres.getDatabase("vigil_ro", "postgres"))
                .settings(settings).auditor(auditor).clock(clock()).build();
    }

    @Override
    ReadOnlyQueryRunner adminRunner(boolean applicationDataSource) {
        return ReadOnlyQueryRunner.builder(postgres.getPostgresDatabase()).applicationDataSource(applicationDataSource)
                .settings(settings().build()).build();
    }

    @Override
    Connection sentinel() {
        return sentinel;
    }

    @Override
    Map<String, Object> state() throws SQLException {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("users", usersFingerprint(sentinel));
        state.put("secrets", string(sentinel, "SELECT string_agg(id || ':' || user_id || ':' || note, ',') FROM secrets"));
        state.put("sequence", string(sentinel, "SELECT last_value || '/' || is_called FROM s"));
        state.put("tables", string(sentinel, "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class"
                + " WHERE relnamespace = 'public'::regnamespace"));
        state.put("functions", string(sentinel, "SELECT string_agg(p.oid::regprocedure::text, ',' ORDER BY 1) FROM pg_proc p"
                + " WHERE p.pronamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)"));
        state.put("sentinel pid", Integer.parseInt(string(sentinel, "SELECT pg_backend_pid()")));
        assertThat(string(sentinel, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).as("advisory locks")
                .isEqualTo("0");
        assertThat(string(sentinel, "SELECT count(*) FROM pg_largeobject_metadata")).as("large objects").isEqualTo("0");
        assertThat(string(sentinel, "SELECT count(*) FROM pg_prepared_xacts")).as("prepared transactions").isEqualTo("0");
        assertThat(state.get("sentinel pid")).isEqualTo(sentinelPid);
        return state;
    }

    @Override
    int activeConnections() {
        return applicationPool.getHikariPoolMXBean().getActiveConnections();
    }

    @Override
    void assertPoolSessionsAreClean() throws SQLException {
        List<Connection> borrowed = new ArrayList<>();
        try {
            for (int i = 0; i < POOL_SIZE; i++) {
                Connection connection = applicationPool.getConnection();
                borrowed.add(connection);
                assertThat(connection.isReadOnly()).isFalse();
                assertThat(connection.getAutoCommit()).isTrue();
                assertThat(string(connection, "SHOW default_transaction_read_only")).isEqualTo("off");
                assertThat(string(connection, "SHOW transaction_read_only")).isEqualTo("off");
                assertThat(string(connection, "SHOW statement_timeout")).isEqualTo("0");
                assertThat(string(connection, "SHOW standard_conforming_strings")).isEqualTo("on");
                assertThat(string(connection, "SELECT count(*) FROM pg_listening_channels()")).isEqualTo("0");
            }
        } finally {
            for (Connection connection : borrowed) {
                connection.close();
            }
        }
    }

    @Test
    void timedOutQueryNoLongerRunsOnTheServer() throws Exception {
        ReadOnlyQueryRunner runner = readOnlyRunner(settings().timeout(SHORT_TIMEOUT).build(), QueryAuditor.NO_OP);

        // a column name of its own, so that only this query counts, not the endless queries of other tests
        String marker = "timed_out_" + Long.toHexString(System.nanoTime());
        String query = ENDLESS_QUERY.replace("SELECT count(*) FROM", "SELECT count(*) AS " + marker + " FROM");
        assertThat(query).contains(marker);

        Throwable error = catchThrowable(() -> runner.run("alice", query));

        assertThat(error).isInstanceOfSatisfying(QueryFailedException.class, e -> assertThat(e.timedOut()).isTrue());
        awaitUntil("no backend runs the query any more", () -> "0".equals(string(sentinel,
                "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%" + marker + "%'"
                        + " AND pid <> pg_backend_pid()")));
        runner.close();
    }

    @Test
    void connectionsTheRunnerUsedNeverReturnToTheApplicationsPool() throws SQLException {
        Object runnerPid = applicationRunner.run("mallory", "SELECT pg_backend_pid() AS pid").rows().get(0).get(0);

        List<Connection> borrowed = new ArrayList<>();
        try {
            for (int i = 0; i < POOL_SIZE; i++) {
                borrowed.add(applicationPool.getConnection());
                assertThat(string(borrowed.get(i), "SELECT pg_backend_pid()")).isNotEqualTo(String.valueOf(runnerPid));
            }
        } finally {
            for (Connection connection : borrowed) {
                connection.close();
            }
        }
    }

    @Test
    void connectionsAreEvictedThroughAMonitoredDataSourceToo() throws SQLException {
        DataSource monitored = MonitoredDataSource.wrap(applicationPool, new SimpleMeterRegistry());
        ReadOnlyQueryRunner runner = ReadOnlyQueryRunner.builder(monitored).applicationDataSource(true)
                .settings(settings().build()).build();

        Object runnerPid = runner.run("mallory", "SELECT pg_backend_pid() AS pid").rows().get(0).get(0);

        List<Connection> borrowed = new ArrayList<>();
        try {
            for (int i = 0; i < POOL_SIZE; i++) {
                borrowed.add(applicationPool.getConnection());
                assertThat(string(borrowed.get(i), "SELECT pg_backend_pid()")).isNotEqualTo(String.valueOf(runnerPid));
            }
        } finally {
            for (Connection connection : borrowed) {
                connection.close();
            }
        }
    }

    /**
     * A user-defined function is not on the allow-list, so {@code sneaky_delete(u)} is refused; but
     * {@code u.sneaky_delete} is the same call in attribute notation, and to the checks a column they
     * cannot tell from a real one. The read-only transaction still stops the DELETE.
     */
    @Test
    void theTransactionIsReadOnlyEvenWhereTheChecksWouldNotKnow() throws SQLException {
        execute(sentinel, """
                CREATE FUNCTION sneaky_delete(users) RETURNS int LANGUAGE sql AS 'DELETE FROM users RETURNING 1';
                GRANT EXECUTE ON FUNCTION sneaky_delete(users) TO vigil_ro""");
        try {
            Map<String, Object> before = state();

            Throwable called = catchThrowable(() -> applicationRunner.run("mallory", "SELECT sneaky_delete(u) FROM users u"));
            Throwable superuser = catchThrowable(() -> applicationRunner.run("mallory", "SELECT u.sneaky_delete FROM users u"));
            Throwable readOnlyRole = catchThrowable(() -> readOnlyRunner().run("mallory", "SELECT u.sneaky_delete FROM users u"));

            assertThat(called).isInstanceOfSatisfying(QueryRejectedException.class,
                    e -> assertThat(e.reason()).isEqualTo(RejectionReason.DENIED_FUNCTION));
            assertThat(superuser).isInstanceOf(QueryFailedException.class)
                    .hasMessageContaining("cannot execute DELETE in a read-only transaction");
            assertThat(readOnlyRole).isInstanceOf(QueryFailedException.class);
            assertThat(state()).isEqualTo(before);
        } finally {
            execute(sentinel, "DROP FUNCTION sneaky_delete(users)");
        }
    }

    @Override
    void createSleepFunction() throws SQLException {
        execute(sentinel, """
                CREATE TABLE sleep_calls (at timestamptz);
                CREATE FUNCTION sleep_ms(ms bigint) RETURNS void LANGUAGE plpgsql
                    AS $$ BEGIN INSERT INTO sleep_calls VALUES (now()); PERFORM pg_sleep(ms / 1000.0); END $$""");
    }

    @Override
    void dropSleepFunction() throws SQLException {
        execute(sentinel, """
                DROP FUNCTION IF EXISTS sleep_ms(bigint);
                DROP TABLE IF EXISTS sleep_calls""");
    }

    @Override
    int sleepFunctionCalls() throws SQLException {
        return Integer.parseInt(string(sentinel, "SELECT count(*) FROM sleep_calls"));
    }

    @Override
    List<String> databaseSpecificAdminQueries() {
        return List.of(
                "SELECT pg_size_pretty(pg_database_size(current_database()))",
                "SELECT current_database(), version(), pg_backend_pid() > 0, now() - pg_postmaster_start_time() > interval '0'",
                "SELECT c.relname, pg_size_pretty(pg_total_relation_size(c.oid)) FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'"
                        + " ORDER BY pg_total_relation_size(c.oid) DESC",
                "SELECT pid, state, left(query, 50), now() - query_start, pg_blocking_pids(pid) FROM pg_stat_activity"
                        + " WHERE datname = current_database()",
                "SELECT datname, age(datfrozenxid) FROM pg_database ORDER BY 2 DESC",
                "SELECT relname, n_live_tup, n_dead_tup, last_autovacuum FROM pg_stat_user_tables ORDER BY n_dead_tup DESC LIMIT 10",
                "SELECT has_table_privilege('users', 'SELECT'), to_regclass('users'), pg_relation_size('users')",
                "SELECT '{\"a\": {\"b\": [1, 2]}}'::jsonb -> 'a' -> 'b' ->> 0, jsonb_build_object('n', name, 'e', email),"
                        + " jsonb_array_length('[1, 2, 3]'), to_jsonb(id) FROM users",
                "SELECT key, value FROM jsonb_each_text('{\"a\": \"1\", \"b\": \"2\"}')",
                "SELECT regexp_replace('SELECT  1  FROM x', '\\s+', ' ', 'g'), split_part(email, '@', 2) FROM users",
                "SELECT date_trunc('hour', now() - n * interval '1 hour') AS hour FROM generate_series(0, 23) AS g(n)",
                "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 10) SELECT sum(n) FROM t",
                "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY id), count(*) FILTER (WHERE id > 1) FROM users",
                "SELECT pg_catalog.upper(name), array_to_string(ARRAY[id, id * 2], ', ') FROM users");
    }

    @Test
    void everyAllowedFunctionIsAPostgresBuiltIn() throws SQLException {
        List<String> unknown = new ArrayList<>();
        for (String name : AllowedFunctions.all(SqlDialect.POSTGRESQL).keySet()) {
            if (!SQL_SYNTAX.contains(name) && "0".equals(string(sentinel, "SELECT count(*) FROM pg_proc"
                    + " WHERE pronamespace = 'pg_catalog'::regnamespace AND proname = '" + name + "'"))) {
                unknown.add(name);
            }
        }
        assertThat(unknown).as("names PostgreSQL has no built-in function for").isEmpty();
        assertThat(AllowedFunctions.all(SqlDialect.POSTGRESQL)).hasSizeGreaterThan(200);
    }

    @Test
    void wholeRowFunctionsAreTheOnesPostgresCallsOnARow() throws SQLException {
        String callable = string(sentinel, """
                SELECT string_agg(DISTINCT proname, ' ' ORDER BY proname) FROM pg_proc
                WHERE pronargs >= 1 AND pronargs - pronargdefaults <= 1 AND prokind = 'f'
                  AND (proargtypes[0] IN ('record'::regtype, 'anyelement'::regtype, 'anynonarray'::regtype,
                       'anycompatible'::regtype, 'anycompatiblenonarray'::regtype, '"any"'::regtype)
                       OR provariadic <> 0 AND pronargs = 1)""");

        assertThat(callable.split(" ")).allSatisfy(name -> assertThat(AllowedFunctions.isWholeRowFunction(name)).as(name).isTrue());
    }

    @Test
    void superuserIsRefused() {
        RoleInspection inspection = adminRunner(false).inspect();

        assertThat(inspection.database()).isEqualTo("PostgreSQL");
        assertThat(inspection.user()).isEqualTo("postgres");
        assertThat(inspection.findings()).containsExactly("is a superuser");
    }

    @Test
    void roleThatCanWriteIsRefused() {
        RoleInspection inspection = ReadOnlyQueryRunner.builder(postgres.getDatabase("vigil_rw", "postgres")).build().inspect();

        assertThat(inspection.enabled()).isFalse();
        assertThat(inspection.findings()).containsExactly("can INSERT, UPDATE, DELETE or TRUNCATE public.secrets, public.users");
        assertThat(inspection.message()).isEqualTo("the query runner is disabled: role vigil_rw on PostgreSQL can INSERT,"
                + " UPDATE, DELETE or TRUNCATE public.secrets, public.users. Give it a data source of its own that logs in"
                + " as a role with SELECT privileges only, or declare the application's data source explicitly");
    }

    @Test
    void roleThatCanCreateOrAdvanceSequencesIsRefused() {
        RoleInspection inspection = ReadOnlyQueryRunner.builder(postgres.getDatabase("vigil_creator", "postgres")).build()
                .inspect();

        assertThat(inspection.enabled()).isFalse();
        assertThat(inspection.findings()).containsExactly("can advance or set the sequences public.s",
                "has CREATE on the schemas scratch");
    }

    @Test
    void roleThatCanSignalOtherSessionsIsRefused() {
        RoleInspection inspection = ReadOnlyQueryRunner.builder(postgres.getDatabase("vigil_signal", "postgres")).build()
                .inspect();

        assertThat(inspection.enabled()).isFalse();
        assertThat(inspection.findings()).containsExactly("is a member of pg_signal_backend");
    }

    @Test
    void valuesBecomeJsonFriendly() {
        QueryResult result = readOnlyRunner().run("alice", """
                SELECT 1::int AS i, 9007199254740993::bigint AS big, 42::bigint AS small, 1.50::numeric AS n, 2.5::float8 AS f,
                       'NaN'::float8 AS nan, 'x'::text AS t, true AS b, NULL::int AS nothing, '\\x0102'::bytea AS bytes,
                       TIMESTAMP '2024-01-02 03:04:05' AS ts, TIMESTAMPTZ '2024-01-02 03:04:05+00' AS tstz,
                       DATE '2024-01-02' AS d, TIME '03:04:05.5' AS tm, ARRAY[1, 2] AS arr, '{"a": 1}'::jsonb AS j,
                       interval '1 day' AS iv, '00000000-0000-0000-0000-000000000001'::uuid AS u""");

        assertThat(result.columns()).containsExactly("i", "big", "small", "n", "f", "nan", "t", "b", "nothing", "bytes", "ts",
                "tstz", "d", "tm", "arr", "j", "iv", "u");
        assertThat(result.rows().get(0)).containsExactly(1, "9007199254740993", 42L, new BigDecimal("1.50"), 2.5, "NaN", "x",
                true, null, "AQI=", "2024-01-02T03:04:05", "2024-01-02T03:04:05Z", "2024-01-02", "03:04:05.5",
                Arrays.asList(1, 2), "{\"a\": 1}", "1 day", "00000000-0000-0000-0000-000000000001");
    }
}
