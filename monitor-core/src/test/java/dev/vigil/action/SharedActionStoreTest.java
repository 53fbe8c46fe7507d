package dev.vigil.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import dev.vigil.action.TriggerOutcome.Rejection;
import dev.vigil.action.TriggerOutcome.Status;
import dev.vigil.audit.MemoryAuditLog;
import dev.vigil.config.MemoryConfigStore;
import dev.vigil.config.RuntimeConfig;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two instances of a service on one action store: approvals, hourly limits and cooldowns hold across them. */
class SharedActionStoreTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final FlakyStore store = new FlakyStore();
    private final AtomicInteger runs = new AtomicInteger();
    private final List<ExecutorService> executors = new ArrayList<>();

    private ActionService instance() {
        MemoryAuditLog audit = new MemoryAuditLog();
        RuntimeConfig config = RuntimeConfig.inMemory(clock, audit);
        config.set("actions.max-per-hour", 2, "ops");
        ActionService service = service(config, audit);
        service.register(ActionRegistration.builder("restart_server", context -> {
            runs.incrementAndGet();
            return ActionResult.succeeded("restarted");
        }).severity(ActionSeverity.CRITICAL).parameter(ActionParameter.integer("node")).build());
        return service;
    }

    /** A service on the shared store with {@code clear_cache}, which cools down for 5 minutes after each run. */
    private ActionService service(RuntimeConfig config, MemoryAuditLog audit) {
        ExecutorService executor = ActionService.newExecutor(1, 4);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        executors.add(executor);
        executors.add(timer);
        ActionService service = new ActionService(clock, System::nanoTime, executor, timer, config, audit,
                ActionSettings.ofDefaults(), store);
        service.register(ActionRegistration.builder("clear_cache", context -> {
            runs.incrementAndGet();
            return ActionResult.succeeded("cleared");
        }).cooldown(Duration.ofMinutes(5)).build());
        return service;
    }

    @AfterEach
    void stop() {
        executors.forEach(ExecutorService::shutdownNow);
    }

    @Test
    void approvalRequestedOnOneInstanceIsGrantedOnAnotherOnce() {
        ActionService one = instance();
        ActionService two = instance();
        TriggerOutcome pending = one.trigger(TriggerRequest.of("restart_server", Map.of("node", 3), "agent"));
        assertThat(pending.status()).isEqualTo(Status.PENDING_APPROVAL);

        TriggerOutcome approved = two.trigger(TriggerRequest.of("restart_server", Map.of("node", 3), "alice")
                .withApprovalToken(pending.approvalToken()));
        TriggerOutcome again = one.trigger(TriggerRequest.of("restart_server", Map.of("node", 3), "bob")
                .withApprovalToken(pending.approvalToken()));

        assertThat(approved.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(again.rejection()).isEqualTo(Rejection.APPROVAL_INVALID);
        assertThat(again.message()).startsWith("approval token was already used at " + clock.instant() + " by alice");
        assertThat(runs).hasValue(1);
    }

    @Test
    void hourlyLimitAndCooldownCountTheRunsOfEveryInstance() {
        ActionService one = instance();
        ActionService two = instance();
        assertThat(one.trigger(TriggerRequest.of("clear_cache", Map.of(), "alice")).status()).isEqualTo(Status.SUCCEEDED);
        clock.advance(Duration.ofMinutes(1));
        assertThat(two.trigger(TriggerRequest.of("clear_cache", Map.of(), "bob")).rejection()).isEqualTo(Rejection.COOLDOWN);

        clock.advance(Duration.ofMinutes(5));
        assertThat(two.trigger(TriggerRequest.of("clear_cache", Map.of(), "bob")).status()).isEqualTo(Status.SUCCEEDED);
        clock.advance(Duration.ofMinutes(6));
        TriggerOutcome third = one.trigger(TriggerRequest.of("clear_cache", Map.of(), "alice"));

        assertThat(third.rejection()).isEqualTo(Rejection.RATE_LIMITED);
        assertThat(third.message()).contains("already ran 2 times in the last hour");
        assertThat(runs).hasValue(2);
    }

    @Test
    void storeThatIsAwayRefusesApprovalsPlainlyAndLimitsByThisInstancesRuns() {
        ActionService one = instance();
        store.down = true;

        TriggerOutcome pending = one.trigger(TriggerRequest.of("restart_server", Map.of("node", 3), "agent"));
        assertThat(pending.rejection()).isEqualTo(Rejection.BUSY);
        assertThat(pending.message()).contains("Vigil's store is unavailable");

        assertThat(one.trigger(TriggerRequest.of("clear_cache", Map.of(), "alice")).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(one.trigger(TriggerRequest.of("clear_cache", Map.of(), "alice")).rejection())
                .as("this instance's own run still counts").isEqualTo(Rejection.COOLDOWN);
    }

    @Test
    void nothingRunsBeforeTheStoredSwitchesHaveBeenRead() {
        MemoryAuditLog audit = new MemoryAuditLog();
        RuntimeConfig config = RuntimeConfig.unloaded(clock, new MemoryConfigStore(), audit, Map.of());
        ActionService service = service(config, audit);

        TriggerOutcome early = service.trigger(TriggerRequest.of("clear_cache", Map.of(), "alice"));
        assertThat(early.rejection()).isEqualTo(Rejection.BUSY);
        assertThat(early.message()).contains("have not been read from Vigil's store yet");

        config.reload();
        assertThat(service.trigger(TriggerRequest.of("clear_cache", Map.of(), "alice")).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(runs).hasValue(1);
    }

    /** The memory store, failing every call while {@code down}. */
    private static final class FlakyStore implements ActionStore {
        private final MemoryActionStore memory = new MemoryActionStore();
        volatile boolean down;

        private ActionStore up() {
            if (down) {
                throw new IllegalStateException("connection refused");
            }
            return memory;
        }

        @Override
        public void saveApproval(ApprovalRecord approval) {
            up().saveApproval(approval);
        }

        @Override
        public Optional<ApprovalRecord> approval(String token) {
            return up().approval(token);
        }

        @Override
        public boolean useApproval(String token, String by, Instant at) {
            return up().useApproval(token, by, at);
        }

        @Override
        public List<PendingApproval> pendingApprovals(Instant now, int limit) {
            return up().pendingApprovals(now, limit);
        }

        @Override
        public void recordRun(String actionId, Instant startedAt) {
            up().recordRun(actionId, startedAt);
        }

        @Override
        public List<Instant> runsSince(String actionId, Instant since) {
            return up().runsSince(actionId, since);
        }
    }
}
