package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;
import dev.vigil.alert.delivery.OutboxEntry;
import dev.vigil.audit.AuditEntry;
import dev.vigil.audit.AuditLog;
import dev.vigil.audit.AuditQuery;
import dev.vigil.alert.delivery.NotificationOutbox;
import dev.vigil.health.CheckRunRecord;
import dev.vigil.health.CheckRunStore;
import dev.vigil.health.HealthCheckRun;
import dev.vigil.health.HealthStatus;
import dev.vigil.test.ForwardingMonitorStore;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BufferedMonitorStoreTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final MutableClock clock = MutableClock.atFixedStart();
    private final Outage outage = new Outage(clock);
    private BufferedMonitorStore buffered = new BufferedMonitorStore(outage, clock, 100);

    @AfterEach
    void close() {
        buffered.close();
    }

    private AuditEntry audit(String subject) {
        return new AuditEntry(AuditEntry.newId(), clock.instant(), AuditEntry.Type.ACTION, "alice", subject, Map.of(),
                "succeeded", null);
    }

    private CheckRunRecord run(String check) {
        return new CheckRunRecord("a", check, new HealthCheckRun(clock.instant(), HealthStatus.UP, Duration.ofMillis(3), "ok"));
    }

    @Test
    void writesReachTheStoreInTheOrderTheyWereMade() {
        buffered.start();
        buffered.audit().add(audit("first"));
        buffered.checkRuns().add(List.of(run("db")));
        buffered.audit().add(audit("second"));

        assertThat(buffered.flush(DEADLINE)).isTrue();
        assertThat(outage.audit().query(AuditQuery.latest(10))).extracting(AuditEntry::subject)
                .containsExactly("second", "first");
        assertThat(outage.checkRuns().recent("db", 10)).hasSize(1);
        assertThat(buffered.status()).satisfies(status -> {
            assertThat(status.available()).isTrue();
            assertThat(status.written()).isEqualTo(3);
            assertThat(status.buffered()).isZero();
        });
    }

    @Test
    void writesMadeWhileTheStoreIsAwayWaitAndAreWrittenWhenItReturns() {
        outage.down = true;
        buffered.start();
        buffered.audit().add(audit("during the outage"));
        buffered.checkRuns().add(List.of(run("db"), run("disk")));

        assertThat(buffered.flush(Duration.ofMillis(300))).isFalse();
        StoreStatus down = buffered.status();
        assertThat(down.available()).isFalse();
        assertThat(down.failingSince()).isEqualTo(clock.instant());
        assertThat(down.lastError()).contains("connection refused");
        assertThat(down.buffered()).isPositive();

        outage.down = false;
        assertThat(buffered.flush(DEADLINE)).isTrue();
        assertThat(outage.audit().query(AuditQuery.latest(10))).extracting(AuditEntry::subject)
                .containsExactly("during the outage");
        assertThat(outage.checkRuns().recent("db", 10)).hasSize(1);
        assertThat(outage.checkRuns().recent("disk", 10)).hasSize(1);
        assertThat(buffered.status().available()).isTrue();
    }

    @Test
    void outboxEntriesGoStraightToTheStoreAndIntoTheBufferOnlyWhenItFails() {
        buffered.start();
        Notification first = notification("n-1");
        assertThat(buffered.outbox().add(List.of(OutboxEntry.pending(first, "slack", clock.instant(), clock.instant()))))
                .isTrue();
        assertThat(outage.outbox().recent(10)).hasSize(1);

        outage.down = true;
        Notification second = notification("n-2");
        assertThat(buffered.outbox().add(List.of(OutboxEntry.pending(second, "slack", clock.instant(), clock.instant()))))
                .as("accepted into the buffer").isTrue();
        assertThat(buffered.status().available()).isFalse();
        outage.down = false;
        assertThat(buffered.flush(DEADLINE)).isTrue();
        assertThat(outage.outbox().recent(10)).extracting(entry -> entry.notification().id())
                .containsExactlyInAnyOrder("n-1", "n-2");
    }

    @Test
    void fullBufferRefusesAndCountsWhatItCannotHold() {
        buffered.close();
        buffered = new BufferedMonitorStore(outage, clock, 3);
        outage.down = true;
        buffered.start();
        for (int i = 0; i < 5; i++) {
            buffered.audit().add(audit("entry " + i));
        }
        boolean accepted = buffered.outbox().add(List.of(OutboxEntry.pending(notification("n-1"), "slack",
                clock.instant(), clock.instant())));

        assertThat(accepted).as("the dispatcher counts the notification as dropped").isFalse();
        StoreStatus status = buffered.status();
        assertThat(status.buffered() + status.overflowed().get("audit")).isEqualTo(5);
        assertThat(status.overflowed()).containsEntry("notifications", 1L);
        assertThat(status.toJson()).containsEntry("status", "down").containsKey("overflowed");

        outage.down = false;
        assertThat(buffered.flush(DEADLINE)).isTrue();
        assertThat(outage.audit().query(AuditQuery.latest(10))).hasSize(status.buffered());
    }

    private Notification notification(String id) {
        Alert alert = new Alert("a-1", "disk", "disk", Severity.WARNING, AlertState.FIRING, "disk at 91%", Map.of(), 91,
                clock.instant(), clock.instant(), null, false, null);
        return new Notification(id, Notification.Kind.FIRING, alert, "shop", clock.instant());
    }

    /** A memory store whose check runs, audit and outbox fail while {@code down}. */
    private static final class Outage extends ForwardingMonitorStore {
        private final MemoryMonitorStore memory;
        volatile boolean down;

        Outage(MutableClock clock) {
            this(new MemoryMonitorStore(clock));
        }

        private Outage(MemoryMonitorStore memory) {
            super(memory);
            this.memory = memory;
        }

        private void check() {
            if (down) {
                throw new IllegalStateException("connection refused");
            }
        }

        @Override
        public CheckRunStore checkRuns() {
            return new CheckRunStore() {
                @Override
                public void add(List<CheckRunRecord> runs) {
                    check();
                    memory.checkRuns().add(runs);
                }

                @Override
                public List<CheckRunRecord> recent(String check, int limit) {
                    return memory.checkRuns().recent(check, limit);
                }
            };
        }


        @Override
        public NotificationOutbox outbox() {
            NotificationOutbox outbox = memory.outbox();
            return new NotificationOutbox() {
                @Override
                public boolean add(List<OutboxEntry> entries) {
                    check();
                    return outbox.add(entries);
                }

                @Override
                public List<OutboxEntry> claimDue(String sink, Instant now, int limit, Instant leaseUntil) {
                    return outbox.claimDue(sink, now, limit, leaseUntil);
                }

                @Override
                public void markSent(java.util.Collection<String> ids, Instant at) {
                    outbox.markSent(ids, at);
                }

                @Override
                public void markRetry(String id, int attempts, Instant nextAttemptAt, String lastError, Instant at) {
                    outbox.markRetry(id, attempts, nextAttemptAt, lastError, at);
                }

                @Override
                public void markDeadLettered(String id, int attempts, String lastError, Instant at) {
                    outbox.markDeadLettered(id, attempts, lastError, at);
                }

                @Override
                public java.util.Optional<Instant> nextDue(String sink) {
                    return outbox.nextDue(sink);
                }

                @Override
                public List<OutboxEntry> recent(int limit) {
                    return outbox.recent(limit);
                }

                @Override
                public Map<String, Map<dev.vigil.alert.delivery.OutboxStatus, Long>> counts() {
                    return outbox.counts();
                }
            };
        }

        @Override
        public AuditLog audit() {
            return new AuditLog() {
                @Override
                public void add(AuditEntry entry) {
                    check();
                    memory.audit().add(entry);
                }

                @Override
                public List<AuditEntry> query(AuditQuery query) {
                    return memory.audit().query(query);
                }
            };
        }




        @Override
        public boolean shared() {
            return true;
        }
    }
}
