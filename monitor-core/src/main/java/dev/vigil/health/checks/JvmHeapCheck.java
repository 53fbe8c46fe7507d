package dev.vigil.health.checks;

import dev.vigil.internal.HumanText;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.vigil.health.HealthCheck;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthStatus;
import org.jspecify.annotations.Nullable;

/**
 * Reports how full the JVM's heap is, counting only what survived the last garbage collection.
 *
 * <p>Why "after GC": between collections the heap fills with garbage by design, and a collector
 * typically starts only when a region is nearly full, so the current used figure of a perfectly
 * healthy service swings up to 90% and more before every collection. Alerting on it would raise
 * false alarms. What matters is how much is still live after the collector has run: when that
 * stays high, the service is close to {@code OutOfMemoryError} or GC thrashing.
 *
 * <p>Used is the sum over the heap memory pools of each pool's usage after its last collection
 * ({@link MemoryPoolMXBean#getCollectionUsage()}); a heap pool that reports no such figure counts
 * with its current usage. If no heap pool reports one at all, the check falls back to the current
 * heap usage (basis {@code current}). The maximum is the heap's maximum size ({@code -Xmx}), or
 * its committed size when the JVM sets no maximum. Each pool's figure dates from the last
 * collection of that pool, so the old generation's may lag behind until it is next collected.
 *
 * <p>Above {@link #degradedAbove()} the check is DEGRADED, above {@link #downAbove()} DOWN. The
 * default {@code downAbove} of 1.0 means the check is never DOWN: the used heap cannot exceed its
 * maximum, and a service under memory pressure usually still answers, so DEGRADED is the honest
 * default; configure e.g. 0.95 to report DOWN.
 *
 * <p>Message example: {@code heap 85% used after GC (870 MB of 1 GB), above 80%}. Details:
 * {@code usedBytes}, {@code maxBytes}, {@code usedRatio}, {@code basis} ({@code after-gc} or
 * {@code current}), {@code degradedAbove}, {@code downAbove}.
 */
public final class JvmHeapCheck implements HealthCheck {

    /** More than 80% of the heap still used after GC is DEGRADED unless configured otherwise. */
    public static final double DEFAULT_DEGRADED_ABOVE = 0.80;
    /** 1.0: never DOWN unless configured otherwise (the used heap cannot exceed its maximum). */
    public static final double DEFAULT_DOWN_ABOVE = 1.0;

    private final UsageThresholds thresholds;
    private final HeapSource heapSource;

    private JvmHeapCheck(Builder builder) {
        this.thresholds = new UsageThresholds("monitor.checks.memory", builder.degradedAbove, builder.downAbove);
        this.heapSource = builder.heapSource;
    }

    /** A check of this JVM's heap, DEGRADED above 80% used after GC and never DOWN. */
    public static JvmHeapCheck ofDefaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Used fraction above which the check is DEGRADED. */
    public double degradedAbove() {
        return thresholds.degradedAbove();
    }

    /** Used fraction above which the check is DOWN; 1.0 means never. */
    public double downAbove() {
        return thresholds.downAbove();
    }

    /** Reads the heap's usage and reports how full it is. */
    @Override
    public HealthResult check() {
        HeapUsage heap = heapSource.read();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("usedBytes", heap.usedBytes());
        details.put("maxBytes", heap.maxBytes());
        if (heap.maxBytes() == 0) {
            return HealthResult.down("JVM reports a heap size of 0 bytes").withDetails(details);
        }
        // capped: the after-GC sum can exceed a committed size (used when there is no maximum) that shrank since
        double used = Math.min(1.0, heap.usedBytes() / (double) heap.maxBytes());
        details.put("usedRatio", HumanText.round(used));
        details.put("basis", heap.basis());
        details.put("degradedAbove", thresholds.degradedAbove());
        details.put("downAbove", thresholds.downAbove());
        HealthStatus status = thresholds.classify(used);
        String message = "heap " + HumanText.percent(used) + " used " + (heap.afterGc() ? "after GC" : "now")
                + " (" + HumanText.bytes(heap.usedBytes()) + " of " + HumanText.bytes(heap.maxBytes()) + ")"
                + thresholds.crossed(status);
        HealthResult result = status == HealthStatus.DOWN ? HealthResult.down(message) : HealthResult.of(status, message);
        return result.withDetails(details);
    }

    @Override
    public String toString() {
        return "JvmHeapCheck[degradedAbove=" + degradedAbove() + ", downAbove=" + downAbove() + "]";
    }

    /** The heap's used bytes over its maximum, from the running JVM per the rules in the class javadoc. */
    static HeapUsage measure(MemoryUsage heap, List<PoolUsage> heapPools) {
        long max = heap.getMax() >= 0 ? heap.getMax() : heap.getCommitted();
        long afterGc = 0;
        boolean anyAfterGc = false;
        for (PoolUsage pool : heapPools) {
            if (pool.afterGc() != null) {
                afterGc += pool.afterGc().getUsed();
                anyAfterGc = true;
            } else {
                afterGc += pool.current().getUsed();
            }
        }
        return anyAfterGc ? new HeapUsage(afterGc, max, true) : new HeapUsage(heap.getUsed(), max, false);
    }

    /** Where the figures come from: the running JVM, or a fake in tests. */
    @FunctionalInterface
    interface HeapSource {

        HeapSource RUNNING_JVM = () -> {
            List<PoolUsage> pools = new ArrayList<>();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                    pools.add(new PoolUsage(pool.getUsage(), pool.getCollectionUsage()));
                }
            }
            return measure(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage(), pools);
        };

        HeapUsage read();
    }

    /** One heap pool's current usage and its usage after its last collection, if it reports one. */
    record PoolUsage(MemoryUsage current, @Nullable MemoryUsage afterGc) {

        PoolUsage {
            Objects.requireNonNull(current, "current");
        }
    }

    /**
     * What the check compares.
     *
     * @param usedBytes used heap, after GC or current
     * @param maxBytes the heap's maximum (or committed) size
     * @param afterGc whether {@code usedBytes} counts what survived the last collection
     */
    record HeapUsage(long usedBytes, long maxBytes, boolean afterGc) {

        HeapUsage {
            if (usedBytes < 0 || maxBytes < 0) {
                throw new IllegalArgumentException("sizes must not be negative: used " + usedBytes + ", max " + maxBytes);
            }
        }

        String basis() {
            return afterGc ? "after-gc" : "current";
        }
    }

    /** Builds a {@link JvmHeapCheck}. */
    public static final class Builder {
        private double degradedAbove = DEFAULT_DEGRADED_ABOVE;
        private double downAbove = DEFAULT_DOWN_ABOVE;
        private HeapSource heapSource = HeapSource.RUNNING_JVM;

        private Builder() {
        }

        /** Used fraction above which the check is DEGRADED, in (0, 1] (default 0.80). */
        public Builder degradedAbove(double degradedAbove) {
            this.degradedAbove = degradedAbove;
            return this;
        }

        /** Used fraction above which the check is DOWN, in [degradedAbove, 1] (default 1.0: never DOWN). */
        public Builder downAbove(double downAbove) {
            this.downAbove = downAbove;
            return this;
        }

        /** Replaces the running JVM as the source of figures, so tests can check thresholds. */
        Builder heapSource(HeapSource heapSource) {
            this.heapSource = Objects.requireNonNull(heapSource, "heapSource");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException unless {@code 0 < degradedAbove <= downAbove <= 1}
         */
        public JvmHeapCheck build() {
            return new JvmHeapCheck(this);
        }
    }
}
