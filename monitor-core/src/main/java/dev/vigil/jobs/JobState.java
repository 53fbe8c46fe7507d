package dev.vigil.jobs;

import java.util.Locale;

/** What a job is doing now, as a dashboard shows it. */
public enum JobState {
    /** At least one run is in progress. */
    RUNNING,
    /** No run in progress, and the last completed run (if any) succeeded. */
    IDLE,
    /** No run in progress, and the last completed run failed. */
    ERROR;

    /** Lower-case name as used in JSON: {@code running}, {@code idle}, {@code error}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
