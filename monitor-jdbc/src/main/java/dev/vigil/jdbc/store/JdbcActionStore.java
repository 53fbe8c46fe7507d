package dev.vigil.jdbc.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import dev.vigil.action.ActionStore;
import dev.vigil.action.ApprovalRecord;
import dev.vigil.action.PendingApproval;

/**
 * Approval tokens in {@code <prefix>action_approval}, keyed by the SHA-256 hash of the token (the token itself is
 * never stored), and run start times in {@code <prefix>action_run}. Using a token is one conditional update, so
 * two instances never both accept it.
 */
final class JdbcActionStore implements ActionStore {

    private final StoreDatabase database;
    private final String approvals;
    private final String runs;

    JdbcActionStore(StoreDatabase database) {
        this.database = database;
        this.approvals = database.table("action_approval");
        this.runs = database.table("action_run");
    }

    @Override
    public void saveApproval(ApprovalRecord approval) {
        Objects.requireNonNull(approval, "approval");
        String params = StoreJson.write(approval.params());
        String requestedBy = StoreJson.caller(approval.requestedBy());
        database.call((connection, dialect) -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + approvals
                    + " (token_hash, action_id, params, requested_by, audit_id, expires_at, used_at, used_by) VALUES ("
                    + Sql.marks(8) + ")")) {
                insert.setString(1, JdbcAlertStore.hash(approval.token()));
                insert.setString(2, approval.actionId());
                insert.setString(3, params);
                insert.setString(4, requestedBy);
                insert.setString(5, approval.auditId());
                Sql.setInstant(insert, 6, approval.expiresAt());
                Sql.setInstant(insert, 7, approval.usedAt());
                Sql.setNullableString(insert, 8, approval.usedBy());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<ApprovalRecord> approval(String token) {
        Objects.requireNonNull(token, "token");
        return database.call((connection, dialect) -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT action_id, params, requested_by, audit_id,"
                    + " expires_at, used_at, used_by FROM " + approvals + " WHERE token_hash = ?")) {
                select.setString(1, JdbcAlertStore.hash(token));
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new ApprovalRecord(token, rows.getString("action_id"),
                            StoreJson.objects(rows.getString("params")), StoreJson.caller(rows.getString("requested_by")),
                            rows.getString("audit_id"), Sql.requiredInstant(rows, "expires_at"),
                            Sql.instant(rows, "used_at"), rows.getString("used_by")));
                }
            }
        });
    }

    @Override
    public boolean useApproval(String token, String by, Instant at) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(by, "by");
        return database.call((connection, dialect) -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + approvals
                    + " SET used_at = ?, used_by = ? WHERE token_hash = ? AND used_at IS NULL")) {
                Sql.setInstant(update, 1, at);
                update.setString(2, by);
                update.setString(3, JdbcAlertStore.hash(token));
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<PendingApproval> pendingApprovals(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        if (limit <= 0) {
            return List.of();
        }
        return database.call((connection, dialect) -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT action_id, params, requested_by, audit_id,"
                    + " expires_at FROM " + approvals + " WHERE used_at IS NULL AND expires_at > ?"
                    + " ORDER BY expires_at DESC, audit_id")) {
                Sql.setInstant(select, 1, now);
                select.setMaxRows(limit);
                List<PendingApproval> result = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next() && result.size() < limit) {
                        result.add(new PendingApproval(rows.getString("action_id"),
                                StoreJson.objects(rows.getString("params")), StoreJson.caller(rows.getString("requested_by")),
                                rows.getString("audit_id"), Sql.requiredInstant(rows, "expires_at")));
                    }
                }
                return List.copyOf(result);
            }
        });
    }

    @Override
    public void recordRun(String actionId, Instant startedAt) {
        Objects.requireNonNull(actionId, "actionId");
        database.call((connection, dialect) -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + runs + " (action_id, started_at) VALUES (?, ?)")) {
                insert.setString(1, actionId);
                Sql.setInstant(insert, 2, startedAt);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<Instant> runsSince(String actionId, Instant since) {
        return database.call((connection, dialect) -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT started_at FROM " + runs
                    + " WHERE action_id = ? AND started_at >= ? ORDER BY started_at")) {
                select.setString(1, actionId);
                Sql.setInstant(select, 2, since);
                List<Instant> result = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        result.add(Sql.requiredInstant(rows, "started_at"));
                    }
                }
                return List.copyOf(result);
            }
        });
    }

    /** Deletes up to {@code limit} runs started, and approvals expired, before {@code cutoff}. */
    int purge(Instant cutoff, int limit) {
        int deleted = database.purge("action_run", "seq", "started_at", "", cutoff, limit);
        return deleted < limit ? deleted + database.purge("action_approval", "token_hash", "expires_at", "", cutoff,
                limit - deleted) : deleted;
    }
}
