package dev.vigil.jdbc.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import dev.vigil.alert.delivery.NotificationOutbox;
import dev.vigil.alert.delivery.OutboxEntry;
import dev.vigil.alert.delivery.OutboxStatus;
import org.jspecify.annotations.Nullable;

/**
 * The outbox in {@code <prefix>outbox}. Several instances share it: {@link #add} relies on the primary key (the
 * entry id), and {@link #claimDue} takes each candidate with a conditional update, keeping only the rows whose
 * update took effect, so two instances never claim the same entry at once.
 */
final class JdbcNotificationOutbox implements NotificationOutbox {

    private static final String COLUMNS = "id, sink, status, attempts, created_at, next_attempt_at, last_attempt_at,"
            + " finished_at, last_error, notification";
    private static final String UNFINISHED = "status IN ('PENDING', 'RETRYING')";
    private static final String FINISHED = "status IN ('SENT', 'DEAD_LETTERED')";
    private static final int CHUNK = 500;

    private final StoreDatabase database;
    private final String table;

    JdbcNotificationOutbox(StoreDatabase database) {
        this.database = database;
        this.table = database.table("outbox");
    }

    /** Stores the new entries in one transaction; never refuses them (a database is not full). */
    @Override
    public boolean add(List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return true;
        }
        List<OutboxEntry> copy = List.copyOf(entries);
        List<String> json = copy.stream().map(entry -> StoreJson.notification(entry.notification())).toList();
        return database.transaction((connection, dialect) -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    dialect.insertIgnoringDuplicate(table, COLUMNS, Sql.marks(10)))) {
                for (int i = 0; i < copy.size(); i++) {
                    OutboxEntry entry = copy.get(i);
                    insert.setString(1, entry.id());
                    insert.setString(2, entry.sink());
                    insert.setString(3, entry.status().name());
                    insert.setInt(4, entry.attempts());
                    Sql.setInstant(insert, 5, entry.createdAt());
                    Sql.setInstant(insert, 6, entry.nextAttemptAt());
                    Sql.setInstant(insert, 7, entry.lastAttemptAt());
                    Sql.setInstant(insert, 8, entry.finishedAt());
                    Sql.setNullableString(insert, 9, entry.lastError());
                    insert.setString(10, json.get(i));
                    try {
                        insert.executeUpdate();
                    } catch (SQLException e) {
                        if (!Dialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                            throw e;
                        }
                    }
                }
            }
            return true;
        });
    }

    @Override
    public List<OutboxEntry> claimDue(String sink, Instant now, int limit, Instant leaseUntil) {
        if (limit <= 0) {
            return List.of();
        }
        return database.call((connection, dialect) -> {
            List<String> candidates = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM " + table + " WHERE sink = ? AND "
                    + UNFINISHED + " AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)"
                    + " ORDER BY next_attempt_at, created_at, id " + dialect.limit())) {
                select.setString(1, sink);
                Sql.setInstant(select, 2, now);
                Sql.setInstant(select, 3, now);
                select.setInt(4, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        candidates.add(rows.getString(1));
                    }
                }
            }
            if (candidates.isEmpty()) {
                return List.of();
            }
            List<String> claimed = new ArrayList<>();
            try (PreparedStatement claim = connection.prepareStatement("UPDATE " + table + " SET lease_until = ? WHERE id = ? AND "
                    + UNFINISHED + " AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)")) {
                for (String id : candidates) {
                    Sql.setInstant(claim, 1, leaseUntil);
                    claim.setString(2, id);
                    Sql.setInstant(claim, 3, now);
                    Sql.setInstant(claim, 4, now);
                    claim.addBatch();
                }
                int[] counts = claim.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 1) {
                        claimed.add(candidates.get(i));
                    }
                }
            }
            if (claimed.isEmpty()) {
                return List.of();
            }
            return select(connection, "WHERE id IN (" + Sql.marks(claimed.size()) + ") ORDER BY next_attempt_at, created_at, id",
                    claimed);
        });
    }

    @Override
    public void markSent(Collection<String> ids, Instant at) {
        List<String> copy = List.copyOf(ids);
        if (copy.isEmpty()) {
            return;
        }
        database.call((connection, dialect) -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET status = 'SENT',"
                    + " attempts = attempts + 1, last_attempt_at = ?, finished_at = ?, lease_until = NULL WHERE id = ? AND "
                    + UNFINISHED)) {
                for (List<String> chunk : Sql.chunks(copy, CHUNK)) {
                    for (String id : chunk) {
                        Sql.setInstant(update, 1, at);
                        Sql.setInstant(update, 2, at);
                        update.setString(3, id);
                        update.addBatch();
                    }
                    update.executeBatch();
                }
            }
            return null;
        });
    }

    @Override
    public void markRetry(String id, int attempts, Instant nextAttemptAt, String lastError, Instant at) {
        database.call((connection, dialect) -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET status = 'RETRYING',"
                    + " attempts = ?, next_attempt_at = ?, last_attempt_at = ?, finished_at = NULL, last_error = ?,"
                    + " lease_until = NULL WHERE id = ? AND " + UNFINISHED)) {
                update.setInt(1, attempts);
                Sql.setInstant(update, 2, nextAttemptAt);
                Sql.setInstant(update, 3, at);
                update.setString(4, lastError);
                update.setString(5, id);
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void markDeadLettered(String id, int attempts, String lastError, Instant at) {
        database.call((connection, dialect) -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET status = 'DEAD_LETTERED',"
                    + " attempts = ?, last_attempt_at = ?, finished_at = ?, last_error = ?, lease_until = NULL"
                    + " WHERE id = ? AND " + UNFINISHED)) {
                update.setInt(1, attempts);
                Sql.setInstant(update, 2, at);
                Sql.setInstant(update, 3, at);
                update.setString(4, lastError);
                update.setString(5, id);
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Instant> nextDue(String sink) {
        return database.call((connection, dialect) -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT MIN(CASE WHEN lease_until IS NOT NULL"
                    + " AND lease_until > next_attempt_at THEN lease_until ELSE next_attempt_at END) AS due FROM " + table
                    + " WHERE sink = ? AND " + UNFINISHED)) {
                select.setString(1, sink);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.ofNullable(Sql.instant(rows, "due")) : Optional.<Instant>empty();
                }
            }
        });
    }

    @Override
    public List<OutboxEntry> recent(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return database.call((connection, dialect) -> select(connection,
                "ORDER BY created_at DESC, id " + dialect.limit(), List.of(limit)));
    }

    @Override
    public Map<String, Map<OutboxStatus, Long>> counts() {
        return database.call((connection, dialect) -> {
            Map<String, Map<OutboxStatus, Long>> counts = new TreeMap<>();
            try (Statement select = connection.createStatement();
                    ResultSet rows = select.executeQuery("SELECT sink, status, COUNT(*) FROM " + table
                            + " GROUP BY sink, status")) {
                while (rows.next()) {
                    counts.computeIfAbsent(rows.getString(1), sink -> new EnumMap<>(OutboxStatus.class))
                            .put(OutboxStatus.valueOf(rows.getString(2)), rows.getLong(3));
                }
            }
            Map<String, Map<OutboxStatus, Long>> copy = new TreeMap<>();
            counts.forEach((sink, perStatus) -> copy.put(sink, Map.copyOf(perStatus)));
            return Collections.unmodifiableMap(copy);
        });
    }

    int purge(Instant cutoff, int limit) {
        return database.purge("outbox", "id", "finished_at", FINISHED, cutoff, limit);
    }

    private List<OutboxEntry> select(Connection connection, String rest, List<?> parameters) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + table + " " + rest)) {
            for (int i = 0; i < parameters.size(); i++) {
                Object parameter = parameters.get(i);
                if (parameter instanceof Integer number) {
                    select.setInt(i + 1, number);
                } else {
                    select.setString(i + 1, (String) Objects.requireNonNull(parameter));
                }
            }
            List<OutboxEntry> result = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    result.add(entry(rows));
                }
            }
            return List.copyOf(result);
        }
    }

    private static OutboxEntry entry(ResultSet rows) throws SQLException {
        @Nullable String error = rows.getString("last_error");
        return new OutboxEntry(rows.getString("id"), rows.getString("sink"), StoreJson.notification(rows.getString("notification")),
                OutboxStatus.valueOf(rows.getString("status")), rows.getInt("attempts"), Sql.requiredInstant(rows, "created_at"),
                Sql.requiredInstant(rows, "next_attempt_at"), Sql.instant(rows, "last_attempt_at"),
                Sql.instant(rows, "finished_at"), error);
    }
}
