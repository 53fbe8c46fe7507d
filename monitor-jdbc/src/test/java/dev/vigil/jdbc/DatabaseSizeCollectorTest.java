package dev.vigil.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.vigil.metrics.MetricSample;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link DatabaseSizeCollector} on H2, plus its configuration rules. */
class DatabaseSizeCollectorTest {

    private JdbcDataSource h2;

    @BeforeEach
    void createTables() throws SQLException {
        h2 = MonitoredDataSourceH2Test.h2();
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE orders (id INT PRIMARY KEY)");
            statement.execute("INSERT INTO orders SELECT X FROM SYSTEM_RANGE(1, 120)");
            statement.execute("CREATE SCHEMA billing");
            statement.execute("CREATE TABLE billing.invoices (id INT PRIMARY KEY)");
            statement.execute("INSERT INTO billing.invoices SELECT X FROM SYSTEM_RANGE(1, 7)");
            statement.execute("CREATE TABLE empty_table (id INT)");
            statement.execute("CREATE VIEW order_view AS SELECT * FROM orders");
        }
    }

    @Test
    void h2TablesAreReportedWithTheirRowCountsLargestFirst() throws SQLException {
        assertThat(DatabaseSizeCollector.of(h2).collect())
                .extracting(MetricSample::name, MetricSample::tags, MetricSample::value)
                .containsExactly(
                        tuple("db.table.rows", Map.of("table", "PUBLIC.ORDERS"), 120.0),
                        tuple("db.table.rows", Map.of("table", "BILLING.INVOICES"), 7.0),
                        tuple("db.table.rows", Map.of("table", "PUBLIC.EMPTY_TABLE"), 0.0));
    }

    @Test
    void onlyTheLargestTablesAreReported() throws SQLException {
        assertThat(DatabaseSizeCollector.builder(h2).maxTables(1).build().collect())
                .extracting(sample -> sample.tags().get("table"))
                .containsExactly("PUBLIC.ORDERS");
    }

    @Test
    void itsOwnQueriesDoNotShowUpInTheStatementStatistics() throws SQLException {
        MonitoredDataSource monitored = MonitoredDataSource.wrap(h2, new SimpleMeterRegistry());

        assertThat(DatabaseSizeCollector.of(monitored).collect()).hasSize(3);

        assertThat(monitored.statistics().snapshot().queries()).isZero();
    }

    @Test
    void leavesNoQueryTimeoutOnAPooledSession() throws SQLException {
        JdbcConnectionPool pool = JdbcConnectionPool.create(h2);
        pool.setMaxConnections(1);
        try {
            DatabaseSizeCollector.builder(pool).queryTimeout(Duration.ofSeconds(7)).build().collect();

            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                assertThat(statement.getQueryTimeout()).isZero();
            }
        } finally {
            pool.dispose();
        }
    }

    @Test
    void databaseThatCannotBeReachedIsThrownForTheRuntimeToLog() {
        JdbcDataSource missing = new JdbcDataSource();
        missing.setURL("jdbc:h2:mem:missing;IFEXISTS=TRUE");

        assertThatThrownBy(() -> DatabaseSizeCollector.of(missing).collect()).isInstanceOf(SQLException.class);
    }

    @Test
    void invalidSettingsAreRejectedNamingTheSetting() {
        assertThatThrownBy(() -> DatabaseSizeCollector.builder(h2).queryTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query-timeout");
        assertThatThrownBy(() -> DatabaseSizeCollector.builder(h2).maxTables(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-tables");
    }
}
