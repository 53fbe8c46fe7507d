package dev.vigil.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import dev.vigil.alert.AlertSink;
import dev.vigil.alert.DeliveryException;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;
import dev.vigil.internal.DaemonThreadFactory;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertDispatcherTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final Instant t0 = clock.instant();
    private final MemoryNotificationOutbox outbox = new MemoryNotificationOutbox();
    private final RecordingSink slack = new RecordingSink();
    private final RecordingSink email = new RecordingSink();
    private final RecordingSink log = new RecordingSink();
    private final List<AlertDispatcher> dispatchers = new ArrayList<>();

    @AfterEach
    void closeDispatchers() {
        dispatchers.forEach(AlertDispatcher::close);
    }

    private AlertDispatcher dispatcher(DeliverySettings settings) {
        return dispatcher(settings, outbox);
    }

    private AlertDispatcher dispatcher(DeliverySettings settings, NotificationOutbox store) {
        Map<String, AlertSink> sinks = new LinkedHashMap<>();
        sinks.put("slack", slack);
        sinks.put("email", email);
        sinks.put("log", log);
        // random 0.5 puts the jitter at zero, so the schedule is exact
        AlertDispatcher dispatcher = new AlertDispatcher(clock, store, sinks, AlertRouter.defaults(sinks.keySet()),
                settings, new DaemonThreadFactory("test-alert"), () -> 0.5);
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    private AlertDispatcher dispatcher() {
        return dispatcher(DeliverySettings.ofDefaults());
    }

    private OutboxEntry entry(Notification notification, String sink) {
        String id = OutboxEntry.idOf(notification, sink);
        return outbox.recent(10_000).stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void notificationIsStoredForEverySinkBeforeAnyAttempt() {
        AlertDispatcher dispatcher = dispatcher();
        Notification critical = TestNotifications.firing(Severity.CRITICAL, t0);

        assertThat(dispatcher.submit(critical)).isTrue();

        assertThat(outbox.recent(10)).extracting(OutboxEntry::sink).containsExactlyInAnyOrder("slack", "email", "log");
        assertThat(outbox.recent(10)).allMatch(e -> e.status() == OutboxStatus.PENDING && e.attempts() == 0);
        assertThat(slack.calls()).isZero();
    }

    @Test
    void sinkThatThrowsLeavesItsEntryRetryingWhileOtherSinksDeliver() {
        AlertDispatcher dispatcher = dispatcher();
        slack.failWith(new IOException("connection reset"));
        Notification critical = TestNotifications.firing(Severity.CRITICAL, t0);
        dispatcher.submit(critical);

        assertThat(dispatcher.deliverDue()).isEqualTo(2);

        assertThat(entry(critical, "slack")).satisfies(e -> {
            assertThat(e.status()).isEqualTo(OutboxStatus.RETRYING);
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.lastError()).isEqualTo("IOException: connection reset");
            assertThat(e.nextAttemptAt()).isEqualTo(t0.plusSeconds(1));
        });
        assertThat(email.delivered()).containsExactly(critical);
        assertThat(log.delivered()).containsExactly(critical);
    }

    @Test
    void failedSendIsRetriedWithExponentialBackoff() {
        AlertDispatcher dispatcher = dispatcher();
        slack.failWith(new IOException("1"), new IOException("2"), new IOException("3"));
        Notification critical = TestNotifications.firing(Severity.CRITICAL, t0);
        dispatcher.submit(critical);
        dispatcher.deliverDue();

        for (long waitMillis : new long[] {1000, 2000, 4000}) {
            Instant failedAt = clock.instant();
            assertThat(entry(critical, "slack").nextAttemptAt()).isEqualTo(failedAt.plusMillis(waitMillis));
            clock.advance(Duration.ofMillis(waitMillis - 1));
            int calls = slack.calls();
            dispatcher.deliverDue();
            assertThat(slack.calls()).as("not retried before the backoff").isEqualTo(calls);
            clock.advance(Duration.ofMillis(1));
            dispatcher.deliverDue();
            assertThat(slack.calls()).isEqualTo(calls + 1);
        }

        assertThat(slack.delivered()).containsExactly(critical);
        assertThat(entry(critical, "slack").status()).isEqualTo(OutboxStatus.SENT);
        assertThat(entry(critical, "slack").attempts()).isEqualTo(4);
    }

    @Test
    void retryIsScheduledWithinTheJitterBounds() {
        Map<String, AlertSink> sinks = Map.of("slack", batch -> {
            throw new IOException("down");
        });
        AlertDispatcher dispatcher = new AlertDispatcher(clock, outbox, sinks, AlertRouter.defaults(sinks.keySet()),
                DeliverySettings.ofDefaults());
        dispatchers.add(dispatcher);

        for (int i = 0; i < 20; i++) {
            Notification critical = TestNotifications.firing(Severity.CRITICAL, t0);
            dispatcher.submit(critical);
            dispatcher.deliverDue();
            assertThat(entry(critical, "slack").nextAttemptAt())
                    .isBetween(t0.plusMillis(800), t0.plusMillis(1200));
        }
    }

    @Test
    void retryAfterFromTheReceiverIsHonoured() {
        AlertDispatcher dispatcher = dispatcher();
        slack.failWith(DeliveryException.transientFailure("slack returned HTTP 429", Duration.ofSeconds(30)));
        Notification critical = TestNotifications.firing(Severity.CRITICAL, t0);
        dispatcher.submit(critical);
        dispatcher.deliverDue();

        assertThat(entry(critical, "slack").nextAttemptAt()).isEqualTo(t0.plusSeconds(30));
        clock.advance(Duration.ofSeconds(29));
        dispatcher.deliverDue();
        assertThat(slack.calls()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        dispatcher.deliverDue();
        assertThat(slack.delivered()).containsExactly(critical);
    }

    @Test
    void retryAfterHoldsTheWholeSinkSoNewerNotificationsDoNotOvertake() {
        AlertDispatcher dispatcher = dispatcher();
        slack.failWith(DeliveryException.transientFailure("slack returned HTTP 429", Duration.ofSeconds(30)));
        Notification first = TestNotifications.firing(Severity.CRITICAL, t0);
        dispatcher.submit(first);
        dispatcher.deliverDue();

        clock.advance(Duration.ofSeconds(5));
        Notification second = TestNotifications.firing(Severity.CRITICAL, clock.instant());
        dispatcher.submit(second);
        dispatcher.deliverDue();
        assertThat(slack.calls()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(25));
        dispatcher.deliverDue();
        assertThat(slack.delivered()).containsExactly(first, second);
    }

    @Test
    void permanentFailureIsDeadLetteredAndNotRetried() {
        AlertDispatcher dispatcher = dispatcher();
        slack.failWith(DeliveryException.permanent("channel_not_found"));
        Notification critical = TestNotifications.firing(Severity.CRITICAL, t0);
        dispatcher.submit(critical);
        dispatcher.deliverDue();

        clock.advance(Duration.ofHours(1));
        dispatcher.deliverDue();

        assertThat(slack.calls()).isEqualTo(1);
        assertThat(entry(critical, "slack")).satisfies(e -> {
            assertThat(e.status()).isEqualTo(OutboxStatus.DEAD_LETTERED);
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.lastError()).isEqualTo("channel_not_found");
        });
        assertThat(dispatcher.sinkStatus().get("slack")).satisfies(s -> {
            assertThat(s.healthy()).isFalse();
            assertThat(s.deadLettered()).isEqualTo(1);
            assertThat(s.lastError()).isEqualTo("channel_not_found");
        });
    }

    @Test
    void entryIsDeadLetteredWhenAttemptsAreExhausted() {
        AlertDispatcher dispatcher = dispatcher(DeliverySettings.builder().maxAttempts(3).build());
        for (int i = 0; i < 10; i++) {
            slack.failWith(new IllegalStateException("still down"));
        }
        Notification critical = TestNotifications.firing(Severity.CRITICAL, t0);
        dispatcher.submit(critical);

        for (int i = 0; i < 6; i++) {
            dispatcher.deliverDue();
            clock.advance(Duration.ofMinutes(10));
        }

        assertThat(slack.calls()).isEqualTo(3);
        assertThat(entry(critical, "slack")).satisfies(e -> {
            assertThat(e.status()).isEqualTo(OutboxStatus.DEAD_LETTERED);
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.lastError()).isEqualTo("gave up after 3 attempts: IllegalStateException: still down");
        });
    }

    @Test
    void groupWaitBatchesWarningsForEmailIntoOneSend() {
        AlertDispatcher dispatcher = dispatcher();
        List<Notification> warnings = new ArrayList<>();
        for (int minute = 0; minute < 3; minute++) {
            Notification warning = TestNotifications.firing(Severity.WARNING, clock.instant());
            warnings.add(warning);
            dispatcher.submit(warning);
            dispatcher.deliverDue();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(slack.batches()).hasSize(3);
        assertThat(log.calls()).isZero();

        clock.set(t0.plus(Duration.ofMinutes(5)).minusMillis(1));
        dispatcher.deliverDue();
        assertThat(email.calls()).isZero();

        clock.set(t0.plus(Duration.ofMinutes(5)));
        dispatcher.deliverDue();
        assertThat(email.batches()).containsExactly(warnings);

        Notification later = TestNotifications.firing(Severity.WARNING, clock.instant());
        dispatcher.submit(later);
        assertThat(entry(later, "email").nextAttemptAt()).isEqualTo(t0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void batchesAreLimitedInSize() {
        AlertDispatcher dispatcher = dispatcher(DeliverySettings.builder().maxBatchSize(2).build());
        for (int i = 0; i < 5; i++) {
            dispatcher.submit(TestNotifications.firing(Severity.CRITICAL, t0));
        }

        dispatcher.deliverDue();

        assertThat(slack.batches()).extracting(List::size).containsExactly(2, 2, 1);
    }

    @Test
    void minimumSendIntervalRateLimitsOneSinkOnly() {
        AlertDispatcher dispatcher = dispatcher(DeliverySettings.builder()
                .minSendInterval("slack", Duration.ofSeconds(1)).maxBatchSize(1).build());
        Notification first = TestNotifications.firing(Severity.CRITICAL, t0);
        Notification second = TestNotifications.firing(Severity.CRITICAL, t0);
        dispatcher.submit(first);
        dispatcher.submit(second);

        dispatcher.deliverDue();
        assertThat(slack.delivered()).containsExactly(first);
        assertThat(email.delivered()).containsExactly(first, second);

        clock.advance(Duration.ofMillis(999));
        dispatcher.deliverDue();
        assertThat(slack.delivered()).containsExactly(first);

        clock.advance(Duration.ofMillis(1));
        dispatcher.deliverDue();
        assertThat(slack.delivered()).containsExactly(first, second);
    }

    @Test
    void sinkIsDegradedAfterRepeatedFailuresAndHealthyAfterASuccess() {
        AlertDispatcher dispatcher = dispatcher();
        slack.failWith(new IOException("a"), new IOException("b"), new IOException("c"));
        dispatcher.submit(TestNotifications.firing(Severity.CRITICAL, t0));

        dispatcher.deliverDue();
        assertThat(dispatcher.sinkStatus().get("slack").healthy()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        dispatcher.deliverDue();
        clock.advance(Duration.ofSeconds(2));
        dispatcher.deliverDue();
        assertThat(dispatcher.sinkStatus().get("slack")).satisfies(s -> {
            assertThat(s.health()).isEqualTo(SinkStatus.Health.DEGRADED);
            assertThat(s.consecutiveFailures()).isEqualTo(3);
            assertThat(s.pending()).isEqualTo(1);
            assertThat(s.lastError()).isEqualTo("IOException: c");
            assertThat(s.toJson()).containsEntry("status", "degraded");
        });

        clock.advance(Duration.ofSeconds(4));
        dispatcher.deliverDue();
        assertThat(dispatcher.sinkStatus().get("slack")).satisfies(s -> {
            assertThat(s.healthy()).isTrue();
            assertThat(s.consecutiveFailures()).isZero();
            assertThat(s.pending()).isZero();
            assertThat(s.lastSuccessAt()).isEqualTo(clock.instant());
        });
        assertThat(dispatcher.sinkStatus().get("email").healthy()).isTrue();
    }

    @Test
    void routeToAnUnconfiguredSinkIsRejected() {
        AlertRouter router = AlertRouter.of(List.of(Route.builder().to("pagerduty").build()));

        assertThatThrownBy(() -> new AlertDispatcher(clock, outbox, Map.of("slack", slack), router,
                DeliverySettings.ofDefaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'pagerduty', which is not configured");
    }

    @Test
    void logSinkIsAddedWhenMissing() {
        AlertDispatcher dispatcher = new AlertDispatcher(clock, outbox, Map.of("slack", slack),
                AlertRouter.defaults(Set.of("slack")), DeliverySettings.ofDefaults());
        dispatchers.add(dispatcher);
        Notification info = TestNotifications.firing(Severity.INFO, t0);

        dispatcher.submit(info);
        dispatcher.deliverDue();

        assertThat(dispatcher.sinkNames()).containsExactlyInAnyOrder("slack", "log");
        assertThat(entry(info, "log").status()).isEqualTo(OutboxStatus.SENT);
    }

    @Test
    void notificationTheOutboxRefusesIsCountedAsDroppedAndNeverThrows() {
        AlertDispatcher dispatcher = dispatcher(DeliverySettings.ofDefaults(), new MemoryNotificationOutbox(10, 2));

        assertThat(dispatcher.submit(TestNotifications.firing(Severity.CRITICAL, t0))).isFalse();
        assertThat(dispatcher.submit(TestNotifications.firing(Severity.INFO, t0))).isTrue();
        assertThat(dispatcher.droppedCount()).isEqualTo(1);
    }

    @Test
    void failingOutboxNeverThrowsToTheCaller() {
        AlertDispatcher dispatcher = dispatcher(DeliverySettings.ofDefaults(), new BrokenOutbox());

        assertThat(dispatcher.submit(TestNotifications.firing(Severity.CRITICAL, t0))).isFalse();
        assertThat(dispatcher.deliverDue()).isZero();
        assertThat(dispatcher.sinkStatus()).containsKeys("slack", "email", "log");
        assertThat(dispatcher.droppedCount()).isEqualTo(1);
    }

    @Test
    void entriesLeftByAPreviousRunAreDeliveredByTheNextDispatcher() {
        AlertDispatcher first = dispatcher();
        slack.failWith(new IOException("down"));
        Notification critical = TestNotifications.firing(Severity.CRITICAL, t0);
        first.submit(critical);
        first.deliverDue();
        first.close();

        AlertDispatcher second = dispatcher();
        clock.advance(Duration.ofSeconds(1));
        second.deliverDue();

        assertThat(slack.delivered()).containsExactly(critical);
        assertThat(entry(critical, "slack").attempts()).isEqualTo(2);
    }

    /** An outbox whose database is down. */
    private static final class BrokenOutbox implements NotificationOutbox {
        private static IllegalStateException down() {
            return new IllegalStateException("database is down");
        }

        @Override
        public boolean add(List<OutboxEntry> entries) {
            throw down();
        }

        @Override
        public List<OutboxEntry> claimDue(String sink, Instant now, int limit, Instant leaseUntil) {
            throw down();
        }

        @Override
        public void markSent(Collection<String> ids, Instant at) {
            throw down();
        }

        @Override
        public void markRetry(String id, int attempts, Instant nextAttemptAt, String lastError, Instant at) {
            throw down();
        }

        @Override
        public void markDeadLettered(String id, int attempts, String lastError, Instant at) {
            throw down();
        }

        @Override
        public Optional<Instant> nextDue(String sink) {
            throw down();
        }

        @Override
        public List<OutboxEntry> recent(int limit) {
            throw down();
        }

        @Override
        public Map<String, Map<OutboxStatus, Long>> counts() {
            throw down();
        }
    }
}
