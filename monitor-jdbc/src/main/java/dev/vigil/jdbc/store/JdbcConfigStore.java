package dev.vigil.jdbc.store;

import java.util.List;
import dev.vigil.config.ConfigStore;
import dev.vigil.config.StoredSetting;

/** The ConfigStore part of {@link JdbcMonitorStore}. */
final class JdbcConfigStore implements ConfigStore {

    private final StoreDatabase database;

    JdbcConfigStore(StoreDatabase database) {
        this.database = database;
    }

    @Override
    public List<StoredSetting> loadAll() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void save(StoredSetting setting) {
        throw new UnsupportedOperationException("not yet");
    }
}
