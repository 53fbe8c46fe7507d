package dev.vigil.config;

import java.util.List;

/**
 * Where {@link RuntimeConfig} persists the switches someone changed, so they survive a restart and,
 * with a shared database, apply to every instance. {@link MemoryConfigStore} is the embedded default.
 *
 * <p>Implementations must be thread-safe. Only values that were set are stored; a key that is absent
 * has its default.
 */
public interface ConfigStore {

    /** Every stored setting (any order). */
    List<StoredSetting> loadAll();

    /** Stores {@code setting}, replacing the one with the same key. */
    void save(StoredSetting setting);
}
