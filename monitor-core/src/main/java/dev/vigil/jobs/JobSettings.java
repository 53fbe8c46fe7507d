package dev.vigil.jobs;

/**
 * Limits of a {@link JobMonitor}: how many runs it keeps per job and how many distinct jobs it tracks.
 *
 * <pre>{@code
 * JobSettings.builder().historySize(500).build();
 * }</pre>
 *
 * @param historySize completed runs kept in memory per job (for history, timeline and average duration)
 * @param maxJobs distinct job names tracked; runs of further names are recorded as {@link JobMonitor#OVERFLOW_JOB}
 */
public record JobSettings(int historySize, int maxJobs) {

    /** 200 completed runs per job are kept by default. */
    public static final int DEFAULT_HISTORY_SIZE = 200;
    /** At most 100 distinct jobs are tracked by default. */
    public static final int DEFAULT_MAX_JOBS = 100;

    public JobSettings {
        if (historySize < 1 || historySize > 100_000) {
            throw new IllegalArgumentException("monitor.jobs.history-size must be 1..100000, was " + historySize);
        }
        if (maxJobs < 1 || maxJobs > 10_000) {
            throw new IllegalArgumentException("monitor.jobs.max-jobs must be 1..10000, was " + maxJobs);
        }
    }

    /** The defaults: 200 runs of history per job, at most 100 jobs. */
    public static JobSettings ofDefaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link JobSettings}. */
    public static final class Builder {
        private int historySize = DEFAULT_HISTORY_SIZE;
        private int maxJobs = DEFAULT_MAX_JOBS;

        private Builder() {
        }

        /** Completed runs kept in memory per job. */
        public Builder historySize(int historySize) {
            this.historySize = historySize;
            return this;
        }

        /** Distinct job names tracked before runs of new names go to {@link JobMonitor#OVERFLOW_JOB}. */
        public Builder maxJobs(int maxJobs) {
            this.maxJobs = maxJobs;
            return this;
        }

        /** Validates and builds. */
        public JobSettings build() {
            return new JobSettings(historySize, maxJobs);
        }
    }
}
