package dev.vigil.test;

import dev.vigil.action.ActionStore;
import dev.vigil.alert.AlertStore;
import dev.vigil.alert.delivery.NotificationOutbox;
import dev.vigil.audit.AuditLog;
import dev.vigil.briefing.BriefingStore;
import dev.vigil.config.ConfigStore;
import dev.vigil.deploy.DeploymentStore;
import dev.vigil.health.CheckRunStore;
import dev.vigil.security.event.SecurityEventStore;
import dev.vigil.incident.IncidentStore;
import dev.vigil.store.LeaseStore;
import dev.vigil.store.MonitorStore;

/** A store that hands every kind to another one; tests override what they change, e.g. {@link #shared()}. */
public class ForwardingMonitorStore implements MonitorStore {

    private final MonitorStore delegate;

    public ForwardingMonitorStore(MonitorStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public CheckRunStore checkRuns() {
        return delegate.checkRuns();
    }

    @Override
    public AlertStore alerts() {
        return delegate.alerts();
    }

    @Override
    public NotificationOutbox outbox() {
        return delegate.outbox();
    }

    @Override
    public AuditLog audit() {
        return delegate.audit();
    }

    @Override
    public ConfigStore config() {
        return delegate.config();
    }

    @Override
    public ActionStore actions() {
        return delegate.actions();
    }

    @Override
    public LeaseStore leases() {
        return delegate.leases();
    }

    @Override
    public SecurityEventStore securityEvents() {
        return delegate.securityEvents();
    }

    @Override
    public DeploymentStore deployments() {
        return delegate.deployments();
    }

    @Override
    public BriefingStore briefings() {
        return delegate.briefings();
    }

    @Override
    public IncidentStore incidents() {
        return delegate.incidents();
    }

    @Override
    public boolean shared() {
        return delegate.shared();
    }
}
