package dev.vigil.store;

import java.time.Clock;
import java.util.Objects;
import dev.vigil.action.ActionStore;
import dev.vigil.action.MemoryActionStore;
import dev.vigil.alert.AlertStore;
import dev.vigil.alert.MemoryAlertStore;
import dev.vigil.alert.delivery.MemoryNotificationOutbox;
import dev.vigil.alert.delivery.NotificationOutbox;
import dev.vigil.audit.AuditLog;
import dev.vigil.audit.MemoryAuditLog;
import dev.vigil.briefing.BriefingStore;
import dev.vigil.briefing.MemoryBriefingStore;
import dev.vigil.config.ConfigStore;
import dev.vigil.config.MemoryConfigStore;
import dev.vigil.deploy.DeploymentStore;
import dev.vigil.deploy.MemoryDeploymentStore;
import dev.vigil.health.CheckRunStore;
import dev.vigil.incident.IncidentStore;
import dev.vigil.incident.MemoryIncidentStore;
import dev.vigil.health.MemoryCheckRunStore;
import dev.vigil.security.event.MemorySecurityEventStore;
import dev.vigil.security.event.SecurityEventStore;

/**
 * The embedded default store: everything in memory, bounded by size (the newest 1,440 runs per check,
 * 1,000 alert history entries, 10,000 audit entries, 1,000 delivered notifications, 1,000 approval tokens, a day of action runs, 10,000 security events, 1,000 deployments, 400 briefings, 10,000 incidents with their newest events), lost on a restart.
 */
public final class MemoryMonitorStore implements MonitorStore {

    private final CheckRunStore checkRuns;
    private final AlertStore alerts;
    private final NotificationOutbox outbox = new MemoryNotificationOutbox();
    private final AuditLog audit = new MemoryAuditLog();
    private final ConfigStore config = new MemoryConfigStore();
    private final ActionStore actions = new MemoryActionStore();
    private final LeaseStore leases;
    private final SecurityEventStore securityEvents = new MemorySecurityEventStore();
    private final DeploymentStore deployments = new MemoryDeploymentStore();
    private final BriefingStore briefings = new MemoryBriefingStore();
    private final IncidentStore incidents = new MemoryIncidentStore();

    /** A memory store with the default bounds, whose leases are timed by {@code clock}. */
    public MemoryMonitorStore(Clock clock) {
        this(clock, MemoryAlertStore.DEFAULT_MAX_HISTORY, MemoryCheckRunStore.DEFAULT_MAX_RUNS_PER_CHECK);
    }

    /**
     * A memory store keeping the newest {@code alertHistory} alert history entries and {@code runsPerCheck} runs
     * of each check, whose leases are timed by {@code clock}.
     */
    public MemoryMonitorStore(Clock clock, int alertHistory, int runsPerCheck) {
        this.leases = new MemoryLeaseStore(Objects.requireNonNull(clock, "clock"));
        this.alerts = new MemoryAlertStore(alertHistory);
        this.checkRuns = new MemoryCheckRunStore(runsPerCheck);
    }

    @Override
    public CheckRunStore checkRuns() {
        return checkRuns;
    }

    @Override
    public AlertStore alerts() {
        return alerts;
    }

    @Override
    public NotificationOutbox outbox() {
        return outbox;
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    @Override
    public ConfigStore config() {
        return config;
    }

    @Override
    public ActionStore actions() {
        return actions;
    }

    @Override
    public LeaseStore leases() {
        return leases;
    }

    @Override
    public SecurityEventStore securityEvents() {
        return securityEvents;
    }

    @Override
    public DeploymentStore deployments() {
        return deployments;
    }

    @Override
    public BriefingStore briefings() {
        return briefings;
    }

    @Override
    public IncidentStore incidents() {
        return incidents;
    }
}
