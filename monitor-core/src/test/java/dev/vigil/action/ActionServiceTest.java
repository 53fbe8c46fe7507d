package dev.vigil.action;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import dev.vigil.action.TriggerOutcome.Rejection;
import dev.vigil.action.TriggerOutcome.Status;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.Severity;
import dev.vigil.audit.AuditEntry;
import dev.vigil.audit.AuditQuery;
import dev.vigil.audit.MemoryAuditLog;
import dev.vigil.config.RuntimeConfig;
import dev.vigil.security.Caller;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guardrails, approval, idempotency, auditing and auto-remediation, with a clock moved by hand. */
class ActionServiceTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final Instant t0 = clock.instant();
    private final MemoryAuditLog audit = new MemoryAuditLog();
    private final RuntimeConfig config = RuntimeConfig.inMemory(clock, audit);
    private final ExecutorService executor = ActionService.newExecutor(2, 8);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ActionService actions = new ActionService(clock, executor, timer, config, audit, ActionSettings.ofDefaults());
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicReference<ActionContext> lastContext = new AtomicReference<>();

    private final Action counting = context -> {
        runs.incrementAndGet();
        lastContext.set(context);
        return ActionResult.succeeded("curation started").withDetail("queued", 42);
    };

    @AfterEach
    void stop() {
        executor.shutdownNow();
        timer.shutdownNow();
    }

    private void register(ActionRegistration.Builder builder) {
        actions.register(builder.build());
    }

    private TriggerOutcome trigger(String actionId) {
        return actions.trigger(TriggerRequest.of(actionId, Map.of(), "alice"));
    }

    private List<AuditEntry> actionAudit() {
        return audit.query(AuditQuery.latest(1000).ofType(AuditEntry.Type.ACTION));
    }

    private static Alert firing(String alertId, String rule, String actionId) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        return new Alert(alertId, rule, rule, Severity.CRITICAL, AlertState.FIRING, "No videos added today", Map.of(),
                Double.NaN, at, at, null, false, actionId);
    }

    // ---------------------------------------------------------------- running

    @Test
    void actionRunsOffTheCallingThreadAndItsResultIsReported() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        register(ActionRegistration.builder("start_curation", context -> {
            ranOn.set(Thread.currentThread());
            return counting.run(context);
        }));

        TriggerOutcome outcome = trigger("start_curation");

        assertThat(outcome.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(outcome.message()).isEqualTo("curation started");
        assertThat(outcome.details()).containsEntry("queued", 42);
        assertThat(outcome.who()).isEqualTo("alice");
        assertThat(outcome.at()).isEqualTo(t0);
        assertThat(ranOn.get()).isNotSameAs(Thread.currentThread());
        assertThat(ranOn.get().getName()).startsWith("vigil-action-");
        assertThat(lastContext.get().auditId()).isEqualTo(outcome.auditId());
        assertThat(lastContext.get().who()).isEqualTo("alice");
        assertThat(lastContext.get().deadline()).isEqualTo(t0.plusSeconds(30));
        assertThat(actionAudit()).singleElement().satisfies(entry -> {
            assertThat(entry.id()).isEqualTo(outcome.auditId());
            assertThat(entry.outcome()).isEqualTo("succeeded");
            assertThat(entry.subject()).isEqualTo("start_curation");
            assertThat(entry.details()).containsEntry("result", Map.of("queued", 42)).containsKey("durationMs");
        });
    }

    @Test
    void validatedParametersReachTheAction() {
        register(ActionRegistration.builder("clear_cache", counting)
                .parameter(ActionParameter.string("region").oneOf("eu", "us"))
                .parameter(ActionParameter.integer("limit")));

        actions.trigger(TriggerRequest.of("clear_cache", Map.of("region", "eu", "limit", 5), "alice"));

        assertThat(lastContext.get().params()).containsEntry("region", "eu").containsEntry("limit", 5L);
        assertThat(lastContext.get().param("limit", Long.class)).contains(5L);
    }

    @Test
    void throwingFailingOrNullActionsAreReportedFailed() {
        register(ActionRegistration.builder("throws", context -> {
            throw new IllegalStateException("queue is empty");
        }));
        register(ActionRegistration.builder("fails", context -> ActionResult.failed("no sources configured")));
        register(ActionRegistration.builder("returns_null", context -> null));

        assertThat(trigger("throws")).extracting(TriggerOutcome::status, TriggerOutcome::message)
                .containsExactly(Status.FAILED, "action threw IllegalStateException: queue is empty");
        assertThat(trigger("fails")).extracting(TriggerOutcome::status, TriggerOutcome::message)
                .containsExactly(Status.FAILED, "no sources configured");
        assertThat(trigger("returns_null")).extracting(TriggerOutcome::status, TriggerOutcome::message)
                .containsExactly(Status.FAILED, "action returned null instead of an ActionResult");
        assertThat(actionAudit()).extracting(AuditEntry::outcome).containsOnly("failed");
        assertThat(actionAudit()).extracting(AuditEntry::error).contains("action threw IllegalStateException: queue is empty");
    }

    @Test
    void unknownActionIsADistinctErrorAndAudited() {
        register(ActionRegistration.builder("start_curation", counting));

        assertThatThrownBy(() -> trigger("restart_server"))
                .isInstanceOf(UnknownActionException.class)
                .isNotInstanceOf(IllegalArgumentException.class)
                .hasMessage("no action 'restart_server' is registered; registered actions: start_curation");
        assertThat(actionAudit()).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo("not_found");
            assertThat(entry.subject()).isEqualTo("restart_server");
        });
    }

    @Test
    void badParametersAreRefusedBeforeAnyGuardrailAndAudited() {
        register(ActionRegistration.builder("clear_cache", counting)
                .parameter(ActionParameter.integer("limit").between(1, 100)));

        assertThatThrownBy(() -> actions.trigger(TriggerRequest.of("clear_cache", Map.of("limit", 500, "x", 1), "alice")))
                .isInstanceOf(InvalidParametersException.class)
                .hasMessage("invalid parameters for action 'clear_cache': unknown parameter 'x' (known: limit); "
                        + "parameter 'limit' must be at most 100, was 500");
        assertThat(runs).hasValue(0);
        assertThat(actionAudit()).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo("invalid");
            assertThat(entry.error()).startsWith("invalid parameters for action 'clear_cache'");
        });
    }

    // ---------------------------------------------------------------- guardrails

    @Test
    void killSwitchRejectsEveryTriggerUntilTurnedOff() {
        register(ActionRegistration.builder("start_curation", counting));
        config.set("actions.kill-switch", true, "ops");

        TriggerOutcome outcome = trigger("start_curation");

        assertThat(outcome.status()).isEqualTo(Status.REJECTED);
        assertThat(outcome.rejection()).isEqualTo(Rejection.KILL_SWITCH);
        assertThat(outcome.message()).isEqualTo("kill switch is on (actions.kill-switch): no action runs until it is turned off");
        assertThat(runs).hasValue(0);
        assertThat(actionAudit()).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo("rejected");
            assertThat(entry.details()).containsEntry("reason", "kill_switch");
            assertThat(entry.error()).startsWith("kill switch is on");
        });

        config.set("actions.kill-switch", false, "ops");
        assertThat(trigger("start_curation").status()).isEqualTo(Status.SUCCEEDED);
    }

    @Test
    void maxRunsPerHourSlidesWithTheClock() {
        register(ActionRegistration.builder("start_curation", counting));
        config.set("actions.max-per-hour", 3, "ops");
        for (int i = 0; i < 3; i++) {
            assertThat(trigger("start_curation").status()).isEqualTo(Status.SUCCEEDED);
            clock.advance(Duration.ofMinutes(10));
        }

        TriggerOutcome fourth = trigger("start_curation");

        assertThat(fourth.rejection()).isEqualTo(Rejection.RATE_LIMITED);
        assertThat(fourth.nextAllowedAt()).isEqualTo(t0.plus(Duration.ofHours(1)));
        assertThat(fourth.message()).isEqualTo("action 'start_curation' already ran 3 times in the last hour "
                + "(actions.max-per-hour = 3); next run allowed at 2026-01-01T01:00:00Z");
        assertThat(runs).hasValue(3);
        assertThat(fourth.toJson()).containsEntry("status", "rejected").containsEntry("reason", "rate_limited")
                .containsEntry("nextAllowedAt", "2026-01-01T01:00:00Z").containsEntry("action", "start_curation");

        clock.set(t0.plus(Duration.ofHours(1)).minusMillis(1));
        assertThat(trigger("start_curation").status()).isEqualTo(Status.REJECTED);
        clock.set(t0.plus(Duration.ofHours(1)));
        assertThat(trigger("start_curation").status()).isEqualTo(Status.SUCCEEDED);
        assertThat(trigger("start_curation").nextAllowedAt()).isEqualTo(t0.plus(Duration.ofMinutes(70)));
    }

    @Test
    void loweringTheLimitAppliesToRunsAlreadyInTheWindow() {
        register(ActionRegistration.builder("start_curation", counting));
        for (int i = 0; i < 4; i++) {
            trigger("start_curation");
            clock.advance(Duration.ofMinutes(5));
        }
        config.set("actions.max-per-hour", 2, "ops");

        // runs at 0, 5, 10 and 15 minutes: two must leave the window, the one at 10 minutes last
        assertThat(trigger("start_curation").nextAllowedAt()).isEqualTo(t0.plus(Duration.ofMinutes(70)));
    }

    @Test
    void cooldownHoldsBackTheNextRun() {
        register(ActionRegistration.builder("clear_cache", counting).cooldown(Duration.ofMinutes(5)));
        trigger("clear_cache");
        clock.advance(Duration.ofMinutes(4));

        TriggerOutcome early = trigger("clear_cache");

        assertThat(early.rejection()).isEqualTo(Rejection.COOLDOWN);
        assertThat(early.nextAllowedAt()).isEqualTo(t0.plus(Duration.ofMinutes(5)));
        assertThat(early.message()).isEqualTo(
                "action 'clear_cache' is cooling down (5m after each run); next run allowed at 2026-01-01T00:05:00Z");
        clock.advance(Duration.ofMinutes(1));
        assertThat(trigger("clear_cache").status()).isEqualTo(Status.SUCCEEDED);
        assertThat(runs).hasValue(2);
    }

    @Test
    void actionsListTheirGuardState() {
        register(ActionRegistration.builder("clear_cache", counting).cooldown(Duration.ofMinutes(5)).description("Clears"));
        register(ActionRegistration.builder("restart_server", counting).severity(ActionSeverity.CRITICAL));
        trigger("clear_cache");
        clock.advance(Duration.ofMinutes(2));

        List<ActionStatus> listed = actions.actions();

        assertThat(listed).extracting(ActionStatus::id).containsExactly("clear_cache", "restart_server");
        ActionStatus cache = listed.get(0);
        assertThat(cache.runsLastHour()).isEqualTo(1);
        assertThat(cache.maxPerHour()).isEqualTo(10);
        assertThat(cache.cooldownRemaining()).isEqualTo(Duration.ofMinutes(3));
        assertThat(cache.nextAllowedAt()).isEqualTo(t0.plus(Duration.ofMinutes(5)));
        assertThat(cache.lastRunAt()).isEqualTo(t0);
        assertThat(cache.running()).isFalse();
        assertThat(cache.lastOutcome()).isNotNull();
        assertThat(cache.lastOutcome().status()).isEqualTo(Status.SUCCEEDED);
        assertThat(cache.toJson()).containsEntry("cooldownRemainingMs", 180_000L).containsEntry("requiresApproval", false);
        ActionStatus restart = listed.get(1);
        assertThat(restart.requiresApproval()).isTrue();
        assertThat(restart.nextAllowedAt()).isNull();
        assertThat(restart.lastOutcome()).isNull();
    }

    // ---------------------------------------------------------------- approval

    @Test
    void criticalActionWaitsForApprovalAndRunsWithTheToken() {
        register(ActionRegistration.builder("restart_server", counting).severity(ActionSeverity.CRITICAL));

        TriggerOutcome pending = actions.trigger(TriggerRequest.of("restart_server", Map.of(), "agent"));

        assertThat(pending.status()).isEqualTo(Status.PENDING_APPROVAL);
        assertThat(pending.approvalToken()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(pending.approvalExpiresAt()).isEqualTo(t0.plus(Duration.ofMinutes(10)));
        assertThat(pending.message()).isEqualTo("action 'restart_server' is critical and needs approval: "
                + "trigger it again with this approvalToken before 2026-01-01T00:10:00Z");
        assertThat(runs).hasValue(0);
        assertThat(pending.toJson()).containsEntry("status", "pending_approval")
                .containsEntry("approvalToken", pending.approvalToken())
                .containsEntry("approvalExpiresAt", "2026-01-01T00:10:00Z");

        clock.advance(Duration.ofMinutes(9));
        TriggerOutcome approved = actions.trigger(TriggerRequest.of("restart_server", Map.of(), "alice")
                .withApprovalToken(pending.approvalToken()));

        assertThat(approved.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(runs).hasValue(1);
        assertThat(actionAudit()).extracting(AuditEntry::outcome).containsExactly("succeeded", "pending_approval");
        assertThat(actionAudit().get(0).details()).containsEntry("requestedBy", "agent").containsEntry("approvedBy", "alice")
                .containsEntry("approvalAuditId", pending.auditId());
        assertThat(actionAudit().get(1).details().toString()).doesNotContain(pending.approvalToken());
    }

    @Test
    void usedTokenIsRejected() {
        register(ActionRegistration.builder("restart_server", counting).severity(ActionSeverity.CRITICAL));
        String token = trigger("restart_server").approvalToken();
        trigger("restart_server");
        actions.trigger(TriggerRequest.of("restart_server", Map.of(), "bob").withApprovalToken(token));

        TriggerOutcome reused = actions.trigger(TriggerRequest.of("restart_server", Map.of(), "carol").withApprovalToken(token));

        assertThat(reused.rejection()).isEqualTo(Rejection.APPROVAL_INVALID);
        assertThat(reused.message()).isEqualTo("approval token was already used at 2026-01-01T00:00:00Z by bob; "
                + "trigger the action without a token for a new one");
        assertThat(runs).hasValue(1);
    }

    @Test
    void wrongOrExpiredTokenIsRejected() {
        register(ActionRegistration.builder("restart_server", counting).severity(ActionSeverity.CRITICAL)
                .parameter(ActionParameter.string("node")));
        register(ActionRegistration.builder("drop_cache", counting).severity(ActionSeverity.CRITICAL));
        String token = actions.trigger(TriggerRequest.of("restart_server", Map.of("node", "a"), "agent")).approvalToken();

        assertThat(actions.trigger(TriggerRequest.of("restart_server", Map.of("node", "a"), "alice")
                .withApprovalToken("made-up")).message())
                .isEqualTo("approval token is not known (mistyped, or forgotten); "
                        + "trigger the action without a token for a new one");
        assertThat(actions.trigger(TriggerRequest.of("restart_server", Map.of("node", "b"), "alice")
                .withApprovalToken(token)).message())
                .isEqualTo("approval token was issued for the parameters {node=a}, not {node=b}");
        assertThat(actions.trigger(TriggerRequest.of("drop_cache", Map.of(), "alice").withApprovalToken(token)).message())
                .isEqualTo("approval token was issued for action 'restart_server', not 'drop_cache'");

        clock.advance(Duration.ofMinutes(10));
        TriggerOutcome expired = actions.trigger(TriggerRequest.of("restart_server", Map.of("node", "a"), "alice")
                .withApprovalToken(token));

        assertThat(expired.rejection()).isEqualTo(Rejection.APPROVAL_INVALID);
        assertThat(expired.message()).isEqualTo("approval token expired at 2026-01-01T00:10:00Z; "
                + "trigger the action without a token for a new one");
        assertThat(runs).hasValue(0);
    }

    @Test
    void tokenSurvivesAGuardrailRejection() {
        register(ActionRegistration.builder("restart_server", counting).severity(ActionSeverity.CRITICAL));
        String token = trigger("restart_server").approvalToken();
        config.set("actions.kill-switch", true, "ops");
        assertThat(actions.trigger(TriggerRequest.of("restart_server", Map.of(), "bob").withApprovalToken(token))
                .rejection()).isEqualTo(Rejection.KILL_SWITCH);
        config.set("actions.kill-switch", false, "ops");

        assertThat(actions.trigger(TriggerRequest.of("restart_server", Map.of(), "bob").withApprovalToken(token))
                .status()).isEqualTo(Status.SUCCEEDED);
    }

    @Test
    void requesterCannotApproveTheirOwnCriticalActionButSomeoneElseCan() {
        register(ActionRegistration.builder("restart_server", counting).severity(ActionSeverity.CRITICAL));
        TriggerOutcome pending = actions.trigger(TriggerRequest.of("restart_server", Map.of(), Caller.person("alice")));

        TriggerOutcome self = actions.trigger(TriggerRequest.of("restart_server", Map.of(), Caller.person("alice"))
                .withApprovalToken(pending.approvalToken()));

        assertThat(self.rejection()).isEqualTo(Rejection.APPROVAL_BY_REQUESTER);
        assertThat(self.message()).isEqualTo("action 'restart_server' was requested by alice, who cannot also approve it:"
                + " a different caller must approve it with this token before 2026-01-01T00:10:00Z");
        assertThat(self.toJson()).containsEntry("reason", "approval_by_requester");
        assertThat(runs).hasValue(0);

        TriggerOutcome approved = actions.trigger(TriggerRequest.of("restart_server", Map.of(), Caller.person("bob"))
                .withApprovalToken(pending.approvalToken()));

        assertThat(approved.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(approved.approvalNote()).isNull();
        assertThat(approved.toJson()).doesNotContainKey("approvalNote");
        assertThat(runs).hasValue(1);
        assertThat(actionAudit()).extracting(AuditEntry::outcome).containsExactly("succeeded", "rejected", "pending_approval");
        assertThat(actionAudit().get(0).details()).containsEntry("requestedBy", "alice").containsEntry("approvedBy", "bob")
                .doesNotContainKey("approvalNote");
        assertThat(actionAudit().get(1).details()).containsEntry("reason", "approval_by_requester");
    }

    @Test
    void sharedCredentialApprovesAsASecondRequestAndSaysSo() {
        register(ActionRegistration.builder("restart_server", counting).severity(ActionSeverity.CRITICAL));
        Caller token = Caller.sharedCredential("admin-token");
        String approval = actions.trigger(TriggerRequest.of("restart_server", Map.of(), token)).approvalToken();

        TriggerOutcome approved = actions.trigger(TriggerRequest.of("restart_server", Map.of(), token)
                .withApprovalToken(approval));

        assertThat(approved.status()).isEqualTo(Status.SUCCEEDED);
        String note = "approved by a second request with the same shared credential (admin-token);"
                + " Vigil cannot tell two people apart with one shared credential";
        assertThat(approved.approvalNote()).isEqualTo(note);
        assertThat(approved.toJson()).containsEntry("approvalNote", note);
        assertThat(actionAudit().get(0).details()).containsEntry("approvalNote", note)
                .containsEntry("requestedBy", "admin-token").containsEntry("approvedBy", "admin-token");
        assertThat(actionAudit().get(0).who()).isEqualTo("admin-token");
    }

    @Test
    void approvalAcrossAPersonAndASharedCredentialIsAcceptedWithANote() {
        register(ActionRegistration.builder("restart_server", counting).severity(ActionSeverity.CRITICAL));
        String first = actions.trigger(TriggerRequest.of("restart_server", Map.of(), Caller.person("alice"))).approvalToken();
        TriggerOutcome byToken = actions.trigger(TriggerRequest.of("restart_server", Map.of(),
                Caller.sharedCredential("admin-token")).withApprovalToken(first));
        clock.advance(Duration.ofHours(1));
        String second = actions.trigger(TriggerRequest.of("restart_server", Map.of(),
                Caller.sharedCredential("admin-token"))).approvalToken();
        TriggerOutcome byPerson = actions.trigger(TriggerRequest.of("restart_server", Map.of(), Caller.person("alice"))
                .withApprovalToken(second));

        assertThat(byToken.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(byToken.approvalNote()).isEqualTo("approved with the shared credential admin-token;"
                + " Vigil cannot tell whether its holder is alice, who requested it");
        assertThat(byPerson.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(byPerson.approvalNote()).isEqualTo("requested with the shared credential admin-token;"
                + " Vigil cannot tell whether its holder was alice, who approved it");
        assertThat(runs).hasValue(2);
    }

    @Test
    void criticalActionRunsAtOnceWhenApprovalIsNotRequired() {
        register(ActionRegistration.builder("restart_server", counting).severity(ActionSeverity.CRITICAL));
        config.set("actions.require-approval-for-critical", false, "ops");

        assertThat(trigger("restart_server").status()).isEqualTo(Status.SUCCEEDED);
    }

    // ---------------------------------------------------------------- idempotency

    @Test
    void repeatedIdempotencyKeyReplaysTheFirstOutcomeWithoutRunningAgain() {
        register(ActionRegistration.builder("start_curation", counting));
        TriggerRequest request = TriggerRequest.of("start_curation", Map.of(), "alice").withIdempotencyKey("k-1");

        TriggerOutcome first = actions.trigger(request);
        clock.advance(Duration.ofHours(23));
        TriggerOutcome second = actions.trigger(request);

        assertThat(runs).hasValue(1);
        assertThat(first.replayed()).isFalse();
        assertThat(second.replayed()).isTrue();
        assertThat(second.auditId()).isEqualTo(first.auditId());
        assertThat(second.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(second.toJson()).containsEntry("replayed", true);
        assertThat(actionAudit()).extracting(AuditEntry::outcome).containsExactly("replayed", "succeeded");
        assertThat(actionAudit().get(0).details()).containsEntry("replayOf", first.auditId());
    }

    @Test
    void idempotencyKeyIsPerActionAndExpiresAfterADay() {
        register(ActionRegistration.builder("start_curation", counting));
        register(ActionRegistration.builder("clear_cache", counting));
        actions.trigger(TriggerRequest.of("start_curation", Map.of(), "alice").withIdempotencyKey("k"));
        actions.trigger(TriggerRequest.of("clear_cache", Map.of(), "alice").withIdempotencyKey("k"));
        assertThat(runs).hasValue(2);

        clock.advance(Duration.ofHours(24));
        assertThat(actions.trigger(TriggerRequest.of("start_curation", Map.of(), "alice").withIdempotencyKey("k"))
                .replayed()).isFalse();
        assertThat(runs).hasValue(3);
    }

    @Test
    void idempotencyKeyWithOtherParametersIsRefused() {
        register(ActionRegistration.builder("clear_cache", counting).parameter(ActionParameter.string("region")));
        actions.trigger(TriggerRequest.of("clear_cache", Map.of("region", "eu"), "alice").withIdempotencyKey("k"));

        TriggerOutcome other = actions.trigger(TriggerRequest.of("clear_cache", Map.of("region", "us"), "alice")
                .withIdempotencyKey("k"));

        assertThat(other.rejection()).isEqualTo(Rejection.IDEMPOTENCY_CONFLICT);
        assertThat(other.message()).isEqualTo(
                "Idempotency-Key 'k' was already used for action 'clear_cache' with other parameters {region=eu}");
        assertThat(runs).hasValue(1);
    }

    @Test
    void rejectedTriggerDoesNotUseUpItsIdempotencyKey() {
        register(ActionRegistration.builder("start_curation", counting));
        TriggerRequest request = TriggerRequest.of("start_curation", Map.of(), "alice").withIdempotencyKey("retry-me");
        config.set("actions.kill-switch", true, "ops");
        assertThat(actions.trigger(request).status()).isEqualTo(Status.REJECTED);
        config.set("actions.kill-switch", false, "ops");

        assertThat(actions.trigger(request).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(actions.trigger(request).replayed()).isTrue();
        assertThat(runs).hasValue(1);
    }

    @Test
    void malformedIdempotencyKeyIsRefused() {
        assertThatThrownBy(() -> TriggerRequest.of("x", Map.of(), "alice").withIdempotencyKey("has space"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Idempotency-Key must be 1..255 visible ASCII characters without spaces");
    }

    // ---------------------------------------------------------------- auto-remediation

    @Test
    void autoFixDoesNothingWhileSwitchedOff() {
        register(ActionRegistration.builder("start_curation", counting));

        assertThat(actions.onAlertFired(firing("a1", "curation-stalled", "start_curation"))).isEmpty();
        assertThat(runs).hasValue(0);
        assertThat(actionAudit()).isEmpty();
    }

    @Test
    void autoFixRunsTheSuggestedActionOncePerAlertAndRemembersTheOutcome() throws Exception {
        register(ActionRegistration.builder("start_curation", counting));
        config.set("actions.auto-fix", true, "ops");
        Alert alert = firing("a1", "curation-stalled", "start_curation");

        TriggerOutcome outcome = actions.onAlertFired(alert).orElseThrow().get(10, TimeUnit.SECONDS);
        TriggerOutcome repeat = actions.onAlertFired(alert).orElseThrow().get(10, TimeUnit.SECONDS);

        assertThat(outcome.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(outcome.who()).isEqualTo("auto-fix:curation-stalled");
        assertThat(repeat.replayed()).isTrue();
        assertThat(runs).hasValue(1);
        assertThat(actions.autoFixOutcome("a1")).contains(repeat);
        assertThat(actionAudit().get(1).details()).containsEntry("alertId", "a1").containsEntry("idempotencyKey", "alert:a1");
    }

    @Test
    void autoFixGoesThroughTheGuardrails() throws Exception {
        register(ActionRegistration.builder("start_curation", counting));
        register(ActionRegistration.builder("restart_server", counting).severity(ActionSeverity.CRITICAL));
        register(ActionRegistration.builder("clear_cache", counting).parameter(ActionParameter.string("region").asRequired()));
        config.set("actions.auto-fix", true, "ops");

        TriggerOutcome critical = actions.onAlertFired(firing("a1", "server-down", "restart_server")).orElseThrow()
                .get(10, TimeUnit.SECONDS);
        TriggerOutcome needsParams = actions.onAlertFired(firing("a2", "cache-full", "clear_cache")).orElseThrow()
                .get(10, TimeUnit.SECONDS);
        config.set("actions.kill-switch", true, "ops");
        TriggerOutcome killed = actions.onAlertFired(firing("a3", "curation-stalled", "start_curation")).orElseThrow()
                .get(10, TimeUnit.SECONDS);

        assertThat(critical.rejection()).isEqualTo(Rejection.NEEDS_APPROVAL);
        assertThat(critical.message()).isEqualTo("action 'restart_server' is critical and needs human approval "
                + "(actions.require-approval-for-critical); auto-fix cannot run it");
        assertThat(needsParams.rejection()).isEqualTo(Rejection.INVALID_PARAMETERS);
        assertThat(needsParams.message()).isEqualTo("invalid parameters for action 'clear_cache': parameter 'region' is required");
        assertThat(killed.rejection()).isEqualTo(Rejection.KILL_SWITCH);
        assertThat(runs).hasValue(0);
        assertThat(actions.autoFixOutcomes()).containsOnlyKeys("a1", "a2", "a3");
        assertThat(actionAudit()).extracting(AuditEntry::outcome).containsOnly("rejected").hasSize(3);
    }

    @Test
    void autoFixIgnoresAlertsWithoutARegisteredSuggestionOrNotFiring() {
        register(ActionRegistration.builder("start_curation", counting));
        config.set("actions.auto-fix", true, "ops");
        Alert resolved = new Alert("a1", "r", "r", Severity.WARNING, AlertState.RESOLVED, "m", Map.of(), 1, t0, t0, t0,
                false, "start_curation");
        Alert noSuggestion = new Alert("a2", "r", "r", Severity.WARNING, AlertState.FIRING, "m", Map.of(), 1, t0, t0, null,
                false, null);

        assertThat(actions.onAlertFired(resolved)).isEmpty();
        assertThat(actions.onAlertFired(noSuggestion)).isEmpty();
        assertThat(actions.onAlertFired(firing("a3", "r", "not_registered"))).isEmpty();
        assertThat(runs).hasValue(0);
    }

    // ---------------------------------------------------------------- audit

    @Test
    void everyTriggerLeavesExactlyOneAuditEntryWhateverItsOutcome() {
        register(ActionRegistration.builder("start_curation", counting).cooldown(Duration.ofMinutes(1)));
        register(ActionRegistration.builder("restart_server", counting).severity(ActionSeverity.CRITICAL));
        register(ActionRegistration.builder("broken", context -> {
            throw new IllegalStateException("x");
        }));

        trigger("start_curation"); // succeeded
        trigger("start_curation"); // cooldown
        trigger("restart_server"); // pending approval
        trigger("broken"); // failed
        try {
            trigger("nope"); // not found
        } catch (UnknownActionException expected) {
            // audited
        }
        try {
            actions.trigger(TriggerRequest.of("start_curation", Map.of("x", 1), "alice")); // invalid
        } catch (InvalidParametersException expected) {
            // audited
        }

        assertThat(actionAudit()).extracting(AuditEntry::outcome).containsExactlyInAnyOrder(
                "succeeded", "rejected", "pending_approval", "failed", "not_found", "invalid");
        assertThat(actionAudit()).extracting(AuditEntry::id).doesNotHaveDuplicates();
        assertThat(actionAudit()).extracting(AuditEntry::who).containsOnly("alice");
    }
}
