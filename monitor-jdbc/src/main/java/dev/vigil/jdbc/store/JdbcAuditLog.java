package dev.vigil.jdbc.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import dev.vigil.audit.AuditEntry;
import dev.vigil.audit.AuditLog;
import dev.vigil.audit.AuditQuery;

/**
 * The audit trail in {@code <prefix>audit}; details as JSON, so they come back as JSON reads them (whole numbers
 * as {@code Integer} or {@code Long}, decimals as {@code Double}, times as ISO text). Adding an id already stored
 * does nothing, so a write retried after a failure is not doubled.
 */
final class JdbcAuditLog implements AuditLog {

    private static final String COLUMNS = "id, at, entry_type, who, subject, outcome, error, details";

    private final StoreDatabase database;
    private final String table;

    JdbcAuditLog(StoreDatabase database) {
        this.database = database;
        this.table = database.table("audit");
    }

    @Override
    public void add(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        String details = StoreJson.write(entry.details());
        database.call((connection, dialect) -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    dialect.insertIgnoringDuplicate(table, COLUMNS, Sql.marks(8)))) {
                insert.setString(1, entry.id());
                Sql.setInstant(insert, 2, entry.time());
                insert.setString(3, entry.type().name());
                insert.setString(4, entry.who());
                insert.setString(5, entry.subject());
                insert.setString(6, entry.outcome());
                Sql.setNullableString(insert, 7, entry.error());
                insert.setString(8, details);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (!Dialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            }
            return null;
        });
    }

    @Override
    public List<AuditEntry> query(AuditQuery query) {
        Sql.Where where = new Sql.Where().equal("entry_type", query.type()).equal("who", query.who())
                .equal("subject", query.subject()).atLeast("at", query.since());
        String sql = "SELECT " + COLUMNS + " FROM " + table + where;
        return database.call((connection, dialect) -> {
            try (PreparedStatement select = connection.prepareStatement(sql + " ORDER BY at DESC, seq DESC " + dialect.limit())) {
                int index = where.bind(select);
                select.setInt(index, query.limit());
                List<AuditEntry> result = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        result.add(new AuditEntry(rows.getString("id"), Sql.requiredInstant(rows, "at"),
                                AuditEntry.Type.valueOf(rows.getString("entry_type")), rows.getString("who"),
                                rows.getString("subject"), StoreJson.objects(rows.getString("details")),
                                rows.getString("outcome"), rows.getString("error")));
                    }
                }
                return List.copyOf(result);
            }
        });
    }

    int purge(Instant cutoff, int limit) {
        return database.purge("audit", "id", "at", "", cutoff, limit);
    }
}
