package dev.vigil.jdbc.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.incident.ErrorEvent;
import dev.vigil.incident.Incident;
import dev.vigil.incident.IncidentDelta;
import dev.vigil.incident.IncidentQuery;
import dev.vigil.incident.IncidentSeverity;
import dev.vigil.incident.IncidentStatus;
import dev.vigil.incident.IncidentStore;
import dev.vigil.incident.IncidentTransition;
import dev.vigil.incident.KnownFixRecord;
import dev.vigil.internal.Json;
import org.jspecify.annotations.Nullable;

/**
 * Incidents in {@code <prefix>incident}, one row per fingerprint; each delta is added to its row under a row lock
 * ({@code SELECT ... FOR UPDATE}), so instances sharing the database add up their counts instead of overwriting
 * them. Events in {@code <prefix>incident_event} (the newest of each incident kept), known fixes in
 * {@code <prefix>incident_fix} with counts incremented in SQL.
 */
final class JdbcIncidentStore implements IncidentStore {

    private static final String COLUMNS = "id, fingerprint, title, error_type, severity, category, status, event_count,"
            + " first_seen, last_seen, applications, endpoints, stack_sample, acknowledged_by, acknowledged_at, resolved_by,"
            + " resolved_at, note, regressions, suspect_deployment";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final StoreDatabase database;
    private final String incidents;
    private final String events;
    private final String fixes;

    JdbcIncidentStore(StoreDatabase database) {
        this.database = database;
        this.incidents = database.table("incident");
        this.events = database.table("incident_event");
        this.fixes = database.table("incident_fix");
    }

    @Override
    public void record(List<IncidentDelta> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        database.transaction((connection, dialect) -> {
            for (IncidentDelta delta : deltas) {
                Incident current = select(connection, delta.id(), true);
                if (current == null) {
                    if (insert(connection, dialect, delta.applyTo(null))) {
                        continue;
                    }
                    current = Objects.requireNonNull(select(connection, delta.id(), true), "incident row vanished");
                }
                update(connection, delta.applyTo(current));
            }
            return null;
        });
    }

    @Override
    public void addEvents(String incidentId, List<ErrorEvent> added, int keep) {
        if (added.isEmpty()) {
            return;
        }
        database.transaction((connection, dialect) -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + events
                    + " (incident_id, occurred_at, event) VALUES (?, ?, ?)")) {
                for (ErrorEvent event : added) {
                    insert.setString(1, incidentId);
                    Sql.setInstant(insert, 2, event.at());
                    insert.setString(3, StoreJson.write(event.toJson()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement trim = connection.prepareStatement("DELETE FROM " + events + " WHERE incident_id = ?"
                    + " AND seq NOT IN (SELECT seq FROM " + events + " WHERE incident_id = ? ORDER BY seq DESC "
                    + dialect.limit() + ")")) {
                trim.setString(1, incidentId);
                trim.setString(2, incidentId);
                trim.setInt(3, keep);
                trim.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void transition(IncidentTransition transition) {
        database.transaction((connection, dialect) -> {
            Incident current = select(connection, transition.incidentId(), true);
            if (current != null) {
                update(connection, transition.applyTo(current));
            }
            return null;
        });
    }

    @Override
    public Optional<Incident> find(String id) {
        Objects.requireNonNull(id, "id");
        return database.call((connection, dialect) -> Optional.ofNullable(select(connection, id, false)));
    }

    @Override
    public List<Incident> list(IncidentQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM " + incidents + " WHERE status IN (");
        List<Object> params = new ArrayList<>();
        List<IncidentStatus> statuses = query.statuses().stream().sorted().toList();
        sql.append(Sql.marks(statuses.size())).append(")");
        statuses.forEach(status -> params.add(status.name()));
        if (query.activeSince() != null) {
            sql.append(" AND (status <> 'RESOLVED' OR resolved_at >= ?)");
            params.add(query.activeSince());
        }
        if (query.severity() != null) {
            sql.append(" AND severity = ?");
            params.add(query.severity().name());
        }
        if (query.category() != null) {
            sql.append(" AND category = ?");
            params.add(query.category());
        }
        if (query.application() != null) { // a JSON array of strings: narrowed here, checked exactly below
            sql.append(" AND applications LIKE ? ESCAPE '!'");
            params.add("%" + StoreJson.write(query.application()).replace("!", "!!").replace("%", "!%").replace("_", "!_")
                    + "%");
        }
        if (query.since() != null) {
            sql.append(" AND last_seen >= ?");
            params.add(query.since());
        }
        return database.call((connection, dialect) -> {
            try (PreparedStatement select = connection.prepareStatement(sql + " ORDER BY last_seen DESC, id "
                    + dialect.limit())) {
                int index = 1;
                for (Object param : params) {
                    if (param instanceof Instant instant) {
                        Sql.setInstant(select, index++, instant);
                    } else {
                        select.setString(index++, (String) param);
                    }
                }
                select.setInt(index, query.limit());
                List<Incident> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Incident incident = incident(rows);
                        if (query.matches(incident)) {
                            found.add(incident);
                        }
                    }
                }
                return List.copyOf(found);
            }
        });
    }

    @Override
    public List<ErrorEvent> events(String incidentId, int limit) {
        return database.call((connection, dialect) -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT event FROM " + events
                    + " WHERE incident_id = ? ORDER BY seq DESC " + dialect.limit())) {
                select.setString(1, incidentId);
                select.setInt(2, limit);
                List<ErrorEvent> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(event(rows.getString("event")));
                    }
                }
                return List.copyOf(found);
            }
        });
    }

    @Override
    public void bindFix(String name, String action, String fingerprint) {
        database.transaction((connection, dialect) -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + fixes
                    + " SET action_id = ?, fingerprint = ? WHERE name = ?")) {
                update.setString(1, action);
                update.setString(2, fingerprint);
                update.setString(3, name);
                if (update.executeUpdate() == 1) {
                    return null;
                }
            }
            if (!insertFix(connection, dialect, name, action, fingerprint)) {
                throw new SQLException("known fix " + name + " was inserted concurrently", "40001");
            }
            return null;
        });
    }

    @Override
    public void recordFixOutcome(String name, String action, boolean success, Instant at) {
        database.transaction((connection, dialect) -> {
            for (int attempt = 0; attempt < 2; attempt++) {
                try (PreparedStatement update = connection.prepareStatement("UPDATE " + fixes + " SET successes = successes"
                        + " + ?, failures = failures + ?, last_used_at = ?, last_success_at = COALESCE(?, last_success_at)"
                        + " WHERE name = ?")) {
                    update.setInt(1, success ? 1 : 0);
                    update.setInt(2, success ? 0 : 1);
                    Sql.setInstant(update, 3, at);
                    Sql.setInstant(update, 4, success ? at : null);
                    update.setString(5, name);
                    if (update.executeUpdate() == 1) {
                        return null;
                    }
                }
                insertFix(connection, dialect, name, action, null); // then count on it, whoever inserted it
            }
            throw new SQLException("known fix " + name + " could not be counted", "40001");
        });
    }

    @Override
    public List<KnownFixRecord> fixes() {
        return database.call((connection, dialect) -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT name, action_id, fingerprint, successes,"
                    + " failures, last_used_at, last_success_at FROM " + fixes + " ORDER BY name");
                    ResultSet rows = select.executeQuery()) {
                List<KnownFixRecord> found = new ArrayList<>();
                while (rows.next()) {
                    found.add(new KnownFixRecord(rows.getString("name"), rows.getString("action_id"),
                            rows.getString("fingerprint"), rows.getLong("successes"), rows.getLong("failures"),
                            Sql.instant(rows, "last_used_at"), Sql.instant(rows, "last_success_at")));
                }
                return List.copyOf(found);
            }
        });
    }

    /** Deletes up to {@code limit} events, then resolved incidents, older than {@code cutoff}. */
    int purge(Instant cutoff, int limit) {
        int deleted = database.purge("incident_event", "seq", "occurred_at", "", cutoff, limit);
        return deleted < limit ? deleted + database.purge("incident", "id", "resolved_at", "status = 'RESOLVED'", cutoff,
                limit - deleted) : deleted;
    }

    private boolean insertFix(Connection connection, Dialect dialect, String name, String action,
            @Nullable String fingerprint) throws SQLException {
        String sql = dialect.insertIgnoringDuplicate(fixes, "name, action_id, fingerprint, successes, failures", "?, ?, ?, 0, 0");
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, name);
            insert.setString(2, action);
            Sql.setNullableString(insert, 3, fingerprint);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            if (Dialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private @Nullable Incident select(Connection connection, String id, boolean forUpdate) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + incidents
                + " WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? incident(rows) : null;
            }
        }
    }

    private boolean insert(Connection connection, Dialect dialect, Incident incident) throws SQLException {
        String sql = dialect.insertIgnoringDuplicate(incidents, COLUMNS, Sql.marks(20));
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            bind(insert, incident);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            if (Dialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private void update(Connection connection, Incident incident) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + incidents + " SET id = ?, fingerprint = ?,"
                + " title = ?, error_type = ?, severity = ?, category = ?, status = ?, event_count = ?, first_seen = ?,"
                + " last_seen = ?, applications = ?, endpoints = ?, stack_sample = ?, acknowledged_by = ?,"
                + " acknowledged_at = ?, resolved_by = ?, resolved_at = ?, note = ?, regressions = ?,"
                + " suspect_deployment = ? WHERE id = ?")) {
            bind(update, incident);
            update.setString(21, incident.id());
            update.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, Incident incident) throws SQLException {
        statement.setString(1, incident.id());
        statement.setString(2, incident.fingerprint());
        statement.setString(3, incident.title());
        statement.setString(4, incident.type());
        statement.setString(5, incident.severity().name());
        statement.setString(6, incident.category());
        statement.setString(7, incident.status().name());
        statement.setLong(8, incident.count());
        Sql.setInstant(statement, 9, incident.firstSeen());
        Sql.setInstant(statement, 10, incident.lastSeen());
        statement.setString(11, StoreJson.write(List.copyOf(incident.applications())));
        statement.setString(12, StoreJson.write(List.copyOf(incident.endpoints())));
        statement.setString(13, incident.stackSample());
        Sql.setNullableString(statement, 14, incident.acknowledgedBy());
        Sql.setInstant(statement, 15, incident.acknowledgedAt());
        Sql.setNullableString(statement, 16, incident.resolvedBy());
        Sql.setInstant(statement, 17, incident.resolvedAt());
        Sql.setNullableString(statement, 18, incident.note());
        statement.setInt(19, incident.regressions());
        Sql.setNullableString(statement, 20, incident.suspectDeployment());
    }

    private static Incident incident(ResultSet rows) throws SQLException {
        return new Incident(rows.getString("id"), rows.getString("fingerprint"), rows.getString("title"),
                rows.getString("error_type"), IncidentSeverity.valueOf(rows.getString("severity")),
                rows.getString("category"), IncidentStatus.valueOf(rows.getString("status")), rows.getLong("event_count"),
                Sql.requiredInstant(rows, "first_seen"), Sql.requiredInstant(rows, "last_seen"),
                strings(rows.getString("applications")), strings(rows.getString("endpoints")),
                rows.getString("stack_sample"), rows.getString("acknowledged_by"), Sql.instant(rows, "acknowledged_at"),
                rows.getString("resolved_by"), Sql.instant(rows, "resolved_at"), rows.getString("note"),
                rows.getInt("regressions"), rows.getString("suspect_deployment"));
    }

    private static Set<String> strings(String json) {
        try {
            return new LinkedHashSet<>(Json.mapper().readValue(json, STRINGS));
        } catch (IOException e) {
            throw new UncheckedIOException("an incident row holds a list that is not JSON", e);
        }
    }

    private static ErrorEvent event(String json) {
        try {
            JsonNode node = Json.mapper().readTree(json);
            JsonNode error = node.path("error");
            Map<String, String> context = new LinkedHashMap<>();
            node.path("context").fields().forEachRemaining(entry -> context.put(entry.getKey(), entry.getValue().asText()));
            String severity = node.path("severity").isTextual() ? node.path("severity").asText() : null;
            return new ErrorEvent(error.path("message").asText(), error.path("type").asText(""),
                    error.path("stack").asText(""), context, severity == null ? null : IncidentSeverity.parse(severity),
                    node.path("source").isTextual() ? node.path("source").asText() : null,
                    node.path("fingerprint").isTextual() ? node.path("fingerprint").asText() : null,
                    Instant.parse(node.path("at").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException("an incident event row is not JSON", e);
        }
    }
}
