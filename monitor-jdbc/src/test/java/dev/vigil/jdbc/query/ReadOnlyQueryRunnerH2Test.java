package dev.vigil.jdbc.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ReadOnlyQueryRunner} on an in-memory H2 database. */
class ReadOnlyQueryRunnerH2Test extends AbstractReadOnlyQueryRunnerTest {

    private static final String URL = "jdbc:h2:mem:vigil_query_runner;DB_CLOSE_DELAY=-1";
    private static final int POOL_SIZE = 4;

    private static Connection sentinel;
    private static HikariDataSource applicationPool;
    private static ReadOnlyQueryRunner attackRunner;
    private static ReadOnlyQueryRunner applicationRunner;

    @BeforeAll
    static void createDatabase() throws SQLException {
        sentinel = DriverManager.getConnection(URL, "sa", "");
        execute(sentinel, SCHEMA + """
                ;
                CREATE USER vigil_ro PASSWORD 'ro';
                GRANT SELECT ON users, secrets TO vigil_ro""");
        createBigValue(sentinel, "CLOB");
        applicationPool = pool("application-h2", POOL_SIZE);
        attackRunner = runnerOnPool(settings().timeout(ATTACK_TIMEOUT).build(), QueryAuditor.NO_OP);
        applicationRunner = runnerOnPool(settings().build(), QueryAuditor.NO_OP);
    }

    private static HikariDataSource pool(String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(URL);
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(30_000);
        config.setPoolName(name);
        return new HikariDataSource(config);
    }

    private static ReadOnlyQueryRunner runnerOnPool(QueryRunnerSettings settings, QueryAuditor auditor) {
        return ReadOnlyQueryRunner.builder(applicationPool).applicationDataSource(true).settings(settings).auditor(auditor)
                .clock(clock()).build();
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        for (ReadOnlyQueryRunner runner : new ReadOnlyQueryRunner[] {attackRunner, applicationRunner}) {
            if (runner != null) {
                runner.close();
            }
        }
        if (applicationPool != null) {
            applicationPool.close();
        }
        if (sentinel != null) {
            execute(sentinel, "DROP ALL OBJECTS");
            sentinel.close();
        }
    }

    private static JdbcDataSource dataSource(String user, String password) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(URL.substring(0, URL.indexOf(';')));
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
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

    @Override
    String endlessQuery() {
        // Row generators are bounded (max-series-rows); the catalog, several times over, is not: hundreds of rows to the fourth power.
        return "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS a, INFORMATION_SCHEMA.COLUMNS b,"
                + " INFORMATION_SCHEMA.COLUMNS c, INFORMATION_SCHEMA.COLUMNS d";
    }

    @Override
    ReadOnlyQueryRunner readOnlyRunner(QueryRunnerSettings settings, QueryAuditor auditor) {
        return ReadOnlyQueryRunner.builder(dataSource("vigil_ro", "ro")).settings(settings).auditor(auditor).clock(clock())
                .build();
    }

    @Override
    ReadOnlyQueryRunner adminRunner(boolean applicationDataSource) {
        return ReadOnlyQueryRunner.builder(dataSource("sa", "")).applicationDataSource(applicationDataSource)
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
        state.put("secrets", string(sentinel, "SELECT LISTAGG(id || ':' || user_id || ':' || note, ',') FROM secrets"));
        state.put("sequence", string(sentinel, "SELECT BASE_VALUE FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_NAME = 'S'"));
        state.put("tables", string(sentinel, "SELECT LISTAGG(TABLE_NAME, ',') WITHIN GROUP (ORDER BY TABLE_NAME)"
                + " FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"));
        state.put("accounts", string(sentinel, "SELECT LISTAGG(USER_NAME || ':' || IS_ADMIN, ',') WITHIN GROUP (ORDER BY USER_NAME)"
                + " FROM INFORMATION_SCHEMA.USERS"));
        state.put("aliases", string(sentinel, "SELECT LISTAGG(ROUTINE_SCHEMA || '.' || ROUTINE_NAME, ',')"
                + " WITHIN GROUP (ORDER BY ROUTINE_SCHEMA, ROUTINE_NAME) FROM INFORMATION_SCHEMA.ROUTINES"
                + " WHERE ROUTINE_SCHEMA <> 'INFORMATION_SCHEMA'"));
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
                assertThat(string(connection, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                        + " WHERE SETTING_NAME = 'QUERY_TIMEOUT'")).isEqualTo("0");
            }
        } finally {
            for (Connection connection : borrowed) {
                connection.close();
            }
        }
    }

    @Override
    void createSleepFunction() throws SQLException {
        Sleeper.CALLS.set(0);
        execute(sentinel, "CREATE ALIAS SLEEP_MS FOR '" + Sleeper.class.getName() + ".sleepMs'");
    }

    @Override
    void dropSleepFunction() throws SQLException {
        execute(sentinel, "DROP ALIAS IF EXISTS SLEEP_MS");
    }

    @Override
    int sleepFunctionCalls() {
        return Sleeper.CALLS.get();
    }

    @Override
    List<String> databaseSpecificAdminQueries() {
        return List.of(
                "SELECT H2VERSION(), DATABASE(), CURRENT_USER, DISK_SPACE_USED('USERS') >= 0",
                "SELECT X, DATEADD('DAY', X, DATE '2026-01-01'), DAYNAME(DATEADD('DAY', X, DATE '2026-01-01'))"
                        + " FROM SYSTEM_RANGE(1, 7)",
                "SELECT FORMATDATETIME(TIMESTAMP '2026-01-02 03:04:05', 'yyyy-MM-dd'),"
                        + " DATEDIFF('DAY', DATE '2026-01-01', CURRENT_DATE) > 0",
                "SELECT MEDIAN(id), MODE(name), PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY id) FROM users",
                "SELECT JSON_OBJECT('name': name, 'email': email) FROM users ORDER BY id",
                "SELECT TABLE_NAME, TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY 1");
    }

    /** {@code SLEEP_MS} of the tests: a static Java method, as the demo's alias for {@code Thread.sleep} is. */
    public static final class Sleeper {
        static final AtomicInteger CALLS = new AtomicInteger();

        private Sleeper() {
        }

        /** Counts the call, then sleeps. */
        public static void sleepMs(long millis) throws InterruptedException {
            CALLS.incrementAndGet();
            Thread.sleep(millis); // the body of the attacked alias, like the demo's SLEEP_MS: no test waits on it
        }
    }

    @Test
    void everyAllowedFunctionIsAnH2BuiltIn() throws SQLException {
        List<String> unknown = new ArrayList<>();
        try (Statement statement = sentinel.createStatement()) {
            for (String name : new TreeSet<>(AllowedFunctions.all(SqlDialect.H2).keySet())) {
                String upper = name.toUpperCase(java.util.Locale.ROOT);
                if (!isKnown(statement, "SELECT " + upper + "()") && !isKnown(statement, "SELECT * FROM " + upper + "()")) {
                    unknown.add(name);
                }
            }
        }
        assertThat(unknown).as("names H2 resolves to no built-in function").isEmpty();
        assertThat(AllowedFunctions.all(SqlDialect.H2)).hasSizeGreaterThan(150);
    }

    /** False only if H2 looked the name up among the functions and found none (called with no arguments, most fail otherwise). */
    private static boolean isKnown(Statement statement, String sql) {
        try {
            statement.executeQuery(sql).close();
            return true;
        } catch (SQLException e) {
            return e.getErrorCode() != ErrorCode.FUNCTION_NOT_FOUND_1;
        }
    }

    /**
     * The demo's {@code SLEEP_MS} (a Java method that sleeps, which no H2 query
     * timeout stops) called by ten requests at once on the application's pool of 4. Called by name it
     * is refused by the allow-list; through a view, which the checks cannot see into, it reaches the
     * database. While those calls are in flight the application still gets a connection, every
     * request is answered (busy or timed out), and every connection comes back.
     */
    @Test
    void sleepingAliasCannotExhaustThePool() throws Exception {
        createSleepFunction();
        execute(sentinel, "CREATE VIEW SLEEPING AS SELECT SLEEP_MS(3600000) AS SLEPT");
        HikariDataSource hostPool = pool("host-h2", 4);
        ReadOnlyQueryRunner runner = ReadOnlyQueryRunner.builder(hostPool).applicationDataSource(true)
                .settings(QueryRunnerSettings.builder().timeout(Duration.ofSeconds(1)).build()).build();
        ExecutorService requests = Executors.newFixedThreadPool(10);
        try {
            // Inspected now, so that the connections below are the queries' own.
            assertThat(runner.inspect().enabled()).isTrue();
            assertThat(catchThrowable(() -> runner.run("mallory", "SELECT SLEEP_MS(3600000) AS slept")))
                    .isInstanceOfSatisfying(QueryRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(RejectionReason.DENIED_FUNCTION));
            List<Future<Object>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(requests.submit(() -> {
                    try {
                        return runner.run("mallory", "SELECT slept FROM sleeping");
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            awaitUntil("the requests have taken what they could of the pool, or are all answered",
                    () -> answers.stream().allMatch(Future::isDone) || hostPool.getHikariPoolMXBean().getActiveConnections() >= 2);

            try (Connection connection = hostPool.getConnection()) {
                assertThat(string(connection, "SELECT COUNT(*) FROM users")).isEqualTo("3");
            }
            for (Future<Object> answer : answers) {
                assertThat(answer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).satisfiesAnyOf(
                        outcome -> assertThat(outcome).isInstanceOfSatisfying(QueryRejectedException.class,
                                e -> assertThat(e.reason()).isEqualTo(RejectionReason.BUSY)),
                        outcome -> assertThat(outcome).isInstanceOfSatisfying(QueryFailedException.class,
                                e -> assertThat(e.timedOut()).as(e.getMessage()).isTrue()));
            }
            assertThat(answers).as("requests that got a place, answered at their deadline").anySatisfy(answer ->
                    assertThat(answer.get()).isInstanceOfSatisfying(QueryFailedException.class, e -> assertThat(e.timedOut()).isTrue()));
            awaitUntil("every connection is back", () -> hostPool.getHikariPoolMXBean().getActiveConnections() == 0);
            List<Connection> all = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    all.add(hostPool.getConnection());
                    assertThat(string(all.get(i), "SELECT 1")).isEqualTo("1");
                }
            } finally {
                for (Connection connection : all) {
                    connection.close();
                }
            }
        } finally {
            requests.shutdownNow();
            runner.close();
            hostPool.close();
            execute(sentinel, "DROP VIEW IF EXISTS SLEEPING");
            dropSleepFunction();
        }
    }

    @Test
    void adminIsRefused() {
        RoleInspection inspection = adminRunner(false).inspect();

        assertThat(inspection.database()).isEqualTo("H2");
        assertThat(inspection.user()).isEqualTo("SA");
        assertThat(inspection.findings()).containsExactly(
                "is an H2 admin (admins can read and write files, run scripts and shut the database down)");
    }

    @Test
    void valuesBecomeJsonFriendly() {
        QueryResult result = readOnlyRunner().run("alice", """
                SELECT 1 AS i, CAST(9007199254740993 AS BIGINT) AS big, CAST(1.50 AS NUMERIC(5, 2)) AS n, 'x' AS t, TRUE AS b,
                       CAST(NULL AS INT) AS nothing, STRINGTOUTF8('ab') AS bytes, TIMESTAMP '2024-01-02 03:04:05' AS ts,
                       CAST('2024-01-02 03:04:05+00' AS TIMESTAMP WITH TIME ZONE) AS tstz, DATE '2024-01-02' AS d,
                       TIME '03:04:05' AS tm, ARRAY[1, 2] AS arr, CAST('00000000-0000-0000-0000-000000000001' AS UUID) AS u""");

        assertThat(result.columns()).containsExactly("I", "BIG", "N", "T", "B", "NOTHING", "BYTES", "TS", "TSTZ", "D", "TM",
                "ARR", "U");
        assertThat(result.rows().get(0)).containsExactly(1, "9007199254740993", new BigDecimal("1.50"), "x", true, null,
                "YWI=", "2024-01-02T03:04:05", "2024-01-02T03:04:05Z", "2024-01-02", "03:04:05", Arrays.asList(1, 2),
                "00000000-0000-0000-0000-000000000001");
    }
}
