package dev.vigil.jdbc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hot path shared by all wrappers of one {@link MonitoredDataSource}: reads the ticker, records
 * into the statement's {@link StatementShape} and into {@link QueryMeters} ({@code db.query}), and
 * decides about slow-query logging. Totals over all shapes are summed when read (see
 * {@link QueryStatistics}) rather than recorded a second time. Never throws: a failure inside
 * monitoring is logged once and otherwise ignored.
 */
final class QueryRecorder {

    // The operation tag of db.query, as indexes into QueryMeters' operation names.
    static final int QUERY = 0;
    static final int UPDATE = 1;
    static final int BATCH = 2;
    static final int EXECUTE = 3;

    private static final Logger log = LoggerFactory.getLogger(MonitoredDataSource.class);

    private final QueryStatistics statistics;
    private final LongSupplier nanoTime;
    private final long slowNanos;
    private final QueryMeters queryMeters;
    private final Counter slowQueries;
    private final Timer acquired;
    private final Timer acquireFailed;
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    QueryRecorder(MeterRegistry registry, JdbcMonitoringSettings settings, QueryStatistics statistics,
            LongSupplier nanoTime) {
        this.statistics = statistics;
        this.nanoTime = nanoTime;
        this.slowNanos = settings.slowQueryThreshold().toNanos();
        this.queryMeters = QueryMeters.of(registry);
        this.slowQueries = Counter.builder("db.query.slow")
                .description("Statements that took longer than the slow-query threshold")
                .register(registry);
        this.acquired = acquireTimer(registry, "success");
        this.acquireFailed = acquireTimer(registry, "error");
    }

    private static Timer acquireTimer(MeterRegistry registry, String outcome) {
        return Timer.builder("db.connection.acquire")
                .description("Time to get a connection from the data source")
                .tag("outcome", outcome)
                .register(registry);
    }

    StatementShape shapeOf(String sql) {
        return statistics.shapeOf(sql);
    }

    StatementShape emptyBatchShape() {
        return statistics.shapeForNormalized(QueryStatistics.EMPTY_BATCH);
    }

    long start() {
        return nanoTime.getAsLong();
    }

    void success(StatementShape shape, int operation, long started) {
        record(shape, operation, started, false);
    }

    void failure(StatementShape shape, int operation, long started) {
        record(shape, operation, started, true);
    }

    private void record(StatementShape shape, int operation, long started, boolean error) {
        long nanos = nanoTime.getAsLong() - started;
        try {
            queryMeters.record(operation, error, nanos);
            boolean slow = nanos > slowNanos;
            shape.record(nanos, error, slow);
            if (slow) {
                slowQueries.increment();
                if (shape.firstSlow()) {
                    logSlow(shape, nanos);
                }
            }
        } catch (RuntimeException e) {
            monitoringFailed(e);
        }
    }

    void acquired(long started, boolean error) {
        long nanos = nanoTime.getAsLong() - started;
        try {
            (error ? acquireFailed : acquired).record(nanos, TimeUnit.NANOSECONDS);
            statistics.recordAcquire(nanos);
        } catch (RuntimeException e) {
            monitoringFailed(e);
        }
    }

    private void logSlow(StatementShape shape, long nanos) {
        log.warn("Slow statement took {} ms (threshold {} ms); further slow runs of it are only counted: {}",
                TimeUnit.NANOSECONDS.toMillis(nanos), TimeUnit.NANOSECONDS.toMillis(slowNanos), shape.sql);
    }

    private void monitoringFailed(RuntimeException e) {
        if (failureLogged.compareAndSet(false, true)) {
            log.warn("Recording a JDBC timing failed; statements run on, this is logged once", e);
        }
    }
}
