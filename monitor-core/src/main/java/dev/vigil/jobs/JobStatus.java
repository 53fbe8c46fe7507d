package dev.vigil.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one job, as the dashboard and the admin API show it.
 *
 * @param name the job's name
 * @param state running (a run in progress), error (the last completed run failed) or idle
 * @param running runs in progress now
 * @param lastRun the last completed run; {@code null} if none completed since the monitor started
 * @param lastSuccess when the last successful run completed; {@code null} if none did
 * @param failures24h failed runs that ended in the last 24 hours, by the monitor's clock
 * @param totalRuns completed runs since the monitor started
 * @param totalFailures failed runs since the monitor started
 * @param averageDuration mean duration of the completed runs kept in history; zero if none
 * @param expectation how often the job should succeed; {@code null} if none is registered
 * @param expectationMet whether the expectation is met now ({@code true} without an expectation)
 */
public record JobStatus(
        String name,
        JobState state,
        int running,
        @Nullable JobRunRecord lastRun,
        @Nullable Instant lastSuccess,
        int failures24h,
        long totalRuns,
        long totalFailures,
        Duration averageDuration,
        @Nullable JobExpectation expectation,
        boolean expectationMet) {

    public JobStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(averageDuration, "averageDuration");
        if (running < 0 || failures24h < 0 || totalRuns < 0 || totalFailures < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** The last completed run, if any. */
    public Optional<JobRunRecord> lastCompletedRun() {
        return Optional.ofNullable(lastRun);
    }

    /** When the last successful run completed, if any did. */
    public Optional<Instant> lastSuccessAt() {
        return Optional.ofNullable(lastSuccess);
    }

    /** The registered expectation, if any. */
    public Optional<JobExpectation> expected() {
        return Optional.ofNullable(expectation);
    }
}
