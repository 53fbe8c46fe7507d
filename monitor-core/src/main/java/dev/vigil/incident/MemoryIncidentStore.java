package dev.vigil.incident;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Incidents in memory, for one instance and its lifetime: at most {@code maxIncidents} of them (when full, the
 * resolved incident resolved longest ago goes first, else the one seen longest ago), each with its newest events.
 */
public final class MemoryIncidentStore implements IncidentStore {

    /** Incidents kept unless configured otherwise. */
    public static final int DEFAULT_MAX_INCIDENTS = 10_000;

    private final int maxIncidents;
    private final Map<String, Incident> incidents = new HashMap<>(); // guarded by this
    private final Map<String, Deque<ErrorEvent>> events = new HashMap<>(); // guarded by this
    private final Map<String, KnownFixRecord> fixes = new TreeMap<>(); // guarded by this

    /** A store of at most {@value #DEFAULT_MAX_INCIDENTS} incidents. */
    public MemoryIncidentStore() {
        this(DEFAULT_MAX_INCIDENTS);
    }

    /** A store of at most {@code maxIncidents} incidents. */
    public MemoryIncidentStore(int maxIncidents) {
        if (maxIncidents < 1) {
            throw new IllegalArgumentException("maxIncidents must be positive, was " + maxIncidents);
        }
        this.maxIncidents = maxIncidents;
    }

    @Override
    public synchronized void record(List<IncidentDelta> deltas) {
        for (IncidentDelta delta : deltas) {
            Incident current = incidents.get(delta.id());
            if (current == null && incidents.size() >= maxIncidents) {
                evictOne();
            }
            incidents.put(delta.id(), delta.applyTo(current));
        }
    }

    private void evictOne() {
        Comparator<Incident> order = Comparator.comparing((Incident incident) -> incident.open())
                .thenComparing(incident -> incident.resolvedAt() != null ? incident.resolvedAt() : incident.lastSeen());
        incidents.values().stream().min(order).ifPresent(oldest -> {
            incidents.remove(oldest.id());
            events.remove(oldest.id());
        });
    }

    @Override
    public synchronized void addEvents(String incidentId, List<ErrorEvent> added, int keep) {
        Objects.requireNonNull(incidentId, "incidentId");
        if (!incidents.containsKey(incidentId) || added.isEmpty()) {
            return;
        }
        Deque<ErrorEvent> kept = events.computeIfAbsent(incidentId, id -> new ArrayDeque<>());
        for (ErrorEvent event : added) {
            kept.addLast(event);
            while (kept.size() > keep) {
                kept.removeFirst();
            }
        }
    }

    @Override
    public synchronized void transition(IncidentTransition transition) {
        Incident current = incidents.get(transition.incidentId());
        if (current != null) {
            incidents.put(current.id(), transition.applyTo(current));
        }
    }

    @Override
    public synchronized Optional<Incident> find(String id) {
        return Optional.ofNullable(incidents.get(id));
    }

    @Override
    public synchronized List<Incident> list(IncidentQuery query) {
        return incidents.values().stream().filter(query::matches)
                .sorted(Comparator.comparing(Incident::lastSeen).reversed().thenComparing(Incident::id))
                .limit(query.limit()).toList();
    }

    @Override
    public synchronized List<ErrorEvent> events(String incidentId, int limit) {
        Deque<ErrorEvent> kept = events.get(incidentId);
        if (kept == null) {
            return List.of();
        }
        List<ErrorEvent> newest = new ArrayList<>();
        var it = kept.descendingIterator();
        while (it.hasNext() && newest.size() < limit) {
            newest.add(it.next());
        }
        return List.copyOf(newest);
    }

    @Override
    public synchronized void bindFix(String name, String action, String fingerprint) {
        KnownFixRecord old = fixes.get(name);
        fixes.put(name, old == null ? new KnownFixRecord(name, action, fingerprint, 0, 0, null, null)
                : new KnownFixRecord(name, action, fingerprint, old.successes(), old.failures(), old.lastUsedAt(),
                        old.lastSuccessAt()));
    }

    @Override
    public synchronized void recordFixOutcome(String name, String action, boolean success, Instant at) {
        KnownFixRecord old = fixes.getOrDefault(name, new KnownFixRecord(name, action, null, 0, 0, null, null));
        fixes.put(name, new KnownFixRecord(name, action, old.fingerprint(), old.successes() + (success ? 1 : 0),
                old.failures() + (success ? 0 : 1), at, success ? at : old.lastSuccessAt()));
    }

    @Override
    public synchronized List<KnownFixRecord> fixes() {
        return List.copyOf(fixes.values());
    }
}
