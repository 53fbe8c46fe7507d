package dev.vigil.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the registered {@link AlertRule}s and keeps one alert per fingerprint (rule + labels)
 * through its lifecycle, handing notifications to the dispatcher.
 *
 * <p>Lifecycle: a condition that holds makes an alert PENDING; once it has held for the rule's
 * {@code for} duration the alert is FIRING and one firing notification is made, repeated every
 * {@link AlertSettings#repeatInterval()} while it still fires and nobody acknowledged it. When the
 * condition stops holding (and {@code keep-firing-for} has passed) the alert is RESOLVED and, if a
 * firing notification was made, one resolved notification follows. A pending alert whose condition
 * disappears is dropped without a word, so flapping inside {@code for} sends nothing. A new activation
 * after a resolution is a new alert with a new id.
 *
 * <p>Silences hold back notifications of matching alerts, which keep their lifecycle and stay
 * visible; when the silence ends and the alert still fires, the notification it owes is made then.
 * Every change is appended to a bounded history.
 *
 * <p>Threading: {@link #evaluate()} runs on one thread at a time (a concurrent call is skipped). Rules
 * are called without any lock held; their results are applied under a short lock that readers
 * ({@link #active()}, {@link #acknowledge}, silences, history) share; notifications go to the
 * dispatcher after the evaluation, outside the lock. A rule that throws is logged once per change of
 * its error and skipped; its alerts keep their state and the other rules are unaffected.
 */
public final class AlertEngine {

    private static final Logger log = LoggerFactory.getLogger(AlertEngine.class);
    private static final Comparator<Alert> URGENT_FIRST = Comparator.comparing(Alert::severity).reversed()
            .thenComparing(Alert::since).thenComparing(Alert::fingerprint);

    /**
     * What one evaluation did, for the dashboard and for spotting expensive rules.
     *
     * @param at when it ran
     * @param took how long it took, rules included
     * @param rules enabled rules evaluated
     * @param failedRules rules that threw or returned null
     * @param activeAlerts pending and firing alerts afterwards
     * @param notifications notifications handed to the dispatcher
     */
    public record Evaluation(Instant at, Duration took, int rules, int failedRules, int activeAlerts, int notifications) {
    }

    private final RuleContext context;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Consumer<Notification> notifications;
    private final AlertSettings settings;

    private final Object lock = new Object();
    private volatile Slot[] slots = new Slot[0]; // copy-on-write under lock
    private final Map<String, Record> byId = new HashMap<>(); // guarded by lock
    private final List<Silence> silences = new ArrayList<>(); // guarded by lock
    private final ArrayDeque<AlertTransition> history = new ArrayDeque<>(); // guarded by lock, newest first

    private final AtomicBoolean evaluating = new AtomicBoolean();
    private final List<Notification> outbox = new ArrayList<>(); // evaluating thread only
    private long tick; // evaluating thread only
    private boolean dispatcherFailing; // evaluating thread only
    private boolean slowLogged; // evaluating thread only
    private volatile @Nullable Evaluation lastEvaluation;
    private volatile Instant nextDue;

    /**
     * Creates an engine that reads time from the context's clock and durations from {@link System#nanoTime()}.
     *
     * @param context what rules read: clock, metric history, latest health report
     * @param notifications the dispatcher: receives firing and resolved notifications, should not block
     * @param settings evaluation interval, repeat interval, history size, service name
     */
    public AlertEngine(RuleContext context, Consumer<Notification> notifications, AlertSettings settings) {
        this(context, System::nanoTime, notifications, settings);
    }

    /**
     * Creates an engine with a monotonic nanosecond source for measuring evaluations.
     *
     * @param context what rules read: clock, metric history, latest health report
     * @param nanoTime monotonic nanosecond source
     * @param notifications the dispatcher: receives firing and resolved notifications, should not block
     * @param settings evaluation interval, repeat interval, history size, service name
     */
    public AlertEngine(RuleContext context, LongSupplier nanoTime, Consumer<Notification> notifications,
            AlertSettings settings) {
        this.context = Objects.requireNonNull(context, "context");
        this.clock = context.clock();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nextDue = clock.instant();
    }

    // ---------------------------------------------------------------- rules

    /**
     * Registers a rule; it is evaluated from the next evaluation on (if enabled).
     *
     * @throws IllegalArgumentException if a rule with that name is already registered
     */
    public void register(AlertRuleRegistration registration) {
        Objects.requireNonNull(registration, "registration");
        synchronized (lock) {
            for (Slot slot : slots) {
                if (slot.registration.name().equals(registration.name())) {
                    throw new IllegalArgumentException("an alert rule named '" + registration.name() + "' is already registered");
                }
            }
            Slot[] next = Arrays.copyOf(slots, slots.length + 1);
            next[slots.length] = new Slot(registration);
            slots = next;
        }
    }

    /**
     * Removes a rule. Its pending alerts are dropped and its firing ones recorded as resolved ("rule
     * unregistered") without a notification. Returns whether it was registered.
     */
    public boolean unregister(String name) {
        Instant now = clock.instant();
        synchronized (lock) {
            Slot[] current = slots;
            for (int i = 0; i < current.length; i++) {
                Slot slot = current[i];
                if (!slot.registration.name().equals(name)) {
                    continue;
                }
                slot.removed = true;
                Slot[] next = new Slot[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                slots = next;
                for (Record alert : slot.alerts.values()) {
                    byId.remove(alert.id);
                    if (alert.state == AlertState.FIRING) {
                        alert.state = AlertState.RESOLVED;
                        record(alert.snapshot(now), AlertState.FIRING, AlertTransition.Change.STATE, now, "rule unregistered");
                    }
                }
                slot.alerts.clear();
                return true;
            }
            return false;
        }
    }

    /** The registered rules, in registration order. */
    public List<AlertRuleRegistration> rules() {
        Slot[] current = slots;
        List<AlertRuleRegistration> rules = new ArrayList<>(current.length);
        for (Slot slot : current) {
            rules.add(slot.registration);
        }
        return Collections.unmodifiableList(rules);
    }

    /** Rules whose last evaluation failed, with the error, by name. */
    public Map<String, String> failingRules() {
        Map<String, String> failing = new LinkedHashMap<>();
        for (Slot slot : slots) {
            String error = slot.error;
            if (error != null) {
                failing.put(slot.registration.name(), error);
            }
        }
        return Collections.unmodifiableMap(failing);
    }

    // ---------------------------------------------------------------- evaluation

    /**
     * Evaluates every enabled rule once if the evaluation interval has passed since the last such call;
     * returns whether it did. The monitor's scheduler calls this.
     */
    public boolean evaluateIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextDue)) {
            return false;
        }
        nextDue = now.plus(settings.evaluationInterval());
        evaluate();
        return true;
    }

    /** How long until {@link #evaluateIfDue()} evaluates again; zero if it is due. */
    public Duration untilNextDue() {
        Duration wait = Duration.between(clock.instant(), nextDue);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /**
     * Evaluates every enabled rule once now and applies the results: lifecycle transitions, history,
     * notifications. If another evaluation is under way, this call does nothing.
     */
    public void evaluate() {
        if (!evaluating.compareAndSet(false, true)) {
            log.debug("An alert evaluation is already running; skipping this one");
            return;
        }
        try {
            long started = nanoTime.getAsLong();
            Instant now = clock.instant();
            tick++;
            RuleContext view = context.at(now);
            synchronized (lock) {
                silences.removeIf(silence -> !silence.endsAt().isAfter(now));
            }
            int evaluated = 0;
            int failed = 0;
            for (Slot slot : slots) {
                if (!slot.registration.enabled()) {
                    continue;
                }
                evaluated++;
                List<AlertCondition> conditions = evaluate(slot, view);
                if (conditions == null) {
                    failed++;
                    continue;
                }
                synchronized (lock) {
                    if (!slot.removed) {
                        apply(slot, conditions, now);
                    }
                }
            }
            int active;
            synchronized (lock) {
                active = byId.size();
            }
            int sent = outbox.size();
            dispatch();
            Duration took = Duration.ofNanos(Math.max(0, nanoTime.getAsLong() - started));
            lastEvaluation = new Evaluation(now, took, evaluated, failed, active, sent);
            noteDuration(took, evaluated);
        } finally {
            outbox.clear();
            evaluating.set(false);
        }
    }

    /** What the last evaluation did, if one ran. */
    public Optional<Evaluation> lastEvaluation() {
        return Optional.ofNullable(lastEvaluation);
    }

    /** Calls the rule; null when it failed (logged once per change of its error). */
    private static @Nullable List<AlertCondition> evaluate(Slot slot, RuleContext view) {
        List<AlertCondition> conditions = null;
        Throwable failure = null;
        String error;
        try {
            conditions = slot.registration.rule().evaluate(view);
            error = conditions == null ? "returned null instead of a list of conditions" : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
            error = describe(e);
        } catch (Throwable e) { // a rule must never stop the other rules, whatever it throws
            failure = e;
            error = describe(e);
        }
        String previous = slot.error;
        if (error != null && !error.equals(previous)) {
            log.warn("Alert rule '{}' failed and is skipped until it evaluates again (its alerts keep their state): {}",
                    slot.registration.name(), error, failure);
        } else if (error == null && previous != null) {
            log.info("Alert rule '{}' evaluates again", slot.registration.name());
        }
        slot.error = error;
        return error == null ? conditions : null;
    }

    /** Applies one rule's conditions: creation, pending → firing, disappearance, silences, notifications. */
    private void apply(Slot slot, List<AlertCondition> conditions, Instant now) {
        AlertRuleRegistration registration = slot.registration;
        for (int i = 0, n = conditions.size(); i < n; i++) {
            AlertCondition condition = conditions.get(i);
            if (condition == null) {
                continue;
            }
            Map<String, String> labels = labels(registration, condition);
            Record alert = slot.alerts.get(labels);
            if (alert == null) {
                if (slot.alerts.size() >= settings.maxAlertsPerRule()) {
                    if (!slot.capLogged) {
                        slot.capLogged = true;
                        log.warn("Alert rule '{}' holds {} alerts (monitor.alerts.max-alerts-per-rule); further label sets "
                                + "such as {} are ignored", registration.name(), settings.maxAlertsPerRule(), labels);
                    }
                    continue;
                }
                alert = new Record(UUID.randomUUID().toString(), registration, labels, now);
                slot.alerts.put(labels, alert);
                byId.put(alert.id, alert);
                alert.update(condition, tick);
                alert.state = registration.forDuration().isZero() ? AlertState.FIRING : AlertState.PENDING;
                if (alert.state == AlertState.FIRING) {
                    alert.firedAt = now;
                }
                record(alert.snapshot(now), null, AlertTransition.Change.STATE, now, "");
                continue;
            }
            if (alert.seenTick == tick) {
                continue; // the same label set twice in one result: the first one counts
            }
            alert.update(condition, tick);
            if (alert.state == AlertState.PENDING && !now.isBefore(alert.since.plus(registration.forDuration()))) {
                alert.state = AlertState.FIRING;
                alert.firedAt = now;
                record(alert.snapshot(now), AlertState.PENDING, AlertTransition.Change.STATE, now, "");
            }
        }
        Iterator<Record> alerts = slot.alerts.values().iterator();
        while (alerts.hasNext()) {
            Record alert = alerts.next();
            boolean silenced = silenced(alert, now);
            if (alert.seenTick != tick) {
                if (alert.state == AlertState.PENDING) { // cleared inside `for`: dropped without a word
                    alerts.remove();
                    byId.remove(alert.id);
                    continue;
                }
                if (alert.missingSince == null) {
                    alert.missingSince = now;
                }
                if (!now.isBefore(alert.missingSince.plus(registration.keepFiringFor()))) {
                    alerts.remove();
                    byId.remove(alert.id);
                    alert.state = AlertState.RESOLVED;
                    Alert resolved = alert.snapshot(now);
                    record(resolved, AlertState.FIRING, AlertTransition.Change.STATE, now, "");
                    if (settings.sendResolved() && alert.notifiedAt != null && !silenced) {
                        emit(alert, Notification.Kind.RESOLVED, resolved, now);
                    }
                    continue;
                }
            }
            if (silenced != alert.silenced) {
                alert.silenced = silenced;
                record(alert.snapshot(now), alert.state,
                        silenced ? AlertTransition.Change.SILENCED : AlertTransition.Change.UNSILENCED, now, "");
            }
            if (alert.state == AlertState.FIRING && !silenced && notificationDue(alert, now)) {
                alert.notifiedAt = now;
                emit(alert, Notification.Kind.FIRING, alert.snapshot(now), now);
            }
        }
    }

    /** The first firing notification is owed until made; repeats only while nobody acknowledged the alert. */
    private boolean notificationDue(Record alert, Instant now) {
        return alert.notifiedAt == null
                || !alert.acknowledged && !now.isBefore(alert.notifiedAt.plus(settings.repeatInterval()));
    }

    private static Map<String, String> labels(AlertRuleRegistration registration, AlertCondition condition) {
        if (registration.labels().isEmpty()) {
            return condition.labels();
        }
        TreeMap<String, String> merged = new TreeMap<>(condition.labels());
        merged.putAll(registration.labels());
        return Collections.unmodifiableMap(merged);
    }

    private boolean silenced(Record alert, Instant now) {
        for (int i = 0, n = silences.size(); i < n; i++) {
            Silence silence = silences.get(i);
            if (silence.isActiveAt(now) && silence.matches(alert.registration.name(), alert.registration.severity(), alert.labels)) {
                return true;
            }
        }
        return false;
    }

    private void emit(Record alert, Notification.Kind kind, Alert snapshot, Instant now) {
        alert.notifications++;
        outbox.add(new Notification(alert.id + "-" + alert.notifications, kind, snapshot, settings.service(), now));
    }

    private void dispatch() {
        for (int i = 0, n = outbox.size(); i < n; i++) {
            try {
                notifications.accept(outbox.get(i));
                if (dispatcherFailing) {
                    dispatcherFailing = false;
                    log.info("Alert notifications reach the dispatcher again");
                }
            } catch (RuntimeException e) {
                if (!dispatcherFailing) {
                    dispatcherFailing = true;
                    log.error("Could not hand an alert notification to the dispatcher; it is lost", e);
                }
            }
        }
    }

    private void noteDuration(Duration took, int rules) {
        boolean slow = took.compareTo(settings.evaluationInterval()) > 0;
        if (slow && !slowLogged) {
            log.warn("Evaluating {} alert rules took {} ms, longer than monitor.alerts.evaluation-interval ({})",
                    rules, took.toMillis(), settings.evaluationInterval());
        }
        slowLogged = slow;
    }

    // ---------------------------------------------------------------- reading

    /** The pending and firing alerts, most severe first, then oldest first. */
    public List<Alert> active() {
        Instant now = clock.instant();
        List<Alert> alerts = new ArrayList<>();
        synchronized (lock) {
            for (Record alert : byId.values()) {
                alerts.add(alert.snapshot(now));
            }
        }
        alerts.sort(URGENT_FIRST);
        return Collections.unmodifiableList(alerts);
    }

    /** The pending and firing alerts with their silences, acknowledgement and notifications, in {@link #active()} order. */
    public List<ActiveAlert> activeDetails() {
        Instant now = clock.instant();
        List<ActiveAlert> alerts = new ArrayList<>();
        synchronized (lock) {
            for (Record alert : byId.values()) {
                List<String> silencedBy = new ArrayList<>(0);
                for (Silence silence : silences) {
                    if (silence.isActiveAt(now)
                            && silence.matches(alert.registration.name(), alert.registration.severity(), alert.labels)) {
                        silencedBy.add(silence.id());
                    }
                }
                alerts.add(new ActiveAlert(alert.snapshot(now), silencedBy, alert.acknowledgedBy, alert.acknowledgedAt,
                        alert.notifiedAt, alert.notifications));
            }
        }
        alerts.sort(Comparator.comparing(ActiveAlert::alert, URGENT_FIRST));
        return Collections.unmodifiableList(alerts);
    }

    /** One pending or firing alert by id. */
    public Optional<Alert> alert(String alertId) {
        synchronized (lock) {
            Record alert = byId.get(alertId);
            return alert == null ? Optional.empty() : Optional.of(alert.snapshot(clock.instant()));
        }
    }

    /**
     * The recorded transitions, newest first.
     *
     * @param state only transitions into this state (not acknowledgements or silences), if present
     * @param since only transitions at or after this instant, if present
     * @param limit at most this many
     */
    public List<AlertTransition> history(Optional<AlertState> state, Optional<Instant> since, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        AlertState wanted = state.orElse(null);
        Instant from = since.orElse(null);
        List<AlertTransition> result = new ArrayList<>(Math.min(limit, 64));
        synchronized (lock) {
            for (AlertTransition transition : history) {
                if (result.size() >= limit || from != null && transition.at().isBefore(from)) {
                    break; // newest first: everything further is older
                }
                if (wanted == null || transition.entered(wanted)) {
                    result.add(transition);
                }
            }
        }
        return Collections.unmodifiableList(result);
    }

    // ---------------------------------------------------------------- acknowledgement and silences

    /**
     * Acknowledges a pending or firing alert: it stays visible, but firing notifications are no longer
     * repeated (its first one is still made). Idempotent.
     *
     * @return the acknowledged alert, or empty if no active alert has that id (e.g. it resolved)
     */
    public Optional<Alert> acknowledge(String alertId, String who) {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(who, "who");
        Instant now = clock.instant();
        synchronized (lock) {
            Record alert = byId.get(alertId);
            if (alert == null) {
                return Optional.empty();
            }
            if (!alert.acknowledged) {
                alert.acknowledged = true;
                alert.acknowledgedBy = who;
                alert.acknowledgedAt = now;
                record(alert.snapshot(now), alert.state, AlertTransition.Change.ACKNOWLEDGED, now, "acknowledged by " + who);
            }
            return Optional.of(alert.snapshot(now));
        }
    }

    /** Adds a silence, or replaces the one with the same id. It takes effect from the next evaluation. */
    public void silence(Silence silence) {
        Objects.requireNonNull(silence, "silence");
        synchronized (lock) {
            silences.removeIf(existing -> existing.id().equals(silence.id()));
            silences.add(silence);
        }
    }

    /** The silences that have not ended, including those that start later. */
    public List<Silence> silences() {
        Instant now = clock.instant();
        synchronized (lock) {
            return silences.stream().filter(silence -> silence.endsAt().isAfter(now)).toList();
        }
    }

    /** Removes a silence; the alerts it held back notify from the next evaluation. Returns whether it existed. */
    public boolean removeSilence(String id) {
        synchronized (lock) {
            return silences.removeIf(silence -> silence.id().equals(id));
        }
    }

    /** The settings this engine runs with. */
    public AlertSettings settings() {
        return settings;
    }

    private void record(Alert alert, @Nullable AlertState from, AlertTransition.Change change, Instant now, String note) {
        if (history.size() >= settings.historySize()) {
            history.removeLast();
        }
        history.addFirst(new AlertTransition(alert, from, alert.state(), now, change, note));
        if (change == AlertTransition.Change.STATE && log.isDebugEnabled()) {
            log.debug("Alert {} is {}: {}", alert.fingerprint(), alert.state().jsonName(), alert.message());
        }
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        String type = error.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }

    /** A registered rule and its alerts by label set. */
    private static final class Slot {
        final AlertRuleRegistration registration;
        final Map<Map<String, String>, Record> alerts = new HashMap<>(); // guarded by the engine's lock
        volatile @Nullable String error;
        boolean capLogged;
        boolean removed; // guarded by the engine's lock

        Slot(AlertRuleRegistration registration) {
            this.registration = registration;
        }
    }

    /** One alert's mutable state, guarded by the engine's lock. */
    private static final class Record {
        final String id;
        final AlertRuleRegistration registration;
        final Map<String, String> labels;
        final String fingerprint;
        final Instant since;
        AlertState state = AlertState.PENDING;
        String message = "";
        double value = Double.NaN;
        @Nullable String conditionAction;
        @Nullable Instant firedAt;
        @Nullable Instant missingSince;
        long seenTick;
        boolean silenced;
        boolean acknowledged;
        @Nullable String acknowledgedBy;
        @Nullable Instant acknowledgedAt;
        @Nullable Instant notifiedAt;
        int notifications;

        Record(String id, AlertRuleRegistration registration, Map<String, String> labels, Instant since) {
            this.id = id;
            this.registration = registration;
            this.labels = labels;
            this.fingerprint = labels.isEmpty() ? registration.name() : registration.name() + labels;
            this.since = since;
        }

        void update(AlertCondition condition, long tick) {
            seenTick = tick;
            missingSince = null;
            message = condition.message();
            value = condition.value();
            conditionAction = condition.suggestedAction();
        }

        Alert snapshot(Instant now) {
            String action = conditionAction != null ? conditionAction : registration.suggestedAction().orElse(null);
            return new Alert(id, registration.name(), fingerprint, registration.severity(), state, message, labels, value,
                    since, firedAt, state == AlertState.RESOLVED ? now : null, acknowledged, action);
        }
    }
}
