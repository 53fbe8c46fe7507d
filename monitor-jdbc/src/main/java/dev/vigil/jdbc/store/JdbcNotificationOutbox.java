package dev.vigil.jdbc.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.vigil.alert.delivery.NotificationOutbox;
import dev.vigil.alert.delivery.OutboxEntry;
import dev.vigil.alert.delivery.OutboxStatus;

/** The NotificationOutbox part of {@link JdbcMonitorStore}. */
final class JdbcNotificationOutbox implements NotificationOutbox {

    private final StoreDatabase database;

    JdbcNotificationOutbox(StoreDatabase database) {
        this.database = database;
    }

    @Override
    public boolean add(List<OutboxEntry> entries) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public List<OutboxEntry> claimDue(String sink, Instant now, int limit, Instant leaseUntil) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void markSent(Collection<String> ids, Instant at) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void markRetry(String id, int attempts, Instant nextAttemptAt, String lastError, Instant at) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void markDeadLettered(String id, int attempts, String lastError, Instant at) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public Optional<Instant> nextDue(String sink) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public List<OutboxEntry> recent(int limit) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public Map<String, Map<OutboxStatus, Long>> counts() {
        throw new UnsupportedOperationException("not yet");
    }
}
