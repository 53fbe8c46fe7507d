package dev.vigil.jdbc.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import dev.vigil.deploy.Deployment;
import dev.vigil.deploy.DeploymentSource;
import dev.vigil.deploy.DeploymentStore;
import org.jspecify.annotations.Nullable;

/**
 * Deployments in {@code <prefix>deployment}, their instances in {@code <prefix>deployment_instance}. Recording is
 * a few idempotent statements, so instances that start together need no lock: the first insert of the id wins, a
 * later one with an earlier time moves the time back, a missing description is filled, and each instance is a row
 * of its own.
 */
final class JdbcDeploymentStore implements DeploymentStore {

    private static final String COLUMNS = "id, version, commit_id, deployed_at, environment, description, source";
    private static final int MAX_BETWEEN = 1_000;

    private final StoreDatabase database;
    private final String table;
    private final String instances;

    JdbcDeploymentStore(StoreDatabase database) {
        this.database = database;
        this.table = database.table("deployment");
        this.instances = database.table("deployment_instance");
    }

    @Override
    public Deployment record(Deployment deployment) {
        Objects.requireNonNull(deployment, "deployment");
        return database.call((connection, dialect) -> {
            ignoringDuplicate(connection, dialect.insertIgnoringDuplicate(table, COLUMNS, Sql.marks(7)), insert -> {
                insert.setString(1, deployment.id());
                insert.setString(2, deployment.version());
                Sql.setNullableString(insert, 3, deployment.commit());
                Sql.setInstant(insert, 4, deployment.time());
                Sql.setNullableString(insert, 5, deployment.environment());
                Sql.setNullableString(insert, 6, deployment.description());
                insert.setString(7, deployment.source().name());
            });
            try (PreparedStatement earlier = connection.prepareStatement(
                    "UPDATE " + table + " SET deployed_at = ? WHERE id = ? AND deployed_at > ?")) {
                Sql.setInstant(earlier, 1, deployment.time());
                earlier.setString(2, deployment.id());
                Sql.setInstant(earlier, 3, deployment.time());
                earlier.executeUpdate();
            }
            if (deployment.description() != null) {
                try (PreparedStatement describe = connection.prepareStatement(
                        "UPDATE " + table + " SET description = ? WHERE id = ? AND description IS NULL")) {
                    describe.setString(1, deployment.description());
                    describe.setString(2, deployment.id());
                    describe.executeUpdate();
                }
            }
            for (String instance : deployment.instances()) {
                ignoringDuplicate(connection, dialect.insertIgnoringDuplicate(instances,
                        "deployment_id, instance_id, seen_at", Sql.marks(3)), insert -> {
                            insert.setString(1, deployment.id());
                            insert.setString(2, instance);
                            Sql.setInstant(insert, 3, deployment.time());
                        });
            }
            List<Deployment> stored = read(connection, dialect, " WHERE id = ?", List.of(deployment.id()), "", 1);
            if (stored.isEmpty()) {
                throw new SQLException("deployment " + deployment.id() + " was removed while it was recorded");
            }
            return stored.get(0);
        });
    }

    @Override
    public List<Deployment> recent(@Nullable Instant since, int limit) {
        if (limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("limit must be 1..1000, was " + limit);
        }
        return database.call((connection, dialect) -> since == null
                ? read(connection, dialect, "", List.of(), " ORDER BY deployed_at DESC, id DESC", limit)
                : read(connection, dialect, " WHERE deployed_at >= ?", List.of(since), " ORDER BY deployed_at DESC, id DESC",
                        limit));
    }

    @Override
    public List<Deployment> between(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return database.call((connection, dialect) -> read(connection, dialect, " WHERE deployed_at >= ? AND deployed_at < ?",
                List.of(from, to), " ORDER BY deployed_at, id", MAX_BETWEEN));
    }

    @Override
    public Optional<Deployment> latestBefore(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return database.call((connection, dialect) -> read(connection, dialect, " WHERE deployed_at <= ?", List.of(instant),
                " ORDER BY deployed_at DESC, id DESC", 1)).stream().findFirst();
    }

    private List<Deployment> read(Connection connection, Dialect dialect, String where, List<Object> parameters,
            String order, int limit) throws SQLException {
        Map<String, Deployment> found = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM " + table + where + order + " " + dialect.limit())) {
            int index = 1;
            for (Object parameter : parameters) {
                if (parameter instanceof Instant instant) {
                    Sql.setInstant(select, index++, instant);
                } else {
                    select.setString(index++, (String) parameter);
                }
            }
            select.setInt(index, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString("id"), new Deployment(rows.getString("id"), rows.getString("version"),
                            rows.getString("commit_id"), Sql.requiredInstant(rows, "deployed_at"), List.of(),
                            rows.getString("environment"), rows.getString("description"),
                            DeploymentSource.valueOf(rows.getString("source"))));
                }
            }
        }
        if (found.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> instancesById = new LinkedHashMap<>();
        for (List<String> chunk : Sql.chunks(new ArrayList<>(found.keySet()), 500)) {
            try (PreparedStatement select = connection.prepareStatement("SELECT deployment_id, instance_id FROM " + instances
                    + " WHERE deployment_id IN (" + Sql.marks(chunk.size()) + ") ORDER BY seen_at, instance_id")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        instancesById.computeIfAbsent(rows.getString(1), id -> new ArrayList<>()).add(rows.getString(2));
                    }
                }
            }
        }
        List<Deployment> result = new ArrayList<>(found.size());
        for (Deployment deployment : found.values()) {
            List<String> listed = instancesById.getOrDefault(deployment.id(), List.of());
            result.add(new Deployment(deployment.id(), deployment.version(), deployment.commit(), deployment.time(), listed,
                    deployment.environment(), deployment.description(), deployment.source()));
        }
        return List.copyOf(result);
    }

    /**
     * Deletes up to {@code limit} of the oldest deployments before {@code cutoff}, their instance rows first;
     * returns how many deployments went.
     */
    int purge(Instant cutoff, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        database.call((connection, dialect) -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + instances
                    + " WHERE deployment_id IN (SELECT id FROM " + table + " WHERE deployed_at < ? ORDER BY deployed_at "
                    + dialect.limit() + ")")) {
                Sql.setInstant(delete, 1, cutoff);
                delete.setInt(2, limit);
                return delete.executeUpdate();
            }
        });
        return database.purge("deployment", "id", "deployed_at", "", cutoff, limit);
    }

    private static void ignoringDuplicate(Connection connection, String sql, Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            statement.executeUpdate();
        } catch (SQLException e) {
            if (!Dialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }
}
