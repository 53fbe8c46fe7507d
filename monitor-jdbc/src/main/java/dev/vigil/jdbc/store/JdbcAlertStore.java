package dev.vigil.jdbc.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.AlertStore;
import dev.vigil.alert.AlertTransition;
import dev.vigil.alert.Silence;
import dev.vigil.alert.StoredAlert;
import org.jspecify.annotations.Nullable;

/**
 * Active alerts in {@code <prefix>alert} (at most one per fingerprint: a unique key on its SHA-256), their history
 * in {@code <prefix>alert_history} and silences in {@code <prefix>silence}. Every change of an alert is conditional
 * on its id and version, and the update count tells which instance won.
 */
final class JdbcAlertStore implements AlertStore {

    private static final String ALERT_COLUMNS = "id, fingerprint_hash, fingerprint, rule_name, labels, state, message,"
            + " since, fired_at, last_seen_at, silenced, acknowledged_by, acknowledged_at, notified_at, notifications,"
            + " version";
    private static final int OPEN_ATTEMPTS = 10;
    private static final int CHUNK = 500;

    private final StoreDatabase database;
    private final String alerts;
    private final String history;
    private final String silences;

    JdbcAlertStore(StoreDatabase database) {
        this.database = database;
        this.alerts = database.table("alert");
        this.history = database.table("alert_history");
        this.silences = database.table("silence");
    }

    @Override
    public List<StoredAlert> active() {
        return database.call((connection, dialect) -> {
            try (Statement select = connection.createStatement();
                    ResultSet rows = select.executeQuery("SELECT " + ALERT_COLUMNS + " FROM " + alerts + " ORDER BY since, id")) {
                List<StoredAlert> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(alert(rows));
                }
                return List.copyOf(result);
            }
        });
    }

    @Override
    public StoredAlert open(StoredAlert candidate) {
        StoredAlert stored = candidate.withVersion(1);
        String hash = hash(stored.fingerprint());
        String labels = StoreJson.write(stored.labels());
        return database.call((connection, dialect) -> {
            for (int attempt = 0; attempt < OPEN_ATTEMPTS; attempt++) {
                try (PreparedStatement insert = connection.prepareStatement(
                        dialect.insertIgnoringDuplicate(alerts, ALERT_COLUMNS, Sql.marks(16)))) {
                    insert.setString(1, stored.id());
                    insert.setString(2, hash);
                    insert.setString(3, stored.fingerprint());
                    insert.setString(4, stored.rule());
                    insert.setString(5, labels);
                    bindState(insert, 6, stored);
                    insert.setLong(16, stored.version());
                    if (insert.executeUpdate() == 1) {
                        return read(connection, stored);
                    }
                } catch (SQLException e) {
                    if (!Dialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                }
                Optional<StoredAlert> existing = byFingerprint(connection, hash);
                if (existing.isPresent()) {
                    return existing.get();
                }
                // the existing alert was removed in between: try again
            }
            throw new SQLException("could not open or read alert " + stored.fingerprint() + " in " + OPEN_ATTEMPTS
                    + " attempts");
        });
    }

    @Override
    public Optional<StoredAlert> replace(StoredAlert current, StoredAlert next) {
        if (!current.id().equals(next.id()) || !current.fingerprint().equals(next.fingerprint())) {
            throw new IllegalArgumentException("an alert keeps its id and fingerprint: " + current.id() + " → " + next.id());
        }
        String labels = StoreJson.write(next.labels());
        return database.transaction((connection, dialect) -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + alerts + " SET rule_name = ?, labels = ?,"
                    + " state = ?, message = ?, since = ?, fired_at = ?,"
                    + " last_seen_at = CASE WHEN last_seen_at > ? THEN last_seen_at ELSE ? END,"
                    + " silenced = ?, acknowledged_by = ?, acknowledged_at = ?, notified_at = ?, notifications = ?,"
                    + " version = version + 1 WHERE id = ? AND version = ?")) {
                update.setString(1, next.rule());
                update.setString(2, labels);
                update.setString(3, next.state().name());
                update.setString(4, next.message());
                Sql.setInstant(update, 5, next.since());
                Sql.setInstant(update, 6, next.firedAt());
                Sql.setInstant(update, 7, next.lastSeenAt());
                Sql.setInstant(update, 8, next.lastSeenAt());
                update.setBoolean(9, next.silenced());
                Sql.setNullableString(update, 10, next.acknowledgedBy());
                Sql.setInstant(update, 11, next.acknowledgedAt());
                Sql.setInstant(update, 12, next.notifiedAt());
                update.setInt(13, next.notifications());
                update.setString(14, current.id());
                update.setLong(15, current.version());
                if (update.executeUpdate() != 1) {
                    return Optional.<StoredAlert>empty();
                }
            }
            // the row stays locked by this transaction until it commits: this reads this change
            return Optional.of(read(connection, next));
        });
    }

    @Override
    public boolean remove(StoredAlert current) {
        return database.call((connection, dialect) -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM " + alerts + " WHERE id = ? AND version = ?")) {
                delete.setString(1, current.id());
                delete.setLong(2, current.version());
                return delete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void seen(Collection<String> ids, Instant at) {
        List<String> copy = List.copyOf(ids);
        if (copy.isEmpty()) {
            return;
        }
        database.call((connection, dialect) -> {
            for (List<String> chunk : Sql.chunks(copy, CHUNK)) { // one statement per chunk: a tick marks hundreds
                try (PreparedStatement update = connection.prepareStatement("UPDATE " + alerts
                        + " SET last_seen_at = ? WHERE last_seen_at < ? AND id IN (" + Sql.marks(chunk.size()) + ")")) {
                    Sql.setInstant(update, 1, at);
                    Sql.setInstant(update, 2, at);
                    int index = 3;
                    for (String id : chunk) {
                        update.setString(index++, id);
                    }
                    update.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public void record(AlertTransition transition) {
        Objects.requireNonNull(transition, "transition");
        String alert = StoreJson.alert(transition.alert());
        database.call((connection, dialect) -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + history
                    + " (at, alert_id, change_kind, from_state, to_state, note, alert) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                Sql.setInstant(insert, 1, transition.at());
                insert.setString(2, transition.alert().id());
                insert.setString(3, transition.change().name());
                Sql.setNullableString(insert, 4, transition.from() == null ? null : transition.from().name());
                insert.setString(5, transition.to().name());
                insert.setString(6, transition.note());
                insert.setString(7, alert);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<AlertTransition> history(@Nullable AlertState entered, @Nullable Instant since, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        return database.call((connection, dialect) -> {
            StringBuilder sql = new StringBuilder("SELECT at, change_kind, from_state, to_state, note, alert FROM ")
                    .append(history).append(" WHERE 1 = 1");
            if (entered != null) {
                sql.append(" AND change_kind = 'STATE' AND to_state = ?");
            }
            if (since != null) {
                sql.append(" AND at >= ?");
            }
            sql.append(" ORDER BY at DESC, seq DESC ").append(dialect.limit());
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                int index = 1;
                if (entered != null) {
                    select.setString(index++, entered.name());
                }
                if (since != null) {
                    Sql.setInstant(select, index++, since);
                }
                select.setInt(index, limit);
                List<AlertTransition> result = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String from = rows.getString("from_state");
                        result.add(new AlertTransition(StoreJson.alert(rows.getString("alert")),
                                from == null ? null : AlertState.valueOf(from), AlertState.valueOf(rows.getString("to_state")),
                                Sql.requiredInstant(rows, "at"), AlertTransition.Change.valueOf(rows.getString("change_kind")),
                                rows.getString("note")));
                    }
                }
                return List.copyOf(result);
            }
        });
    }

    @Override
    public void saveSilence(Silence silence) {
        Objects.requireNonNull(silence, "silence");
        String matchers = StoreJson.write(silence.matchers());
        database.call((connection, dialect) -> {
            try (PreparedStatement upsert = connection.prepareStatement(dialect.upsert(silences, "id",
                    "id, matchers, starts_at, ends_at, reason, created_by"))) {
                upsert.setString(1, silence.id());
                upsert.setString(2, matchers);
                Sql.setInstant(upsert, 3, silence.startsAt());
                Sql.setInstant(upsert, 4, silence.endsAt());
                upsert.setString(5, silence.reason());
                upsert.setString(6, silence.createdBy());
                upsert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean removeSilence(String id) {
        return database.call((connection, dialect) -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + silences + " WHERE id = ?")) {
                delete.setString(1, id);
                return delete.executeUpdate() == 1;
            }
        });
    }

    /** The silences that have not ended at {@code now}; ended ones are deleted on the way, as the memory store does. */
    @Override
    public List<Silence> silences(Instant now) {
        return database.call((connection, dialect) -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + silences + " WHERE ends_at <= ?")) {
                Sql.setInstant(delete, 1, now);
                delete.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT id, matchers, starts_at, ends_at, reason,"
                    + " created_by FROM " + silences + " WHERE ends_at > ? ORDER BY starts_at, id")) {
                Sql.setInstant(select, 1, now);
                List<Silence> result = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        result.add(new Silence(rows.getString("id"), StoreJson.strings(rows.getString("matchers")),
                                Sql.requiredInstant(rows, "starts_at"), Sql.requiredInstant(rows, "ends_at"),
                                rows.getString("reason"), rows.getString("created_by")));
                    }
                }
                return List.copyOf(result);
            }
        });
    }

    int purgeHistory(Instant cutoff, int limit) {
        return database.purge("alert_history", "seq", "at", "", cutoff, limit);
    }

    /** Binds state .. notifications (10 parameters from {@code index}). */
    private static void bindState(PreparedStatement statement, int index, StoredAlert alert) throws SQLException {
        statement.setString(index, alert.state().name());
        statement.setString(index + 1, alert.message());
        Sql.setInstant(statement, index + 2, alert.since());
        Sql.setInstant(statement, index + 3, alert.firedAt());
        Sql.setInstant(statement, index + 4, alert.lastSeenAt());
        statement.setBoolean(index + 5, alert.silenced());
        Sql.setNullableString(statement, index + 6, alert.acknowledgedBy());
        Sql.setInstant(statement, index + 7, alert.acknowledgedAt());
        Sql.setInstant(statement, index + 8, alert.notifiedAt());
        statement.setInt(index + 9, alert.notifications());
    }

    private StoredAlert read(Connection connection, StoredAlert written) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + ALERT_COLUMNS + " FROM " + alerts + " WHERE id = ?")) {
            select.setString(1, written.id());
            try (ResultSet rows = select.executeQuery()) {
                if (rows.next()) {
                    return alert(rows);
                }
            }
        }
        throw new SQLException("alert " + written.id() + " vanished right after it was written");
    }

    private Optional<StoredAlert> byFingerprint(Connection connection, String hash) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + ALERT_COLUMNS + " FROM " + alerts + " WHERE fingerprint_hash = ?")) {
            select.setString(1, hash);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(alert(rows)) : Optional.empty();
            }
        }
    }

    private static StoredAlert alert(ResultSet rows) throws SQLException {
        return new StoredAlert(rows.getString("id"), rows.getString("rule_name"), rows.getString("fingerprint"),
                StoreJson.strings(rows.getString("labels")), AlertState.valueOf(rows.getString("state")),
                rows.getString("message"), Sql.requiredInstant(rows, "since"), Sql.instant(rows, "fired_at"),
                Sql.requiredInstant(rows, "last_seen_at"), rows.getBoolean("silenced"), rows.getString("acknowledged_by"),
                Sql.instant(rows, "acknowledged_at"), Sql.instant(rows, "notified_at"), rows.getInt("notifications"),
                rows.getLong("version"));
    }

    /** The fingerprint's SHA-256, the unique key: fingerprints may be longer than an index entry may be. */
    static String hash(String fingerprint) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(fingerprint.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
