package dev.vigil.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import dev.vigil.action.ActionService;
import dev.vigil.action.TriggerOutcome;
import dev.vigil.action.TriggerRequest;
import dev.vigil.alert.AlertCondition;
import dev.vigil.alert.AlertRule;
import dev.vigil.audit.AuditEntry;
import dev.vigil.audit.AuditLog;
import dev.vigil.health.HealthCheckRun;
import dev.vigil.health.HealthStatus;
import dev.vigil.security.Caller;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns error events into incidents: classifies each event, fingerprints it, groups it with the events of the same
 * fingerprint (count, first and last seen, applications, endpoints, a stack sample), and carries incidents through
 * detected → acknowledged → resolved, back to detected when a resolved incident recurs (a regression).
 *
 * <p>{@link #report} answers from memory in microseconds and never touches the store: what it saw is written
 * behind by {@link #flush()}, which Vigil's scheduler calls every {@link IncidentSettings#flushInterval()}, as
 * additive {@link IncidentDelta}s (a shared store sits behind the write buffer, which retries while the database
 * is away). Memory is bounded: at most {@link IncidentSettings#maxIncidents()} incidents and
 * {@link IncidentSettings#eventsPerIncident()} waiting events each; an event for a new incident that finds the
 * pending writes full is counted as dropped and logged, never queued without bound.
 *
 * <p>Resolved incidents stay in the active list for {@link IncidentSettings#activeRetention()} after their
 * resolution and in the history (status {@code resolved}) until the store's retention purges them.
 */
public final class IncidentService {

    /** The type of the events a failing health check reports. */
    public static final String CHECK_FAILURE_TYPE = "health_check_failure";
    /** The category of incidents opened by health checks. */
    public static final String CHECK_CATEGORY = "infrastructure";
    /** Most alert conditions the incident rule yields at once. */
    static final int MAX_ALERTS = 50;
    /** Fix runs waiting to be judged, at most. */
    static final int MAX_FIX_ATTEMPTS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(IncidentService.class);

    private final Clock clock;
    private final IncidentSettings settings;
    private final IncidentStore store;
    private final AuditLog audit;
    private final Object lock = new Object();
    private final LinkedHashMap<String, Incident> known = new LinkedHashMap<>(16, 0.75f, true); // guarded by lock
    private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>(); // guarded by lock
    private final Map<String, KnownFixRecord> fixRecords = new HashMap<>(); // guarded by lock
    private final List<FixAttempt> attempts = new ArrayList<>(); // guarded by lock
    private long dropped; // guarded by lock
    private boolean storeFailing; // flush thread only
    private volatile SuspectDeployments suspects = SuspectDeployments.NONE;
    private volatile @Nullable ActionService actions;
    private volatile BooleanSupplier autoFixEnabled = () -> false;

    /**
     * A service writing to {@code store} and auditing transitions to {@code audit}.
     *
     * @param clock times events reported without one, transitions, the active window and fix windows
     */
    public IncidentService(Clock clock, IncidentSettings settings, IncidentStore store, AuditLog audit) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = Objects.requireNonNull(store, "store");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** The settings in use. */
    public IncidentSettings settings() {
        return settings;
    }

    /** Sets who names the deployment suspected of a new incident (default: nobody). */
    public void suspects(SuspectDeployments value) {
        this.suspects = Objects.requireNonNull(value, "suspects");
    }

    /**
     * Lets known fixes run through {@code service} (its guardrails and audit apply); automatic runs happen only while
     * {@code autoFixEnabled} says so, e.g. the runtime switch {@code actions.auto-fix}.
     */
    public void actions(ActionService service, BooleanSupplier autoFixEnabled) {
        this.actions = Objects.requireNonNull(service, "service");
        this.autoFixEnabled = Objects.requireNonNull(autoFixEnabled, "autoFixEnabled");
    }

    /** Reports an error thrown in this process, with string context such as {@code endpoint}; returns at once. */
    public ReportOutcome report(Throwable error, Map<String, String> context) {
        return report(ErrorEvent.of(error, context, clock.instant()));
    }

    /** Reports one event: classified, grouped into its incident, written to the store later. */
    public ReportOutcome report(ErrorEvent event) {
        Objects.requireNonNull(event, "event");
        return report(event, settings.classifier().classify(event));
    }

    private ReportOutcome report(ErrorEvent event, Classification classification) {
        String fingerprint = Fingerprints.of(event, settings.fingerprintFrames());
        String id = Fingerprints.incidentId(fingerprint);
        Set<String> applications = event.application().map(Set::of).orElse(Set.of());
        Set<String> endpoints = event.endpoint().map(Set::of).orElse(Set.of());
        String suspect = null;
        boolean seen;
        synchronized (lock) {
            seen = known.containsKey(id);
        }
        if (!seen) {
            suspect = suspectFor(event.application().orElse(""), event.at());
        }
        IncidentDelta delta = new IncidentDelta(id, fingerprint, event.message(), event.type().isEmpty() ? "unknown"
                : event.type(), classification.severity(), classification.category(), 1, event.at(), event.at(),
                applications, endpoints, event.stack(), suspect);
        Incident before;
        Incident after;
        synchronized (lock) {
            before = known.get(id);
            Pending waiting = pending.get(id);
            if (waiting == null && pending.size() >= settings.maxIncidents()) {
                dropped++;
                if (dropped == 1 || Long.bitCount(dropped) == 1) {
                    log.warn("Vigil's incident writes are {} incidents behind; {} events dropped so far", pending.size(),
                            dropped);
                }
                return new ReportOutcome(delta.applyTo(before), before == null, false, null);
            }
            after = delta.applyTo(before);
            known.put(id, after);
            trimKnown();
            if (waiting == null) {
                pending.put(id, new Pending(delta, event, settings.eventsPerIncident()));
            } else {
                waiting.add(delta, event, settings.eventsPerIncident());
            }
        }
        boolean regression = before != null && !before.open() && after.open();
        FixSuggestion fix = suggestedFix(after).orElse(null);
        if (fix != null && fix.auto() && (before == null || regression)) {
            autoFix(after, fix);
        }
        return new ReportOutcome(after, before == null, regression, fix);
    }

    private @Nullable String suspectFor(String application, Instant at) {
        try {
            return suspects.suspect(application, at).orElse(null);
        } catch (RuntimeException e) {
            log.debug("Could not name a deployment suspected of an incident in {}", application, e);
            return null;
        }
    }

    private void trimKnown() {
        Iterator<Map.Entry<String, Incident>> oldest = known.entrySet().iterator();
        while (known.size() > settings.maxIncidents() && oldest.hasNext()) {
            Map.Entry<String, Incident> entry = oldest.next();
            if (!pending.containsKey(entry.getKey())) {
                oldest.remove();
            }
        }
    }

    /**
     * Hears of a health check's run: a failing (DOWN) run of a check that opens incidents reports an event of
     * fingerprint {@code check:<name>} (severity CRITICAL for a critical check, HIGH otherwise, category
     * {@value #CHECK_CATEGORY}); the first UP run after resolves that incident as {@code check:<name>}.
     *
     * @param opensIncidents whether this check's failures open incidents (critical checks and HTTP checks)
     * @param critical whether the check is critical
     */
    public void onCheckRun(String check, HealthCheckRun run, boolean opensIncidents, boolean critical) {
        if (!settings.checkIncidents() || !opensIncidents) {
            return;
        }
        String fingerprint = "check:" + check;
        if (run.status() == HealthStatus.DOWN) {
            String message = "Health check failed: " + check + (run.message().isBlank() ? "" : ": " + run.message());
            if (message.length() > ErrorEvent.MAX_MESSAGE) {
                message = message.substring(0, ErrorEvent.MAX_MESSAGE);
            }
            IncidentSeverity severity = critical ? IncidentSeverity.CRITICAL : IncidentSeverity.HIGH;
            ErrorEvent event = new ErrorEvent(message, CHECK_FAILURE_TYPE, "", Map.of("check", check), severity,
                    "health-check", fingerprint, run.checkedAt());
            report(event, new Classification(severity, CHECK_CATEGORY));
        } else if (run.status() == HealthStatus.UP) {
            String id = Fingerprints.incidentId("reporter:" + fingerprint);
            Incident incident;
            synchronized (lock) {
                incident = known.get(id);
            }
            if (incident != null && incident.open()) {
                apply(incident, new IncidentTransition(id, IncidentStatus.RESOLVED, "check:" + check,
                        "the check recovered: " + run.message(), run.checkedAt()), Caller.person("check:" + check));
            }
        }
    }

    /**
     * Acknowledges an open incident: someone is on it, so its alert resolves. Acknowledging an acknowledged incident
     * changes nothing.
     *
     * @throws java.util.NoSuchElementException if there is no such incident
     * @throws IllegalStateException if it is resolved
     */
    public Incident acknowledge(String id, Caller caller, @Nullable String note) {
        Incident current = find(id).orElseThrow(() -> new java.util.NoSuchElementException("no incident " + id));
        if (current.status() == IncidentStatus.RESOLVED) {
            throw new IllegalStateException("incident " + id + " is resolved; it reopens by itself if it recurs");
        }
        if (current.status() == IncidentStatus.ACKNOWLEDGED && note == null) {
            return current;
        }
        return apply(current, new IncidentTransition(id, IncidentStatus.ACKNOWLEDGED, caller.id(), note, clock.instant()),
                caller);
    }

    /**
     * Resolves an open incident; it leaves the active list after {@link IncidentSettings#activeRetention()}.
     *
     * @throws java.util.NoSuchElementException if there is no such incident
     * @throws IllegalStateException if it is resolved already
     */
    public Incident resolve(String id, Caller caller, @Nullable String note) {
        Incident current = find(id).orElseThrow(() -> new java.util.NoSuchElementException("no incident " + id));
        if (current.status() == IncidentStatus.RESOLVED) {
            throw new IllegalStateException("incident " + id + " is resolved already (at " + current.resolvedAt() + ")");
        }
        return apply(current, new IncidentTransition(id, IncidentStatus.RESOLVED, caller.id(), note, clock.instant()),
                caller);
    }

    private Incident apply(Incident current, IncidentTransition transition, Caller caller) {
        Incident after = transition.applyTo(current);
        Pending waiting;
        synchronized (lock) {
            known.put(after.id(), after);
            waiting = pending.remove(after.id());
        }
        try {
            if (waiting != null) { // the incident must be in the store before its transition
                store.record(List.of(waiting.delta));
                store.addEvents(after.id(), List.copyOf(waiting.events), settings.eventsPerIncident());
            }
            store.transition(transition);
        } catch (RuntimeException e) {
            log.warn("Could not store the {} of incident {}: {}", transition.status().jsonName(), after.id(), e.toString());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", transition.status().jsonName());
        details.put("title", after.title());
        if (transition.note() != null) {
            details.put("note", transition.note());
        }
        try {
            audit.add(new AuditEntry(AuditEntry.newId(), transition.at(), AuditEntry.Type.INCIDENT, caller.id(), after.id(),
                    details, transition.status().jsonName(), null));
        } catch (RuntimeException e) {
            log.warn("Could not audit the {} of incident {}: {}", transition.status().jsonName(), after.id(), e.toString());
        }
        return after;
    }

    /** The incident with this id: the store's record with what this instance saw since its last write. */
    public Optional<Incident> find(String id) {
        Objects.requireNonNull(id, "id");
        Optional<Incident> stored = store.find(id);
        synchronized (lock) {
            Pending waiting = pending.get(id);
            if (stored.isPresent()) {
                return Optional.of(waiting == null ? stored.get() : waiting.delta.applyTo(stored.get()));
            }
            return Optional.ofNullable(known.get(id));
        }
    }

    /** The incidents {@code query} wants, the latest seen first, with what this instance saw since its last write. */
    public List<Incident> list(IncidentQuery query) {
        Objects.requireNonNull(query, "query");
        Map<String, Incident> found = new LinkedHashMap<>();
        store.list(query).forEach(incident -> found.put(incident.id(), incident));
        synchronized (lock) {
            for (Map.Entry<String, Pending> entry : pending.entrySet()) {
                Incident stored = found.get(entry.getKey());
                Incident current = stored != null ? entry.getValue().delta.applyTo(stored) : known.get(entry.getKey());
                if (current != null && query.matches(current)) {
                    found.put(current.id(), current);
                } else if (stored != null) {
                    found.remove(stored.id());
                }
            }
        }
        return found.values().stream().sorted(Comparator.comparing(Incident::lastSeen).reversed()
                .thenComparing(Incident::id)).limit(query.limit()).toList();
    }

    /** The query of the active list now: open incidents and those resolved within the active retention. */
    public IncidentQuery activeQuery(int limit) {
        return new IncidentQuery(Set.of(), clock.instant().minus(settings.activeRetention()), null, null, null, null, limit);
    }

    /** The newest {@code limit} events of an incident, newest first, including those not written yet. */
    public List<ErrorEvent> events(String id, int limit) {
        List<ErrorEvent> events = new ArrayList<>();
        synchronized (lock) {
            Pending waiting = pending.get(id);
            if (waiting != null) {
                waiting.events.descendingIterator().forEachRemaining(events::add);
            }
        }
        if (events.size() < limit) {
            events.addAll(store.events(id, limit - events.size()));
        }
        return events.size() > limit ? List.copyOf(events.subList(0, limit)) : List.copyOf(events);
    }

    /** Events dropped because the pending writes were full. */
    public long dropped() {
        synchronized (lock) {
            return dropped;
        }
    }

    /**
     * Writes what was seen since the last call to the store, and judges the known-fix runs whose window has passed.
     * Vigil's scheduler calls it; a store that fails keeps the writes for the next call.
     */
    public void flush() {
        List<Pending> batch;
        synchronized (lock) {
            batch = new ArrayList<>(pending.values());
            pending.clear();
        }
        if (!batch.isEmpty()) {
            try {
                store.record(batch.stream().map(waiting -> waiting.delta).toList());
                for (Pending waiting : batch) {
                    store.addEvents(waiting.delta.id(), List.copyOf(waiting.events), settings.eventsPerIncident());
                }
                if (storeFailing) {
                    storeFailing = false;
                    log.info("Vigil writes incidents to its store again");
                }
            } catch (RuntimeException e) {
                requeue(batch);
                if (!storeFailing) {
                    storeFailing = true;
                    log.warn("Vigil could not write incidents to its store; they wait in memory and are retried: {}",
                            e.toString());
                }
            }
        }
        judgeFixes();
    }

    private void requeue(List<Pending> batch) {
        synchronized (lock) {
            for (Pending waiting : batch) {
                Pending later = pending.get(waiting.delta.id());
                if (later != null) {
                    waiting.add(later.delta, null, settings.eventsPerIncident());
                    later.events.forEach(event -> waiting.addEvent(event, settings.eventsPerIncident()));
                }
                pending.put(waiting.delta.id(), waiting);
            }
        }
    }

    /**
     * Reads the open incidents, those in the active window, and the known-fix records from the store, so a restarted
     * instance knows them (and a shared store's other instances' changes show); Vigil calls it at start and then
     * on its own thread.
     */
    public void load() {
        List<Incident> active = store.list(activeQuery(1000));
        List<KnownFixRecord> fixes = store.fixes();
        synchronized (lock) {
            for (Incident incident : active) {
                Pending waiting = pending.get(incident.id());
                known.put(incident.id(), waiting == null ? incident : waiting.delta.applyTo(incident));
            }
            trimKnown();
            fixRecords.clear();
            fixes.forEach(fix -> fixRecords.put(fix.name(), fix));
        }
    }

    /**
     * The best known fix for {@code incident}: among the configured fixes that match it and the fix an operator bound
     * to its fingerprint, the one with the best success rate (then the most successes, then the first configured).
     */
    public Optional<FixSuggestion> suggestedFix(Incident incident) {
        List<FixSuggestion> candidates = new ArrayList<>();
        synchronized (lock) {
            for (KnownFix fix : settings.knownFixes()) {
                if (fix.matches(incident)) {
                    KnownFixRecord record = fixRecords.get(fix.name());
                    candidates.add(new FixSuggestion(fix.name(), fix.action(), record == null ? 0 : record.successes(),
                            record == null ? 0 : record.failures(), fix.auto()));
                }
            }
            for (KnownFixRecord record : fixRecords.values()) {
                if (incident.fingerprint().equals(record.fingerprint())
                        && settings.knownFixes().stream().noneMatch(fix -> fix.name().equals(record.name()))) {
                    candidates.add(new FixSuggestion(record.name(), record.action(), record.successes(), record.failures(),
                            false));
                }
            }
        }
        return candidates.stream().max(Comparator.comparingDouble(FixSuggestion::successRate)
                .thenComparingLong(FixSuggestion::successes)
                .thenComparing(fix -> -candidates.indexOf(fix)));
    }

    /**
     * Binds an incident's fingerprint to an action as a known fix (named {@code fix-<first 8 of the id>}): suggested
     * from then on for that incident, with its own success record. Audited.
     *
     * @throws java.util.NoSuchElementException if there is no such incident
     */
    public FixSuggestion bindFix(String id, String action, Caller caller) {
        Incident incident = find(id).orElseThrow(() -> new java.util.NoSuchElementException("no incident " + id));
        String name = "fix-" + id.substring(0, 8);
        store.bindFix(name, action, incident.fingerprint());
        KnownFixRecord record;
        synchronized (lock) {
            KnownFixRecord old = fixRecords.get(name);
            record = old == null ? new KnownFixRecord(name, action, incident.fingerprint(), 0, 0, null, null)
                    : new KnownFixRecord(name, action, incident.fingerprint(), old.successes(), old.failures(),
                            old.lastUsedAt(), old.lastSuccessAt());
            fixRecords.put(name, record);
        }
        audit.add(new AuditEntry(AuditEntry.newId(), clock.instant(), AuditEntry.Type.INCIDENT, caller.id(), id,
                Map.of("knownFix", name, "action", action), "fix-bound", null));
        return new FixSuggestion(name, action, record.successes(), record.failures(), false);
    }

    /** Every known-fix record, configured or bound, with its counts. */
    public List<KnownFixRecord> fixes() {
        synchronized (lock) {
            List<KnownFixRecord> all = new ArrayList<>(fixRecords.values());
            for (KnownFix fix : settings.knownFixes()) {
                if (!fixRecords.containsKey(fix.name())) {
                    all.add(new KnownFixRecord(fix.name(), fix.action(), fix.fingerprint(), 0, 0, null, null));
                }
            }
            all.sort(Comparator.comparing(KnownFixRecord::name));
            return List.copyOf(all);
        }
    }

    /**
     * Runs the best known fix of an open incident now, as {@code caller}, through the action guardrails; a run is
     * judged a success if the incident is resolved (or stops recurring) within {@link IncidentSettings#fixWindow()}.
     *
     * @throws java.util.NoSuchElementException if there is no such incident
     * @throws IllegalStateException if it is resolved, has no known fix, or actions are not available
     */
    public TriggerOutcome runFix(String id, Caller caller) {
        FixRun run = fixRun(id);
        Incident incident = run.incident();
        FixSuggestion fix = run.fix();
        TriggerOutcome outcome = run.service().trigger(TriggerRequest.of(fix.action(), Map.of(), caller));
        auditFixRun(incident.id(), fix, caller.id(), outcome);
        if (outcome.ran()) {
            noteAttempt(fix, incident.id(), clock.instant());
        }
        return outcome;
    }

    /**
     * Like {@link #runFix(String, Caller)} without waiting for the run, with an idempotency key (a repeat with the
     * same key replays the first run's outcome) and, for a critical fix, the approval token a first trigger
     * handed out: for chat buttons, which must be answered at once and may be delivered twice.
     *
     * @throws java.util.NoSuchElementException if there is no such incident
     * @throws IllegalStateException if it is resolved, has no known fix, or actions are not available
     */
    public CompletableFuture<TriggerOutcome> runFixAsync(String id, Caller caller, @Nullable String idempotencyKey,
            @Nullable String approvalToken) {
        FixRun run = fixRun(id);
        Incident incident = run.incident();
        FixSuggestion fix = run.fix();
        Instant at = clock.instant();
        TriggerRequest request = TriggerRequest.of(fix.action(), Map.of(), caller).withIdempotencyKey(idempotencyKey)
                .withApprovalToken(approvalToken);
        return run.service().triggerAsync(request).thenApply(outcome -> {
            if (!outcome.replayed()) {
                auditFixRun(incident.id(), fix, caller.id(), outcome);
                if (outcome.ran()) {
                    noteAttempt(fix, incident.id(), at);
                }
            }
            return outcome;
        });
    }

    /** What running an incident's known fix needs: the open incident, its best fix and the action service. */
    private record FixRun(Incident incident, FixSuggestion fix, ActionService service) {
    }

    private FixRun fixRun(String id) {
        Incident incident = find(id).orElseThrow(() -> new java.util.NoSuchElementException("no incident " + id));
        if (!incident.open()) {
            throw new IllegalStateException("incident " + id + " is resolved; there is nothing to fix");
        }
        FixSuggestion fix = suggestedFix(incident)
                .orElseThrow(() -> new IllegalStateException("incident " + id + " has no known fix; bind one first"));
        ActionService service = actions;
        if (service == null) {
            throw new IllegalStateException("no actions are available to run known fixes");
        }
        return new FixRun(incident, fix, service);
    }

    private void autoFix(Incident incident, FixSuggestion fix) {
        ActionService service = actions;
        if (service == null || !autoFixEnabled.getAsBoolean()) {
            return;
        }
        Instant at = clock.instant();
        TriggerRequest request = new TriggerRequest(fix.action(), Map.of(), Caller.person("auto-fix:incident"),
                "incident:" + incident.id() + ":" + incident.regressions(), null);
        try {
            service.triggerAsync(request).thenAccept(outcome -> {
                auditFixRun(incident.id(), fix, request.who(), outcome);
                if (outcome.ran()) {
                    noteAttempt(fix, incident.id(), at);
                }
            });
        } catch (RuntimeException e) {
            log.warn("Known fix '{}' for incident {} could not start: {}", fix.name(), incident.id(), e.toString());
        }
    }

    /** An incident's own audit line for a run of its known fix, next to the action's (whose id it names). */
    private void auditFixRun(String incidentId, FixSuggestion fix, String who, TriggerOutcome outcome) {
        try {
            audit.add(new AuditEntry(AuditEntry.newId(), clock.instant(), AuditEntry.Type.INCIDENT, who, incidentId,
                    Map.of("knownFix", fix.name(), "action", fix.action(), "actionAuditId", outcome.auditId()),
                    "fix-" + outcome.status().jsonName(), outcome.ran() ? null : outcome.message()));
        } catch (RuntimeException e) {
            log.warn("Could not audit the known fix run for incident {}: {}", incidentId, e.toString());
        }
    }

    private void noteAttempt(FixSuggestion fix, String incidentId, Instant at) {
        synchronized (lock) {
            if (attempts.size() >= MAX_FIX_ATTEMPTS) {
                attempts.remove(0);
            }
            attempts.add(new FixAttempt(fix.name(), fix.action(), incidentId, at));
        }
    }

    private void judgeFixes() {
        Instant now = clock.instant();
        List<FixAttempt> due = new ArrayList<>();
        List<Boolean> outcomes = new ArrayList<>();
        synchronized (lock) {
            for (Iterator<FixAttempt> it = attempts.iterator(); it.hasNext(); ) {
                FixAttempt attempt = it.next();
                Incident incident = known.get(attempt.incidentId);
                boolean resolved = incident != null && !incident.open() && incident.resolvedAt() != null
                        && !incident.resolvedAt().isBefore(attempt.at);
                boolean windowOver = !now.isBefore(attempt.at.plus(settings.fixWindow()));
                if (resolved || windowOver) {
                    it.remove();
                    due.add(attempt);
                    outcomes.add(resolved || incident != null && !incident.lastSeen().isAfter(attempt.at));
                }
            }
            for (int i = 0; i < due.size(); i++) {
                FixAttempt attempt = due.get(i);
                boolean success = outcomes.get(i);
                KnownFixRecord old = fixRecords.getOrDefault(attempt.fix,
                        new KnownFixRecord(attempt.fix, attempt.action, null, 0, 0, null, null));
                fixRecords.put(attempt.fix, new KnownFixRecord(attempt.fix, attempt.action, old.fingerprint(),
                        old.successes() + (success ? 1 : 0), old.failures() + (success ? 0 : 1), now,
                        success ? now : old.lastSuccessAt()));
            }
        }
        for (int i = 0; i < due.size(); i++) {
            try {
                store.recordFixOutcome(due.get(i).fix, due.get(i).action, outcomes.get(i), now);
            } catch (RuntimeException e) {
                log.warn("Could not store the outcome of known fix '{}': {}", due.get(i).fix, e.toString());
            }
        }
    }

    /**
     * An alert rule over the incidents this instance knows: one CRITICAL-worthy condition per detected (not yet
     * acknowledged) incident of severity CRITICAL, labelled with its id, so the alert fires when such an incident
     * opens or regresses and resolves when it is acknowledged or resolved. At most {@value #MAX_ALERTS} at once.
     * Incidents of failing checks are left out: the check's own health alert already tells.
     */
    public AlertRule alertRule() {
        return context -> {
            List<Incident> critical;
            synchronized (lock) {
                critical = known.values().stream()
                        .filter(incident -> incident.status() == IncidentStatus.DETECTED
                                && incident.severity() == IncidentSeverity.CRITICAL
                                // a failing check has its own health alert: its incident does not alert twice
                                && !incident.type().equals(CHECK_FAILURE_TYPE))
                        .sorted(Comparator.comparing(Incident::lastSeen).reversed()).limit(MAX_ALERTS).toList();
            }
            List<AlertCondition> conditions = new ArrayList<>();
            for (Incident incident : critical) { // no suggested action: known fixes run by their own 'auto' flag
                AlertCondition condition = AlertCondition.of(Map.of("incident", incident.id(), "category",
                        incident.category()), incident.count(), "Critical incident: " + incident.title() + " ("
                        + incident.count() + (incident.count() == 1 ? " event" : " events") + ")");
                conditions.add(condition);
            }
            return conditions;
        };
    }

    /** What waits to be written for one incident. */
    private static final class Pending {
        private IncidentDelta delta;
        private final Deque<ErrorEvent> events = new ArrayDeque<>();

        Pending(IncidentDelta delta, ErrorEvent event, int keep) {
            this.delta = delta;
            addEvent(event, keep);
        }

        void add(IncidentDelta more, @Nullable ErrorEvent event, int keep) {
            delta = delta.plus(more);
            if (event != null) {
                addEvent(event, keep);
            }
        }

        void addEvent(ErrorEvent event, int keep) {
            events.addLast(event);
            while (events.size() > keep) {
                events.removeFirst();
            }
        }
    }

    private record FixAttempt(String fix, String action, String incidentId, Instant at) {
    }
}
