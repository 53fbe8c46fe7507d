package dev.vigil.jdbc.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import dev.vigil.alert.Severity;
import dev.vigil.security.event.SecurityEvent;
import dev.vigil.security.event.SecurityEventQuery;
import dev.vigil.security.event.SecurityEventStore;
import dev.vigil.security.event.SecurityEventType;

/**
 * Security events in {@code <prefix>security_event}, written in batches as idempotent upserts by id, so a batch
 * retried after a failure is not doubled.
 */
final class JdbcSecurityEventStore implements SecurityEventStore {

    private static final String COLUMNS =
            "id, at, event_type, severity, source_ip, user_name, route, description, instance_id, event_count";

    private final StoreDatabase database;
    private final String table;

    JdbcSecurityEventStore(StoreDatabase database) {
        this.database = database;
        this.table = database.table("security_event");
    }

    @Override
    public void add(List<SecurityEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<SecurityEvent> copy = List.copyOf(events);
        database.call((connection, dialect) -> {
            try (PreparedStatement upsert = connection.prepareStatement(dialect.upsert(table, "id", COLUMNS))) {
                for (SecurityEvent event : copy) {
                    upsert.setString(1, event.id());
                    Sql.setInstant(upsert, 2, event.time());
                    upsert.setString(3, event.type().name());
                    upsert.setString(4, event.severity().name());
                    Sql.setNullableString(upsert, 5, event.sourceIp());
                    Sql.setNullableString(upsert, 6, event.user());
                    Sql.setNullableString(upsert, 7, event.route());
                    upsert.setString(8, event.description());
                    upsert.setString(9, event.instance());
                    upsert.setLong(10, event.count());
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<SecurityEvent> query(SecurityEventQuery query) {
        Objects.requireNonNull(query, "query");
        Sql.Where where = new Sql.Where().equal("event_type", query.type()).equal("severity", query.severity())
                .equal("source_ip", query.ip()).equal("user_name", query.user()).atLeast("at", query.since());
        String sql = "SELECT " + COLUMNS + " FROM " + table + where;
        return database.call((connection, dialect) -> {
            try (PreparedStatement select = connection.prepareStatement(sql + " ORDER BY at DESC, seq DESC " + dialect.limit())) {
                int index = where.bind(select);
                select.setInt(index, query.limit());
                List<SecurityEvent> result = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        result.add(new SecurityEvent(rows.getString("id"), Sql.requiredInstant(rows, "at"),
                                SecurityEventType.valueOf(rows.getString("event_type")),
                                Severity.valueOf(rows.getString("severity")), rows.getString("source_ip"),
                                rows.getString("user_name"), rows.getString("route"), rows.getString("description"),
                                rows.getString("instance_id"), rows.getLong("event_count")));
                    }
                }
                return List.copyOf(result);
            }
        });
    }

    int purge(Instant cutoff, int limit) {
        return database.purge("security_event", "seq", "at", "", cutoff, limit);
    }
}
