package dev.vigil.action;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertState;
import dev.vigil.audit.AuditEntry;
import dev.vigil.audit.AuditLog;
import dev.vigil.config.RuntimeConfig;
import dev.vigil.internal.DaemonThreadFactory;
import dev.vigil.internal.HumanText;
import dev.vigil.internal.Json;
import dev.vigil.security.Caller;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs registered remediation {@link Action}s behind guardrails and audits every trigger.
 *
 * <p>A trigger is checked in this order; the first rule that refuses it decides:
 * <ol>
 * <li>the action must be registered ({@link UnknownActionException}, HTTP 404) and its parameters valid
 *     ({@link InvalidParametersException}, HTTP 400);</li>
 * <li>an {@code Idempotency-Key} seen before for the same action (within 24 h) returns the first run's
 *     outcome without running again; a concurrent repeat waits for the first one's outcome;</li>
 * <li>{@code actions.kill-switch} on: rejected;</li>
 * <li>a run of the same action still under way: rejected;</li>
 * <li>{@code actions.max-per-hour} runs started in the last hour: rejected until the oldest leaves the window;</li>
 * <li>the action's cooldown since its last run has not passed: rejected;</li>
 * <li>a critical action while {@code actions.require-approval-for-critical} is on: without a token the
 *     outcome is {@code pending_approval} with a one-time token bound to the action and its parameters,
 *     valid 10 minutes; a second trigger with that token runs it; a wrong, expired or used token is rejected.
 *     The approval must come from a caller other than the requester, as far as Vigil can tell them apart:
 *     the person who requested it cannot approve it ({@code approval_by_requester}; the token stays valid
 *     for someone else), while an approval where either side is a shared credential (the one admin token)
 *     is accepted as "a second request" and says so in the outcome's {@code approvalNote} and the audit.</li>
 * </ol>
 * Then the action runs on the action executor (a full executor is a rejection) with its timeout: when
 * the time is up its thread is interrupted and the outcome is {@code failed} "timed out after 30s".
 * The calling thread waits at most that long.
 *
 * <p>Auto-remediation: {@link #onAlertFired} runs a firing alert's suggested action through the same
 * guardrails when {@code actions.auto-fix} is on, without waiting, and remembers the outcome per alert.
 *
 * <p>Every trigger leaves one {@link AuditEntry} of type {@code action}, whatever its outcome; the
 * entry's id is the outcome's {@code auditId} and the run's {@link ActionContext#auditId()}.
 */
public final class ActionService {

    private static final Logger log = LoggerFactory.getLogger(ActionService.class);
    private static final Duration WINDOW = Duration.ofHours(1);
    /** How much longer than the action's timeout a repeated idempotency key waits for the first trigger. */
    private static final Duration REPLAY_GRACE = Duration.ofSeconds(5);

    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Executor executor;
    private final ScheduledExecutorService timer;
    private final RuntimeConfig config;
    private final AuditLog audit;
    private final ActionSettings settings;
    private final SecureRandom random = new SecureRandom();

    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final ActionStore store;
    private final AtomicBoolean storeFailing = new AtomicBoolean();
    private final Object idempotencyLock = new Object();
    private final LinkedHashMap<String, IdempotentCall> idempotency = new LinkedHashMap<>(); // guarded by idempotencyLock
    private final LinkedHashMap<String, TriggerOutcome> autoFixes = new LinkedHashMap<>(); // guarded by itself
    private final AtomicBoolean auditFailing = new AtomicBoolean();

    /**
     * Creates a service that measures durations with {@link System#nanoTime()}.
     *
     * @param clock when triggers happen; the rate limit, cooldown and token expiry follow it
     * @param executor runs the actions, off the caller's thread; it should be bounded and refuse work when
     *        full (see {@link #newExecutor}), which is reported as a {@code busy} rejection
     * @param timer fires the actions' timeouts (the monitor's scheduler will do; tasks are tiny)
     * @param config the runtime switches: kill switch, auto-fix, max per hour, approval for critical
     * @param audit where every trigger is recorded
     * @param settings token and idempotency lifetimes and memory bounds
     */
    public ActionService(Clock clock, Executor executor, ScheduledExecutorService timer, RuntimeConfig config,
            AuditLog audit, ActionSettings settings) {
        this(clock, System::nanoTime, executor, timer, config, audit, settings);
    }

    /**
     * Creates a service with a monotonic nanosecond source for measuring durations.
     *
     * @param clock when triggers happen; the rate limit, cooldown and token expiry follow it
     * @param nanoTime monotonic nanosecond source
     * @param executor runs the actions, off the caller's thread; bounded, refusing work when full
     * @param timer fires the actions' timeouts
     * @param config the runtime switches
     * @param audit where every trigger is recorded
     * @param settings token and idempotency lifetimes and memory bounds
     */
    public ActionService(Clock clock, LongSupplier nanoTime, Executor executor, ScheduledExecutorService timer,
            RuntimeConfig config, AuditLog audit, ActionSettings settings) {
        this(clock, nanoTime, executor, timer, config, audit, settings,
                new MemoryActionStore(settings.maxPendingApprovals(), MemoryActionStore.DEFAULT_RUN_WINDOW));
    }

    /**
     * Creates a service whose approval tokens and run times live in {@code store}, so that every instance
     * sharing it honours the same approvals, hourly limit and cooldown.
     *
     * @param clock when triggers happen; the rate limit, cooldown and token expiry follow it
     * @param nanoTime monotonic nanosecond source
     * @param executor runs the actions, off the caller's thread; bounded, refusing work when full
     * @param timer fires the actions' timeouts
     * @param config the runtime switches
     * @param audit where every trigger is recorded
     * @param settings token and idempotency lifetimes and memory bounds
     * @param store approval tokens and run times, possibly shared with other instances
     */
    public ActionService(Clock clock, LongSupplier nanoTime, Executor executor, ScheduledExecutorService timer,
            RuntimeConfig config, AuditLog audit, ActionSettings settings, ActionStore store) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.config = Objects.requireNonNull(config, "config");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * A bounded executor for actions: {@code threads} daemon threads named {@code vigil-action-N} and a
     * queue of {@code queueCapacity}; beyond that it refuses work, which triggers report as {@code busy}.
     */
    public static ExecutorService newExecutor(int threads, int queueCapacity) {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("monitor.actions.threads must be 1..64, was " + threads);
        }
        if (queueCapacity < 1 || queueCapacity > 10_000) {
            throw new IllegalArgumentException("monitor.actions.queue-capacity must be 1..10000, was " + queueCapacity);
        }
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), new DaemonThreadFactory("vigil-action"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    // ---------------------------------------------------------------- registrations

    /**
     * Registers an action.
     *
     * @throws IllegalArgumentException if an action with that id is already registered
     */
    public void register(ActionRegistration registration) {
        Objects.requireNonNull(registration, "registration");
        if (slots.putIfAbsent(registration.id(), new Slot(registration)) != null) {
            throw new IllegalArgumentException("an action with id '" + registration.id() + "' is already registered");
        }
    }

    /** Removes an action (a run under way finishes); returns whether it was registered. */
    public boolean unregister(String actionId) {
        return slots.remove(actionId) != null;
    }

    /** The registration of {@code actionId}, if registered. */
    public Optional<ActionRegistration> registration(String actionId) {
        Slot slot = slots.get(actionId);
        return slot == null ? Optional.empty() : Optional.of(slot.registration);
    }

    /** Every registered action with its guard state, by id. */
    public List<ActionStatus> actions() {
        Instant now = clock.instant();
        int maxPerHour = config.get(RuntimeConfig.MAX_ACTIONS_PER_HOUR);
        boolean approval = config.get(RuntimeConfig.REQUIRE_APPROVAL_FOR_CRITICAL);
        List<Slot> sorted = new ArrayList<>(slots.values());
        sorted.sort(Comparator.comparing(slot -> slot.registration.id()));
        List<ActionStatus> statuses = new ArrayList<>(sorted.size());
        for (Slot slot : sorted) {
            statuses.add(slot.status(now, maxPerHour, approval));
        }
        return List.copyOf(statuses);
    }

    /** One action with its guard state, if registered. */
    public Optional<ActionStatus> action(String actionId) {
        Slot slot = slots.get(actionId);
        return slot == null ? Optional.empty() : Optional.of(slot.status(clock.instant(),
                config.get(RuntimeConfig.MAX_ACTIONS_PER_HOUR), config.get(RuntimeConfig.REQUIRE_APPROVAL_FOR_CRITICAL)));
    }

    /**
     * The critical actions waiting for a second caller's approval: unused tokens that are still valid, newest
     * request first, at most {@link ActionSettings#maxPendingApprovals()}. Lists no tokens.
     *
     * @throws IllegalStateException if the action store cannot be read
     */
    public List<PendingApproval> pendingApprovals() {
        try {
            List<PendingApproval> pending = store.pendingApprovals(clock.instant(), settings.maxPendingApprovals());
            storeRecovered();
            return pending;
        } catch (RuntimeException e) {
            storeFailed(e);
            throw new IllegalStateException("approvals cannot be read right now (Vigil's store is unavailable)", e);
        }
    }

    // ---------------------------------------------------------------- triggers

    /**
     * Triggers an action through the guardrails and waits for the outcome: at most the action's timeout
     * (a repeated idempotency key waits for the first trigger instead, a little longer).
     *
     * @throws UnknownActionException if no such action is registered (audited)
     * @throws InvalidParametersException if the parameters do not match the declaration (audited)
     */
    public TriggerOutcome trigger(TriggerRequest request) {
        Ticket ticket = submit(Objects.requireNonNull(request, "request"), null);
        try {
            return ticket.future.get(ticket.patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return ticket.giveUp.apply("timed out after " + HumanText.duration(ticket.patience));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ticket.giveUp.apply("abandoned: the waiting thread was interrupted");
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    /**
     * Triggers an action through the guardrails without waiting; the future completes with the outcome
     * (at the latest when the action's timeout fires).
     *
     * @throws UnknownActionException if no such action is registered (audited)
     * @throws InvalidParametersException if the parameters do not match the declaration (audited)
     */
    public CompletableFuture<TriggerOutcome> triggerAsync(TriggerRequest request) {
        return submit(Objects.requireNonNull(request, "request"), null).future.copy();
    }

    /**
     * Auto-remediation: when {@code actions.auto-fix} is on and a firing alert suggests a registered
     * action, triggers it as {@code auto-fix:<rule>} through the same guardrails, with the alert's id as
     * idempotency key (so repeat notifications of one alert run it once). A critical action that needs
     * approval is rejected: nobody can approve it. Does not wait for the run.
     *
     * @return the outcome to come, also remembered for {@link #autoFixOutcome}; empty when auto-fix is
     *         off, the alert is not firing, or it suggests no registered action
     */
    public Optional<CompletableFuture<TriggerOutcome>> onAlertFired(Alert alert) {
        Objects.requireNonNull(alert, "alert");
        String actionId = alert.suggestedAction();
        if (alert.state() != AlertState.FIRING || actionId == null) {
            return Optional.empty();
        }
        if (!slots.containsKey(actionId)) {
            log.debug("Alert rule '{}' suggests action '{}', which is not registered", alert.rule(), actionId);
            return Optional.empty();
        }
        if (!config.get(RuntimeConfig.AUTO_FIX)) {
            return Optional.empty();
        }
        TriggerRequest request = new TriggerRequest(actionId, Map.of(), Caller.person(autoFixCaller(alert.rule())),
                "alert:" + alert.id(), null);
        CompletableFuture<TriggerOutcome> future;
        try {
            future = submit(request, alert.id()).future;
        } catch (UnknownActionException e) { // unregistered meanwhile
            return Optional.empty();
        }
        return Optional.of(future.thenApply(outcome -> {
            synchronized (autoFixes) {
                autoFixes.remove(alert.id());
                autoFixes.put(alert.id(), outcome);
                Iterator<String> oldest = autoFixes.keySet().iterator();
                while (autoFixes.size() > settings.autoFixHistory()) {
                    oldest.next();
                    oldest.remove();
                }
            }
            return outcome;
        }));
    }

    /** Who auto-fix acts as for {@code rule}: {@code auto-fix:<rule>}, cut to a caller id's length. */
    private static String autoFixCaller(String rule) {
        String id = "auto-fix:" + rule;
        return id.length() > Caller.MAX_ID_LENGTH ? id.substring(0, Caller.MAX_ID_LENGTH) : id;
    }

    /** The outcome of the last auto-fix for {@code alertId}, if there was one. */
    public Optional<TriggerOutcome> autoFixOutcome(String alertId) {
        synchronized (autoFixes) {
            return Optional.ofNullable(autoFixes.get(alertId));
        }
    }

    /** The remembered auto-fix outcomes by alert id, oldest first. */
    public Map<String, TriggerOutcome> autoFixOutcomes() {
        synchronized (autoFixes) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(autoFixes));
        }
    }

    // ---------------------------------------------------------------- the pipeline

    private Ticket submit(TriggerRequest request, @Nullable String alertId) {
        Instant now = clock.instant();
        long started = nanoTime.getAsLong();
        String auditId = AuditEntry.newId();
        Slot slot = slots.get(request.actionId());
        if (slot == null) {
            UnknownActionException unknown = new UnknownActionException(request.actionId(), new TreeSet<>(slots.keySet()));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("params", request.params());
            audit(new AuditEntry(auditId, now, AuditEntry.Type.ACTION, request.who(), request.actionId(), details,
                    "not_found", unknown.getMessage()));
            throw unknown;
        }
        Map<String, Object> params;
        try {
            params = slot.registration.validateParameters(request.params());
        } catch (InvalidParametersException e) {
            Trigger trigger = new Trigger(slot, request, request.params(), alertId, auditId, now, started);
            if (alertId != null) {
                return done(conclude(trigger, trigger.rejected(TriggerOutcome.Rejection.INVALID_PARAMETERS, e.getMessage(), null)));
            }
            audit(new AuditEntry(auditId, now, AuditEntry.Type.ACTION, request.who(), request.actionId(),
                    trigger.details(null), "invalid", e.getMessage()));
            throw e;
        }
        Trigger trigger = new Trigger(slot, request, params, alertId, auditId, now, started);
        String key = request.idempotencyKey();
        return key == null ? guardAndRun(trigger) : idempotent(trigger, key);
    }

    private Ticket idempotent(Trigger trigger, String key) {
        String mapKey = trigger.actionId() + '\n' + key;
        IdempotentCall existing;
        IdempotentCall mine = null;
        synchronized (idempotencyLock) {
            forgetOldKeys(trigger.now);
            existing = idempotency.get(mapKey);
            if (existing == null) {
                mine = new IdempotentCall(trigger.params, trigger.now);
                idempotency.put(mapKey, mine);
                trimKeys();
            }
        }
        if (existing != null) {
            if (!existing.params.equals(trigger.params)) {
                return done(conclude(trigger, trigger.rejected(TriggerOutcome.Rejection.IDEMPOTENCY_CONFLICT,
                        "Idempotency-Key '" + key + "' was already used for action '" + trigger.actionId()
                                + "' with other parameters " + existing.params, null)));
            }
            CompletableFuture<TriggerOutcome> replay = existing.outcome.thenCompose(first -> first.ran()
                    ? CompletableFuture.completedFuture(replay(trigger, first))
                    : submit(trigger.request, trigger.alertId).future); // the first did not run: this one tries itself
            return new Ticket(replay, trigger.slot.registration.timeout().plus(REPLAY_GRACE),
                    reason -> conclude(trigger, trigger.rejected(TriggerOutcome.Rejection.IDEMPOTENCY_CONFLICT,
                            "a trigger with Idempotency-Key '" + key + "' is still in progress; try again later", null)));
        }
        IdempotentCall call = mine;
        Ticket ticket;
        try {
            ticket = guardAndRun(trigger);
        } catch (RuntimeException | Error e) {
            synchronized (idempotencyLock) {
                idempotency.remove(mapKey, call);
            }
            call.outcome.completeExceptionally(e);
            throw e;
        }
        CompletableFuture<TriggerOutcome> tracked = ticket.future.whenComplete((outcome, error) -> {
            if (outcome == null || !outcome.ran()) { // only runs are remembered: a rejected trigger may be retried
                synchronized (idempotencyLock) {
                    idempotency.remove(mapKey, call);
                }
            }
            if (error != null) {
                call.outcome.completeExceptionally(error);
            } else {
                call.outcome.complete(outcome);
            }
        });
        return new Ticket(tracked, ticket.patience, reason -> {
            ticket.giveUp.apply(reason);
            return join(tracked);
        });
    }

    private TriggerOutcome replay(Trigger trigger, TriggerOutcome first) {
        Map<String, Object> details = trigger.details(null);
        details.put("replayOf", first.auditId());
        audit(new AuditEntry(trigger.auditId, trigger.now, AuditEntry.Type.ACTION, trigger.request.who(), trigger.actionId(),
                details, "replayed", null));
        log.info("Action '{}' triggered by {} with a repeated Idempotency-Key: replaying the outcome of {}",
                trigger.actionId(), trigger.request.who(), first.auditId());
        return first.asReplay();
    }

    private void forgetOldKeys(Instant now) {
        Iterator<IdempotentCall> calls = idempotency.values().iterator();
        while (calls.hasNext()) {
            IdempotentCall call = calls.next();
            if (call.createdAt.plus(settings.idempotencyTtl()).isAfter(now)) {
                break; // insertion order is creation order: the rest are younger
            }
            if (call.outcome.isDone()) {
                calls.remove();
            }
        }
    }

    private void trimKeys() {
        Iterator<IdempotentCall> calls = idempotency.values().iterator();
        while (idempotency.size() > settings.maxIdempotencyKeys() && calls.hasNext()) {
            if (calls.next().outcome.isDone()) {
                calls.remove();
            }
        }
    }

    private Ticket guardAndRun(Trigger trigger) {
        Slot slot = trigger.slot;
        ActionRegistration registration = slot.registration;
        boolean killed = config.get(RuntimeConfig.KILL_SWITCH);
        int maxPerHour = config.get(RuntimeConfig.MAX_ACTIONS_PER_HOUR);
        boolean needsApproval = registration.critical() && config.get(RuntimeConfig.REQUIRE_APPROVAL_FOR_CRITICAL);
        TriggerOutcome refused;
        Instant previousRun;
        List<Instant> stored = storedRuns(registration, trigger.now);
        synchronized (slot) {
            if (stored != null) {
                slot.adoptRuns(stored);
            }
            refused = check(trigger, killed, maxPerHour, needsApproval);
            previousRun = slot.lastRunAt;
            if (refused == null) {
                slot.runs.addLast(trigger.now);
                slot.lastRunAt = trigger.now;
                slot.runningSince = trigger.now;
            }
        }
        if (refused != null) {
            return done(conclude(trigger, refused));
        }
        Run run = new Run(trigger);
        try {
            executor.execute(run::work);
        } catch (RejectedExecutionException e) {
            synchronized (slot) {
                slot.runs.removeLastOccurrence(trigger.now);
                slot.lastRunAt = previousRun;
                slot.runningSince = null;
            }
            return done(conclude(trigger, trigger.rejected(TriggerOutcome.Rejection.BUSY,
                    "too many actions are running (the action executor is full); try again shortly", null)));
        }
        try {
            store.recordRun(registration.id(), trigger.now);
            storeRecovered();
        } catch (RuntimeException e) {
            storeFailed(e);
        }
        try {
            run.timeoutTask(timer.schedule(run::timeOut, registration.timeout().toNanos(), TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException e) {
            log.warn("Could not schedule the timeout of action '{}' (the timer is shut down); only a waiting caller ends it",
                    registration.id());
        }
        return new Ticket(run.result, registration.timeout(), reason -> {
            run.abort(reason);
            return join(run.result);
        });
    }

    /** The guardrails, under the slot's lock: a refusing outcome, or null when the action may run now. */
    private @Nullable TriggerOutcome check(Trigger trigger, boolean killed, int maxPerHour, boolean needsApproval) {
        Slot slot = trigger.slot;
        String id = trigger.actionId();
        if (!config.loaded()) {
            return trigger.rejected(TriggerOutcome.Rejection.BUSY, "the runtime switches (kill switch, limits) have not"
                    + " been read from Vigil's store yet; no action runs until they are: try again shortly", null);
        }
        if (killed) {
            return trigger.rejected(TriggerOutcome.Rejection.KILL_SWITCH,
                    "kill switch is on (actions.kill-switch): no action runs until it is turned off", null);
        }
        if (needsApproval && trigger.alertId != null) {
            return trigger.rejected(TriggerOutcome.Rejection.NEEDS_APPROVAL, "action '" + id
                    + "' is critical and needs human approval (actions.require-approval-for-critical); auto-fix cannot run it", null);
        }
        if (slot.runningSince != null) {
            return trigger.rejected(TriggerOutcome.Rejection.ALREADY_RUNNING,
                    "action '" + id + "' is already running (since " + slot.runningSince + ")", null);
        }
        Instant rateLimitedUntil = slot.rateLimitedUntil(trigger.now, maxPerHour);
        if (rateLimitedUntil != null) {
            return trigger.rejected(TriggerOutcome.Rejection.RATE_LIMITED, "action '" + id + "' already ran "
                    + slot.runs.size() + " times in the last hour (actions.max-per-hour = " + maxPerHour
                    + "); next run allowed at " + rateLimitedUntil, rateLimitedUntil);
        }
        Instant cooledDownAt = slot.cooledDownAt(trigger.now);
        if (cooledDownAt != null) {
            return trigger.rejected(TriggerOutcome.Rejection.COOLDOWN, "action '" + id + "' is cooling down ("
                    + HumanText.duration(slot.registration.cooldown()) + " after each run); next run allowed at "
                    + cooledDownAt, cooledDownAt);
        }
        if (needsApproval) {
            String token = trigger.request.approvalToken();
            if (token == null) {
                return requestApproval(trigger);
            }
            TriggerOutcome refused = approve(trigger, token);
            if (refused != null) {
                return refused;
            }
        }
        return null;
    }

    private TriggerOutcome requestApproval(Trigger trigger) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiresAt = trigger.now.plus(settings.approvalTtl());
        try {
            store.saveApproval(new ApprovalRecord(token, trigger.actionId(), trigger.params, trigger.request.caller(),
                    trigger.auditId, expiresAt, null, null));
            storeRecovered();
        } catch (RuntimeException e) {
            storeFailed(e);
            return storeUnavailable(trigger);
        }
        return trigger.pending(token, expiresAt, "action '" + trigger.actionId()
                + "' is critical and needs approval: trigger it again with this approvalToken before " + expiresAt);
    }

    /**
     * Consumes a valid token and notes who approved, or refuses the approval: a wrong, used or expired token,
     * or the requesting person approving their own request (which leaves the token for someone else).
     */
    private @Nullable TriggerOutcome approve(Trigger trigger, String token) {
        String again = "; trigger the action without a token for a new one";
        Optional<ApprovalRecord> known;
        try {
            known = store.approval(token);
            storeRecovered();
        } catch (RuntimeException e) {
            storeFailed(e);
            return storeUnavailable(trigger);
        }
        if (known.isEmpty()) {
            return invalidApproval(trigger, "approval token is not known (mistyped, or forgotten)" + again);
        }
        ApprovalRecord approval = known.get();
        if (approval.used()) {
            return invalidApproval(trigger, "approval token was already used at " + approval.usedAt() + " by "
                    + approval.usedBy() + again);
        }
        if (!approval.actionId().equals(trigger.actionId())) {
            return invalidApproval(trigger, "approval token was issued for action '" + approval.actionId() + "', not '"
                    + trigger.actionId() + "'");
        }
        if (!sameParameters(approval.params(), trigger.params)) {
            return invalidApproval(trigger, "approval token was issued for the parameters " + approval.params() + ", not "
                    + trigger.params);
        }
        if (!trigger.now.isBefore(approval.expiresAt())) {
            return invalidApproval(trigger, "approval token expired at " + approval.expiresAt() + again);
        }
        Caller approver = trigger.request.caller();
        Caller requester = approval.requestedBy();
        if (approver.identifiesPerson() && approver.equals(requester)) {
            return trigger.rejected(TriggerOutcome.Rejection.APPROVAL_BY_REQUESTER, "action '" + trigger.actionId()
                    + "' was requested by " + requester.id() + ", who cannot also approve it: a different caller must"
                    + " approve it with this token before " + approval.expiresAt(), null);
        }
        boolean mine;
        try {
            mine = store.useApproval(token, approver.id(), trigger.now);
            storeRecovered();
        } catch (RuntimeException e) {
            storeFailed(e);
            return storeUnavailable(trigger);
        }
        if (!mine) {
            return invalidApproval(trigger, "approval token was already used by another request" + again);
        }
        trigger.extra.put("requestedBy", requester.id());
        trigger.extra.put("approvedBy", approver.id());
        trigger.extra.put("approvalAuditId", approval.auditId());
        String note = approvalNote(requester, approver);
        if (note != null) {
            trigger.approvalNote = note;
            trigger.extra.put("approvalNote", note);
        }
        return null;
    }

    /** Parameters compare by their JSON text, so that values read back from a store (5 as a Long) still match. */
    private static boolean sameParameters(Map<String, Object> approved, Map<String, Object> given) {
        return Arrays.equals(Json.write(new TreeMap<>(approved)), Json.write(new TreeMap<>(given)));
    }

    private static TriggerOutcome storeUnavailable(Trigger trigger) {
        return trigger.rejected(TriggerOutcome.Rejection.BUSY, "approvals cannot be read or stored right now (Vigil's store"
                + " is unavailable); try again shortly", null);
    }

    /** The runs the store knows of within the rate-limit window and the cooldown; null when it cannot be read. */
    private @Nullable List<Instant> storedRuns(ActionRegistration registration, Instant now) {
        Duration back = registration.cooldown().compareTo(WINDOW) > 0 ? registration.cooldown() : WINDOW;
        try {
            List<Instant> runs = store.runsSince(registration.id(), now.minus(back));
            storeRecovered();
            return runs;
        } catch (RuntimeException e) {
            storeFailed(e);
            return null;
        }
    }

    private void storeFailed(RuntimeException e) {
        if (storeFailing.compareAndSet(false, true)) {
            log.error("Vigil's action store is failing; rate limits and cooldowns count this instance's runs only and "
                    + "approvals wait until it works again: {}", e.toString());
        }
    }

    private void storeRecovered() {
        if (storeFailing.compareAndSet(true, false)) {
            log.info("Vigil's action store works again");
        }
    }

    private static TriggerOutcome invalidApproval(Trigger trigger, String problem) {
        return trigger.rejected(TriggerOutcome.Rejection.APPROVAL_INVALID, problem, null);
    }

    /** What an approval cannot vouch for when a shared credential is on either side; null between two people. */
    private static @Nullable String approvalNote(Caller requester, Caller approver) {
        if (requester.equals(approver)) {
            return "approved by a second request with the same shared credential (" + approver.id()
                    + "); Vigil cannot tell two people apart with one shared credential";
        }
        if (!approver.identifiesPerson()) {
            return "approved with the shared credential " + approver.id() + "; Vigil cannot tell whether its holder is "
                    + requester.id() + ", who requested it";
        }
        if (!requester.identifiesPerson()) {
            return "requested with the shared credential " + requester.id() + "; Vigil cannot tell whether its holder was "
                    + approver.id() + ", who approved it";
        }
        return null;
    }

    /** Records the outcome as the action's last, audits and logs it. */
    private TriggerOutcome conclude(Trigger trigger, TriggerOutcome outcome) {
        synchronized (trigger.slot) {
            trigger.slot.lastOutcome = outcome;
        }
        boolean problem = outcome.status() == TriggerOutcome.Status.FAILED || outcome.status() == TriggerOutcome.Status.REJECTED;
        audit(new AuditEntry(trigger.auditId, trigger.now, AuditEntry.Type.ACTION, trigger.request.who(), trigger.actionId(),
                trigger.details(outcome), outcome.status().jsonName(), problem ? outcome.message() : null));
        switch (outcome.status()) {
            case SUCCEEDED -> log.info("Action '{}' triggered by {} succeeded in {}ms: {}", trigger.actionId(),
                    trigger.request.who(), outcome.durationMs(), outcome.message());
            case FAILED -> log.warn("Action '{}' triggered by {} failed after {}ms: {}", trigger.actionId(),
                    trigger.request.who(), outcome.durationMs(), outcome.message());
            case REJECTED -> log.info("Action '{}' triggered by {} was rejected: {}", trigger.actionId(),
                    trigger.request.who(), outcome.message());
            case PENDING_APPROVAL -> log.info("Action '{}' triggered by {} waits for approval until {}", trigger.actionId(),
                    trigger.request.who(), outcome.approvalExpiresAt());
        }
        return outcome;
    }

    private void audit(AuditEntry entry) {
        try {
            audit.add(entry);
            if (auditFailing.compareAndSet(true, false)) {
                log.info("The audit log accepts entries again");
            }
        } catch (RuntimeException e) {
            if (auditFailing.compareAndSet(false, true)) {
                log.error("Could not write to the audit log; action triggers go on unaudited until it recovers: {}", entry, e);
            }
        }
    }

    private static Ticket done(TriggerOutcome outcome) {
        return new Ticket(CompletableFuture.completedFuture(outcome), Duration.ZERO, reason -> outcome);
    }

    private static TriggerOutcome join(CompletableFuture<TriggerOutcome> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw rethrow(e.getCause());
        }
    }

    private static RuntimeException rethrow(@Nullable Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    // ---------------------------------------------------------------- state

    /** What a caller waits on, how long, and what it does when it gives up waiting (with a reason). */
    private record Ticket(CompletableFuture<TriggerOutcome> future, Duration patience,
            Function<String, TriggerOutcome> giveUp) {
    }

    /** One trigger on its way through the pipeline. */
    private final class Trigger {
        final Slot slot;
        final TriggerRequest request;
        final Map<String, Object> params;
        final @Nullable String alertId;
        final String auditId;
        final Instant now;
        final long started;
        final Map<String, Object> extra = new ConcurrentHashMap<>();
        volatile @Nullable String approvalNote;

        Trigger(Slot slot, TriggerRequest request, Map<String, Object> params, @Nullable String alertId, String auditId,
                Instant now, long started) {
            this.slot = slot;
            this.request = request;
            this.params = params;
            this.alertId = alertId;
            this.auditId = auditId;
            this.now = now;
            this.started = started;
        }

        String actionId() {
            return slot.registration.id();
        }

        long elapsedMs() {
            return Math.max(0, TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - started));
        }

        TriggerOutcome outcome(TriggerOutcome.Status status, String message, Map<String, Object> details,
                TriggerOutcome.@Nullable Rejection rejection, @Nullable String token, @Nullable Instant expiresAt,
                @Nullable Instant nextAllowedAt) {
            return new TriggerOutcome(status, actionId(), message, auditId, elapsedMs(), request.who(), now, details,
                    rejection, token, expiresAt, nextAllowedAt, approvalNote, false);
        }

        TriggerOutcome rejected(TriggerOutcome.Rejection rejection, String message, @Nullable Instant nextAllowedAt) {
            return outcome(TriggerOutcome.Status.REJECTED, message, Map.of(), rejection, null, null, nextAllowedAt);
        }

        TriggerOutcome pending(String token, Instant expiresAt, String message) {
            return outcome(TriggerOutcome.Status.PENDING_APPROVAL, message, Map.of(), null, token, expiresAt, null);
        }

        TriggerOutcome failed(String message) {
            return outcome(TriggerOutcome.Status.FAILED, message, Map.of(), null, null, null, null);
        }

        TriggerOutcome ran(ActionResult result) {
            return outcome(result.status() == ActionResult.Status.SUCCEEDED ? TriggerOutcome.Status.SUCCEEDED
                    : TriggerOutcome.Status.FAILED, result.message(), result.details(), null, null, null, null);
        }

        /** The audit details: parameters, keys, approval, duration and the outcome's particulars. */
        Map<String, Object> details(@Nullable TriggerOutcome outcome) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("params", params);
            if (request.idempotencyKey() != null) {
                details.put("idempotencyKey", request.idempotencyKey());
            }
            if (alertId != null) {
                details.put("alertId", alertId);
            }
            details.putAll(new TreeMap<>(extra));
            if (outcome != null) {
                details.put("durationMs", outcome.durationMs());
                outcome.rejectionReason().ifPresent(reason -> details.put("reason", reason.jsonName()));
                outcome.retryAt().ifPresent(at -> details.put("nextAllowedAt", at.toString()));
                if (outcome.approvalExpiresAt() != null) {
                    details.put("approvalExpiresAt", outcome.approvalExpiresAt().toString());
                }
                if (!outcome.details().isEmpty()) {
                    details.put("result", outcome.details());
                }
                if (outcome.ran()) {
                    details.put("message", outcome.message());
                }
            }
            return details;
        }
    }

    /** One run on the action executor, ended by the action, by its timeout or by a caller giving up. */
    private final class Run {
        final Trigger trigger;
        final ActionContext context;
        final CompletableFuture<TriggerOutcome> result = new CompletableFuture<>();
        private final AtomicBoolean finished = new AtomicBoolean();
        private @Nullable Thread worker; // guarded by this
        private boolean claimed; // guarded by this: the work started, or will never start
        private boolean interrupted; // guarded by this: we interrupted the worker
        private volatile @Nullable ScheduledFuture<?> timeoutTask;

        Run(Trigger trigger) {
            this.trigger = trigger;
            this.context = new ActionContext(trigger.actionId(), trigger.params, trigger.request.who(), trigger.auditId,
                    trigger.now.plus(trigger.slot.registration.timeout()));
        }

        void timeoutTask(ScheduledFuture<?> task) {
            timeoutTask = task;
            if (finished.get()) {
                task.cancel(false);
            }
        }

        void work() {
            synchronized (this) {
                if (claimed) {
                    return;
                }
                claimed = true;
                worker = Thread.currentThread();
            }
            ActionResult outcome = null;
            Throwable failure = null;
            try {
                outcome = trigger.slot.registration.action().run(context);
            } catch (Throwable e) { // whatever the action throws, the run ends with an outcome
                failure = e;
            } finally {
                boolean clearInterrupt;
                synchronized (this) {
                    worker = null;
                    clearInterrupt = interrupted;
                }
                if (clearInterrupt) {
                    Thread.interrupted(); // our interrupt must not reach the pool's next task
                }
                release();
            }
            if (context.isCancelled()) {
                log.info("Action '{}' (audit id {}) was cancelled and ended {}ms after its trigger: {}", trigger.actionId(),
                        trigger.auditId, trigger.elapsedMs(), failure != null ? describe(failure)
                                : outcome == null ? "returned null" : outcome.status().jsonName() + ": " + outcome.message());
            } else if (failure != null) {
                log.warn("Action '{}' threw", trigger.actionId(), failure);
                finish(trigger.failed("action threw " + describe(failure)));
            } else if (outcome == null) {
                finish(trigger.failed("action returned null instead of an ActionResult"));
            } else {
                finish(trigger.ran(outcome));
            }
        }

        void timeOut() {
            abort("timed out after " + HumanText.duration(trigger.slot.registration.timeout()));
        }

        /** Cancels the run: marks the context, interrupts the action's thread, reports it failed with {@code message}. */
        void abort(String message) {
            if (finished.get()) {
                return;
            }
            boolean neverStarted;
            synchronized (this) {
                context.cancel();
                neverStarted = !claimed;
                claimed = true;
                if (worker != null) {
                    interrupted = true;
                    worker.interrupt();
                }
            }
            if (neverStarted) {
                release();
            }
            finish(trigger.failed(neverStarted ? message + " waiting for a free action thread" : message));
        }

        private void release() {
            synchronized (trigger.slot) {
                trigger.slot.runningSince = null;
            }
        }

        private void finish(TriggerOutcome outcome) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            ScheduledFuture<?> task = timeoutTask;
            if (task != null) {
                task.cancel(false);
            }
            result.complete(conclude(trigger, outcome));
        }
    }

    /** One action's registration and guard state; fields guarded by the slot itself. */
    private static final class Slot {
        final ActionRegistration registration;
        final ArrayDeque<Instant> runs = new ArrayDeque<>(); // starts within the last hour, oldest first
        @Nullable Instant lastRunAt;
        @Nullable Instant runningSince;
        @Nullable TriggerOutcome lastOutcome;

        Slot(ActionRegistration registration) {
            this.registration = registration;
        }

        /** Takes the runs the store knows of (every instance's) as this action's runs, keeping the latest start. */
        void adoptRuns(List<Instant> stored) {
            runs.clear();
            runs.addAll(stored);
            if (!stored.isEmpty()) {
                Instant last = stored.get(stored.size() - 1);
                if (lastRunAt == null || last.isAfter(lastRunAt)) {
                    lastRunAt = last;
                }
            }
        }

        /** When the rate limit lets the action run again, or null if it may run now. */
        @Nullable Instant rateLimitedUntil(Instant now, int maxPerHour) {
            Instant leaving = now.minus(WINDOW);
            while (!runs.isEmpty() && !runs.peekFirst().isAfter(leaving)) {
                runs.pollFirst();
            }
            if (runs.size() < maxPerHour) {
                return null;
            }
            Iterator<Instant> oldest = runs.iterator();
            for (int i = 0; i < runs.size() - maxPerHour; i++) {
                oldest.next();
            }
            return oldest.next().plus(WINDOW); // the run whose leaving brings the count below the limit
        }

        /** When the cooldown ends, or null if it has. */
        @Nullable Instant cooledDownAt(Instant now) {
            if (lastRunAt == null || registration.cooldown().isZero()) {
                return null;
            }
            Instant end = lastRunAt.plus(registration.cooldown());
            return now.isBefore(end) ? end : null;
        }

        synchronized ActionStatus status(Instant now, int maxPerHour, boolean approvalRequired) {
            Instant rateLimited = rateLimitedUntil(now, maxPerHour);
            Instant cooled = cooledDownAt(now);
            Instant next = rateLimited == null ? cooled
                    : cooled == null || rateLimited.isAfter(cooled) ? rateLimited : cooled;
            Duration cooldownRemaining = cooled == null ? Duration.ZERO : Duration.between(now, cooled);
            return new ActionStatus(registration.id(), registration.description(), registration.severity(),
                    registration.parameters(), registration.timeout(), registration.cooldown(),
                    registration.critical() && approvalRequired, runningSince != null, runs.size(), maxPerHour,
                    cooldownRemaining, next, lastRunAt, lastOutcome);
        }
    }

    /** A first trigger with an idempotency key: its parameters and, once known, its outcome. */
    private static final class IdempotentCall {
        final Map<String, Object> params;
        final Instant createdAt;
        final CompletableFuture<TriggerOutcome> outcome = new CompletableFuture<>();

        IdempotentCall(Map<String, Object> params, Instant createdAt) {
            this.params = params;
            this.createdAt = createdAt;
        }
    }

}
