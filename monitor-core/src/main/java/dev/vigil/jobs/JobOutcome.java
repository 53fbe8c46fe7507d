package dev.vigil.jobs;

import java.util.Locale;

/** How a job run ended, or {@link #RUNNING} for a run still in progress (only seen in {@link JobMonitor#timeline}). */
public enum JobOutcome {
    /** The run completed normally. */
    SUCCESS,
    /** The run threw, reported a failure, or was closed without reporting an outcome. */
    FAILURE,
    /** The run has not completed yet. */
    RUNNING;

    /** Lower-case name as used in JSON and meter tags: {@code success}, {@code failure}, {@code running}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
