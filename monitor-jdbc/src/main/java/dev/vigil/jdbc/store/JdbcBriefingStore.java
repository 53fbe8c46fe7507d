package dev.vigil.jdbc.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import dev.vigil.briefing.BriefingStore;
import dev.vigil.briefing.StoredBriefing;

/** Daily briefings in {@code <prefix>briefing}, keyed on the date: the first instance to insert a date wins. */
final class JdbcBriefingStore implements BriefingStore {

    private static final String COLUMNS = "briefing_date, generated_at, instance_id, body_json, body_text";

    private final StoreDatabase database;
    private final String table;

    JdbcBriefingStore(StoreDatabase database) {
        this.database = database;
        this.table = database.table("briefing");
    }

    @Override
    public boolean add(StoredBriefing briefing) {
        Objects.requireNonNull(briefing, "briefing");
        return database.call((connection, dialect) -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    dialect.insertIgnoringDuplicate(table, COLUMNS, Sql.marks(5)))) {
                insert.setString(1, briefing.date().toString());
                Sql.setInstant(insert, 2, briefing.generatedAt());
                insert.setString(3, briefing.instance());
                insert.setString(4, briefing.json());
                insert.setString(5, briefing.text());
                return insert.executeUpdate() == 1;
            } catch (SQLException e) {
                if (Dialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<StoredBriefing> find(LocalDate date) {
        Objects.requireNonNull(date, "date");
        return database.call((connection, dialect) -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM " + table + " WHERE briefing_date = ?")) {
                select.setString(1, date.toString());
                return one(select);
            }
        });
    }

    @Override
    public Optional<StoredBriefing> latest() {
        return database.call((connection, dialect) -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM " + table + " ORDER BY briefing_date DESC " + dialect.limit())) {
                select.setInt(1, 1);
                return one(select);
            }
        });
    }

    int purge(Instant cutoff, int limit) {
        return database.purge("briefing", "briefing_date", "generated_at", "", cutoff, limit);
    }

    private static Optional<StoredBriefing> one(PreparedStatement select) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            return Optional.of(new StoredBriefing(LocalDate.parse(rows.getString("briefing_date")),
                    Sql.requiredInstant(rows, "generated_at"), rows.getString("instance_id"), rows.getString("body_json"),
                    rows.getString("body_text")));
        }
    }
}
