package dev.vigil.jdbc.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
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
import dev.vigil.store.StoredKind;

/**
 * A {@link MonitorStore} in H2 2.x or PostgreSQL, shared by every instance that uses the same database
 * and table prefix.
 *
 * <pre>{@code
 * JdbcMonitorStore store = JdbcMonitorStore.builder(dataSource)
 *         .tablePrefix("monitor_")
 *         .initializeSchema(SchemaInitialization.EMBEDDED)
 *         .build();
 * }</pre>
 *
 * <p>Every call borrows a connection from the host's data source for a few short statements and gives it
 * back; nothing is held between calls, and {@link #close()} leaves the data source open.
 */
public final class JdbcMonitorStore implements MonitorStore {

    /** The table prefix unless configured otherwise. */
    public static final String DEFAULT_TABLE_PREFIX = "monitor_";

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,30}");

    private final StoreDatabase database;
    private final JdbcCheckRunStore checkRuns;
    private final JdbcAlertStore alerts;
    private final JdbcNotificationOutbox outbox;
    private final JdbcAuditLog audit;
    private final JdbcSecurityEventStore securityEvents;
    private final JdbcDeploymentStore deployments;
    private final ConfigStore config;
    private final LeaseStore leases;
    private final JdbcActionStore actions;
    private final JdbcBriefingStore briefings;
    private final JdbcIncidentStore incidents;

    private JdbcMonitorStore(Builder builder) {
        this.database = new StoreDatabase(builder.dataSource, builder.tablePrefix, builder.initializeSchema, builder.clock);
        this.checkRuns = new JdbcCheckRunStore(database);
        this.alerts = new JdbcAlertStore(database);
        this.outbox = new JdbcNotificationOutbox(database);
        this.audit = new JdbcAuditLog(database);
        this.securityEvents = new JdbcSecurityEventStore(database);
        this.deployments = new JdbcDeploymentStore(database);
        this.config = new JdbcConfigStore(database);
        this.leases = new JdbcLeaseStore(database);
        this.actions = new JdbcActionStore(database);
        this.briefings = new JdbcBriefingStore(database);
        this.incidents = new JdbcIncidentStore(database);
    }

    /** A builder for a store in {@code dataSource}. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The schema version the tables are at (initialising them first if the database was away until now). */
    public int schemaVersion() {
        return database.schemaVersion();
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

    /** Always true: every instance using the same database and prefix shares this store. */
    @Override
    public boolean shared() {
        return true;
    }

    /** Deletes up to {@code limit} of the oldest records of {@code kind} before {@code cutoff}, in one statement. */
    @Override
    public int purge(StoredKind kind, Instant cutoff, int limit) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(cutoff, "cutoff");
        return switch (kind) {
            case CHECK_RUNS -> checkRuns.purge(cutoff, limit);
            case ALERT_HISTORY -> alerts.purgeHistory(cutoff, limit);
            case NOTIFICATIONS -> outbox.purge(cutoff, limit);
            case AUDIT -> audit.purge(cutoff, limit);
            case ACTIONS -> actions.purge(cutoff, limit);
            case SECURITY_EVENTS -> securityEvents.purge(cutoff, limit);
            case DEPLOYMENTS -> deployments.purge(cutoff, limit);
            case BRIEFINGS -> briefings.purge(cutoff, limit);
            case INCIDENTS -> incidents.purge(cutoff, limit);
        };
    }

    /** Closes nothing: the data source belongs to the host. */
    @Override
    public void close() {
    }

    /** Configures a {@link JdbcMonitorStore}. */
    public static final class Builder {
        private final DataSource dataSource;
        private String tablePrefix = DEFAULT_TABLE_PREFIX;
        private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;
        private Clock clock = Clock.systemUTC();

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The prefix of every table name (default {@value #DEFAULT_TABLE_PREFIX}): a letter or {@code _}, then up to 30 letters, digits or {@code _}. */
        public Builder tablePrefix(String prefix) {
            Objects.requireNonNull(prefix, "tablePrefix");
            if (!PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("monitor.store.table-prefix must match " + PREFIX.pattern()
                        + ", was '" + prefix + "'");
            }
            this.tablePrefix = prefix;
            return this;
        }

        /** When the store creates or upgrades its tables (default {@link SchemaInitialization#EMBEDDED}). */
        public Builder initializeSchema(SchemaInitialization mode) {
            this.initializeSchema = Objects.requireNonNull(mode, "initializeSchema");
            return this;
        }

        /**
         * The clock for the times the store takes itself, such as when its database went away (default: the UTC
         * system clock). Records carry their own times, and leases are timed by the database's clock.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The store. Its tables are checked or initialised now if the database answers; if it does not, that is
         * logged and done on first successful use, so the host starts all the same.
         *
         * @throws IllegalArgumentException when the database is neither H2 nor PostgreSQL
         */
        public JdbcMonitorStore build() {
            JdbcMonitorStore store = new JdbcMonitorStore(this);
            store.database.initializeAtStart();
            return store;
        }
    }
}
