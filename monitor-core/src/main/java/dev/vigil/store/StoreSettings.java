package dev.vigil.store;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the monitor uses its store: how long each kind of record is kept, how often and in what batches
 * old records are purged, and how many writes wait at most while the store is away.
 *
 * @param retention how long each kind is kept (default {@link StoredKind#defaultRetention()}: 30 days, incidents 90, deployments and briefings 400)
 * @param purgeInterval time between two purges (default 1 h); one instance purges, the holder of the lease
 * @param purgeBatchSize records deleted per statement (default 1,000), so no purge holds locks for long
 * @param bufferCapacity writes held at most while the store is away (default 50,000)
 */
public record StoreSettings(Map<StoredKind, Duration> retention, Duration purgeInterval, int purgeBatchSize,
        int bufferCapacity) {

    /** Each kind is kept 30 days unless configured otherwise. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    /** Resolved incidents and incident events are kept 90 days unless configured otherwise. */
    public static final Duration DEFAULT_INCIDENT_RETENTION = Duration.ofDays(90);
    /** Purge once an hour unless configured otherwise. */
    public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofHours(1);
    /** Delete 1,000 records per statement unless configured otherwise. */
    public static final int DEFAULT_PURGE_BATCH_SIZE = 1_000;

    public StoreSettings {
        EnumMap<StoredKind, Duration> all = new EnumMap<>(StoredKind.class);
        for (StoredKind kind : StoredKind.values()) {
            Duration kept = Objects.requireNonNull(retention, "retention").getOrDefault(kind, kind.defaultRetention());
            if (kept.isNegative() || kept.isZero()) {
                throw new IllegalArgumentException("monitor.store.retention." + kind.propertyName()
                        + " must be positive, was " + kept);
            }
            all.put(kind, kept);
        }
        retention = Map.copyOf(all);
        Objects.requireNonNull(purgeInterval, "monitor.store.purge-interval");
        if (purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new IllegalArgumentException("monitor.store.purge-interval must be positive, was " + purgeInterval);
        }
        if (purgeBatchSize < 1 || purgeBatchSize > 100_000) {
            throw new IllegalArgumentException("monitor.store.purge-batch-size must be 1..100000, was " + purgeBatchSize);
        }
        if (bufferCapacity < 1 || bufferCapacity > 10_000_000) {
            throw new IllegalArgumentException("monitor.store.buffer-capacity must be 1..10000000, was " + bufferCapacity);
        }
    }

    /** The defaults described above. */
    public static StoreSettings ofDefaults() {
        return new StoreSettings(Map.of(), DEFAULT_PURGE_INTERVAL, DEFAULT_PURGE_BATCH_SIZE,
                BufferedMonitorStore.DEFAULT_CAPACITY);
    }

    /** How long {@code kind} is kept. */
    public Duration retention(StoredKind kind) {
        return retention.get(kind);
    }

    /** These settings with {@code kept} as the retention of {@code kind}. */
    public StoreSettings withRetention(StoredKind kind, Duration kept) {
        EnumMap<StoredKind, Duration> next = new EnumMap<>(retention);
        next.put(kind, kept);
        return new StoreSettings(next, purgeInterval, purgeBatchSize, bufferCapacity);
    }
}
