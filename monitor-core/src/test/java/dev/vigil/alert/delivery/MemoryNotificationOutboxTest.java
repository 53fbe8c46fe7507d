package dev.vigil.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;
import org.junit.jupiter.api.Test;

/** What only the memory outbox does: its size bounds. The shared behaviour is in monitor-test-support's contract. */
class MemoryNotificationOutboxTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static OutboxEntry entry(String sink) {
        Notification notification = TestNotifications.firing(Severity.CRITICAL, T0);
        return OutboxEntry.pending(notification, sink, T0, T0);
    }

    @Test
    void keepsOnlyTheNewestFinishedEntries() {
        MemoryNotificationOutbox outbox = new MemoryNotificationOutbox(2, 100);
        for (int i = 0; i < 5; i++) {
            OutboxEntry entry = entry("log");
            outbox.add(List.of(entry));
            outbox.markSent(List.of(entry.id()), T0.plusSeconds(i));
        }
        OutboxEntry waiting = entry("slack");
        outbox.add(List.of(waiting));

        assertThat(outbox.recent(100)).hasSize(3);
        assertThat(outbox.recent(100)).extracting(OutboxEntry::status)
                .containsExactlyInAnyOrder(OutboxStatus.SENT, OutboxStatus.SENT, OutboxStatus.PENDING);
    }

    @Test
    void neverEvictsUnfinishedEntriesAndRefusesNewOnesWhenFull() {
        MemoryNotificationOutbox outbox = new MemoryNotificationOutbox(0, 3);
        assertThat(outbox.add(List.of(entry("slack"), entry("slack")))).isTrue();
        assertThat(outbox.add(List.of(entry("slack")))).isTrue();

        assertThat(outbox.add(List.of(entry("slack"), entry("log")))).isFalse();
        assertThat(outbox.add(List.of(entry("slack")))).isFalse();

        assertThat(outbox.droppedCount()).isEqualTo(3);
        assertThat(outbox.recent(100)).hasSize(3).allMatch(e -> e.status() == OutboxStatus.PENDING);
    }

    @Test
    void acceptsAgainOnceEntriesAreDelivered() {
        MemoryNotificationOutbox outbox = new MemoryNotificationOutbox(10, 1);
        OutboxEntry first = entry("slack");
        outbox.add(List.of(first));
        assertThat(outbox.add(List.of(entry("slack")))).isFalse();

        outbox.markSent(List.of(first.id()), T0);

        assertThat(outbox.add(List.of(entry("slack")))).isTrue();
    }
}
