package dev.vigil.jdbc.store;

import java.util.List;
import dev.vigil.health.CheckRunRecord;
import dev.vigil.health.CheckRunStore;

/** The CheckRunStore part of {@link JdbcMonitorStore}. */
final class JdbcCheckRunStore implements CheckRunStore {

    private final StoreDatabase database;

    JdbcCheckRunStore(StoreDatabase database) {
        this.database = database;
    }

    @Override
    public void add(List<CheckRunRecord> runs) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public List<CheckRunRecord> recent(String check, int limit) {
        throw new UnsupportedOperationException("not yet");
    }
}
