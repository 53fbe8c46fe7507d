package dev.vigil.security.event;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How security events are recorded.
 *
 * <pre>{@code
 * SecurityEventSettings.builder().trustedProxyHops(1).recordStatuses(Set.of(401, 429)).build();
 * }</pre>
 *
 * @param enabled whether anything is recorded (default true)
 * @param aggregationWindow repeats of one event (type, address, user, route) within this window after its first
 *        occurrence are stored as one event with their count (default 1 minute)
 * @param maxPending distinct events waiting for their window to close, at most (default 10,000); beyond it new
 *        events are dropped and counted, so a flood from many addresses cannot grow memory
 * @param queueCapacity events waiting to be written, at most (default 10,000); beyond it they are dropped and counted
 * @param trustedProxyHops how many reverse proxies in front of the service append to {@code X-Forwarded-For}: 0
 *        (default) uses the connection's remote address and ignores the header (a client can write anything in it);
 *        1 takes the last address of the header, 2 the one before it...
 * @param recordStatuses which responses the request filter records: a subset of 401 ({@code unauthorized}), 403
 *        ({@code forbidden}) and 429 ({@code rate_limited}); default all three
 * @param signatures whether the request filter flags SQL-injection, XSS and path-traversal signatures in paths and
 *        query strings (default true); flagged requests are recorded, never blocked
 */
public record SecurityEventSettings(boolean enabled, Duration aggregationWindow, int maxPending, int queueCapacity,
        int trustedProxyHops, Set<Integer> recordStatuses, boolean signatures) {

    /** Repeats within a minute are aggregated unless configured otherwise. */
    public static final Duration DEFAULT_AGGREGATION_WINDOW = Duration.ofMinutes(1);
    /** 10,000 pending events unless configured otherwise. */
    public static final int DEFAULT_MAX_PENDING = 10_000;
    /** 10,000 queued writes unless configured otherwise. */
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    /** The statuses the filter can record. */
    public static final Set<Integer> RECORDABLE_STATUSES = Set.of(401, 403, 429);

    /** Validates; each message names its setting. */
    public SecurityEventSettings {
        Objects.requireNonNull(aggregationWindow, "monitor.security-events.aggregation-window");
        if (aggregationWindow.isNegative() || aggregationWindow.isZero() || aggregationWindow.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("monitor.security-events.aggregation-window must be positive and at most 1h, was "
                    + aggregationWindow);
        }
        if (maxPending < 1 || maxPending > 1_000_000) {
            throw new IllegalArgumentException("monitor.security-events.max-pending must be 1..1000000, was " + maxPending);
        }
        if (queueCapacity < 1 || queueCapacity > 1_000_000) {
            throw new IllegalArgumentException("monitor.security-events.queue-capacity must be 1..1000000, was " + queueCapacity);
        }
        if (trustedProxyHops < 0 || trustedProxyHops > 10) {
            throw new IllegalArgumentException("monitor.security-events.trusted-proxy-hops must be 0..10, was " + trustedProxyHops);
        }
        Objects.requireNonNull(recordStatuses, "monitor.security-events.record-statuses");
        for (Integer status : recordStatuses) {
            if (!RECORDABLE_STATUSES.contains(status)) {
                throw new IllegalArgumentException("monitor.security-events.record-statuses may hold 401, 403 and 429, not "
                        + status);
            }
        }
        recordStatuses = Set.copyOf(new TreeSet<>(recordStatuses));
    }

    /** The defaults described above. */
    public static SecurityEventSettings ofDefaults() {
        return builder().build();
    }

    /** These settings with recording switched off. */
    public static SecurityEventSettings disabled() {
        return builder().enabled(false).build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link SecurityEventSettings}. */
    public static final class Builder {
        private boolean enabled = true;
        private Duration aggregationWindow = DEFAULT_AGGREGATION_WINDOW;
        private int maxPending = DEFAULT_MAX_PENDING;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private int trustedProxyHops;
        private Set<Integer> recordStatuses = RECORDABLE_STATUSES;
        private boolean signatures = true;

        private Builder() {
        }

        /** Whether anything is recorded. */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** The window within which repeats are aggregated. */
        public Builder aggregationWindow(Duration window) {
            this.aggregationWindow = window;
            return this;
        }

        /** Distinct events waiting for their window to close, at most. */
        public Builder maxPending(int maxPending) {
            this.maxPending = maxPending;
            return this;
        }

        /** Events waiting to be written, at most. */
        public Builder queueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
            return this;
        }

        /** Reverse proxies in front of the service that append to {@code X-Forwarded-For} (0: ignore the header). */
        public Builder trustedProxyHops(int hops) {
            this.trustedProxyHops = hops;
            return this;
        }

        /** The responses the request filter records (a subset of 401, 403, 429). */
        public Builder recordStatuses(Set<Integer> statuses) {
            this.recordStatuses = statuses;
            return this;
        }

        /** Whether the request filter flags attack signatures. */
        public Builder signatures(boolean signatures) {
            this.signatures = signatures;
            return this;
        }

        /** Validates and builds. */
        public SecurityEventSettings build() {
            return new SecurityEventSettings(enabled, aggregationWindow, maxPending, queueCapacity, trustedProxyHops,
                    recordStatuses, signatures);
        }
    }
}
