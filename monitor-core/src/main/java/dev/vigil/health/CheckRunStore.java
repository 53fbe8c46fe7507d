package dev.vigil.health;

import java.util.List;

/**
 * Where every health check run is kept, so a check's history survives a restart and every instance's
 * runs can be read in one place. Implementations must be thread-safe.
 */
public interface CheckRunStore {

    /** Appends runs (a batch, in the order they ran). */
    void add(List<CheckRunRecord> runs);

    /** The newest {@code limit} runs of {@code check} on any instance, newest first. */
    List<CheckRunRecord> recent(String check, int limit);
}
