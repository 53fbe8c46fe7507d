package dev.vigil.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/** {@link MonitoredDataSource} over a real PostgreSQL server, started once for the class. */
class MonitoredDataSourcePostgresTest extends AbstractMonitoredDataSourceTest {

    private static final AtomicInteger databases = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    DataSource newDatabase() throws SQLException {
        String name = "wrapper_" + databases.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return postgres.getDatabase("postgres", name);
    }

    @Override
    void createAddOneFunction(Statement statement) throws SQLException {
        statement.execute("CREATE FUNCTION add_one(x int) RETURNS int AS $$ SELECT x + 1 $$ LANGUAGE sql");
    }

    @Override
    Class<?> driverConnectionType() {
        return PGConnection.class;
    }

    @Override
    String driverPackage() {
        return "org.postgresql.";
    }

    @Test
    void slowStatementIsCountedAndLoggedOnceWithoutItsValues() throws SQLException {
        MonitoredDataSource dataSource = MonitoredDataSource.wrap(raw, registry,
                JdbcMonitoringSettings.builder().slowQueryThreshold(Duration.ofMillis(100)).build());

        String log;
        try (StderrCapture stderr = StderrCapture.start();
                Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT pg_sleep(?), ? AS secret")) {
            for (int i = 0; i < 2; i++) {
                statement.setDouble(1, 0.3);
                statement.setString(2, "s3cret-" + i);
                try (ResultSet rows = statement.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                }
            }
            log = stderr.text();
        }

        assertThat(registry.get("db.query.slow").counter().count()).isEqualTo(2.0);
        assertThat(StderrCapture.linesContaining(log, "Slow statement")).singleElement().asString()
                .contains("SELECT pg_sleep(?), ? AS secret")
                .contains("threshold 100 ms")
                .doesNotContain("s3cret");
        assertThat(dataSource.statistics().snapshot().statements()).singleElement().satisfies(s -> {
            assertThat(s.slow()).isEqualTo(2);
            assertThat(s.maxMs()).isGreaterThanOrEqualTo(300.0);
        });
    }

    @Test
    void literalsInPlainStatementsAreGroupedIntoOneShape() throws SQLException {
        try (Connection connection = monitored.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT $$a$$ || 'b', 1 FROM items WHERE id IN (1, 2)");
            statement.execute("SELECT $tag$c$tag$ || 'd', 2 FROM items WHERE id IN (3)");
        }

        assertThat(monitored.statistics().snapshot().statements())
                .extracting(StatementStatistics::sql, StatementStatistics::count)
                .containsExactly(tuple("SELECT ? || ?, ? FROM items WHERE id IN (?)", 2L));
    }
}
