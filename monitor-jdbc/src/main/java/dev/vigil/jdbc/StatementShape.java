package dev.vigil.jdbc;

import dev.vigil.metrics.LatencyHistogram;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.LongAdder;

/** One statement shape and its running statistics; held by statement wrappers, updated on every execution. */
final class StatementShape {

    private static final AtomicLongFieldUpdater<StatementShape> MAX_NANOS =
            AtomicLongFieldUpdater.newUpdater(StatementShape.class, "maxNanos");
    private static final AtomicIntegerFieldUpdater<StatementShape> SLOW_LOGGED =
            AtomicIntegerFieldUpdater.newUpdater(StatementShape.class, "slowLogged");

    final String sql;
    private final LatencyHistogram latency = new LatencyHistogram();
    private final LongAdder errors = new LongAdder();
    private final LongAdder slow = new LongAdder();
    private volatile long maxNanos;
    private volatile int slowLogged;

    StatementShape(String sql) {
        this.sql = sql;
    }

    void record(long nanos, boolean error, boolean isSlow) {
        latency.record(nanos);
        if (nanos > maxNanos) {
            MAX_NANOS.accumulateAndGet(this, nanos, Math::max);
        }
        if (error) {
            errors.increment();
        }
        if (isSlow) {
            slow.increment();
        }
    }

    /** True exactly once: for the first slow execution of this shape, which is the one to log. */
    boolean firstSlow() {
        return slowLogged == 0 && SLOW_LOGGED.compareAndSet(this, 0, 1);
    }

    /** The latency histogram so far; its count is the number of executions. */
    LatencyHistogram.Snapshot latency() {
        return latency.snapshot();
    }

    /** This shape's statistics, with {@code snapshot} read from {@link #latency()}. */
    StatementStatistics statistics(LatencyHistogram.Snapshot snapshot) {
        long count = snapshot.count();
        return new StatementStatistics(sql, count, errors.sum(), slow.sum(),
                QueryStatistics.round(snapshot.meanMillis() * count), QueryStatistics.round(snapshot.meanMillis()),
                QueryStatistics.round(maxNanos / 1e6), QueryStatistics.round(snapshot.percentileMillis(0.95)));
    }

    long maxNanos() {
        return maxNanos;
    }

    @Override
    public String toString() {
        return sql;
    }
}
