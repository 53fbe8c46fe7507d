package dev.vigil.alert.delivery;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How the dispatcher delivers: retries with exponential backoff and jitter, a timeout per send,
 * batch size, and an optional minimum interval between two sends per sink (a rate limit).
 *
 * <pre>{@code
 * DeliverySettings.builder().maxAttempts(10).minSendInterval("slack", Duration.ofSeconds(1)).build();
 * }</pre>
 *
 * <p>The n-th retry waits {@code initialBackoff * multiplier^(n-1)}, capped at {@code maxBackoff},
 * then spread by ±{@code jitter} (and capped again), or at least as long as the receiver's
 * {@code Retry-After}. With the defaults: about 1 s, 2 s, 4 s ... 64 s, dead-lettered after the 8th
 * failed attempt (about two minutes of retrying).
 *
 * @param maxAttempts attempts per entry before it is dead-lettered
 * @param initialBackoff wait before the first retry
 * @param maxBackoff longest wait between two attempts (a receiver's {@code Retry-After} may ask for more)
 * @param multiplier growth of the wait per failed attempt
 * @param jitter spread of each wait, as a fraction: 0.2 means ±20%
 * @param sendTimeout time one {@code send} may take before it is abandoned (interrupted) and retried
 * @param maxBatchSize most notifications handed to one {@code send}
 * @param defaultMinSendInterval minimum time between two sends to the same sink, unless set per sink
 * @param minSendIntervals per-sink minimum time between two sends, by sink name
 * @param degradedAfterFailures consecutive failed sends after which a sink is reported degraded
 */
public record DeliverySettings(
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        double multiplier,
        double jitter,
        Duration sendTimeout,
        int maxBatchSize,
        Duration defaultMinSendInterval,
        Map<String, Duration> minSendIntervals,
        int degradedAfterFailures) {

    /** An entry is attempted at most 8 times by default. */
    public static final int DEFAULT_MAX_ATTEMPTS = 8;
    /** The first retry waits about 1 second by default. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    /** Waits between attempts grow to at most 5 minutes by default. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);
    /** Each wait is twice the previous one by default. */
    public static final double DEFAULT_MULTIPLIER = 2.0;
    /** Waits are spread by ±20% by default, so retries of many entries do not arrive together. */
    public static final double DEFAULT_JITTER = 0.2;
    /** A send that takes longer than 10 seconds is abandoned and retried by default. */
    public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(10);
    /** At most 50 notifications go into one send by default. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 50;
    /** Sinks are not rate-limited by default. */
    public static final Duration DEFAULT_MIN_SEND_INTERVAL = Duration.ZERO;
    /** A sink is reported degraded after 3 consecutive failed sends (or any dead letter) by default. */
    public static final int DEFAULT_DEGRADED_AFTER_FAILURES = 3;

    public DeliverySettings {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(sendTimeout, "sendTimeout");
        Objects.requireNonNull(defaultMinSendInterval, "defaultMinSendInterval");
        Objects.requireNonNull(minSendIntervals, "minSendIntervals");
        if (maxAttempts < 1 || maxAttempts > 1000) {
            throw new IllegalArgumentException("monitor.alerts.delivery.max-attempts must be 1..1000, was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("monitor.alerts.delivery.initial-backoff must be positive, was " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("monitor.alerts.delivery.max-backoff must be at least the initial backoff ("
                    + initialBackoff + "), was " + maxBackoff);
        }
        if (!(multiplier >= 1.0 && multiplier <= 100.0)) {
            throw new IllegalArgumentException("monitor.alerts.delivery.multiplier must be 1..100, was " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            throw new IllegalArgumentException("monitor.alerts.delivery.jitter must be at least 0 and below 1, was " + jitter);
        }
        if (sendTimeout.isNegative() || sendTimeout.isZero()) {
            throw new IllegalArgumentException("monitor.alerts.delivery.send-timeout must be positive, was " + sendTimeout);
        }
        if (maxBatchSize < 1 || maxBatchSize > 1000) {
            throw new IllegalArgumentException("monitor.alerts.delivery.max-batch-size must be 1..1000, was " + maxBatchSize);
        }
        if (defaultMinSendInterval.isNegative()) {
            throw new IllegalArgumentException("monitor.alerts.delivery.min-send-interval must not be negative, was "
                    + defaultMinSendInterval);
        }
        minSendIntervals.forEach((sink, interval) -> {
            Objects.requireNonNull(sink, "sink");
            if (interval == null || interval.isNegative()) {
                throw new IllegalArgumentException("monitor.alerts.delivery.min-send-intervals." + sink
                        + " must not be negative, was " + interval);
            }
        });
        minSendIntervals = Collections.unmodifiableMap(new TreeMap<>(minSendIntervals));
        if (degradedAfterFailures < 1) {
            throw new IllegalArgumentException("monitor.alerts.delivery.degraded-after-failures must be positive, was "
                    + degradedAfterFailures);
        }
    }

    /** The defaults: 8 attempts, 1 s to 5 min backoff ×2 ±20%, 10 s send timeout, batches of 50, no rate limit. */
    public static DeliverySettings ofDefaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The minimum time between two sends to this sink (its own setting or the default). */
    public Duration minSendInterval(String sink) {
        return minSendIntervals.getOrDefault(sink, defaultMinSendInterval);
    }

    /**
     * The wait before the next attempt after {@code failedAttempts} failures, for a uniform random
     * number {@code random} in [0, 1): the exponential backoff, capped, spread by the jitter, capped again.
     */
    public Duration backoff(int failedAttempts, double random) {
        double base = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
        double capped = Math.min(base, maxBackoff.toMillis());
        double jittered = capped * (1.0 + jitter * (2.0 * random - 1.0));
        return Duration.ofMillis(Math.round(Math.min(jittered, maxBackoff.toMillis())));
    }

    /** Builds {@link DeliverySettings}. */
    public static final class Builder {
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private double multiplier = DEFAULT_MULTIPLIER;
        private double jitter = DEFAULT_JITTER;
        private Duration sendTimeout = DEFAULT_SEND_TIMEOUT;
        private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        private Duration defaultMinSendInterval = DEFAULT_MIN_SEND_INTERVAL;
        private final Map<String, Duration> minSendIntervals = new LinkedHashMap<>();
        private int degradedAfterFailures = DEFAULT_DEGRADED_AFTER_FAILURES;

        private Builder() {
        }

        /** Attempts per entry before it is dead-lettered. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Wait before the first retry. */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
            return this;
        }

        /** Longest wait between two attempts. */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
            return this;
        }

        /** Growth of the wait per failed attempt. */
        public Builder multiplier(double multiplier) {
            this.multiplier = multiplier;
            return this;
        }

        /** Spread of each wait as a fraction (0.2 = ±20%); 0 for exact waits. */
        public Builder jitter(double jitter) {
            this.jitter = jitter;
            return this;
        }

        /** Time one send may take before it is abandoned and retried. */
        public Builder sendTimeout(Duration sendTimeout) {
            this.sendTimeout = sendTimeout;
            return this;
        }

        /** Most notifications handed to one send. */
        public Builder maxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        /** Minimum time between two sends to any sink without its own setting. */
        public Builder defaultMinSendInterval(Duration interval) {
            this.defaultMinSendInterval = interval;
            return this;
        }

        /** Minimum time between two sends to this sink, e.g. 1 s for Slack's incoming webhooks. */
        public Builder minSendInterval(String sink, Duration interval) {
            minSendIntervals.put(Objects.requireNonNull(sink, "sink"), interval);
            return this;
        }

        /** Consecutive failed sends after which a sink is reported degraded. */
        public Builder degradedAfterFailures(int failures) {
            this.degradedAfterFailures = failures;
            return this;
        }

        /** Validates and builds. */
        public DeliverySettings build() {
            return new DeliverySettings(maxAttempts, initialBackoff, maxBackoff, multiplier, jitter, sendTimeout,
                    maxBatchSize, defaultMinSendInterval, minSendIntervals, degradedAfterFailures);
        }
    }
}
