package dev.vigil.jdbc;

import java.util.Objects;

/**
 * What one statement shape has cost since monitoring started: how often it ran, how often it
 * failed or was slow, and its latency. Times are in milliseconds; {@code p95Ms} is read from a
 * log-scale histogram (within about 6%), {@code maxMs} is exact.
 *
 * @param sql the normalised statement (see {@link SqlShapes}), or {@link QueryStatistics#OTHER}
 * @param count executions, failed ones included; a batch counts once
 * @param errors executions that threw
 * @param slow executions above the slow-query threshold
 * @param totalMs time spent in all executions
 * @param meanMs mean execution time
 * @param maxMs longest execution time
 * @param p95Ms 95th percentile of execution time
 */
public record StatementStatistics(String sql, long count, long errors, long slow, double totalMs, double meanMs,
        double maxMs, double p95Ms) {

    /** Validates the counts. */
    public StatementStatistics {
        Objects.requireNonNull(sql, "sql");
        if (count < 0 || errors < 0 || slow < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }
}
