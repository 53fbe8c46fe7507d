package dev.vigil.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link NotificationOutbox} shares; the memory outbox and persistent ones extend
 * this suite.
 */
public abstract class NotificationOutboxContractTest {

    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NO_LEASE = T0;

    private NotificationOutbox outbox;

    /** A new, empty outbox. */
    protected abstract NotificationOutbox newOutbox();

    @BeforeEach
    void createOutbox() {
        outbox = newOutbox();
    }

    private static OutboxEntry entry(String sink, Instant due) {
        Notification notification = TestNotifications.firing(Severity.WARNING, T0);
        return OutboxEntry.pending(notification, sink, T0, due);
    }

    @Test
    void entryIsPendingUntilDueAndThenClaimed() {
        OutboxEntry entry = entry("email", T0.plusSeconds(300));
        assertThat(outbox.add(List.of(entry))).isTrue();

        assertThat(outbox.claimDue("email", T0.plusSeconds(299), 10, NO_LEASE)).isEmpty();
        List<OutboxEntry> claimed = outbox.claimDue("email", T0.plusSeconds(300), 10, T0.plusSeconds(400));

        assertThat(claimed).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(entry.id());
            assertThat(e.status()).isEqualTo(OutboxStatus.PENDING);
            assertThat(e.attempts()).isZero();
            assertThat(e.notification()).isEqualTo(entry.notification());
        });
    }

    @Test
    void claimedEntryIsNotClaimedAgainBeforeItsLeaseEnds() {
        outbox.add(List.of(entry("slack", T0)));
        outbox.claimDue("slack", T0, 10, T0.plusSeconds(40));

        assertThat(outbox.claimDue("slack", T0.plusSeconds(39), 10, T0.plusSeconds(80))).isEmpty();
        assertThat(outbox.nextDue("slack")).contains(T0.plusSeconds(40));
        assertThat(outbox.claimDue("slack", T0.plusSeconds(40), 10, T0.plusSeconds(80))).hasSize(1);
    }

    @Test
    void claimTakesOnlyThatSinkEarliestDueFirstUpToTheLimit() {
        OutboxEntry late = entry("slack", T0.plusSeconds(2));
        OutboxEntry early = entry("slack", T0.plusSeconds(1));
        OutboxEntry other = entry("email", T0);
        outbox.add(List.of(late, other));
        outbox.add(List.of(early));

        assertThat(outbox.claimDue("slack", T0.plusSeconds(5), 1, T0.plusSeconds(60)))
                .extracting(OutboxEntry::id).containsExactly(early.id());
        assertThat(outbox.claimDue("slack", T0.plusSeconds(5), 10, T0.plusSeconds(60)))
                .extracting(OutboxEntry::id).containsExactly(late.id());
    }

    @Test
    void addingTheSameEntryTwiceStoresItOnce() {
        OutboxEntry entry = entry("log", T0);
        outbox.add(List.of(entry));
        outbox.add(List.of(entry));

        assertThat(outbox.recent(10)).hasSize(1);
    }

    @Test
    void sentEntryIsFinishedAndNeverClaimedAgain() {
        OutboxEntry entry = entry("log", T0);
        outbox.add(List.of(entry));
        outbox.claimDue("log", T0, 10, T0.plusSeconds(40));

        outbox.markSent(List.of(entry.id()), T0.plusSeconds(1));

        assertThat(outbox.claimDue("log", T0.plusSeconds(100), 10, T0.plusSeconds(140))).isEmpty();
        assertThat(outbox.nextDue("log")).isEmpty();
        assertThat(outbox.recent(10)).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(OutboxStatus.SENT);
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.lastAttemptAt()).isEqualTo(T0.plusSeconds(1));
            assertThat(e.finishedAt()).isEqualTo(T0.plusSeconds(1));
        });
    }

    @Test
    void retryingEntryIsDueAgainAtItsNextAttempt() {
        OutboxEntry entry = entry("slack", T0);
        outbox.add(List.of(entry));
        outbox.claimDue("slack", T0, 10, T0.plusSeconds(40));

        outbox.markRetry(entry.id(), 1, T0.plusSeconds(2), "webhook returned HTTP 500", T0);

        assertThat(outbox.nextDue("slack")).contains(T0.plusSeconds(2));
        assertThat(outbox.claimDue("slack", T0.plusSeconds(1), 10, T0.plusSeconds(40))).isEmpty();
        assertThat(outbox.claimDue("slack", T0.plusSeconds(2), 10, T0.plusSeconds(42))).singleElement()
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(OutboxStatus.RETRYING);
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e.lastError()).isEqualTo("webhook returned HTTP 500");
                    assertThat(e.lastAttemptAt()).isEqualTo(T0);
                });
    }

    @Test
    void deadLetteredEntryIsFinishedWithItsError() {
        OutboxEntry entry = entry("slack", T0);
        outbox.add(List.of(entry));

        outbox.markDeadLettered(entry.id(), 3, "webhook returned HTTP 400", T0.plusSeconds(5));

        assertThat(outbox.claimDue("slack", T0.plusSeconds(100), 10, T0.plusSeconds(140))).isEmpty();
        assertThat(outbox.recent(1)).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(OutboxStatus.DEAD_LETTERED);
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.lastError()).isEqualTo("webhook returned HTTP 400");
            assertThat(e.finishedAt()).isEqualTo(T0.plusSeconds(5));
        });
    }

    @Test
    void recentIsNewestFirstAndCountsArePerSinkAndStatus() {
        Notification first = TestNotifications.firing(Severity.CRITICAL, T0);
        Notification second = TestNotifications.firing(Severity.CRITICAL, T0.plusSeconds(1));
        outbox.add(List.of(OutboxEntry.pending(first, "slack", T0, T0), OutboxEntry.pending(first, "log", T0, T0)));
        outbox.add(List.of(OutboxEntry.pending(second, "slack", T0.plusSeconds(1), T0.plusSeconds(1))));
        outbox.markSent(List.of(OutboxEntry.idOf(first, "log")), T0.plusSeconds(2));
        outbox.markRetry(OutboxEntry.idOf(first, "slack"), 1, T0.plusSeconds(3), "boom", T0.plusSeconds(2));

        assertThat(outbox.recent(2)).first().extracting(OutboxEntry::id).isEqualTo(OutboxEntry.idOf(second, "slack"));
        assertThat(outbox.recent(10)).hasSize(3);
        assertThat(outbox.counts()).isEqualTo(Map.of(
                "slack", Map.of(OutboxStatus.PENDING, 1L, OutboxStatus.RETRYING, 1L),
                "log", Map.of(OutboxStatus.SENT, 1L)));
    }

    @Test
    void entryJsonNamesSinkStatusAndAlert() {
        OutboxEntry entry = entry("email", T0.plus(Duration.ofMinutes(5)));
        outbox.add(List.of(entry));

        Map<String, Object> json = outbox.recent(1).get(0).toJson();

        assertThat(json).containsEntry("sink", "email")
                .containsEntry("status", "pending")
                .containsEntry("attempts", 0)
                .containsEntry("lastError", null)
                .containsEntry("nextAttemptAt", T0.plus(Duration.ofMinutes(5)))
                .containsEntry("notificationId", entry.notification().id())
                .containsEntry("rule", "warning-rule")
                .containsEntry("severity", "warning")
                .containsEntry("kind", "firing");
    }
}
