package dev.vigil.jdbc;

import java.util.List;
import java.util.Objects;

/**
 * All statement statistics of one {@link MonitoredDataSource} at one moment, cumulative since
 * monitoring started: totals over every statement, and one entry per statement shape, most total
 * time first. Times are in milliseconds; percentiles are read from log-scale histograms (within
 * about 6%).
 *
 * @param queries executions of all statements, failed ones included
 * @param errors executions that threw
 * @param slow executions above the slow-query threshold
 * @param totalMs time spent in all executions
 * @param meanMs mean execution time
 * @param maxMs longest execution time
 * @param p50Ms median execution time
 * @param p95Ms 95th percentile of execution time
 * @param p99Ms 99th percentile of execution time
 * @param connectionAcquisitions {@code getConnection()} calls, failed ones included
 * @param connectionAcquireP95Ms 95th percentile of the time {@code getConnection()} took
 * @param statements per statement shape, most total time first
 */
public record QueryStatisticsSnapshot(long queries, long errors, long slow, double totalMs, double meanMs,
        double maxMs, double p50Ms, double p95Ms, double p99Ms, long connectionAcquisitions,
        double connectionAcquireP95Ms, List<StatementStatistics> statements) {

    /** Copies the statement list. */
    public QueryStatisticsSnapshot {
        statements = List.copyOf(Objects.requireNonNull(statements, "statements"));
    }
}
