package dev.vigil.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link AuditLog} shares; the memory log and persistent ones extend this suite. */
public abstract class AuditLogContractTest {

    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private AuditLog log;

    /** A new, empty log. */
    protected abstract AuditLog newLog();

    @BeforeEach
    void createLog() {
        log = newLog();
    }

    protected static AuditEntry entry(String id, long secondsAfterT0, AuditEntry.Type type, String who, String subject) {
        return new AuditEntry(id, T0.plusSeconds(secondsAfterT0), type, who, subject, Map.of("n", secondsAfterT0),
                "succeeded", null);
    }

    @Test
    void returnsNewestFirstUpToTheLimit() {
        log.add(entry("a", 0, AuditEntry.Type.ACTION, "alice", "clear_cache"));
        log.add(entry("b", 10, AuditEntry.Type.QUERY, "bob", "run-query"));
        log.add(entry("c", 20, AuditEntry.Type.CONFIG, "alice", "actions.kill-switch"));

        assertThat(log.query(AuditQuery.latest(10))).extracting(AuditEntry::id).containsExactly("c", "b", "a");
        assertThat(log.query(AuditQuery.latest(2))).extracting(AuditEntry::id).containsExactly("c", "b");
    }

    @Test
    void keepsEveryFieldOfAnEntry() {
        AuditEntry entry = new AuditEntry("x", T0, AuditEntry.Type.ACTION, "alice", "restart_server",
                Map.of("params", Map.of("force", true), "durationMs", 12L), "failed", "timed out after 30s");
        log.add(entry);

        assertThat(log.query(AuditQuery.latest(1))).singleElement().satisfies(read -> {
            assertThat(read.id()).isEqualTo("x");
            assertThat(read.time()).isEqualTo(T0);
            assertThat(read.type()).isEqualTo(AuditEntry.Type.ACTION);
            assertThat(read.who()).isEqualTo("alice");
            assertThat(read.subject()).isEqualTo("restart_server");
            assertThat(read.outcome()).isEqualTo("failed");
            assertThat(read.error()).isEqualTo("timed out after 30s");
            assertThat(read.details()).containsKeys("params", "durationMs");
        });
    }

    @Test
    void filtersByTypeWhoSubjectAndSince() {
        log.add(entry("a", 0, AuditEntry.Type.ACTION, "alice", "clear_cache"));
        log.add(entry("b", 10, AuditEntry.Type.ACTION, "bob", "start_curation"));
        log.add(entry("c", 20, AuditEntry.Type.CONFIG, "alice", "actions.kill-switch"));
        log.add(entry("d", 30, AuditEntry.Type.ACTION, "alice", "clear_cache"));

        assertThat(log.query(AuditQuery.latest(10).ofType(AuditEntry.Type.ACTION))).extracting(AuditEntry::id)
                .containsExactly("d", "b", "a");
        assertThat(log.query(AuditQuery.latest(10).by("alice"))).extracting(AuditEntry::id).containsExactly("d", "c", "a");
        assertThat(log.query(AuditQuery.latest(10).about("clear_cache"))).extracting(AuditEntry::id).containsExactly("d", "a");
        assertThat(log.query(AuditQuery.latest(10).after(T0.plusSeconds(10)))).extracting(AuditEntry::id)
                .containsExactly("d", "c", "b");
        assertThat(log.query(AuditQuery.latest(1).ofType(AuditEntry.Type.ACTION).by("alice").after(T0)))
                .extracting(AuditEntry::id).containsExactly("d");
    }

    @Test
    void ordersByTimeEvenWhenEntriesArriveLate() {
        log.add(entry("started-first-finished-last", 0, AuditEntry.Type.ACTION, "alice", "slow"));
        log.add(entry("later", 5, AuditEntry.Type.ACTION, "bob", "fast"));
        log.add(entry("earlier", 1, AuditEntry.Type.ACTION, "carol", "slow"));

        assertThat(log.query(AuditQuery.latest(10))).extracting(AuditEntry::id)
                .containsExactly("later", "earlier", "started-first-finished-last");
    }
}
