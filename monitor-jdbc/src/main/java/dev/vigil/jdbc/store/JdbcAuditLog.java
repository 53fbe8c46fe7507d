package dev.vigil.jdbc.store;

import java.util.List;
import dev.vigil.audit.AuditEntry;
import dev.vigil.audit.AuditLog;
import dev.vigil.audit.AuditQuery;

/** The AuditLog part of {@link JdbcMonitorStore}. */
final class JdbcAuditLog implements AuditLog {

    private final StoreDatabase database;

    JdbcAuditLog(StoreDatabase database) {
        this.database = database;
    }

    @Override
    public void add(AuditEntry entry) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public List<AuditEntry> query(AuditQuery query) {
        throw new UnsupportedOperationException("not yet");
    }
}
