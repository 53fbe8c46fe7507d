package dev.vigil.incident;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Hands every call to another incident store; tests override what they change. */
class ForwardingIncidentStore implements IncidentStore {

    private final IncidentStore delegate;

    ForwardingIncidentStore(IncidentStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void record(List<IncidentDelta> deltas) {
        delegate.record(deltas);
    }

    @Override
    public void addEvents(String incidentId, List<ErrorEvent> events, int keep) {
        delegate.addEvents(incidentId, events, keep);
    }

    @Override
    public void transition(IncidentTransition transition) {
        delegate.transition(transition);
    }

    @Override
    public Optional<Incident> find(String id) {
        return delegate.find(id);
    }

    @Override
    public List<Incident> list(IncidentQuery query) {
        return delegate.list(query);
    }

    @Override
    public List<ErrorEvent> events(String incidentId, int limit) {
        return delegate.events(incidentId, limit);
    }

    @Override
    public void bindFix(String name, String action, String fingerprint) {
        delegate.bindFix(name, action, fingerprint);
    }

    @Override
    public void recordFixOutcome(String name, String action, boolean success, Instant at) {
        delegate.recordFixOutcome(name, action, success, at);
    }

    @Override
    public List<KnownFixRecord> fixes() {
        return delegate.fixes();
    }
}
