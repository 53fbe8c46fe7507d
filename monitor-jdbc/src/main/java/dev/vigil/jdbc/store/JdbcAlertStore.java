package dev.vigil.jdbc.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.AlertStore;
import dev.vigil.alert.AlertTransition;
import dev.vigil.alert.Silence;
import dev.vigil.alert.StoredAlert;
import org.jspecify.annotations.Nullable;

/** The AlertStore part of {@link JdbcMonitorStore}. */
final class JdbcAlertStore implements AlertStore {

    private final StoreDatabase database;

    JdbcAlertStore(StoreDatabase database) {
        this.database = database;
    }

    @Override
    public List<StoredAlert> active() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public StoredAlert open(StoredAlert candidate) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public Optional<StoredAlert> replace(StoredAlert current, StoredAlert next) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public boolean remove(StoredAlert current) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void seen(Collection<String> ids, Instant at) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void record(AlertTransition transition) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public List<AlertTransition> history(@Nullable AlertState entered, @Nullable Instant since, int limit) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void saveSilence(Silence silence) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public boolean removeSilence(String id) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public List<Silence> silences(Instant now) {
        throw new UnsupportedOperationException("not yet");
    }
}
