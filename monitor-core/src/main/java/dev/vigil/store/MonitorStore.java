package dev.vigil.store;

import java.time.Instant;
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

/**
 * Everything Vigil keeps beyond the current moment, behind one entry point: check runs, alert state,
 * history and silences, the notification outbox, the audit trail, runtime switches, action approvals
 * and runs, leases, security events, deployments and daily briefings. Engines
 * keep caches only; what must survive a restart goes through here.
 *
 * <p>Each kind has a small interface of its own, next to the records it stores (packages stay free
 * of cycles that way). {@link MemoryMonitorStore} is the embedded default; the JDBC store of
 * {@code monitor-jdbc} persists everything in H2 or PostgreSQL and lets several instances share it.
 * Both pass the contract suite of {@code monitor-test-support}, which a custom store can run too.
 *
 * <pre>{@code
 * Monitor monitor = Monitor.builder().store(JdbcMonitorStore.builder(dataSource).build()).build();
 * }</pre>
 */
public interface MonitorStore extends AutoCloseable {

    /** Check runs of every instance. */
    CheckRunStore checkRuns();

    /** Active alerts, alert history and silences. */
    AlertStore alerts();

    /** Notifications waiting for delivery, and the delivery log. */
    NotificationOutbox outbox();

    /** The audit trail. */
    AuditLog audit();

    /** Runtime switches that someone changed. */
    ConfigStore config();

    /** Approval tokens and run times of remediation actions. */
    ActionStore actions();

    /** Leases on singleton work. */
    LeaseStore leases();

    /** Security events of every instance. */
    SecurityEventStore securityEvents();

    /** Deployments of the service. */
    DeploymentStore deployments();

    /** Daily briefings, one per date. */
    BriefingStore briefings();

    /** Incidents, their recent events and the record of known fixes. */
    IncidentStore incidents();

    /**
     * Whether several instances may share this store (a database). Engines then leave room for the other
     * instances: an alert resolves only when no instance has seen its condition for a grace period.
     */
    default boolean shared() {
        return false;
    }

    /**
     * Deletes up to {@code limit} records of {@code kind} older than {@code cutoff} and returns how many it
     * deleted; the retention job calls it in a loop of short batches. Stores bounded by size (the memory
     * store) may delete nothing.
     */
    default int purge(StoredKind kind, Instant cutoff, int limit) {
        return 0;
    }

    /** Releases what the store holds (connections it opened itself). The host's data source is not closed. */
    @Override
    default void close() {
    }
}
