package dev.vigil.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One run of a job: when it started and ended, how it ended and how long it took.
 *
 * <p>A run in progress (only returned by {@link JobMonitor#timeline(Instant)}) has outcome
 * {@link JobOutcome#RUNNING}, no end, and the time elapsed so far as its duration.
 *
 * @param job the job's name
 * @param startedAt when the run started, by the monitor's clock
 * @param endedAt when the run completed; {@code null} while it is running
 * @param outcome how the run ended
 * @param duration how long the run took, measured with the monotonic ticker
 * @param error for a failed run, the error text ({@code "IOException: disk full"}), at most
 *     {@link #MAX_ERROR_LENGTH} characters; {@code null} otherwise
 */
public record JobRunRecord(
        String job,
        Instant startedAt,
        @Nullable Instant endedAt,
        JobOutcome outcome,
        Duration duration,
        @Nullable String error) {

    /** Error texts longer than this are cut, ending with an ellipsis. */
    public static final int MAX_ERROR_LENGTH = 500;

    public JobRunRecord {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        if ((outcome == JobOutcome.RUNNING) != (endedAt == null)) {
            throw new IllegalArgumentException("a run has no end exactly when it is running: " + outcome + ", ended " + endedAt);
        }
        if (outcome == JobOutcome.FAILURE) {
            error = JobText.trim(Objects.requireNonNull(error, "a failed run needs an error text"), MAX_ERROR_LENGTH);
        } else if (error != null) {
            throw new IllegalArgumentException("only a failed run has an error text, this one is " + outcome);
        }
    }

    /** When the run completed, unless it is still running. */
    public Optional<Instant> finishedAt() {
        return Optional.ofNullable(endedAt);
    }

    /** The error text of a failed run. */
    public Optional<String> errorText() {
        return Optional.ofNullable(error);
    }

    /** Whether the run completed successfully. */
    public boolean succeeded() {
        return outcome == JobOutcome.SUCCESS;
    }

    /** Whether the run failed. */
    public boolean failed() {
        return outcome == JobOutcome.FAILURE;
    }
}
