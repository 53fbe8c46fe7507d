package dev.vigil.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vigil.metrics.MetricSample;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** {@link DatabaseSizeCollector} against a real PostgreSQL server, started once for the class. */
class DatabaseSizeCollectorPostgresTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException, SQLException {
        postgres = EmbeddedPostgres.start();
        execute(postgres.getPostgresDatabase(),
                "CREATE DATABASE shop",
                "CREATE ROLE reader LOGIN");
        execute(postgres.getDatabase("postgres", "shop"),
                "CREATE TABLE orders (id int PRIMARY KEY)",
                "INSERT INTO orders SELECT generate_series(1, 250)",
                "CREATE SCHEMA billing",
                "CREATE TABLE billing.invoices (id int)",
                "INSERT INTO billing.invoices SELECT generate_series(1, 40)",
                // Publishes this session's pending table statistics (n_live_tup) before the statement returns.
                "SELECT pg_stat_force_next_flush()",
                "GRANT USAGE ON SCHEMA billing TO reader",
                // An ordinary user who may not call pg_database_size: the size query fails, the rest goes on.
                "REVOKE EXECUTE ON FUNCTION pg_database_size(name) FROM PUBLIC");
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void postgresReportsTheDatabaseSizeAndTableRowsLargestFirst() throws SQLException {
        List<MetricSample> samples = DatabaseSizeCollector.of(postgres.getDatabase("postgres", "shop")).collect();

        assertThat(samples).filteredOn(sample -> sample.name().equals("db.size.bytes")).singleElement()
                .satisfies(size -> assertThat(size.value()).isGreaterThan(1_000_000));
        assertThat(samples).filteredOn(sample -> sample.name().equals("db.table.rows"))
                .extracting(MetricSample::tags, MetricSample::value)
                .containsExactly(
                        tuple(Map.of("table", "public.orders"), 250.0),
                        tuple(Map.of("table", "billing.invoices"), 40.0));
    }

    @Test
    void queryThatFailsIsSkippedAndLoggedOnceWhileTheOthersAreStillReported() throws SQLException {
        DatabaseSizeCollector collector = DatabaseSizeCollector.of(postgres.getDatabase("reader", "shop"));

        List<MetricSample> first;
        List<MetricSample> second;
        String log;
        try (StderrCapture stderr = StderrCapture.start()) {
            first = collector.collect();
            second = collector.collect();
            log = stderr.text();
        }

        assertThat(first).extracting(MetricSample::name).containsOnly("db.table.rows").hasSize(2);
        assertThat(second).isEqualTo(first);
        assertThat(StderrCapture.linesContaining(log, "DatabaseSizeCollector")).singleElement().asString()
                .contains("WARN", "Cannot read the database size", "permission denied");
    }

    @Test
    void failedQueryOutsideAutoCommitDoesNotSpoilTheNextOne() throws SQLException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource() {
            private static final long serialVersionUID = 1L;

            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = super.getConnection();
                connection.setAutoCommit(false);
                return connection;
            }
        };
        dataSource.setURL(postgres.getJdbcUrl("reader", "shop"));

        assertThat(DatabaseSizeCollector.of(dataSource).collect()).extracting(MetricSample::name)
                .containsExactly("db.table.rows", "db.table.rows");
    }

    private static void execute(DataSource dataSource, String... sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }
}
