package dev.vigil.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What only the memory log does: its capacity. The shared behaviour is in monitor-test-support's contract. */
class MemoryAuditLogTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static AuditEntry entry(String id, long secondsAfterT0, AuditEntry.Type type, String who, String subject) {
        return new AuditEntry(id, T0.plusSeconds(secondsAfterT0), type, who, subject, Map.of("n", secondsAfterT0),
                "succeeded", null);
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
