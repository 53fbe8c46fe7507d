package dev.vigil.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MonitoredDataSource} over H2, plus what only H2 lets us test easily. */
class MonitoredDataSourceH2Test extends AbstractMonitoredDataSourceTest {

    @TempDir
    Path tempDir;

    @Override
    DataSource newDatabase() {
        return h2();
    }

    @Override
    void createAddOneFunction(Statement statement) throws SQLException {
        statement.execute("CREATE ALIAS add_one FOR 'java.lang.Math.incrementExact(int)'");
    }

    @Override
    Class<?> driverConnectionType() {
        return JdbcConnection.class;
    }

    @Override
    String driverPackage() {
        return "org.h2.";
    }

    @Test
    void slowStatementIsCountedAndLoggedOnceWithoutItsLiterals() throws SQLException {
        try (Connection connection = raw.getConnection(); Statement statement = connection.createStatement()) {
            // the database, not the test, sleeps: an H2 function that makes a genuinely slow statement
            statement.execute("CREATE ALIAS SLEEP_MS FOR 'java.lang.Thread.sleep'");
        }
        MonitoredDataSource dataSource = MonitoredDataSource.wrap(raw, registry,
                JdbcMonitoringSettings.builder().slowQueryThreshold(Duration.ofMillis(100)).build());

        String log;
        try (StderrCapture stderr = StderrCapture.start();
                Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            // 14 characters * 10 = 140 ms, twice.
            statement.execute("CALL SLEEP_MS(LENGTH('s3cret-literal') * 10)");
            statement.execute("CALL SLEEP_MS(LENGTH('s3cret-literal') * 10)");
            statement.execute("SELECT 1");
            log = stderr.text();
        }

        assertThat(registry.get("db.query.slow").counter().count()).isEqualTo(2.0);
        assertThat(StderrCapture.linesContaining(log, "Slow statement")).singleElement().asString()
                .contains("WARN", "threshold 100 ms", "CALL SLEEP_MS(LENGTH(?) * ?)")
                .doesNotContain("s3cret");
        assertThat(dataSource.statistics().snapshot().slow()).isEqualTo(2);
    }

    @Test
    void failedConnectionAcquisitionIsCountedAndRethrown() {
        JdbcDataSource missing = new JdbcDataSource();
        missing.setURL("jdbc:h2:file:" + tempDir.resolve("does-not-exist") + ";IFEXISTS=TRUE");
        MonitoredDataSource dataSource = MonitoredDataSource.wrap(missing, registry);

        SQLException error = catchThrowableOfType(SQLException.class, dataSource::getConnection);

        assertThat(error.getStackTrace()[0].getClassName()).startsWith("org.h2.");
        assertThat(registry.get("db.connection.acquire").tag("outcome", "error").timer().count()).isEqualTo(1);
    }

    @Test
    void connectionBuilderConnectionsAreMonitored() throws SQLException {
        JdbcConnectionPool pool = JdbcConnectionPool.create(h2());
        try {
            // H2's pool does not support builders; the default DataSource method says so, through the wrapper.
            Throwable error = catchThrowableOfType(SQLFeatureNotSupportedException.class,
                    () -> MonitoredDataSource.wrap(pool, new SimpleMeterRegistry()).createConnectionBuilder());
            assertThat(error).isNotNull();
        } finally {
            pool.dispose();
        }
    }

    @Test
    void closeClosesAClosablePool() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(h2().getURL());
        HikariDataSource pool = new HikariDataSource(config);
        MonitoredDataSource dataSource = MonitoredDataSource.wrap(pool, new SimpleMeterRegistry());

        dataSource.close();

        assertThat(pool.isClosed()).isTrue();
    }

    @Test
    void closeLeavesATargetThatCannotBeClosedWorking() throws Exception {
        MonitoredDataSource dataSource = MonitoredDataSource.wrap(h2(), new SimpleMeterRegistry());

        dataSource.close();

        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
        }
    }

    static JdbcDataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        return dataSource;
    }
}
