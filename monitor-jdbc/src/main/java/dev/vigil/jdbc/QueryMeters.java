package dev.vigil.jdbc;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@code db.query} meters: per operation and outcome a count and a total time, kept in
 * {@link LongAdder}s and published as Micrometer {@link FunctionTimer}s that read them.
 *
 * <p>Not a {@link io.micrometer.core.instrument.Timer}: {@code Timer.record} costs more than the rest of
 * the recording of a statement together (two adders, and a decaying maximum that reads the wall clock
 * on every call), while the latency distribution and maximum are already kept per statement shape by
 * {@link QueryStatistics}. {@code db.query} therefore only publishes count and total time (in
 * Prometheus {@code db_query_seconds_count} and {@code _sum}); it has no maximum and no percentile
 * histogram, whatever the registry's distribution settings.
 *
 * <p>One instance per registry, shared by every data source that records into it, just as the
 * registry hands out one meter per name and tags: a second {@code FunctionTimer} registration returns
 * the first one, which reads only the adders it was registered with.
 */
final class QueryMeters {

    private static final String[] OPERATIONS = {"query", "update", "batch", "execute"};
    private static final String[] OUTCOMES = {"success", "error"};
    /** Kept for as long as their registry: its function timers hold them only weakly. */
    private static final Map<MeterRegistry, QueryMeters> BY_REGISTRY = new WeakHashMap<>();

    /** Indexed by {@code operation * 2 + (error ? 1 : 0)}. */
    private final LongAdder[] counts = new LongAdder[OPERATIONS.length * OUTCOMES.length];
    private final LongAdder[] nanos = new LongAdder[counts.length];

    private QueryMeters() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
            nanos[i] = new LongAdder();
        }
    }

    /** The meters of {@code registry}, registered there on first use. */
    static synchronized QueryMeters of(MeterRegistry registry) {
        QueryMeters meters = BY_REGISTRY.get(registry);
        if (meters == null) {
            meters = new QueryMeters();
            meters.register(registry);
            BY_REGISTRY.put(registry, meters);
        }
        return meters;
    }

    private void register(MeterRegistry registry) {
        for (int i = 0; i < counts.length; i++) {
            int index = i;
            FunctionTimer.builder("db.query", this, meters -> meters.counts[index].sum(),
                            meters -> meters.nanos[index].sum(), TimeUnit.NANOSECONDS)
                    .description("Execution time of JDBC statements")
                    .tag("operation", OPERATIONS[i / OUTCOMES.length])
                    .tag("outcome", OUTCOMES[i % OUTCOMES.length])
                    .register(registry);
        }
    }

    /** Counts one execution of {@code operation} (a {@code QueryRecorder} constant) that took {@code nanos}. */
    void record(int operation, boolean error, long nanos) {
        int index = (operation << 1) | (error ? 1 : 0);
        counts[index].increment();
        this.nanos[index].add(nanos);
    }
}
