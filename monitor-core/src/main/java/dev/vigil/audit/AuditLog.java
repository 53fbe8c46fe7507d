package dev.vigil.audit;

import java.util.List;

/**
 * Where the audit trail is kept: triggered actions, read-only queries and configuration changes.
 * {@link MemoryAuditLog} is the embedded default; a JDBC implementation persists it.
 *
 * <p>Implementations must be thread-safe. {@link #add} is called after the audited operation, on the
 * thread that finished it; it should be quick and should not throw (callers log and carry on if it does).
 */
public interface AuditLog {

    /** Appends an entry. */
    void add(AuditEntry entry);

    /** The entries that match {@code query}, newest (by {@link AuditEntry#time()}) first, at most its limit. */
    List<AuditEntry> query(AuditQuery query);
}
