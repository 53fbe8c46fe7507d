package dev.vigil.jdbc;

import dev.vigil.Monitor;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ConnectionBuilder;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.ShardingKey;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that times every statement its connections run, keeps per-statement-shape
 * statistics, and reports slow statements, for any JDBC driver or pool.
 *
 * <p>Into the {@link MeterRegistry} it records
 * <ul>
 *   <li>{@code db.query}, the count and total time of statements, tagged {@code operation} ({@code query}:
 *       {@code executeQuery}; {@code update}: {@code executeUpdate}/{@code executeLargeUpdate};
 *       {@code batch}: {@code executeBatch}/{@code executeLargeBatch}; {@code execute}: {@code execute})
 *       and {@code outcome} ({@code success}, {@code error}). It is a {@code FunctionTimer}, not a
 *       {@code Timer}, to keep the cost per statement low, so it has no maximum and no percentile
 *       histogram; latency percentiles and maxima are in {@link #statistics()}: per statement shape
 *       (count, total, max, p95, {@link QueryStatistics#topSlowest()}) and overall (p50, p95, p99), and
 *       in the {@code db.query.latency.*} samples of Vigil's history;</li>
 *   <li>{@code db.query.slow}, a counter of statements slower than
 *       {@link JdbcMonitoringSettings#slowQueryThreshold()}; the first slow run of each statement
 *       shape is also logged at WARN with its shape, which carries no literal or parameter value;</li>
 *   <li>{@code db.connection.acquire}, a timer of {@code getConnection()} tagged {@code outcome}.</li>
 * </ul>
 * and per statement shape into {@link #statistics()}, which is also the {@code MetricCollector} for
 * Vigil's history.
 *
 * <p>The wrappers are plain delegating classes (no reflection proxies); the hot path reads a
 * nanosecond ticker twice and updates meters and histograms created up front. A prepared or callable
 * statement is shaped once when prepared; SQL given to a plain {@code Statement} is shaped through a
 * bounded cache keyed by the SQL text. A plain statement's batch is recorded under the shape of its
 * first {@code addBatch(sql)}. Exceptions from the driver propagate unchanged (the same instance),
 * after being counted. Preparing a statement is not timed, so a driver that reports a bad statement
 * when it is prepared (H2 does; PostgreSQL reports it on execution) reports it uncounted. {@code Statement.getConnection()} and {@code DatabaseMetaData.getConnection()}
 * return the wrapping connection; result sets are the driver's own, so
 * {@code ResultSet.getStatement()} returns the driver's statement, whose statements are not timed.
 *
 * <pre>{@code
 * MonitoredDataSource dataSource = MonitoredDataSource.wrap(hikari, monitor);
 * }</pre>
 */
public final class MonitoredDataSource implements DataSource, Closeable {

    private final DataSource target;
    private final JdbcMonitoringSettings settings;
    private final QueryStatistics statistics;
    private final QueryRecorder recorder;

    private MonitoredDataSource(DataSource target, MeterRegistry registry, JdbcMonitoringSettings settings,
            LongSupplier nanoTime) {
        this.target = target;
        this.settings = settings;
        this.statistics = new QueryStatistics(settings);
        this.recorder = new QueryRecorder(registry, settings, statistics, nanoTime);
    }

    /** Wraps {@code target} with the default settings, recording into the monitor's meter registry. */
    public static MonitoredDataSource wrap(DataSource target, Monitor monitor) {
        return wrap(target, Objects.requireNonNull(monitor, "monitor").meterRegistry());
    }

    /** Wraps {@code target} with {@code settings}, recording into the monitor's meter registry. */
    public static MonitoredDataSource wrap(DataSource target, Monitor monitor, JdbcMonitoringSettings settings) {
        return wrap(target, Objects.requireNonNull(monitor, "monitor").meterRegistry(), settings);
    }

    /** Wraps {@code target} with the default settings; an already monitored data source is returned as is. */
    public static MonitoredDataSource wrap(DataSource target, MeterRegistry registry) {
        return wrap(target, registry, JdbcMonitoringSettings.ofDefaults());
    }

    /** Wraps {@code target} with {@code settings}; an already monitored data source is returned as is. */
    public static MonitoredDataSource wrap(DataSource target, MeterRegistry registry, JdbcMonitoringSettings settings) {
        return wrap(target, registry, settings, System::nanoTime);
    }

    /**
     * Wraps {@code target}, measuring durations with {@code nanoTime} (for tests); an already monitored
     * data source is returned as is, with its own registry and settings.
     */
    public static MonitoredDataSource wrap(DataSource target, MeterRegistry registry, JdbcMonitoringSettings settings,
            LongSupplier nanoTime) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(nanoTime, "nanoTime");
        if (target instanceof MonitoredDataSource monitored) {
            return monitored;
        }
        return new MonitoredDataSource(target, registry, settings, nanoTime);
    }

    /** Per-statement-shape statistics, and the {@code MetricCollector} of the {@code db.*} interval samples. */
    public QueryStatistics statistics() {
        return statistics;
    }

    /** The settings this data source was wrapped with. */
    public JdbcMonitoringSettings settings() {
        return settings;
    }

    /** The wrapped data source, for work that is not the application's (Vigil's own store) and is not timed. */
    public DataSource target() {
        return target;
    }

    /** Gets a connection from the target, timed as {@code db.connection.acquire}. */
    @Override
    public Connection getConnection() throws SQLException {
        long started = recorder.start();
        Connection connection;
        try {
            connection = target.getConnection();
        } catch (Throwable e) {
            recorder.acquired(started, true);
            throw e;
        }
        recorder.acquired(started, false);
        return new MonitoredConnection(connection, recorder);
    }

    /** Gets a connection for a user from the target, timed as {@code db.connection.acquire}. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        long started = recorder.start();
        Connection connection;
        try {
            connection = target.getConnection(username, password);
        } catch (Throwable e) {
            recorder.acquired(started, true);
            throw e;
        }
        recorder.acquired(started, false);
        return new MonitoredConnection(connection, recorder);
    }

    /** The target's connection builder, whose {@code build()} is timed and returns a monitored connection. */
    @Override
    public ConnectionBuilder createConnectionBuilder() throws SQLException {
        return new MonitoredConnectionBuilder(target.createConnectionBuilder(), recorder);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    /** This data source for its own types, the target for the target's types, else the target's unwrap. */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return iface.isInstance(target) ? iface.cast(target) : target.unwrap(iface);
    }

    /** True for this data source's own types, the target's, and whatever the target wraps. */
    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || iface.isInstance(target) || target.isWrapperFor(iface);
    }

    /**
     * Closes the target if it can be closed (a pool such as HikariCP), so that containers which close
     * the data source bean they hold close the pool behind it; otherwise does nothing.
     */
    @Override
    public void close() throws IOException {
        if (target instanceof Closeable closeable) {
            closeable.close();
        } else if (target instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("cannot close " + target, e);
            }
        }
    }

    @Override
    public String toString() {
        return "MonitoredDataSource[" + target + "]";
    }

    /** Delegates to the target's builder and times {@link #build()}. */
    private static final class MonitoredConnectionBuilder implements ConnectionBuilder {
        private final ConnectionBuilder delegate;
        private final QueryRecorder recorder;

        MonitoredConnectionBuilder(ConnectionBuilder delegate, QueryRecorder recorder) {
            this.delegate = delegate;
            this.recorder = recorder;
        }

        @Override
        public ConnectionBuilder user(String username) {
            delegate.user(username);
            return this;
        }

        @Override
        public ConnectionBuilder password(String password) {
            delegate.password(password);
            return this;
        }

        @Override
        public ConnectionBuilder shardingKey(ShardingKey shardingKey) {
            delegate.shardingKey(shardingKey);
            return this;
        }

        @Override
        public ConnectionBuilder superShardingKey(ShardingKey superShardingKey) {
            delegate.superShardingKey(superShardingKey);
            return this;
        }

        @Override
        public Connection build() throws SQLException {
            long started = recorder.start();
            Connection connection;
            try {
                connection = delegate.build();
            } catch (Throwable e) {
                recorder.acquired(started, true);
                throw e;
            }
            recorder.acquired(started, false);
            return new MonitoredConnection(connection, recorder);
        }
    }
}
