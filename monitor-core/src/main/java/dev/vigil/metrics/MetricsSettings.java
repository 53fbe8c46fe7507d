package dev.vigil.metrics;

import dev.vigil.settings.InvalidSettingException;
import java.time.Duration;
import java.util.Objects;

/**
 * How metrics are collected and kept: the collection interval, the three resolutions of history and
 * their retention, and the series cap that bounds memory.
 *
 * <p>Defaults: a sample every 60 s kept at full resolution for 24 h, 5-minute rollups (avg/min/max)
 * for 7 days and 1-hour rollups for 30 days; at most 5,000 series. One series costs at most
 * {@link #maxBytesPerSeries()} bytes of arrays (about 60 KB with the defaults: raw samples are kept exactly as doubles, rollups as floats).
 *
 * @param collectInterval time between two collections
 * @param collectTimeout time one collector may take before it is skipped for the interval
 * @param rawRetention how long full-resolution samples are kept
 * @param mediumStep resolution of the first rollup
 * @param mediumRetention how long the first rollup is kept
 * @param coarseStep resolution of the second rollup
 * @param retention how long the second rollup is kept: the total history
 * @param maxSeries distinct series (name + tags) kept; new ones beyond are dropped and counted
 */
public record MetricsSettings(Duration collectInterval, Duration collectTimeout, Duration rawRetention,
        Duration mediumStep, Duration mediumRetention, Duration coarseStep, Duration retention, int maxSeries) {

    /** A collection every 60 seconds unless configured otherwise. */
    public static final Duration DEFAULT_COLLECT_INTERVAL = Duration.ofSeconds(60);
    /** 30 days of history unless configured otherwise. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    /** At most 5,000 series unless configured otherwise. */
    public static final int DEFAULT_MAX_SERIES = 5_000;

    public MetricsSettings {
        positive("monitor.metrics.collect-interval", collectInterval);
        positive("monitor.metrics.collect-timeout", collectTimeout);
        positive("monitor.metrics.raw-retention", rawRetention);
        positive("monitor.metrics.medium-step", mediumStep);
        positive("monitor.metrics.medium-retention", mediumRetention);
        positive("monitor.metrics.coarse-step", coarseStep);
        positive("monitor.metrics.retention", retention);
        if (collectInterval.getSeconds() < 1) {
            throw new IllegalArgumentException("monitor.metrics.collect-interval must be at least 1s, was " + collectInterval);
        }
        if (mediumStep.compareTo(collectInterval) < 0 || coarseStep.compareTo(mediumStep) < 0) {
            throw new IllegalArgumentException("rollup steps must grow: collect-interval <= medium-step <= coarse-step, were "
                    + collectInterval + ", " + mediumStep + ", " + coarseStep);
        }
        if (mediumRetention.compareTo(rawRetention) < 0 || retention.compareTo(mediumRetention) < 0) {
            throw new IllegalArgumentException("retentions must grow: raw-retention <= medium-retention <= retention, were "
                    + rawRetention + ", " + mediumRetention + ", " + retention);
        }
        if (retention.compareTo(Duration.ofDays(400)) > 0) {
            throw new IllegalArgumentException("monitor.metrics.retention must be at most 400 days, was " + retention);
        }
        if (maxSeries < 1 || maxSeries > 1_000_000) {
            throw new IllegalArgumentException("monitor.metrics.max-series must be 1..1000000, was " + maxSeries);
        }
    }

    /** The defaults described above. */
    public static MetricsSettings ofDefaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Points kept at full resolution: the raw retention divided by the collection interval. */
    public int rawCapacity() {
        return (int) (rawRetention.toSeconds() / collectInterval.toSeconds()) + 1;
    }

    /** Buckets kept in the first rollup. */
    public int mediumCapacity() {
        return (int) (mediumRetention.toSeconds() / mediumStep.toSeconds()) + 1;
    }

    /** Buckets kept in the second rollup. */
    public int coarseCapacity() {
        return (int) (retention.toSeconds() / coarseStep.toSeconds()) + 1;
    }

    /** Upper bound of the array bytes one series holds once its history is full. */
    public long maxBytesPerSeries() {
        return rawCapacity() * 12L + (mediumCapacity() + coarseCapacity()) * 16L;
    }

    private static void positive(String setting, Duration value) {
        Objects.requireNonNull(value, setting);
        if (value.isZero() || value.isNegative()) {
            throw new InvalidSettingException(setting, value, "must be positive");
        }
    }

    /** Builds {@link MetricsSettings}. */
    public static final class Builder {
        private Duration collectInterval = DEFAULT_COLLECT_INTERVAL;
        private Duration collectTimeout = Duration.ofSeconds(10);
        private Duration rawRetention = Duration.ofHours(24);
        private Duration mediumStep = Duration.ofMinutes(5);
        private Duration mediumRetention = Duration.ofDays(7);
        private Duration coarseStep = Duration.ofHours(1);
        private Duration retention = DEFAULT_RETENTION;
        private int maxSeries = DEFAULT_MAX_SERIES;

        private Builder() {
        }

        /** Time between two collections. */
        public Builder collectInterval(Duration value) {
            this.collectInterval = value;
            return this;
        }

        /** Time one collector may take. */
        public Builder collectTimeout(Duration value) {
            this.collectTimeout = value;
            return this;
        }

        /** How long full-resolution samples are kept. */
        public Builder rawRetention(Duration value) {
            this.rawRetention = value;
            return this;
        }

        /** Resolution of the first rollup. */
        public Builder mediumStep(Duration value) {
            this.mediumStep = value;
            return this;
        }

        /** How long the first rollup is kept. */
        public Builder mediumRetention(Duration value) {
            this.mediumRetention = value;
            return this;
        }

        /** Resolution of the second rollup. */
        public Builder coarseStep(Duration value) {
            this.coarseStep = value;
            return this;
        }

        /** Total history kept (the second rollup's retention). */
        public Builder retention(Duration value) {
            this.retention = value;
            return this;
        }

        /** Distinct series kept. */
        public Builder maxSeries(int value) {
            this.maxSeries = value;
            return this;
        }

        /** Validates and builds. */
        public MetricsSettings build() {
            return new MetricsSettings(collectInterval, collectTimeout, rawRetention, mediumStep, mediumRetention,
                    coarseStep, retention, maxSeries);
        }
    }
}
