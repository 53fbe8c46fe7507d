package dev.vigil.benchmarks.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * What each JDBC instrumentation adds to a real, fast database: H2 in memory, in this JVM, so the
 * numbers are the driver's work plus the wrapper's, without a network to hide the difference.
 *
 * <p>Compare each variant to {@code raw} as a ratio; the absolute times are H2's. The table is emptied
 * before every iteration and every {@value #ROWS_KEPT} rows so that {@code batchInsert} does not slow
 * down as it grows. Run with {@code -prof gc} for the bytes each wrapper allocates per statement (see
 * {@link JdbcStubBenchmark} for the wrappers' cost alone).
 */
public class JdbcRoundTripBenchmark extends JdbcBenchmark {

    private Connection admin;

    @Override
    protected DataSource createTarget() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:bench_" + variant.replace('-', '_') + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        admin = h2.getConnection(); // unwrapped, for setup; also keeps the database alive
        try (Statement statement = admin.createStatement()) {
            statement.execute("CREATE TABLE bench_event (id BIGINT, name VARCHAR(64))");
        }
        return h2;
    }

    @Override
    protected void resetTarget() throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("TRUNCATE TABLE bench_event");
        }
    }

    @Override
    protected void closeTarget() throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("SHUTDOWN");
        }
        admin.close();
    }
}
