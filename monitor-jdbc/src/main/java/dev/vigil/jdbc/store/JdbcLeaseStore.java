package dev.vigil.jdbc.store;

import java.time.Duration;
import java.util.Optional;
import dev.vigil.store.Lease;
import dev.vigil.store.LeaseStore;

/** The LeaseStore part of {@link JdbcMonitorStore}. */
final class JdbcLeaseStore implements LeaseStore {

    private final StoreDatabase database;

    JdbcLeaseStore(StoreDatabase database) {
        this.database = database;
    }

    @Override
    public boolean tryAcquire(String name, String owner, Duration duration) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void release(String name, String owner) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public Optional<Lease> holder(String name) {
        throw new UnsupportedOperationException("not yet");
    }
}
