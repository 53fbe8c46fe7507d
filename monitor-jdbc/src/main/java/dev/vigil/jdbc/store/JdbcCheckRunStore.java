package dev.vigil.jdbc.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import dev.vigil.health.CheckRunRecord;
import dev.vigil.health.CheckRunStore;
import dev.vigil.health.HealthCheckRun;
import dev.vigil.health.HealthStatus;

/** Check runs in {@code <prefix>check_run}, one row per run, written in JDBC batches. */
final class JdbcCheckRunStore implements CheckRunStore {

    private static final int BATCH = 500;

    private final StoreDatabase database;
    private final String table;

    JdbcCheckRunStore(StoreDatabase database) {
        this.database = database;
        this.table = database.table("check_run");
    }

    @Override
    public void add(List<CheckRunRecord> runs) {
        if (runs.isEmpty()) {
            return;
        }
        List<CheckRunRecord> copy = List.copyOf(runs);
        database.transaction((connection, dialect) -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                    + " (instance, check_name, checked_at, status, duration_nanos, message) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (List<CheckRunRecord> chunk : Sql.chunks(copy, BATCH)) {
                    for (CheckRunRecord record : chunk) {
                        HealthCheckRun run = record.run();
                        insert.setString(1, record.instance());
                        insert.setString(2, record.check());
                        Sql.setInstant(insert, 3, run.checkedAt());
                        insert.setString(4, run.status().name());
                        insert.setLong(5, nanos(run.duration()));
                        insert.setString(6, run.message());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            return null;
        });
    }

    @Override
    public List<CheckRunRecord> recent(String check, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return database.call((connection, dialect) -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT instance, check_name, checked_at, status,"
                    + " duration_nanos, message FROM " + table + " WHERE check_name = ? ORDER BY checked_at DESC, seq DESC "
                    + dialect.limit())) {
                select.setString(1, check);
                select.setInt(2, limit);
                List<CheckRunRecord> result = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Instant at = Sql.requiredInstant(rows, "checked_at");
                        HealthCheckRun run = new HealthCheckRun(at, HealthStatus.valueOf(rows.getString("status")),
                                Duration.ofNanos(rows.getLong("duration_nanos")), rows.getString("message"));
                        result.add(new CheckRunRecord(rows.getString("instance"), rows.getString("check_name"), run));
                    }
                }
                return List.copyOf(result);
            }
        });
    }

    int purge(Instant cutoff, int limit) {
        return database.purge("check_run", "seq", "checked_at", "", cutoff, limit);
    }

    private static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE; // a run longer than 292 years
        }
    }
}
