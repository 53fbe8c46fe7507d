package dev.vigil.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import dev.vigil.alert.AlertSink;
import dev.vigil.alert.DeliveryException;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The background workers, with real threads: waits are on conditions with a deadline, never on time passing. */
class AlertDispatcherThreadsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final MutableClock clock = MutableClock.atFixedStart();
    private final MemoryNotificationOutbox outbox = new MemoryNotificationOutbox();
    private final CountDownLatch releaseHangingSink = new CountDownLatch(1);
    private final List<AlertDispatcher> dispatchers = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        releaseHangingSink.countDown();
        dispatchers.forEach(AlertDispatcher::close);
    }

    private AlertDispatcher dispatcher(Map<String, AlertSink> sinks, DeliverySettings settings) {
        AlertDispatcher dispatcher = new AlertDispatcher(clock, outbox, sinks, AlertRouter.defaults(sinks.keySet()), settings);
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    private static void awaitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private OutboxStatus status(Notification notification, String sink) {
        String id = OutboxEntry.idOf(notification, sink);
        return outbox.recent(1000).stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow().status();
    }

    @Test
    void hangingSinkTimesOutWithoutDelayingAnotherSink() throws Exception {
        LinkedBlockingQueue<Notification> fastReceived = new LinkedBlockingQueue<>();
        AlertSink hanging = batch -> {
            while (releaseHangingSink.getCount() > 0) {
                try {
                    releaseHangingSink.await(); // ignores interruption, like a stuck socket
                } catch (InterruptedException ignored) {
                    // keep hanging
                }
            }
        };
        Map<String, AlertSink> sinks = new LinkedHashMap<>();
        sinks.put("hanging", hanging);
        sinks.put("fast", fastReceived::addAll);
        AlertDispatcher dispatcher = dispatcher(sinks, DeliverySettings.builder()
                .sendTimeout(Duration.ofMillis(200)).build());
        dispatcher.start();

        Notification first = TestNotifications.firing(Severity.CRITICAL, clock.instant());
        dispatcher.submit(first);
        assertThat(fastReceived.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(first);

        String hangingId = OutboxEntry.idOf(first, "hanging");
        awaitUntil("the hanging send timed out", () -> outbox.recent(100).stream()
                .anyMatch(e -> e.id().equals(hangingId) && e.status() == OutboxStatus.RETRYING));
        assertThat(outbox.recent(100)).filteredOn(e -> e.id().equals(hangingId)).singleElement()
                .satisfies(e -> assertThat(e.lastError()).isEqualTo("send timed out after 200ms"));

        Notification second = TestNotifications.firing(Severity.CRITICAL, clock.instant());
        dispatcher.submit(second);
        assertThat(fastReceived.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(second);
        assertThat(status(first, "log")).isEqualTo(OutboxStatus.SENT);
    }

    @Test
    void startedDispatcherDeliversWhatAPreviousRunLeftInTheOutbox() throws Exception {
        RecordingSink slack = new RecordingSink();
        Map<String, AlertSink> sinks = Map.of("slack", slack);
        AlertDispatcher previous = dispatcher(sinks, DeliverySettings.ofDefaults());
        Notification critical = TestNotifications.firing(Severity.CRITICAL, clock.instant());
        previous.submit(critical);
        previous.close();

        AlertDispatcher next = dispatcher(sinks, DeliverySettings.ofDefaults());
        next.start();

        awaitUntil("the pending entry was delivered", () -> status(critical, "slack") == OutboxStatus.SENT);
        assertThat(slack.delivered()).containsExactly(critical);
    }

    @Test
    void startedDispatcherRetriesWhenTheClockReachesTheNextAttempt() {
        RecordingSink slack = new RecordingSink().failWith(new IllegalStateException("down"));
        AlertDispatcher dispatcher = dispatcher(Map.of("slack", slack), DeliverySettings.ofDefaults());
        dispatcher.start();
        Notification critical = TestNotifications.firing(Severity.CRITICAL, clock.instant());
        dispatcher.submit(critical);
        awaitUntil("the first attempt failed", () -> status(critical, "slack") == OutboxStatus.RETRYING);

        clock.advance(Duration.ofSeconds(2));

        awaitUntil("the retry was delivered", () -> status(critical, "slack") == OutboxStatus.SENT);
        assertThat(slack.calls()).isEqualTo(2);
    }

    @Test
    void closingWithASendInFlightDoesNotHoldItsClaimUntilTheLeaseRunsOut() {
        CountDownLatch sending = new CountDownLatch(1);
        AlertSink slow = batch -> {
            sending.countDown();
            try {
                releaseHangingSink.await(); // until the dispatcher interrupts it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw DeliveryException.transientFailure("interrupted", (Duration) null);
            }
        };
        AlertDispatcher dispatcher = dispatcher(Map.of("slow", slow), DeliverySettings.ofDefaults());
        dispatcher.start();
        Notification critical = TestNotifications.firing(Severity.CRITICAL, clock.instant());
        dispatcher.submit(critical);
        awaitUntil("the send started", () -> sending.getCount() == 0);

        dispatcher.close();

        // Its claim would hold until the send timeout plus 30 s (40 s) had passed; given back, it is due within the
        // first retry's backoff (about 1 s) at the latest.
        Instant later = clock.instant().plusSeconds(20);
        assertThat(outbox.claimDue("slow", later, 10, later.plusSeconds(60))).as("%s", outbox.recent(10))
                .singleElement()
                .satisfies(entry -> assertThat(entry.notification()).isEqualTo(critical));
    }
}
