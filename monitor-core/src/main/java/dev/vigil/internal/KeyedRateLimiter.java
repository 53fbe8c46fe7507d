package dev.vigil.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (a caller, a client address): {@code burst} requests at once, refilled at
 * {@code perSecond}. At most {@code maxKeys} buckets are kept: when that many are in use, full buckets are
 * dropped, and if none is full the newcomer shares one overflow bucket, so memory stays bounded whatever
 * the keys. Time comes from the clock, so tests move it instead of sleeping. Not API.
 */
public final class KeyedRateLimiter {

    private static final String OVERFLOW = "\u0000overflow";

    private final Clock clock;
    private final double burst;
    private final double perNano;
    private final int maxKeys;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param burst requests allowed at once, at least 1
     * @param perSecond requests refilled per second, above 0
     * @param maxKeys most buckets kept, at least 1
     */
    public KeyedRateLimiter(Clock clock, int burst, double perSecond, int maxKeys) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (burst < 1 || !(perSecond > 0) || maxKeys < 1) {
            throw new IllegalArgumentException("burst and maxKeys must be at least 1 and perSecond above 0; were "
                    + burst + ", " + maxKeys + ", " + perSecond);
        }
        this.burst = burst;
        this.perNano = perSecond / 1e9;
        this.maxKeys = maxKeys;
    }

    /** Takes one token for {@code key}: {@link Duration#ZERO} when allowed, else how long until a token is back. */
    public Duration acquire(String key) {
        long now = nanos();
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= maxKeys) {
                dropFull(now);
            }
            bucket = buckets.size() < maxKeys ? buckets.computeIfAbsent(key, k -> new Bucket(burst, now))
                    : buckets.computeIfAbsent(OVERFLOW, k -> new Bucket(burst, now));
        }
        return bucket.take(now, burst, perNano);
    }

    /** How many keys have a bucket now. */
    public int keys() {
        return buckets.size();
    }

    private void dropFull(long now) {
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            if (it.next().fullAt(now, burst, perNano)) {
                it.remove();
            }
        }
    }

    private long nanos() {
        var instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static final class Bucket {
        private double tokens;
        private long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        synchronized Duration take(long now, double burst, double perNano) {
            refill(now, burst, perNano);
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
        }

        synchronized boolean fullAt(long now, double burst, double perNano) {
            refill(now, burst, perNano);
            return tokens >= burst;
        }

        private void refill(long now, double burst, double perNano) {
            if (now > at) {
                tokens = Math.min(burst, tokens + (now - at) * perNano);
                at = now;
            }
        }
    }
}
