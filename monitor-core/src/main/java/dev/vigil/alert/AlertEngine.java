package dev.vigil.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
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
 * <p>State lives in an {@link AlertStore}; the engine keeps a cache in front of it. With a store that
 * several instances share, every instance evaluates the rules and they agree through the store: the
 * first instance to see a condition opens the alert (its id derives from the fingerprint and the
 * activation time), the others adopt it, and every change is a compare-and-set, so only one instance
 * records a transition and makes its notification (whose id derives from the alert and the
 * transition, so the outbox deduplicates even a race). An alert resolves when no instance has seen
 * its condition for {@link AlertSettings#resolveGrace()}. While the store fails, the engine carries on
 * from its cache and writes its changes back when the store returns.
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
    private static final int MAX_CHANGE_ATTEMPTS = 3;

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

    /**
     * What the latest evaluation of one rule found.
     *
     * @param at when it ran
     * @param conditions how many conditions held (zero when the rule failed)
     * @param sample the first of those conditions, at most {@value #MAX_SAMPLED_CONDITIONS}, with their values
     * @param error why the rule failed, if it did
     */
    public record RuleEvaluation(Instant at, int conditions, List<AlertCondition> sample, @Nullable String error) {
        public RuleEvaluation {
            Objects.requireNonNull(at, "at");
            sample = List.copyOf(sample);
        }
    }

    /** Conditions kept per rule for {@link #lastEvaluation(String)}. */
    public static final int MAX_SAMPLED_CONDITIONS = 10;

    private final RuleContext context;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Consumer<Notification> notifications;
    private final AlertSettings settings;
    private final AlertStore store;

    private final Object lock = new Object();
    private volatile Slot[] slots = new Slot[0]; // copy-on-write under lock
    private final Map<String, Record> byId = new HashMap<>(); // guarded by lock
    private List<Silence> silences = List.of(); // guarded by lock; refreshed from the store every evaluation

    private final AtomicBoolean evaluating = new AtomicBoolean();
    private final List<Notification> outbox = new ArrayList<>(); // evaluating thread only
    private final List<String> seen = new ArrayList<>(); // evaluating thread only
    private long tick; // evaluating thread only
    private boolean dispatcherFailing; // evaluating thread only
    private boolean slowLogged; // evaluating thread only
    private final AtomicBoolean storeFailing = new AtomicBoolean();
    private volatile @Nullable Evaluation lastEvaluation;
    private volatile Instant nextDue;

    /**
     * Creates an engine with its state in memory, that reads time from the context's clock and durations
     * from {@link System#nanoTime()}.
     *
     * @param context what rules read: clock, metric history, latest health report
     * @param notifications the dispatcher: receives firing and resolved notifications, should not block
     * @param settings evaluation interval, repeat interval, history size, service name
     */
    public AlertEngine(RuleContext context, Consumer<Notification> notifications, AlertSettings settings) {
        this(context, System::nanoTime, notifications, settings);
    }

    /**
     * Creates an engine with its state in memory and a monotonic nanosecond source for measuring evaluations.
     *
     * @param context what rules read: clock, metric history, latest health report
     * @param nanoTime monotonic nanosecond source
     * @param notifications the dispatcher: receives firing and resolved notifications, should not block
     * @param settings evaluation interval, repeat interval, history size, service name
     */
    public AlertEngine(RuleContext context, LongSupplier nanoTime, Consumer<Notification> notifications,
            AlertSettings settings) {
        this(context, nanoTime, notifications, settings, new MemoryAlertStore(settings.historySize()));
    }

    /**
     * Creates an engine that keeps its alerts, history and silences in {@code store}.
     *
     * @param context what rules read: clock, metric history, latest health report
     * @param nanoTime monotonic nanosecond source
     * @param notifications the dispatcher: receives firing and resolved notifications, should not block
     * @param settings evaluation interval, repeat interval, resolve grace, service name
     * @param store where alerts, history and silences are kept, possibly shared with other instances
     */
    public AlertEngine(RuleContext context, LongSupplier nanoTime, Consumer<Notification> notifications,
            AlertSettings settings, AlertStore store) {
        this.context = Objects.requireNonNull(context, "context");
        this.clock = context.clock();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = Objects.requireNonNull(store, "store");
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
                    byId.remove(alert.id());
                    if (removeStored(alert) && alert.state() == AlertState.FIRING) {
                        record(alert.snapshot(now, AlertState.RESOLVED), AlertState.FIRING, AlertTransition.Change.STATE,
                                now, "rule unregistered");
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
     * Reads the shared state, evaluates every enabled rule once now and applies the results: lifecycle
     * transitions, history, notifications. If another evaluation is under way, this call does nothing.
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
            sync(now);
            int evaluated = 0;
            int failed = 0;
            for (Slot slot : slots) {
                if (!slot.registration.enabled()) {
                    continue;
                }
                evaluated++;
                List<AlertCondition> conditions = evaluate(slot, view);
                slot.last = new RuleEvaluation(now, conditions == null ? 0 : conditions.size(), sample(conditions), slot.error);
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
            if (!seen.isEmpty()) {
                storeCall(() -> store.seen(seen, now));
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
            seen.clear();
            evaluating.set(false);
        }
    }

    /** What the last evaluation did, if one ran. */
    public Optional<Evaluation> lastEvaluation() {
        return Optional.ofNullable(lastEvaluation);
    }

    /**
     * Brings the cache up to date with the store: alerts other instances opened, changed or resolved,
     * and the silences. Changes made while the store failed are written back first.
     */
    private void sync(Instant now) {
        List<StoredAlert> rows;
        List<Silence> current;
        try {
            rows = store.active();
            current = store.silences(now);
            storeRecovered();
        } catch (RuntimeException e) {
            storeFailed(e);
            synchronized (lock) {
                silences = silences.stream().filter(silence -> silence.endsAt().isAfter(now)).toList();
            }
            return;
        }
        Map<String, StoredAlert> byFingerprint = new HashMap<>(rows.size() * 4 / 3 + 1);
        for (StoredAlert row : rows) {
            byFingerprint.put(row.fingerprint(), row);
        }
        synchronized (lock) {
            silences = current;
            Slot[] all = slots;
            for (Slot slot : all) {
                Iterator<Record> cached = slot.alerts.values().iterator();
                while (cached.hasNext()) {
                    Record alert = cached.next();
                    StoredAlert row = byFingerprint.remove(alert.stored.fingerprint());
                    if (row == null && alert.dirty) {
                        row = storeCall(() -> store.open(alert.stored));
                    }
                    if (row == null) { // resolved or dropped by another instance
                        cached.remove();
                        byId.remove(alert.id());
                    } else if (!row.id().equals(alert.id())) {
                        byId.remove(alert.id());
                        alert.adopt(row);
                        byId.put(alert.id(), alert);
                    } else {
                        alert.adopt(row);
                    }
                }
            }
            if (byFingerprint.isEmpty()) {
                return; // the usual case: the store holds no alert this instance does not know yet
            }
            Map<String, Slot> byRule = new HashMap<>(all.length * 4 / 3 + 1);
            for (Slot slot : all) {
                byRule.put(slot.registration.name(), slot);
            }
            for (StoredAlert row : byFingerprint.values()) { // opened by another instance: adopted
                Slot slot = byRule.get(row.rule());
                if (slot != null) {
                    Record alert = new Record(slot.registration, row);
                    slot.alerts.put(row.labels(), alert);
                    byId.put(alert.id(), alert);
                }
            }
        }
    }

    private static List<AlertCondition> sample(@Nullable List<AlertCondition> conditions) {
        if (conditions == null || conditions.isEmpty()) {
            return List.of();
        }
        List<AlertCondition> sample = new ArrayList<>(Math.min(conditions.size(), MAX_SAMPLED_CONDITIONS));
        for (int i = 0; i < conditions.size() && sample.size() < MAX_SAMPLED_CONDITIONS; i++) {
            if (conditions.get(i) != null) {
                sample.add(conditions.get(i));
            }
        }
        return sample;
    }

    /** What the latest evaluation of the rule named {@code rule} found, if it is registered and was evaluated. */
    public Optional<RuleEvaluation> lastEvaluation(String rule) {
        for (Slot slot : slots) {
            if (slot.registration.name().equals(rule)) {
                return Optional.ofNullable(slot.last);
            }
        }
        return Optional.empty();
    }

    /**
     * The values the rule named {@code rule} watches now ({@link AlertRule#read}), fired or not; empty when it
     * is not registered, reads nothing, or fails to read (logged at debug).
     */
    public List<RuleReading> read(String rule) {
        for (Slot slot : slots) {
            if (slot.registration.name().equals(rule)) {
                try {
                    List<RuleReading> readings = slot.registration.rule().read(context.at(clock.instant()));
                    return readings == null ? List.of() : List.copyOf(readings);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return List.of();
                } catch (Exception e) {
                    log.debug("Alert rule '{}' could not be read", rule, e);
                    return List.of();
                }
            }
        }
        return List.of();
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
                alert = open(registration, labels, condition, now);
                slot.alerts.put(labels, alert);
                byId.put(alert.id(), alert);
            } else if (alert.seenTick == tick) {
                continue; // the same label set twice in one result: the first one counts
            }
            alert.update(condition, tick, now);
            seen.add(alert.id());
            if (alert.state() == AlertState.PENDING
                    && !now.isBefore(alert.stored.since().plus(registration.forDuration()))
                    && change(alert, alert.stored.firing(now).withMessage(alert.message))) {
                record(alert.snapshot(now), AlertState.PENDING, AlertTransition.Change.STATE, now, "");
            }
        }
        Duration grace = settings.resolveGrace();
        Iterator<Record> alerts = slot.alerts.values().iterator();
        while (alerts.hasNext()) {
            Record alert = alerts.next();
            boolean silenced = silenced(alert, now);
            if (alert.seenTick != tick) {
                if (alert.missingSince == null) {
                    alert.missingSince = now;
                }
                boolean unseenEverywhere = !now.isBefore(alert.stored.lastSeenAt().plus(grace));
                if (alert.state() == AlertState.PENDING) { // cleared inside `for`: dropped without a word
                    if (unseenEverywhere) {
                        alerts.remove();
                        byId.remove(alert.id());
                        removeStored(alert);
                    }
                    continue;
                }
                if (unseenEverywhere && !now.isBefore(alert.missingSince.plus(registration.keepFiringFor()))) {
                    alerts.remove();
                    byId.remove(alert.id());
                    if (removeStored(alert)) {
                        Alert resolved = alert.snapshot(now, AlertState.RESOLVED);
                        record(resolved, AlertState.FIRING, AlertTransition.Change.STATE, now, "");
                        if (settings.sendResolved() && alert.stored.notifiedAt() != null && !silenced) {
                            emit(alert.id() + "-resolved", Notification.Kind.RESOLVED, resolved, now);
                        }
                    }
                    continue;
                }
            }
            if (silenced != alert.stored.silenced() && change(alert, alert.stored.withSilenced(silenced))) {
                record(alert.snapshot(now), alert.state(),
                        silenced ? AlertTransition.Change.SILENCED : AlertTransition.Change.UNSILENCED, now, "");
            }
            if (alert.state() == AlertState.FIRING && !silenced && notificationDue(alert.stored, now)
                    && change(alert, alert.stored.notified(now).withMessage(alert.message))) {
                emit(alert.id() + "-firing-" + alert.stored.notifications(), Notification.Kind.FIRING,
                        alert.snapshot(now), now);
            }
        }
    }

    /** Opens an alert for a condition seen for the first time here: adopts another instance's, or creates it. */
    private Record open(AlertRuleRegistration registration, Map<String, String> labels, AlertCondition condition,
            Instant now) {
        String fingerprint = labels.isEmpty() ? registration.name() : registration.name() + labels;
        boolean firing = registration.forDuration().isZero();
        StoredAlert candidate = new StoredAlert(alertId(fingerprint, now), registration.name(), fingerprint, labels,
                firing ? AlertState.FIRING : AlertState.PENDING, condition.message(), now, firing ? now : null, now,
                false, null, null, null, 0, 0);
        StoredAlert row = storeCall(() -> store.open(candidate));
        Record alert = new Record(registration, row != null ? row : candidate);
        alert.dirty = row == null;
        if (alert.id().equals(candidate.id())) {
            alert.update(condition, tick, now);
            record(alert.snapshot(now), null, AlertTransition.Change.STATE, now, "");
        }
        return alert;
    }

    /**
     * An alert's id: the same fingerprint and activation give the same id on every instance, so a
     * notification's id (alert + transition) is the same wherever it is made.
     */
    static String alertId(String fingerprint, Instant since) {
        return UUID.nameUUIDFromBytes((fingerprint + '\n' + since.toEpochMilli()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /**
     * Applies a change to the stored alert; true when this instance made it (and so records and
     * notifies). While the store fails the change is made in the cache and written back later.
     */
    private boolean change(Record alert, StoredAlert next) {
        Optional<StoredAlert> changed;
        try {
            changed = store.replace(alert.stored, next);
            storeRecovered();
        } catch (RuntimeException e) {
            storeFailed(e);
            alert.stored = next;
            alert.dirty = true;
            return true;
        }
        changed.ifPresent(row -> alert.stored = row);
        return changed.isPresent();
    }

    /** Removes the stored alert; true when this instance removed it (or the store fails and the cache decides). */
    private boolean removeStored(Record alert) {
        Boolean removed = storeCall(() -> store.remove(alert.stored));
        return removed == null || removed;
    }

    /** The first firing notification is owed until made; repeats only while nobody acknowledged the alert. */
    private boolean notificationDue(StoredAlert alert, Instant now) {
        return alert.notifiedAt() == null
                || !alert.acknowledged() && !now.isBefore(alert.notifiedAt().plus(settings.repeatInterval()));
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
            if (silence.isActiveAt(now) && silence.matches(alert.registration.name(), alert.registration.severity(),
                    alert.stored.labels())) {
                return true;
            }
        }
        return false;
    }

    private void emit(String id, Notification.Kind kind, Alert snapshot, Instant now) {
        outbox.add(new Notification(id, kind, snapshot, settings.service(), now));
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

    /** Runs a store call; null when the store failed (logged once until it works again). */
    private <T> @Nullable T storeCall(Supplier<T> call) {
        try {
            T result = call.get();
            storeRecovered();
            return result;
        } catch (RuntimeException e) {
            storeFailed(e);
            return null;
        }
    }

    private void storeCall(Runnable call) {
        storeCall(() -> {
            call.run();
            return Boolean.TRUE;
        });
    }

    private void storeFailed(RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) { // the monitor is stopping: not an outage
            log.debug("An alert store call was interrupted", e);
            return;
        }
        if (storeFailing.compareAndSet(false, true)) {
            log.error("The alert store is failing; alerts are evaluated from memory until it works again: {}",
                    describe(e));
        }
    }

    private void storeRecovered() {
        if (storeFailing.compareAndSet(true, false)) {
            log.info("The alert store works again");
        }
    }

    /** Whether the last call to the alert store failed. */
    public boolean storeFailing() {
        return storeFailing.get();
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
                            && silence.matches(alert.registration.name(), alert.registration.severity(), alert.stored.labels())) {
                        silencedBy.add(silence.id());
                    }
                }
                StoredAlert stored = alert.stored;
                alerts.add(new ActiveAlert(alert.snapshot(now), silencedBy, stored.acknowledgedBy(), stored.acknowledgedAt(),
                        stored.notifiedAt(), stored.notifications()));
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
     * The recorded transitions of every instance, newest first, read from the store.
     *
     * @param state only transitions into this state (not acknowledgements or silences), if present
     * @param since only transitions at or after this instant, if present
     * @param limit at most this many
     */
    public List<AlertTransition> history(Optional<AlertState> state, Optional<Instant> since, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        return store.history(state.orElse(null), since.orElse(null), limit);
    }

    // ---------------------------------------------------------------- acknowledgement and silences

    /**
     * Acknowledges a pending or firing alert: it stays visible, but firing notifications are no longer
     * repeated (its first one is still made). Idempotent; every instance sharing the store sees it from
     * its next evaluation.
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
            for (int attempt = 0; attempt < MAX_CHANGE_ATTEMPTS && !alert.stored.acknowledged(); attempt++) {
                if (change(alert, alert.stored.acknowledgedBy(who, now))) {
                    record(alert.snapshot(now), alert.state(), AlertTransition.Change.ACKNOWLEDGED, now,
                            "acknowledged by " + who);
                    break;
                }
                Optional<StoredAlert> fresh = store.active().stream()
                        .filter(row -> row.id().equals(alertId)).findFirst();
                if (fresh.isEmpty()) {
                    return Optional.empty();
                }
                alert.adopt(fresh.get());
            }
            return Optional.of(alert.snapshot(now));
        }
    }

    /**
     * Adds a silence, or replaces the one with the same id, in the store (so every instance applies it).
     * It takes effect from the next evaluation.
     */
    public void silence(Silence silence) {
        Objects.requireNonNull(silence, "silence");
        store.saveSilence(silence);
        synchronized (lock) {
            List<Silence> next = new ArrayList<>(silences);
            next.removeIf(existing -> existing.id().equals(silence.id()));
            next.add(silence);
            silences = List.copyOf(next);
        }
    }

    /**
     * The silences that have not ended, including those that start later, as the store has them (every
     * instance's); while the store cannot be read, as this instance last read them.
     */
    public List<Silence> silences() {
        Instant now = clock.instant();
        List<Silence> stored = storeCall(() -> store.silences(now));
        synchronized (lock) {
            if (stored != null) {
                silences = stored;
            }
            return silences.stream().filter(silence -> silence.endsAt().isAfter(now)).toList();
        }
    }

    /** Removes a silence; the alerts it held back notify from the next evaluation. Returns whether it existed. */
    public boolean removeSilence(String id) {
        boolean removed = store.removeSilence(id);
        synchronized (lock) {
            List<Silence> next = new ArrayList<>(silences);
            removed |= next.removeIf(silence -> silence.id().equals(id));
            silences = List.copyOf(next);
        }
        return removed;
    }

    /** The settings this engine runs with. */
    public AlertSettings settings() {
        return settings;
    }

    private void record(Alert alert, @Nullable AlertState from, AlertTransition.Change change, Instant now, String note) {
        AlertTransition transition = new AlertTransition(alert, from, alert.state(), now, change, note);
        storeCall(() -> store.record(transition));
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
        volatile @Nullable RuleEvaluation last;
        boolean capLogged;
        boolean removed; // guarded by the engine's lock

        Slot(AlertRuleRegistration registration) {
            this.registration = registration;
        }
    }

    /** One alert in the cache: its stored state and what this instance saw last. Guarded by the engine's lock. */
    private static final class Record {
        final AlertRuleRegistration registration;
        StoredAlert stored;
        boolean dirty; // changed while the store failed: written back when it works again
        String message;
        double value = Double.NaN;
        @Nullable String conditionAction;
        @Nullable Instant missingSince;
        long seenTick;

        Record(AlertRuleRegistration registration, StoredAlert stored) {
            this.registration = registration;
            this.stored = stored;
            this.message = stored.message();
        }

        String id() {
            return stored.id();
        }

        AlertState state() {
            return stored.state();
        }

        void adopt(StoredAlert row) {
            if (!row.id().equals(stored.id())) {
                message = row.message();
                value = Double.NaN;
                conditionAction = null;
                missingSince = null;
            }
            stored = row;
            dirty = false;
        }

        void update(AlertCondition condition, long tick, Instant now) {
            seenTick = tick;
            missingSince = null;
            message = condition.message();
            value = condition.value();
            conditionAction = condition.suggestedAction();
            stored = stored.seen(now);
        }

        Alert snapshot(Instant now) {
            return snapshot(now, stored.state());
        }

        Alert snapshot(Instant now, AlertState state) {
            String action = conditionAction != null ? conditionAction : registration.suggestedAction().orElse(null);
            return new Alert(stored.id(), registration.name(), stored.fingerprint(), registration.severity(), state,
                    message, stored.labels(), value, stored.since(), stored.firedAt(),
                    state == AlertState.RESOLVED ? now : null, stored.acknowledged(), action);
        }
    }
}
