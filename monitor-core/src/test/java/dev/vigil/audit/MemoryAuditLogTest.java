package dev.vigil.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MemoryAuditLogTest extends AuditLogContractTest {

    @Override
    protected AuditLog newLog() {
        return new MemoryAuditLog();
    }

    @Test
    void forgetsTheOldestEntriesBeyondItsCapacity() {
        MemoryAuditLog log = new MemoryAuditLog(3);
        for (int i = 0; i < 5; i++) {
            log.add(entry("e" + i, i, AuditEntry.Type.ACTION, "alice", "clear_cache"));
        }

        assertThat(log.size()).isEqualTo(3);
        assertThat(log.query(AuditQuery.latest(10))).extracting(AuditEntry::id).containsExactly("e4", "e3", "e2");
    }

    @Test
    void refusesAnUnreasonableCapacityOrLimit() {
        assertThatThrownBy(() -> new MemoryAuditLog(0)).hasMessage("monitor.audit.capacity must be 1..10000000, was 0");
        assertThatThrownBy(() -> AuditQuery.latest(0)).hasMessage("limit must be 1..10000, was 0");
    }
}
