package dev.vigil.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthStatus;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** {@link DataSourceHealthCheck} against a real PostgreSQL server, started once for the class. */
class DataSourceHealthCheckPostgresTest {

    private static final int MAX_CONNECTIONS = 20;

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("max_connections", String.valueOf(MAX_CONNECTIONS))
                .start();
        // A database where ordinary users may not read pg_stat_activity (a per-database catalog view).
        execute(postgres.getPostgresDatabase(), "CREATE DATABASE restricted");
        execute(postgres.getPostgresDatabase(), "CREATE ROLE monitor LOGIN");
        execute(postgres.getDatabase("postgres", "restricted"),
                "REVOKE SELECT ON pg_catalog.pg_stat_activity FROM PUBLIC");
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void checkOfAWorkingServerIsUpWithConnectionsAndSize() {
        HealthResult result = DataSourceHealthCheck.builder(postgres.getPostgresDatabase())
                .degradedAbove(Duration.ofSeconds(5))
                .build()
                .check();

        assertThat(result.status()).isEqualTo(HealthStatus.UP);
        assertThat(result.details())
                .containsEntry("database", "PostgreSQL")
                .containsEntry("maxConnections", (long) MAX_CONNECTIONS)
                .containsKeys("version", "latencyMs", "connections", "connectionUsage", "sizeBytes")
                .doesNotContainKeys("connectionsError", "sizeError");
        assertThat((String) result.details().get("version")).startsWith("18.");
        // The check's own connection is a client backend.
        assertThat((Long) result.details().get("connections")).isBetween(1L, (long) MAX_CONNECTIONS);
        assertThat((Double) result.details().get("connectionUsage")).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
        assertThat((Long) result.details().get("sizeBytes")).isPositive();
    }

    @Test
    void checkWithAValidationQueryIsUp() {
        HealthResult result = DataSourceHealthCheck.builder(postgres.getPostgresDatabase())
                .validationQuery("SELECT 1")
                .degradedAbove(Duration.ofSeconds(5))
                .build()
                .check();

        assertThat(result.status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void connectionUsageAboveTheThresholdIsDegraded() throws SQLException {
        DataSource dataSource = postgres.getPostgresDatabase();
        List<Connection> held = new ArrayList<>();
        try {
            // 16 held + the check's own = 17 of 20 = 0.85, above the default 0.80.
            for (int i = 0; i < 16; i++) {
                held.add(dataSource.getConnection());
            }

            HealthResult result = DataSourceHealthCheck.builder(dataSource)
                    .degradedAbove(Duration.ofSeconds(5))
                    .build()
                    .check();

            assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(result.message()).matches("\\d+ of 20 connections in use");
            assertThat((Long) result.details().get("connections")).isGreaterThanOrEqualTo(17L);
            assertThat((Double) result.details().get("connectionUsage")).isGreaterThanOrEqualTo(0.85);
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    @Test
    void validationQueryThatOutlivesTheQueryTimeoutIsDown() {
        DataSourceHealthCheck check = DataSourceHealthCheck.builder(postgres.getPostgresDatabase())
                .validationQuery("SELECT pg_sleep(5)")
                .queryTimeout(Duration.ofSeconds(1))
                .build();

        long started = System.nanoTime();
        HealthResult result = check.check();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo("validation timed out after 1 s");
        assertThat(result.errorText()).hasValueSatisfying(error -> assertThat(error).contains("cancel"));
        assertThat(result.details()).containsEntry("sqlState", "57014");
        // Generous: the query would take 5 s if the timeout were not applied.
        assertThat(took).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void statisticsThatCannotBeReadAreReportedAsDetailsWithoutChangingTheStatus() {
        HealthResult result = DataSourceHealthCheck.builder(postgres.getDatabase("monitor", "restricted"))
                .degradedAbove(Duration.ofSeconds(5))
                .build()
                .check();

        assertThat(result.status()).isEqualTo(HealthStatus.UP);
        assertThat(result.details())
                .containsKeys("latencyMs", "sizeBytes")
                .doesNotContainKeys("connections", "maxConnections", "connectionUsage");
        assertThat((String) result.details().get("connectionsError")).contains("permission denied");
    }

    @Test
    void failedStatisticsQueryDoesNotSpoilTheRestOutsideAutoCommit() {
        PGSimpleDataSource dataSource = new AutoCommitOffDataSource();
        dataSource.setURL(postgres.getJdbcUrl("monitor", "restricted"));

        HealthResult result = DataSourceHealthCheck.builder(dataSource)
                .degradedAbove(Duration.ofSeconds(5))
                .build()
                .check();

        assertThat(result.status()).isEqualTo(HealthStatus.UP);
        assertThat(result.details()).containsKeys("connectionsError", "sizeBytes");
    }

    @Test
    void ordinaryUserSeesTheServerWideConnectionCount() throws SQLException {
        DataSource dataSource = postgres.getDatabase("monitor", "postgres");
        try (Connection other = postgres.getPostgresDatabase().getConnection()) {
            assertThat(other.isValid(1)).isTrue();
            HealthResult result = DataSourceHealthCheck.builder(dataSource)
                    .degradedAbove(Duration.ofSeconds(5))
                    .build()
                    .check();

            assertThat(result.status()).isEqualTo(HealthStatus.UP);
            // Its own connection and the superuser's, whose backend type PostgreSQL hides from it.
            assertThat((Long) result.details().get("connections")).isGreaterThanOrEqualTo(2L);
        }
    }

    /** Hands out connections with auto-commit off, as pools configured with {@code autoCommit=false} do. */
    private static final class AutoCommitOffDataSource extends PGSimpleDataSource {
        private static final long serialVersionUID = 1L;

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = super.getConnection();
            connection.setAutoCommit(false);
            return connection;
        }
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
