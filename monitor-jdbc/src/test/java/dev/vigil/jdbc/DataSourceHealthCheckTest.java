package dev.vigil.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DataSourceHealthCheck} against H2, plus its configuration rules. */
class DataSourceHealthCheckTest {

    @TempDir
    Path tempDir;

    @Test
    void checkOfAWorkingDatabaseIsUpWithProductVersionAndLatency() {
        // The first H2 connection in a JVM loads the engine: allow for it.
        HealthResult result = DataSourceHealthCheck.builder(h2()).degradedAbove(Duration.ofSeconds(5)).build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.UP);
        assertThat(result.message()).matches("query took \\d+ ms");
        assertThat(result.details())
                .containsEntry("database", "H2")
                .containsKeys("version", "latencyMs")
                .doesNotContainKeys("connections", "maxConnections", "connectionUsage", "sizeBytes");
        assertThat((String) result.details().get("version")).startsWith("2.");
        assertThat((Long) result.details().get("latencyMs")).isNotNegative();
    }

    @Test
    void checkWithAValidationQueryThatSucceedsIsUp() {
        HealthResult result = DataSourceHealthCheck.builder(h2())
                .validationQuery("SELECT 1")
                .degradedAbove(Duration.ofSeconds(5))
                .build()
                .check();

        assertThat(result.status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void validationQueryThatFailsIsReportedDownWithTheDriverError() {
        HealthResult result = DataSourceHealthCheck.builder(h2())
                .validationQuery("SELECT * FROM missing_table")
                .build()
                .check();

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).startsWith("validation failed: ").contains("MISSING_TABLE");
        assertThat(result.errorText()).hasValueSatisfying(error -> assertThat(error).contains("MISSING_TABLE"));
        assertThat(result.details()).containsEntry("sqlState", "42S04"); // H2 2.x: table not found
    }

    @Test
    void slowValidationQueryIsDegraded() throws SQLException {
        JdbcDataSource dataSource = h2();
        // the database, not the test, sleeps: an H2 function that makes a genuinely slow statement
        execute(dataSource, "CREATE ALIAS SLEEP_MS FOR 'java.lang.Thread.sleep'");

        HealthResult result = DataSourceHealthCheck.builder(dataSource)
                .validationQuery("CALL SLEEP_MS(150)")
                .degradedAbove(Duration.ofMillis(50))
                .build()
                .check();

        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.message()).matches("query took \\d+ ms, above 50 ms");
        assertThat((Long) result.details().get("latencyMs")).isGreaterThanOrEqualTo(150);
    }

    @Test
    void latencyAboveTheThresholdIsDegradedWithBothDurationsInTheMessage() {
        AtomicLong ticker = new AtomicLong();

        HealthResult result = DataSourceHealthCheck.builder(h2())
                .nanoTime(() -> ticker.addAndGet(Duration.ofMillis(140).toNanos()))
                .build()
                .check();

        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.message()).isEqualTo("query took 140 ms, above 100 ms");
        assertThat(result.details()).containsEntry("latencyMs", 140L);
    }

    @Test
    void latencyAtTheThresholdIsStillUp() {
        AtomicLong ticker = new AtomicLong();

        HealthResult result = DataSourceHealthCheck.builder(h2())
                .nanoTime(() -> ticker.addAndGet(Duration.ofMillis(100).toNanos()))
                .build()
                .check();

        assertThat(result.status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void databaseThatCannotBeOpenedIsReportedDown() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + tempDir.resolve("does-not-exist") + ";IFEXISTS=TRUE");
        dataSource.setUser("sa");
        dataSource.setPassword("hunter2");

        HealthResult result = DataSourceHealthCheck.of(dataSource).check();

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).startsWith("cannot get a connection: ").contains("not found");
        assertThat(result.message()).doesNotContain("hunter2");
        assertThat(result.details()).containsKey("sqlState");
    }

    @Test
    void checkLeavesNoQueryTimeoutOnAPooledSession() throws SQLException {
        // H2 applies Statement.setQueryTimeout to the whole session; a pool hands that session out again.
        JdbcConnectionPool pool = JdbcConnectionPool.create(h2());
        pool.setMaxConnections(1);
        try {
            HealthResult result = DataSourceHealthCheck.builder(pool)
                    .validationQuery("SELECT 1")
                    .queryTimeout(Duration.ofSeconds(7))
                    .degradedAbove(Duration.ofSeconds(5))
                    .build()
                    .check();

            assertThat(result.status()).isEqualTo(HealthStatus.UP);
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                assertThat(statement.getQueryTimeout()).isZero();
            }
            assertThat(pool.getActiveConnections()).isZero();
        } finally {
            pool.dispose();
        }
    }

    @Test
    void failedCheckStillReturnsTheConnectionToThePool() {
        JdbcConnectionPool pool = JdbcConnectionPool.create(h2());
        pool.setMaxConnections(1);
        try {
            DataSourceHealthCheck check = DataSourceHealthCheck.builder(pool)
                    .validationQuery("SELECT * FROM missing_table")
                    .build();

            assertThat(check.check().status()).isEqualTo(HealthStatus.DOWN);
            assertThat(pool.getActiveConnections()).isZero();
            assertThat(check.check().message()).startsWith("validation failed: ");
        } finally {
            pool.dispose();
        }
    }

    @Test
    void ofUsesTheDefaults() {
        DataSourceHealthCheck check = DataSourceHealthCheck.of(h2());

        assertThat(check.validationQuery()).isEmpty();
        assertThat(check.queryTimeout()).isEqualTo(DataSourceHealthCheck.DEFAULT_QUERY_TIMEOUT).hasSeconds(3);
        assertThat(check.degradedAbove()).isEqualTo(DataSourceHealthCheck.DEFAULT_DEGRADED_ABOVE).hasMillis(100);
        assertThat(check.connectionUsageDegradedAbove())
                .isEqualTo(DataSourceHealthCheck.DEFAULT_CONNECTION_USAGE_DEGRADED_ABOVE).isEqualTo(0.80);
    }

    @Test
    void blankValidationQueryIsRejectedNamingTheSetting() {
        assertThatThrownBy(() -> DataSourceHealthCheck.builder(h2()).validationQuery("  ").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monitor.checks.database.validation-query");
    }

    @Test
    void nonPositiveQueryTimeoutIsRejectedNamingTheSetting() {
        assertThatThrownBy(() -> DataSourceHealthCheck.builder(h2()).queryTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monitor.checks.database.query-timeout");
    }

    @Test
    void nonPositiveDegradedAboveIsRejectedNamingTheSetting() {
        assertThatThrownBy(() -> DataSourceHealthCheck.builder(h2()).degradedAbove(Duration.ofMillis(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monitor.checks.database.degraded-above");
    }

    @Test
    void connectionUsageThresholdOutsideZeroToOneIsRejectedNamingTheSetting() {
        for (double invalid : new double[] {0.0, -0.5, 1.01, Double.NaN}) {
            assertThatThrownBy(() -> DataSourceHealthCheck.builder(h2()).connectionUsageDegradedAbove(invalid).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("monitor.checks.database.connection-usage-degraded-above");
        }
    }

    @Test
    void queryTimeoutIsRoundedUpToWholeSecondsOfAtLeastOne() {
        assertThat(DataSourceHealthCheck.wholeSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(DataSourceHealthCheck.wholeSeconds(Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(DataSourceHealthCheck.wholeSeconds(Duration.ofMillis(1500))).isEqualTo(2);
        assertThat(DataSourceHealthCheck.wholeSeconds(Duration.ofSeconds(3))).isEqualTo(3);
        assertThat(DataSourceHealthCheck.wholeSeconds(Duration.ofDays(100_000))).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void secretsInErrorTextAreScrubbed() {
        assertThat(DataSourceHealthCheck.scrub(
                "cannot open jdbc:postgresql://db:5432/app?user=app&password=s3cret&ssl=true"))
                .isEqualTo("cannot open jdbc:postgresql://db:5432/app?user=app&password=****&ssl=true");
        assertThat(DataSourceHealthCheck.scrub("jdbc:sqlserver://db;user=app;Password=s3cret;encrypt=true"))
                .isEqualTo("jdbc:sqlserver://db;user=app;Password=****;encrypt=true");
        assertThat(DataSourceHealthCheck.scrub("jdbc:mysql://app:s3cret@db:3306/app"))
                .isEqualTo("jdbc:mysql://app:****@db:3306/app");
        assertThat(DataSourceHealthCheck.scrub("FATAL: password authentication failed for user \"app\""))
                .isEqualTo("FATAL: password authentication failed for user \"app\"");
    }

    private static JdbcDataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        return dataSource;
    }

    private static void execute(JdbcDataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
