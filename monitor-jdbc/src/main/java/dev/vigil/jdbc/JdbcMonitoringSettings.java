package dev.vigil.jdbc;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link MonitoredDataSource} times statements: the slow-query threshold, how many distinct
 * statement shapes are tracked, and how many slow ones {@link QueryStatistics#topSlowest()} lists.
 *
 * @param slowQueryThreshold a statement that takes longer is counted in {@code db.query.slow} and its
 *        shape is logged at WARN (once per shape)
 * @param maxStatementShapes distinct statement shapes tracked one by one; statements of further
 *        shapes are counted together under {@link QueryStatistics#OTHER}
 * @param topSlowest how many shapes {@link QueryStatistics#topSlowest()} returns
 */
public record JdbcMonitoringSettings(Duration slowQueryThreshold, int maxStatementShapes, int topSlowest) {

    /** Statements slower than 1 second are slow unless configured otherwise. */
    public static final Duration DEFAULT_SLOW_QUERY_THRESHOLD = Duration.ofSeconds(1);
    /** 500 statement shapes are tracked unless configured otherwise. */
    public static final int DEFAULT_MAX_STATEMENT_SHAPES = 500;
    /** The 10 slowest shapes are listed unless configured otherwise. */
    public static final int DEFAULT_TOP_SLOWEST = 10;

    private static final JdbcMonitoringSettings DEFAULTS = new JdbcMonitoringSettings(
            DEFAULT_SLOW_QUERY_THRESHOLD, DEFAULT_MAX_STATEMENT_SHAPES, DEFAULT_TOP_SLOWEST);

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the {@code monitor.jdbc.*} setting that is invalid
     */
    public JdbcMonitoringSettings {
        Objects.requireNonNull(slowQueryThreshold, "monitor.jdbc.slow-query-threshold");
        if (slowQueryThreshold.isNegative() || slowQueryThreshold.isZero()) {
            throw new IllegalArgumentException("monitor.jdbc.slow-query-threshold must be positive, was "
                    + slowQueryThreshold);
        }
        if (maxStatementShapes < 1) {
            throw new IllegalArgumentException("monitor.jdbc.max-statement-shapes must be at least 1, was "
                    + maxStatementShapes);
        }
        if (topSlowest < 1) {
            throw new IllegalArgumentException("monitor.jdbc.top-slowest must be at least 1, was " + topSlowest);
        }
    }

    /** The defaults: slow above 1 s, 500 shapes, top 10. */
    public static JdbcMonitoringSettings ofDefaults() {
        return DEFAULTS;
    }

    /** Starts from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link JdbcMonitoringSettings}; every setting starts at its default. */
    public static final class Builder {
        private Duration slowQueryThreshold = DEFAULT_SLOW_QUERY_THRESHOLD;
        private int maxStatementShapes = DEFAULT_MAX_STATEMENT_SHAPES;
        private int topSlowest = DEFAULT_TOP_SLOWEST;

        private Builder() {
        }

        /** Statements taking longer than this are slow (default 1 s). */
        public Builder slowQueryThreshold(Duration slowQueryThreshold) {
            this.slowQueryThreshold = Objects.requireNonNull(slowQueryThreshold, "monitor.jdbc.slow-query-threshold");
            return this;
        }

        /** Distinct statement shapes tracked before further ones go to {@code OTHER} (default 500). */
        public Builder maxStatementShapes(int maxStatementShapes) {
            this.maxStatementShapes = maxStatementShapes;
            return this;
        }

        /** How many shapes {@link QueryStatistics#topSlowest()} lists (default 10). */
        public Builder topSlowest(int topSlowest) {
            this.topSlowest = topSlowest;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the {@code monitor.jdbc.*} setting that is invalid
         */
        public JdbcMonitoringSettings build() {
            return new JdbcMonitoringSettings(slowQueryThreshold, maxStatementShapes, topSlowest);
        }
    }
}
