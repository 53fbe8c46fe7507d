package dev.vigil.health;

import dev.vigil.settings.InvalidSettingException;
import java.time.Duration;
import java.util.Objects;

/**
 * How the monitor runs health checks: default interval and timeout, executor size and history length.
 *
 * <pre>{@code
 * HealthSettings.builder().interval(Duration.ofSeconds(30)).build();
 * }</pre>
 *
 * @param interval default time between two runs of a check
 * @param timeout default time one run may take before it is reported DOWN
 * @param maxConcurrentChecks threads that run checks in parallel (a bounded pool)
 * @param historySize runs kept in memory per check
 */
public record HealthSettings(Duration interval, Duration timeout, int maxConcurrentChecks, int historySize) {

    /** Checks run every 60 seconds unless configured otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    /** A run that takes longer than 5 seconds is reported DOWN unless configured otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** At most 4 checks run at the same time by default. */
    public static final int DEFAULT_MAX_CONCURRENT_CHECKS = 4;
    /** 1,440 runs per check are kept by default: one day at the default interval. */
    public static final int DEFAULT_HISTORY_SIZE = 1440;

    public HealthSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        if (interval.isZero() || interval.isNegative()) {
            throw new InvalidSettingException("monitor.health.interval", interval, "must be positive");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new InvalidSettingException("monitor.health.timeout", timeout, "must be positive");
        }
        if (maxConcurrentChecks < 1 || maxConcurrentChecks > 256) {
            throw new InvalidSettingException("monitor.health.max-concurrent-checks", maxConcurrentChecks, "must be 1..256");
        }
        if (historySize < 1 || historySize > 100_000) {
            throw new IllegalArgumentException("monitor.health.history-size must be 1..100000, was " + historySize);
        }
    }

    /** The defaults: every 60 s, 5 s timeout, 4 threads, 1,440 runs of history. */
    public static HealthSettings ofDefaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link HealthSettings}. */
    public static final class Builder {
        private Duration interval = DEFAULT_INTERVAL;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int maxConcurrentChecks = DEFAULT_MAX_CONCURRENT_CHECKS;
        private int historySize = DEFAULT_HISTORY_SIZE;

        private Builder() {
        }

        /** Default time between two runs of a check. */
        public Builder interval(Duration interval) {
            this.interval = interval;
            return this;
        }

        /** Default time a run may take. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Threads that run checks in parallel. */
        public Builder maxConcurrentChecks(int maxConcurrentChecks) {
            this.maxConcurrentChecks = maxConcurrentChecks;
            return this;
        }

        /** Runs kept in memory per check. */
        public Builder historySize(int historySize) {
            this.historySize = historySize;
            return this;
        }

        /** Validates and builds. */
        public HealthSettings build() {
            return new HealthSettings(interval, timeout, maxConcurrentChecks, historySize);
        }
    }
}
