package dev.vigil.benchmarks.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The JDBC round trips measured over every {@link JdbcVariant}, side by side in one run; the
 * subclasses choose the database under the wrappers.
 *
 * <p>Per iteration one connection is opened and the statements are prepared once ("connection
 * reused", as behind a pool with a statement cache); per operation:
 * <ul>
 *   <li>{@code select}: set the parameter of {@code SELECT ?}, execute, read the row, close the result set;</li>
 *   <li>{@code prepareAndSelect}: the same, but the statement is prepared and closed in the operation,
 *       as an application without a statement cache does (wrappers that work at prepare time pay here);</li>
 *   <li>{@code batchInsert}: {@value #BATCH_SIZE} rows added to a prepared {@code INSERT} and executed as one batch;
 *       every {@value #ROWS_KEPT} rows the table is emptied again (unwrapped, see {@link #resetTarget()}), so
 *       that every variant inserts into a table of the same sizes: a table growing for a whole iteration
 *       makes the later inserts and the garbage collector's work depend on how fast the variant ran.</li>
 * </ul>
 * Each instrumentation must have recorded something by the end of the trial, or the trial fails:
 * a wrapper that silently switched itself off would otherwise look free.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public abstract class JdbcBenchmark {

    /** Rows per {@code batchInsert}. */
    public static final int BATCH_SIZE = 10;
    /** Rows {@code batchInsert} lets the table grow to before emptying it. */
    public static final int ROWS_KEPT = 100_000;

    static final String SELECT_SQL = "SELECT ?";
    static final String INSERT_SQL = "INSERT INTO bench_event (id, name) VALUES (?, ?)";

    /** The instrumentation under test; {@code raw} is the baseline. */
    @Param({"raw", "vigil", "datasource-proxy", "p6spy", "javamelody", "datasource-micrometer"})
    public String variant;

    private JdbcVariant.Wrapped wrapped;
    private Connection connection;
    private PreparedStatement select;
    private PreparedStatement insert;
    private int next;
    private int batches;

    /** The database under the wrappers, with the table {@code bench_event(id BIGINT, name VARCHAR)}. */
    protected abstract DataSource createTarget() throws SQLException;

    /** Empties the table through the unwrapped database: before each iteration and every {@value #ROWS_KEPT} rows. */
    protected void resetTarget() throws SQLException {
    }

    /** Releases the database after the trial. */
    protected void closeTarget() throws SQLException {
    }

    /** Builds the database and wraps it in the variant. */
    @Setup(Level.Trial)
    public void wrap() throws SQLException {
        wrapped = JdbcVariant.of(variant).wrap(createTarget());
    }

    /** Opens the iteration's connection and prepares its statements. */
    @Setup(Level.Iteration)
    public void open() throws SQLException {
        resetTarget();
        batches = 0;
        connection = wrapped.dataSource().getConnection();
        select = connection.prepareStatement(SELECT_SQL);
        insert = connection.prepareStatement(INSERT_SQL);
    }

    /** Closes the iteration's statements and connection. */
    @TearDown(Level.Iteration)
    public void close() throws SQLException {
        insert.close();
        select.close();
        connection.close();
    }

    /** Releases the instrumentation and the database; fails the trial if the instrumentation recorded nothing. */
    @TearDown(Level.Trial)
    public void verifyRecorded() throws SQLException {
        long recorded = wrapped.recorded().getAsLong();
        wrapped.cleanup().run();
        closeTarget();
        if (recorded == 0) {
            throw new IllegalStateException("the " + variant + " instrumentation recorded no statement: "
                    + "it was not measuring what it would measure in production");
        }
    }

    /** One prepared query on the reused statement. */
    @Benchmark
    public int select() throws SQLException {
        select.setInt(1, ++next);
        try (ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Prepares, runs and closes the query on the reused connection. */
    @Benchmark
    public int prepareAndSelect() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT_SQL)) {
            statement.setInt(1, ++next);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** {@value #BATCH_SIZE} inserts as one batch on the reused statement. */
    @Benchmark
    public int[] batchInsert() throws SQLException {
        for (int i = 0; i < BATCH_SIZE; i++) {
            insert.setLong(1, ++next);
            insert.setString(2, "event");
            insert.addBatch();
        }
        int[] counts = insert.executeBatch();
        if (++batches == ROWS_KEPT / BATCH_SIZE) {
            batches = 0;
            resetTarget();
        }
        return counts;
    }
}
