package dev.vigil.jdbc;

import java.util.Objects;
import javax.sql.DataSource;
import dev.vigil.Monitor;
import dev.vigil.api.Operation;
import dev.vigil.api.Result;
import dev.vigil.jdbc.query.QueryServiceAdapter;
import dev.vigil.jdbc.query.ReadOnlyQueryRunner;
import dev.vigil.security.Role;
import org.jspecify.annotations.Nullable;

/**
 * Puts a {@link MonitoredDataSource} under a {@link Monitor}'s watch in one call, the same for every host
 * (the Spring Boot starter calls it, and so does a plain-servlet service): its statement statistics, pool
 * usage and database size go into the monitor's history, its statement shapes are served as the
 * {@code queries} operation ({@code GET <admin base>/queries}, role {@code read}), and a
 * {@link ReadOnlyQueryRunner}, when given, serves {@code run-query}.
 *
 * <pre>{@code
 * MonitoredDataSource dataSource = MonitoredDataSource.wrap(pool, monitor);
 * ReadOnlyQueryRunner runner = JdbcMonitoring.queryRunner(monitor, readOnlyRoleDataSource).build();
 * JdbcMonitoring.install(monitor, dataSource, runner);
 * }</pre>
 *
 * <p>The database health check stays the host's choice ({@link DataSourceHealthCheck}), as do its name
 * and thresholds.
 */
public final class JdbcMonitoring {

    /** Collector name of the main DataSource; its pool and size collectors add {@code .pool} and {@code .size}. */
    public static final String DEFAULT_NAME = "database";
    /** Id of the statement statistics operation. */
    public static final String QUERIES_OPERATION = "queries";

    private final Monitor monitor;
    private final MonitoredDataSource dataSource;
    private String name = DEFAULT_NAME;
    private boolean sizeMetrics = true;
    private boolean queryStatistics = true;
    private @Nullable ReadOnlyQueryRunner queryRunner;

    private JdbcMonitoring(Monitor monitor, MonitoredDataSource dataSource) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The application's main DataSource: collectors {@code database}, {@code database.pool}, {@code database.size}, and {@code queries}. */
    public static void install(Monitor monitor, MonitoredDataSource dataSource) {
        of(monitor, dataSource).install();
    }

    /** As {@link #install(Monitor, MonitoredDataSource)}, and {@code run-query} served by {@code queryRunner}. */
    public static void install(Monitor monitor, MonitoredDataSource dataSource, ReadOnlyQueryRunner queryRunner) {
        of(monitor, dataSource).queryRunner(queryRunner).install();
    }

    /** Starts installing {@code dataSource}, to change the defaults before {@link #install()}. */
    public static JdbcMonitoring of(Monitor monitor, MonitoredDataSource dataSource) {
        return new JdbcMonitoring(monitor, dataSource);
    }

    /**
     * A read-only query runner on {@code queryDataSource} (a least-privileged, read-only role) that audits
     * every query into the monitor's trail and reads the monitor's clock; set its limits, then build it.
     */
    public static ReadOnlyQueryRunner.Builder queryRunner(Monitor monitor, DataSource queryDataSource) {
        return ReadOnlyQueryRunner.builder(queryDataSource)
                .auditor(QueryServiceAdapter.auditor(monitor.audit()))
                .clock(monitor.clock());
    }

    /** Serves {@code POST <admin base>/run-query} with {@code runner}; it answers 404 until this is called. */
    public static void enableRunQuery(Monitor monitor, ReadOnlyQueryRunner runner) {
        monitor.queryService(new QueryServiceAdapter(runner));
    }

    /** The {@code queries} operation: {@code statistics}' statement shapes, to callers with role {@code read}. */
    public static Operation queriesOperation(QueryStatistics statistics) {
        Objects.requireNonNull(statistics, "statistics");
        return Operation.get(QUERIES_OPERATION, "/queries")
                .role(Role.READ)
                .description("Statement statistics by shape: count, errors, slow, total, mean, max, p95")
                .handler((caller, arguments) -> Result.ok(statistics.snapshot()))
                .build();
    }

    /** The collectors' name (default {@value #DEFAULT_NAME}), e.g. {@code database.reporting} for a second DataSource. */
    public JdbcMonitoring name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** Whether database size and rows per table are collected (default true; PostgreSQL and H2). */
    public JdbcMonitoring sizeMetrics(boolean enabled) {
        this.sizeMetrics = enabled;
        return this;
    }

    /** Whether the statement shapes are served as {@code queries} (default true; one DataSource per monitor can). */
    public JdbcMonitoring queryStatistics(boolean enabled) {
        this.queryStatistics = enabled;
        return this;
    }

    /** Serves {@code run-query} with {@code runner} (default: not served by this call). */
    public JdbcMonitoring queryRunner(ReadOnlyQueryRunner runner) {
        this.queryRunner = Objects.requireNonNull(runner, "runner");
        return this;
    }

    /**
     * Registers the collectors and operations.
     *
     * @throws IllegalArgumentException if a collector of that name or the {@code queries} operation is taken
     */
    public void install() {
        monitor.metrics().register(name, dataSource.statistics());
        monitor.metrics().register(name + ".pool", PoolMetricsCollector.of(dataSource));
        if (sizeMetrics) {
            monitor.metrics().register(name + ".size", DatabaseSizeCollector.of(dataSource));
        }
        if (queryStatistics) {
            monitor.api().register(queriesOperation(dataSource.statistics()));
        }
        if (queryRunner != null) {
            enableRunQuery(monitor, queryRunner);
        }
    }
}
