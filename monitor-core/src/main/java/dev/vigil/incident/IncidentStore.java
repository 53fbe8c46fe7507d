package dev.vigil.incident;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where incidents, their recent events and the record of known fixes are kept. Writes are additive
 * ({@link IncidentDelta}s add up), so instances sharing a store never overwrite each other's counts; the
 * {@link IncidentService} writes behind, from its own thread, never from the request that reported the error.
 */
public interface IncidentStore {

    /** Adds each delta to its incident, creating the incident when it is new ({@link IncidentDelta#applyTo}). */
    void record(List<IncidentDelta> deltas);

    /** Adds events of an incident, keeping the newest {@code keep} of it. */
    void addEvents(String incidentId, List<ErrorEvent> events, int keep);

    /** Applies a transition to its incident; an unknown incident is ignored. */
    void transition(IncidentTransition transition);

    /** The incident with this id. */
    Optional<Incident> find(String id);

    /** The incidents {@code query} wants, the latest seen first. */
    List<Incident> list(IncidentQuery query);

    /** The newest {@code limit} events of an incident, newest first. */
    List<ErrorEvent> events(String incidentId, int limit);

    /** Saves an operator's binding of a fingerprint to an action, keeping the fix's counts if it has some. */
    void bindFix(String name, String action, String fingerprint);

    /** Counts one judged run of a known fix's action: a success or a failure, at {@code at}. */
    void recordFixOutcome(String name, String action, boolean success, Instant at);

    /** Every known fix the store has a record of, by name. */
    List<KnownFixRecord> fixes();
}
