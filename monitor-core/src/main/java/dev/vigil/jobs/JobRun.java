package dev.vigil.jobs;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A handle on one run in progress, from {@link JobMonitor#start(String)}: report its outcome once
 * with {@link #success()} or {@link #failure(Throwable)}.
 *
 * <p>The first outcome wins; later calls are no-ops. {@link #close()} without an outcome records a
 * failure with the error text {@value #NOT_COMPLETED}, so try-with-resources never leaves a run
 * "running" forever:
 *
 * <pre>{@code
 * try (JobRun run = jobs.start("curation")) {
 *     curate();
 *     run.success();
 * } // an exception from curate() leaves the run failed ("not completed")
 * }</pre>
 *
 * Thread-safe: the outcome may be reported from another thread than the one that started the run.
 */
public final class JobRun implements AutoCloseable {

    /** The error text of a run closed without {@link #success()} or a failure. */
    public static final String NOT_COMPLETED = "not completed: closed without success() or failure()";

    private final JobMonitor monitor;
    private final TrackedJob job;
    private final Instant startedAt;
    private final long startNanos;
    private final AtomicBoolean completed = new AtomicBoolean();

    JobRun(JobMonitor monitor, TrackedJob job, Instant startedAt, long startNanos) {
        this.monitor = monitor;
        this.job = job;
        this.startedAt = startedAt;
        this.startNanos = startNanos;
    }

    /** The name of the job this run is recorded under ({@link JobMonitor#OVERFLOW_JOB} beyond the job limit). */
    public String job() {
        return job.name;
    }

    /** When the run started, by the monitor's clock. */
    public Instant startedAt() {
        return startedAt;
    }

    /** Whether an outcome has been recorded. */
    public boolean isCompleted() {
        return completed.get();
    }

    /** Records the run as successful, unless an outcome was already recorded. */
    public void success() {
        complete(JobOutcome.SUCCESS, null);
    }

    /** Records the run as failed with the exception's type and message, unless an outcome was already recorded. */
    public void failure(Throwable error) {
        complete(JobOutcome.FAILURE, JobText.describe(Objects.requireNonNull(error, "error")));
    }

    /** Records the run as failed with {@code reason} (e.g. {@code "0 videos screened"}), unless an outcome was already recorded. */
    public void failure(String reason) {
        Objects.requireNonNull(reason, "reason");
        complete(JobOutcome.FAILURE, reason.isBlank() ? "failed" : reason);
    }

    /** Records a failure {@value #NOT_COMPLETED} if no outcome was recorded; otherwise does nothing. */
    @Override
    public void close() {
        complete(JobOutcome.FAILURE, NOT_COMPLETED);
    }

    long startNanos() {
        return startNanos;
    }

    private void complete(JobOutcome outcome, @Nullable String error) {
        if (completed.compareAndSet(false, true)) {
            monitor.complete(this, job, outcome, error);
        }
    }

    @Override
    public String toString() {
        return "JobRun[" + job.name + ", started " + startedAt + (isCompleted() ? ", completed]" : "]");
    }
}
