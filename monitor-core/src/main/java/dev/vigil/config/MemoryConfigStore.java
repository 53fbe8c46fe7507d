package dev.vigil.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ConfigStore} in memory: changes outlive nothing but the JVM. The embedded default. */
public final class MemoryConfigStore implements ConfigStore {

    private final Map<String, StoredSetting> settings = new ConcurrentHashMap<>();

    @Override
    public List<StoredSetting> loadAll() {
        return List.copyOf(settings.values());
    }

    @Override
    public void save(StoredSetting setting) {
        Objects.requireNonNull(setting, "setting");
        settings.put(setting.key(), setting);
    }
}
