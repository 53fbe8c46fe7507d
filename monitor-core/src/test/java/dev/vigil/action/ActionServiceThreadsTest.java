package dev.vigil.action;

import dev.vigil.audit.AuditEntry;
import dev.vigil.audit.AuditQuery;
import dev.vigil.audit.MemoryAuditLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import dev.vigil.action.TriggerOutcome.Rejection;
import dev.vigil.action.TriggerOutcome.Status;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.Severity;
import dev.vigil.config.RuntimeConfig;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Timeouts and concurrency with real threads: waits are on conditions with a deadline, never on time passing. */
class ActionServiceThreadsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Duration SHORT = Duration.ofMillis(200);

    private final MutableClock clock = MutableClock.atFixedStart();
    private final MemoryAuditLog audit = new MemoryAuditLog();
    private final RuntimeConfig config = RuntimeConfig.inMemory(clock, audit);
    private final ExecutorService executor = ActionService.newExecutor(1, 1);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final ActionService actions = new ActionService(clock, executor, timer, config, audit, ActionSettings.ofDefaults());
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicInteger runs = new AtomicInteger();

    /** Counts, signals that it started, and blocks (interruptibly) until the test releases it. */
    private final Action blocking = context -> {
        runs.incrementAndGet();
        started.countDown();
        if (!release.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
            return ActionResult.failed("never released");
        }
        return ActionResult.succeeded("done");
    };

    @AfterEach
    void stop() {
        release.countDown();
        callers.shutdownNow();
        executor.shutdownNow();
        timer.shutdownNow();
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

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).as("latch released in time").isTrue();
    }

    @Test
    void hangingActionTimesOutIsInterruptedAndReportedFailed() {
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean cancelledSeen = new AtomicBoolean();
        actions.register(ActionRegistration.builder("start_curation", context -> {
            try {
                new CountDownLatch(1).await(); // hangs until interrupted
            } catch (InterruptedException e) {
                interrupted.set(true);
                cancelledSeen.set(context.isCancelled());
                throw e;
            }
            return ActionResult.succeeded("unreachable");
        }).timeout(SHORT).build());

        TriggerOutcome outcome = actions.trigger(TriggerRequest.of("start_curation", Map.of(), "alice"));

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.message()).isEqualTo("timed out after 200ms");
        assertThat(outcome.durationMs()).isGreaterThanOrEqualTo(SHORT.toMillis());
        awaitUntil("the action saw the interrupt", interrupted::get);
        assertThat(cancelledSeen).isTrue();
        awaitUntil("the action is no longer running", () -> !actions.action("start_curation").orElseThrow().running());
        assertThat(audit.query(AuditQuery.latest(10).about("start_curation"))).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo("failed");
            assertThat(entry.error()).isEqualTo("timed out after 200ms");
        });
    }

    @Test
    void actionIgnoringInterruptsKeepsItsSlotBusyUntilItReallyEnds() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        actions.register(ActionRegistration.builder("stubborn", context -> {
            while (stuck.getCount() > 0) {
                try {
                    stuck.await();
                } catch (InterruptedException ignored) {
                    // keeps hanging, like a stuck socket
                }
            }
            return ActionResult.succeeded("finally");
        }).timeout(SHORT).build());

        assertThat(actions.trigger(TriggerRequest.of("stubborn", Map.of(), "alice")).message()).isEqualTo("timed out after 200ms");
        TriggerOutcome second = actions.trigger(TriggerRequest.of("stubborn", Map.of(), "alice"));

        assertThat(second.rejection()).isEqualTo(Rejection.ALREADY_RUNNING);
        assertThat(second.message()).isEqualTo("action 'stubborn' is already running (since 2026-01-01T00:00:00Z)");
        stuck.countDown();
        awaitUntil("the stubborn action ended", () -> !actions.action("stubborn").orElseThrow().running());
        clock.advance(Duration.ofSeconds(1));
        assertThat(actions.trigger(TriggerRequest.of("stubborn", Map.of(), "alice")).status()).isEqualTo(Status.SUCCEEDED);
    }

    @Test
    void concurrentDoubleSubmitWithTheSameKeyRunsOnce() throws Exception {
        actions.register(ActionRegistration.builder("start_curation", blocking).build());
        TriggerRequest request = TriggerRequest.of("start_curation", Map.of(), "alice").withIdempotencyKey("double-click");

        CompletableFuture<TriggerOutcome> first = CompletableFuture.supplyAsync(() -> actions.trigger(request), callers);
        await(started);
        CompletableFuture<TriggerOutcome> second = actions.triggerAsync(request); // registered as waiting on return
        CompletableFuture<TriggerOutcome> third = CompletableFuture.supplyAsync(() -> actions.trigger(request), callers);

        assertThat(second).isNotDone();
        release.countDown();

        TriggerOutcome one = first.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        TriggerOutcome two = second.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        TriggerOutcome three = third.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(runs).hasValue(1);
        assertThat(one.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(one.replayed()).isFalse();
        for (TriggerOutcome repeat : new TriggerOutcome[] {two, three}) {
            assertThat(repeat.status()).isEqualTo(Status.SUCCEEDED);
            assertThat(repeat.replayed()).isTrue();
            assertThat(repeat.auditId()).isEqualTo(one.auditId());
        }
        assertThat(audit.query(AuditQuery.latest(10))).extracting(AuditEntry::outcome)
                .containsExactlyInAnyOrder("succeeded", "replayed", "replayed");
    }

    @Test
    void secondTriggerWhileTheFirstRunsIsRejected() throws Exception {
        actions.register(ActionRegistration.builder("start_curation", blocking).build());
        CompletableFuture<TriggerOutcome> first = actions.triggerAsync(TriggerRequest.of("start_curation", Map.of(), "alice"));
        await(started);

        TriggerOutcome second = actions.trigger(TriggerRequest.of("start_curation", Map.of(), "bob"));

        assertThat(second.rejection()).isEqualTo(Rejection.ALREADY_RUNNING);
        assertThat(actions.action("start_curation").orElseThrow().running()).isTrue();
        release.countDown();
        assertThat(first.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(runs).hasValue(1);
    }

    @Test
    void fullExecutorIsReportedBusyAndReleasesTheReservation() throws Exception {
        actions.register(ActionRegistration.builder("start_curation", blocking).build());
        actions.register(ActionRegistration.builder("clear_cache", blocking).build());
        actions.register(ActionRegistration.builder("vacuum", blocking).build());
        CompletableFuture<TriggerOutcome> running = actions.triggerAsync(TriggerRequest.of("start_curation", Map.of(), "a"));
        await(started);
        CompletableFuture<TriggerOutcome> queued = actions.triggerAsync(TriggerRequest.of("clear_cache", Map.of(), "a"));

        TriggerOutcome busy = actions.trigger(TriggerRequest.of("vacuum", Map.of(), "a"));

        assertThat(busy.rejection()).isEqualTo(Rejection.BUSY);
        assertThat(busy.message()).isEqualTo("too many actions are running (the action executor is full); try again shortly");
        ActionStatus vacuum = actions.action("vacuum").orElseThrow();
        assertThat(vacuum.runsLastHour()).isZero();
        assertThat(vacuum.lastRunAt()).isNull();
        assertThat(vacuum.running()).isFalse();
        release.countDown();
        assertThat(running.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(queued.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS).status()).isEqualTo(Status.SUCCEEDED);
    }

    @Test
    void autoFixDoesNotWaitAndItsTimeoutIsEndedByTheTimer() throws Exception {
        actions.register(ActionRegistration.builder("start_curation", context -> {
            started.countDown();
            new CountDownLatch(1).await();
            return ActionResult.succeeded("unreachable");
        }).timeout(SHORT).build());
        config.set("actions.auto-fix", true, "ops");
        Instant at = clock.instant();
        Alert alert = new Alert("a1", "curation-stalled", "curation-stalled", Severity.CRITICAL, AlertState.FIRING,
                "No videos added today", Map.of(), Double.NaN, at, at, null, false, "start_curation");

        CompletableFuture<TriggerOutcome> outcome = actions.onAlertFired(alert).orElseThrow();

        assertThat(outcome).isNotDone();
        await(started);
        TriggerOutcome ended = outcome.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(ended.status()).isEqualTo(Status.FAILED);
        assertThat(ended.message()).isEqualTo("timed out after 200ms");
        assertThat(actions.autoFixOutcome("a1")).contains(ended);
    }
}
