package dev.vigil;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionService;
import dev.vigil.action.ActionSettings;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertEngine;
import dev.vigil.alert.AlertRuleOverride;
import dev.vigil.alert.AlertRuleRegistration;
import dev.vigil.alert.AlertRules;
import dev.vigil.alert.AlertSettings;
import dev.vigil.alert.AlertSink;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.Notification;
import dev.vigil.alert.RuleContext;
import dev.vigil.alert.Severity;
import dev.vigil.alert.delivery.AlertDispatcher;
import dev.vigil.alert.delivery.AlertRouter;
import dev.vigil.alert.delivery.DeliverySettings;
import dev.vigil.alert.delivery.Route;
import dev.vigil.alert.sinks.AlertmanagerAlertSink;
import dev.vigil.alert.sinks.LogAlertSink;
import dev.vigil.api.ApiSettings;
import dev.vigil.api.MonitorApi;
import dev.vigil.api.endpoints.ActionEndpoints;
import dev.vigil.api.endpoints.AlertEndpoints;
import dev.vigil.api.endpoints.AuditEndpoints;
import dev.vigil.api.endpoints.BriefingEndpoints;
import dev.vigil.api.endpoints.CheckHistoryEndpoints;
import dev.vigil.api.endpoints.ConfigEndpoints;
import dev.vigil.api.endpoints.DeploymentEndpoints;
import dev.vigil.api.endpoints.IncidentEndpoints;
import dev.vigil.api.endpoints.JobRunEndpoints;
import dev.vigil.api.endpoints.HealthEndpoints;
import dev.vigil.api.endpoints.MetricsEndpoints;
import dev.vigil.api.endpoints.NoticeEndpoints;
import dev.vigil.api.endpoints.QueryEndpoint;
import dev.vigil.api.endpoints.SecurityEventEndpoints;
import dev.vigil.api.endpoints.RuleEndpoints;
import dev.vigil.api.endpoints.SystemHealthView;
import dev.vigil.audit.AuditLog;
import dev.vigil.briefing.BriefingLeases;
import dev.vigil.briefing.BriefingService;
import dev.vigil.briefing.BriefingSettings;
import dev.vigil.briefing.DeploymentSummary;
import dev.vigil.briefing.IncidentDigestSource;
import dev.vigil.briefing.StoredBriefing;
import dev.vigil.health.checks.HttpEndpointCheck;
import dev.vigil.incident.FixSuggestion;
import dev.vigil.incident.Incident;
import dev.vigil.incident.IncidentQuery;
import dev.vigil.incident.IncidentService;
import dev.vigil.incident.IncidentStatus;
import dev.vigil.briefing.IncidentDigest;
import dev.vigil.incident.IncidentSettings;
import dev.vigil.incident.SuspectDeployments;
import dev.vigil.config.RuntimeConfig;
import dev.vigil.deploy.Deployment;
import dev.vigil.deploy.DeploymentSettings;
import dev.vigil.export.MonitorGauges;
import dev.vigil.deploy.DeploymentSource;
import dev.vigil.deploy.DeploymentStore;
import dev.vigil.health.CheckRunRecord;
import dev.vigil.health.HealthCheck;
import dev.vigil.health.HealthCheckRun;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthRegistry;
import dev.vigil.health.HealthSettings;
import dev.vigil.internal.DaemonThreadFactory;
import dev.vigil.jobs.JobMonitor;
import dev.vigil.jobs.JobSettings;
import dev.vigil.metrics.MetricCollector;
import dev.vigil.metrics.MetricsHistory;
import dev.vigil.metrics.MetricsSettings;
import dev.vigil.metrics.SystemCollector;
import dev.vigil.notice.AreaErrorRule;
import dev.vigil.notice.NoticeService;
import dev.vigil.notice.NoticeSettings;
import dev.vigil.notice.PageLoads;
import dev.vigil.query.AdminQueryService;
import dev.vigil.security.AdminAuthenticator;
import dev.vigil.security.event.SecurityEventSettings;
import dev.vigil.security.event.SecurityEvents;
import dev.vigil.store.BufferedMonitorStore;
import dev.vigil.store.MemoryMonitorStore;
import dev.vigil.store.MonitorStore;
import dev.vigil.store.StoreSettings;
import dev.vigil.store.StoreStatus;
import dev.vigil.store.StoredKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one object a host builds: it owns Vigil's threads, the health registry and the HTTP API.
 *
 * <pre>{@code
 * Monitor monitor = Monitor.builder()
 *         .version("1.4.2")
 *         .adminToken(System.getenv("MONITOR_ADMIN_TOKEN"))
 *         .healthCheck(HealthCheckRegistration.of("payments", paymentsCheck))
 *         .build();
 * monitor.start();
 * // serve monitor.api() through MonitorServlet; monitor.close() on shutdown
 * }</pre>
 *
 * <p>Vigil's work happens on its own daemon threads: one scheduler thread that wakes when the
 * next check is due (at most once a second when idle) and a small bounded pool that runs checks.
 */
public final class Monitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Monitor.class);
    private static final long MAX_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final String RETENTION_LEASE = "retention";
    private static final Duration MIN_CHECK_LEASE = Duration.ofSeconds(10);
    private static final Duration PURGE_RETRY = Duration.ofMinutes(1);
    private static final String PAGE_LOADS_COLLECTOR = "page-loads";
    /** The alert rule raised by new critical incidents. */
    public static final String INCIDENT_RULE = "critical-incident";
    private static final Duration INCIDENT_RELOAD = Duration.ofSeconds(30);
    private static final Duration DEPLOYMENT_READ = Duration.ofSeconds(30);

    private final Clock clock;
    private final String instanceId;
    private final MonitorStore store;
    private final @Nullable BufferedMonitorStore buffer;
    private final StoreSettings storeSettings;
    private final MeterRegistry meterRegistry;
    private final HealthRegistry health;
    private final MetricsHistory metrics;
    private final @Nullable MonitorGauges gauges;
    private final JobMonitor jobs;
    private final AlertDispatcher dispatcher;
    private final AlertEngine alerts;
    private final AuditLog audit;
    private final RuntimeConfig runtimeConfig;
    private final ExecutorService actionExecutor;
    private final ActionService actions;
    private final BriefingService briefings;
    private final List<String> briefingSinks;
    private final String service;
    private final IncidentService incidents;
    private volatile @Nullable AdminQueryService queryService;
    private final MonitorApi api;
    private final NoticeService notices;
    private final PageLoads pageLoads;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final ScheduledThreadPoolExecutor scheduler;
    private final ThreadPoolExecutor checkExecutor;
    private final Object lifecycle = new Object();
    private boolean started;
    private boolean closed;
    private @Nullable ScheduledFuture<?> nextTick;
    private Instant nextSharedRead; // scheduler thread only
    private volatile Instant nextPurge; // scheduler thread, and the purge when it fails
    private volatile boolean purging;
    private final SecurityEvents security;
    private final DeploymentSettings deploymentSettings;
    private final String version;
    private @Nullable Instant nextDeploymentTry; // scheduler thread only; null once recorded or when not wanted
    private final Instant builtAt;
    private volatile Instant nextIncidentLoad = Instant.MIN; // scheduler thread
    private volatile List<Deployment> recentDeployments = List.of(); // read by incident ingest, written on Vigil's thread
    private Instant nextDeploymentRead = Instant.MIN; // scheduler thread only

    private Monitor(Builder builder) {
        this.clock = builder.clock;
        this.instanceId = builder.instanceId != null ? builder.instanceId : defaultInstanceId();
        this.storeSettings = builder.storeSettings;
        MonitorStore given = builder.store != null ? builder.store
                : new MemoryMonitorStore(clock, builder.alertSettings.historySize(), builder.healthSettings.historySize());
        this.buffer = given.shared() ? new BufferedMonitorStore(given, clock, storeSettings.bufferCapacity()) : null;
        this.store = buffer != null ? buffer : given;
        this.nextSharedRead = clock.instant();
        this.nextPurge = clock.instant();
        this.builtAt = clock.instant();
        this.meterRegistry = builder.meterRegistry != null ? builder.meterRegistry : new SimpleMeterRegistry();
        this.scheduler = new ScheduledThreadPoolExecutor(1, new DaemonThreadFactory("vigil-scheduler"));
        this.scheduler.setRemoveOnCancelPolicy(true);
        int threads = builder.healthSettings.maxConcurrentChecks();
        this.checkExecutor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(1024), new DaemonThreadFactory("vigil-check"));
        this.checkExecutor.allowCoreThreadTimeOut(true);
        this.health = new HealthRegistry(clock, builder.nanoTime, builder.healthSettings,
                checkExecutor, scheduler, builder.version);
        builder.checks.forEach(health::register);
        health.onRun(this::storeRun);
        if (store.shared()) {
            health.coordinator(new CheckLeases());
        }
        this.metrics = new MetricsHistory(clock, builder.metricsSettings, checkExecutor, scheduler);
        this.security = new SecurityEvents(clock, instanceId, meterRegistry, builder.securityEventSettings);
        if (security.enabled()) {
            metrics.register("security", security.collector());
        }
        this.version = builder.version;
        this.deploymentSettings = builder.deploymentSettings;
        this.nextDeploymentTry = deploymentSettings.recordOnStart() ? clock.instant() : null;
        if (builder.systemMetrics) {
            metrics.register("system", new SystemCollector(builder.diskPath));
        }
        this.jobs = new JobMonitor(clock, builder.nanoTime, meterRegistry, builder.jobSettings, health);
        metrics.register("jobs", jobs.collector());
        builder.collectors.forEach(metrics::register);
        if (builder.bindSystemMeters) {
            closeables.add(SystemCollector.bindMeters(meterRegistry));
        }
        Map<String, AlertSink> sinks = new LinkedHashMap<>(builder.sinks);
        sinks.putIfAbsent(LogAlertSink.NAME, new LogAlertSink());
        Set<String> routable = new LinkedHashSet<>(sinks.keySet());
        routable.removeAll(builder.replySinks); // reply sinks answer chat interactions only, never alerts
        AlertRouter router = builder.routes.isEmpty() ? AlertRouter.defaults(routable) : AlertRouter.of(builder.routes);
        this.dispatcher = new AlertDispatcher(clock, store.outbox(), sinks, router, builder.deliverySettings);
        this.audit = store.audit();
        Map<String, Object> runtimeDefaults = new LinkedHashMap<>();
        runtimeDefaults.put(RuntimeConfig.HEALTH_INTERVAL.name(), builder.healthSettings.interval());
        runtimeDefaults.putAll(builder.runtimeDefaults);
        this.runtimeConfig = store.shared() // a database is read on Vigil's thread: the first tick reloads
                ? RuntimeConfig.unloaded(clock, store.config(), audit, runtimeDefaults)
                : new RuntimeConfig(clock, store.config(), audit, runtimeDefaults);
        health.setDefaultInterval(runtimeConfig.get(RuntimeConfig.HEALTH_INTERVAL));
        runtimeConfig.onChange(RuntimeConfig.HEALTH_INTERVAL, health::setDefaultInterval);
        this.actionExecutor = ActionService.newExecutor(2, 16);
        this.actions = new ActionService(clock, builder.nanoTime, actionExecutor, scheduler, runtimeConfig, audit,
                builder.actionSettings, store.actions());
        builder.actions.forEach(actions::register);
        runtimeConfig.onChange(RuntimeConfig.AUTO_FIX, on -> { // switched on during an outage: act on it now
            if (on) {
                executeQuietly(this::autoFixFiringAlerts);
            }
        });
        RuleContext context = RuleContext.of(clock, metrics.store(), health::report).withJobs(jobs);
        AlertSettings alertSettings = builder.alertSettings;
        if (store.shared() && alertSettings.resolveGrace().isZero()) {
            alertSettings = alertSettings.withResolveGrace(alertSettings.evaluationInterval().multipliedBy(2));
        }
        this.alerts = new AlertEngine(context, builder.nanoTime, this::notify, alertSettings, store.alerts());
        if (builder.defaultAlertRules) {
            AlertRules.defaults(builder.alertRuleOverrides).forEach(alerts::register);
        }
        builder.rules.forEach(alerts::register);
        this.incidents = new IncidentService(clock, builder.incidentSettings, store.incidents(), audit);
        incidents.actions(actions, () -> runtimeConfig.get(RuntimeConfig.AUTO_FIX));
        incidents.suspects(builder.suspectDeployments != null ? builder.suspectDeployments : this::suspectDeployment);
        if (builder.incidentSettings.enabled()) {
            alerts.register(AlertRuleRegistration.builder(INCIDENT_RULE, incidents.alertRule()).severity(Severity.CRITICAL)
                    .build());
        }
        this.gauges = builder.exportGauges ? new MonitorGauges(meterRegistry, health, alerts::active, metrics,
                builder.collectors.keySet(), builder.maxExportedBusinessSeries) : null;
        this.service = alertSettings.service();
        this.briefingSinks = builder.briefingSettings.deliverTo();
        for (String sink : briefingSinks) {
            AlertSink named = sinks.get(sink);
            if (named == null) {
                throw new IllegalArgumentException("monitor.briefing.deliver-to names the sink '" + sink
                        + "', which is not configured (configured: " + sinks.keySet() + ")");
            }
            if (named instanceof AlertmanagerAlertSink) {
                throw new IllegalArgumentException("monitor.briefing.deliver-to names '" + sink
                        + "', an Alertmanager sink: it takes alerts, not reports");
            }
        }
        this.briefings = new BriefingService(clock, instanceId, builder.briefingSettings, alerts, actions, health, metrics,
                store.briefings(), store.checkRuns(), new BriefingLeases() {
                    @Override
                    public boolean tryAcquire(String name, Duration duration) {
                        return store.leases().tryAcquire(name, instanceId, duration);
                    }

                    @Override
                    public void release(String name) {
                        store.leases().release(name, instanceId);
                    }
                }, builder.incidentDigests != null ? builder.incidentDigests : this::incidentDigest,
                builder.deployments != null ? builder.deployments : this::deploymentsBetween,
                this::deliverBriefing);
        this.api = new MonitorApi(builder.apiSettings, builder.adminAuthenticator);
        api.register(HealthEndpoints.health(health, builder.apiSettings));
        api.register(SystemHealthView.operation(service, health, metrics, jobs, alerts, dispatcher, this::storeStatus));
        api.register(CheckHistoryEndpoints.operation(health));
        api.register(JobRunEndpoints.operation(jobs, clock));
        api.register(MetricsEndpoints.metrics(metrics.store(), clock));
        AlertEndpoints.operations(alerts, actions, dispatcher, clock).forEach(api::register);
        ActionEndpoints.operations(actions, clock).forEach(api::register);
        ConfigEndpoints.operations(runtimeConfig).forEach(api::register);
        api.register(AuditEndpoints.operation(audit));
        api.register(QueryEndpoint.operation(this::queryService));
        api.register(SecurityEventEndpoints.operation(store.securityEvents()));
        DeploymentEndpoints.operations(store.deployments(), clock).forEach(api::register);
        BriefingEndpoints.operations(briefings).forEach(api::register);
        api.register(RuleEndpoints.operation(alerts));
        this.notices = new NoticeService(clock, builder.noticeSettings, health::report, alerts::active);
        this.pageLoads = new PageLoads(meterRegistry, notices);
        if (builder.noticeSettings.enabled()) {
            metrics.register(PAGE_LOADS_COLLECTOR, pageLoads);
            if (!builder.noticeSettings.areas().isEmpty()) {
                alerts.register(AlertRuleRegistration.builder(AreaErrorRule.NAME, new AreaErrorRule(notices))
                        .severity(Severity.CRITICAL).build());
            }
            NoticeEndpoints.operations(notices, pageLoads, clock).forEach(api::register);
            api.serve(NoticeEndpoints.script());
        }
        if (builder.incidentSettings.enabled()) {
            IncidentEndpoints.operations(incidents, audit, clock).forEach(api::register);
        }
    }

    /** Starts building a monitor. */
    public static Builder builder() {
        return new Builder();
    }

    /** Runs every check once now and then keeps them on their schedules. Idempotent. */
    public void start() {
        synchronized (lifecycle) {
            if (started || closed) {
                return;
            }
            started = true;
            if (buffer != null) {
                buffer.start();
            }
            scheduler.execute(this::restoreCheckHistory); // on Vigil's thread: the store may be a database that is away
            nextTick = scheduler.schedule(this::tick, 0, TimeUnit.NANOSECONDS);
            dispatcher.start();
            long flushNanos = incidents.settings().flushInterval().toNanos();
            scheduler.execute(this::loadIncidents); // a database may be away: read on Vigil's thread, not the host's
            scheduler.scheduleWithFixedDelay(this::flushIncidents, flushNanos, flushNanos, TimeUnit.NANOSECONDS);
        }
        log.info("Vigil started with {} health check(s)", health.names().size());
    }

    /** Every notification goes to delivery; a firing one may also start its suggested action (auto-fix). */
    private void notify(Notification notification) {
        dispatcher.submit(notification);
        if (notification.kind() == Notification.Kind.FIRING) {
            try {
                actions.onAlertFired(notification.alert());
            } catch (RuntimeException e) {
                log.warn("Auto-fix for alert '{}' could not start", notification.alert().rule(), e);
            }
        }
    }

    /** Offers every firing alert to auto-fix; its idempotency key (the alert's id) runs each fix once. */
    private void autoFixFiringAlerts() {
        for (Alert alert : alerts.active()) {
            if (alert.state() == AlertState.FIRING) {
                try {
                    actions.onAlertFired(alert);
                } catch (RuntimeException e) {
                    log.warn("Auto-fix for alert '{}' could not start", alert.rule(), e);
                }
            }
        }
    }

    private void executeQuietly(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("Vigil is stopping; not running {}", task);
        }
    }

    private void tick() {
        try {
            readSharedState();
            readRecentDeployments();
            if (runtimeConfig.get(RuntimeConfig.MONITORING_ENABLED)) { // off: checks, collection and evaluation pause
                health.runDue();
                metrics.collectIfDue();
                if (gauges != null) {
                    gauges.refresh();
                }
                if (alerts.evaluateIfDue()) {
                    refreshNotices();
                }
            }
            security.drainTo(store.securityEvents());
            recordDeploymentIfDue();
            purgeIfDue();
            briefings.runIfDue(checkExecutor);
        } catch (RuntimeException e) { // keep the schedule alive whatever happens
            synchronized (lifecycle) {
                if (closed) {
                    return;
                }
            }
            log.error("Vigil scheduler tick failed", e);
        }
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            long sleep = Math.min(Math.min(health.untilNextDue().toNanos(), metrics.untilNextDue().toNanos()),
                    Math.min(alerts.untilNextDue().toNanos(), MAX_SLEEP_NANOS));
            nextTick = scheduler.schedule(this::tick, Math.max(sleep, TimeUnit.MILLISECONDS.toNanos(1)),
                    TimeUnit.NANOSECONDS);
        }
    }

    /** Recomputes the affected areas after an alert evaluation; a failure keeps the previous notices. */
    private void refreshNotices() {
        try {
            notices.refresh();
        } catch (RuntimeException e) {
            log.warn("Could not recompute the user-facing notices", e);
        }
    }

    /**
     * With a shared store, applies what other instances changed in the runtime configuration, once per
     * evaluation interval (silences and acknowledgements reach the alert engine with its evaluation).
     */
    private void readSharedState() {
        Instant now = clock.instant();
        if (!store.shared() || now.isBefore(nextSharedRead)) {
            return;
        }
        nextSharedRead = now.plus(alerts.settings().evaluationInterval());
        try {
            runtimeConfig.reload();
        } catch (RuntimeException e) {
            log.debug("Could not read the runtime configuration from the store", e);
        }
    }

    /**
     * Records this instance's deployment once, on Vigil's thread (the store may be a database that is away); a
     * failure is tried again a minute later.
     */
    private void recordDeploymentIfDue() {
        Instant now = clock.instant();
        if (nextDeploymentTry == null || now.isBefore(nextDeploymentTry)) {
            return;
        }
        try {
            String commit = deploymentSettings.commit() != null ? deploymentSettings.commit()
                    : DeploymentSettings.commitFromClasspath(classLoader()).orElse(null);
            Deployment recorded = store.deployments().record(Deployment.of(version, commit,
                    deploymentSettings.environment(), null, now, instanceId, DeploymentSource.STARTUP));
            nextDeploymentTry = null;
            nextDeploymentRead = Instant.MIN; // a suspect can be named from now on
            log.info("Vigil recorded deployment {} of version {}{} ({} instance(s))", recorded.id(), version,
                    commit == null ? "" : " at " + commit, recorded.instances().size());
        } catch (RuntimeException e) {
            nextDeploymentTry = now.plus(PURGE_RETRY);
            log.warn("Could not record this instance's deployment; it is tried again in a minute: {}", e.toString());
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Monitor.class.getClassLoader();
    }

    /**
     * Keeps the deployments of the last suspect window in memory, read from the store on Vigil's thread every 30 seconds,
     * so that naming a suspect never makes an ingest wait for the store.
     */
    private void readRecentDeployments() {
        Instant now = clock.instant();
        if (now.isBefore(nextDeploymentRead)) {
            return;
        }
        nextDeploymentRead = now.plus(DEPLOYMENT_READ);
        try {
            recentDeployments = store.deployments().recent(now.minus(incidents.settings().suspectWindow()), 20);
        } catch (RuntimeException e) {
            log.debug("Could not read recent deployments from the store", e);
        }
    }

    /** The newest deployment within the suspect window before {@code firstSeen}, as "version (id)". */
    private Optional<String> suspectDeployment(String application, Instant firstSeen) {
        Instant earliest = firstSeen.minus(incidents.settings().suspectWindow());
        return recentDeployments.stream()
                .filter(deployment -> !deployment.time().isAfter(firstSeen) && !deployment.time().isBefore(earliest))
                .max(Comparator.comparing(Deployment::time))
                .map(deployment -> deployment.version() + " (" + deployment.id() + ")");
    }

    /** What the briefing reports of incidents in {@code [from, to)}: opened, still open, resolved, the most serious first. */
    private IncidentDigest incidentDigest(Instant from, Instant to) {
        Map<String, Incident> relevant = new LinkedHashMap<>();
        incidents.list(new IncidentQuery(Set.of(), null, null, null, null, from, 1000))
                .forEach(incident -> relevant.put(incident.id(), incident));
        incidents.list(new IncidentQuery(EnumSet.of(IncidentStatus.DETECTED, IncidentStatus.ACKNOWLEDGED), null, null, null,
                null, null, 1000)).forEach(incident -> relevant.putIfAbsent(incident.id(), incident));
        int opened = 0;
        int open = 0;
        int resolved = 0;
        List<Incident> listed = new ArrayList<>();
        for (Incident incident : relevant.values()) {
            if (!incident.firstSeen().isBefore(to)) {
                continue;
            }
            boolean openedInPeriod = !incident.firstSeen().isBefore(from);
            boolean resolvedInPeriod = incident.resolvedAt() != null && !incident.resolvedAt().isBefore(from)
                    && incident.resolvedAt().isBefore(to);
            boolean openAtEnd = incident.resolvedAt() == null || !incident.resolvedAt().isBefore(to);
            opened += openedInPeriod ? 1 : 0;
            resolved += resolvedInPeriod ? 1 : 0;
            open += openAtEnd ? 1 : 0;
            if (openedInPeriod || resolvedInPeriod || openAtEnd || !incident.lastSeen().isBefore(from)) {
                listed.add(incident);
            }
        }
        List<IncidentDigest.Item> items = listed.stream()
                .sorted(Comparator.comparing(Incident::severity).thenComparing(Incident::lastSeen, Comparator.reverseOrder()))
                .limit(10)
                .map(incident -> new IncidentDigest.Item(incident.id(), incident.title(),
                        incident.severity().name().toLowerCase(Locale.ROOT), incident.status().name().toLowerCase(Locale.ROOT),
                        incident.lastSeen(), incidents.suggestedFix(incident).map(FixSuggestion::action).orElse(null)))
                .toList();
        return new IncidentDigest(opened, open, resolved, items);
    }

    private List<DeploymentSummary> deploymentsBetween(Instant from, Instant to) {
        return store.deployments().between(from, to).stream()
                .map(deployment -> new DeploymentSummary(deployment.version(), deployment.time(), describe(deployment)))
                .toList();
    }

    private static String describe(Deployment deployment) {
        StringBuilder text = new StringBuilder();
        if (deployment.commit() != null) {
            text.append("commit ").append(deployment.commit());
        }
        if (deployment.environment() != null) {
            text.append(text.isEmpty() ? "" : ", ").append(deployment.environment());
        }
        if (deployment.description() != null) {
            text.append(text.isEmpty() ? "" : ": ").append(deployment.description());
        }
        return text.toString();
    }

    /**
     * Sends a scheduled briefing this instance stored through the sinks of {@code monitor.briefing.deliver-to}. A
     * store that is not shared forgets its briefings on a restart, so there a briefing whose schedule fired before
     * this monitor was built is stored again but not sent again.
     */
    private void deliverBriefing(StoredBriefing briefing) {
        if (briefingSinks.isEmpty()) {
            return;
        }
        Instant fired = briefings.settings().schedule()
                .lastFireAtOrBefore(briefing.generatedAt(), briefings.settings().zone()).orElse(briefing.generatedAt());
        if (!store.shared() && fired.isBefore(builtAt)) {
            log.info("The briefing of {} was caught up after a restart and is not sent again (the memory store cannot tell"
                    + " whether it was sent before the restart)", briefing.date());
            return;
        }
        String id = "briefing-" + briefing.date();
        Alert alert = new Alert(id, "daily-briefing", "daily-briefing", Severity.INFO, AlertState.FIRING, briefing.text(),
                Map.of("date", briefing.date().toString()), Double.NaN, briefing.generatedAt(), briefing.generatedAt(), null,
                false, null);
        dispatcher.submitTo(new Notification(id, Notification.Kind.BRIEFING, alert, service, briefing.generatedAt()),
                briefingSinks);
    }

    /** Deletes records older than their retention, on one instance (the lease holder), off the scheduler thread. */
    private void purgeIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextPurge) || purging) {
            return;
        }
        nextPurge = now.plus(storeSettings.purgeInterval());
        purging = true;
        try {
            checkExecutor.execute(() -> {
                try {
                    purge(now);
                } finally {
                    purging = false;
                }
            });
        } catch (RuntimeException e) {
            purging = false;
        }
    }

    private void purge(Instant now) {
        try {
            if (!store.leases().tryAcquire(RETENTION_LEASE, instanceId, storeSettings.purgeInterval())) {
                return;
            }
            for (StoredKind kind : StoredKind.values()) {
                Instant cutoff = now.minus(storeSettings.retention(kind));
                int deleted;
                long total = 0;
                do {
                    deleted = store.purge(kind, cutoff, storeSettings.purgeBatchSize());
                    total += deleted;
                } while (deleted >= storeSettings.purgeBatchSize() && !Thread.currentThread().isInterrupted());
                if (total > 0) {
                    log.info("Purged {} {} records older than {}", total, kind.propertyName(), cutoff);
                }
            }
        } catch (RuntimeException e) {
            Duration again = storeSettings.purgeInterval().compareTo(PURGE_RETRY) < 0 ? storeSettings.purgeInterval()
                    : PURGE_RETRY;
            nextPurge = clock.instant().plus(again);
            log.warn("Purging old records failed; it is tried again in {}: {}", again, e.toString());
        }
    }

    /** Gives up this instance's leases, so another instance takes its singleton work over at once. */
    private void releaseLeases() {
        if (!store.shared()) {
            return;
        }
        List<String> leases = new ArrayList<>();
        leases.add(RETENTION_LEASE);
        for (String name : health.names()) {
            health.registration(name).filter(HealthCheckRegistration::singleton).ifPresent(check -> leases.add("check:" + name));
        }
        try {
            for (String lease : leases) {
                store.leases().release(lease, instanceId);
            }
        } catch (RuntimeException e) {
            log.debug("Could not give up Vigil's leases; they run out by themselves", e);
        }
    }

    private void storeRun(String check, HealthCheckRun run) {
        store.checkRuns().add(List.of(new CheckRunRecord(instanceId, check, run)));
        if (incidents.settings().enabled()) { // a failing critical or HTTP check opens an incident, its recovery resolves it
            health.registration(check).ifPresent(registration -> incidents.onCheckRun(check, run,
                    registration.critical() || registration.check() instanceof HttpEndpointCheck, registration.critical()));
        }
    }

    /** Writes incidents behind; with a shared store, rereads the active ones now and then for other instances' changes. */
    private void flushIncidents() {
        try {
            incidents.flush();
            if (store.shared() && !clock.instant().isBefore(nextIncidentLoad)) {
                loadIncidents();
            }
        } catch (RuntimeException e) {
            log.warn("Could not write incidents: {}", e.toString());
        }
    }

    private void loadIncidents() {
        nextIncidentLoad = clock.instant().plus(INCIDENT_RELOAD);
        try {
            incidents.load();
        } catch (RuntimeException e) {
            log.warn("Could not read incidents from the store (retried in {}): {}", INCIDENT_RELOAD, e.toString());
        }
    }

    private void restoreCheckHistory() {
        int size = health.settings().historySize();
        for (String name : health.names()) {
            try {
                List<HealthCheckRun> runs = new ArrayList<>();
                store.checkRuns().recent(name, size).forEach(record -> runs.add(0, record.run()));
                health.restoreHistory(name, runs);
            } catch (RuntimeException e) {
                log.warn("Could not read the history of health check '{}' from the store: {}", name, e.toString());
            }
        }
    }

    private static String defaultInstanceId() {
        String host = System.getenv("HOSTNAME");
        String prefix = host == null || host.isBlank() ? "instance" : host.strip();
        return prefix + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Singleton checks run where their lease is held; the other instances show the holder's latest run. */
    private final class CheckLeases implements HealthRegistry.Coordinator {
        @Override
        public boolean runsHere(String check, Duration interval) {
            Duration lease = interval.multipliedBy(3);
            try {
                return store.leases().tryAcquire("check:" + check, instanceId,
                        lease.compareTo(MIN_CHECK_LEASE) < 0 ? MIN_CHECK_LEASE : lease);
            } catch (RuntimeException e) {
                return true; // the store is away: better every instance checks than none
            }
        }

        @Override
        public Optional<HealthCheckRun> latestElsewhere(String check) {
            try {
                return store.checkRuns().recent(check, 1).stream().map(CheckRunRecord::run).findFirst();
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    /** This instance's id, as check runs and leases name it (default: host name, process id and a random suffix). */
    public String instanceId() {
        return instanceId;
    }

    /** Where Vigil keeps what must outlive the process (behind the write buffer when the store is shared). */
    public MonitorStore store() {
        return store;
    }

    /** Whether writes reach the store and what waits in the buffer; always up for a store without a buffer. */
    public StoreStatus storeStatus() {
        return buffer != null ? buffer.status()
                : new StoreStatus(true, null, null, 0, 0, 0, Map.of());
    }

    /** The health checks: registration, schedule, latest results and history. */
    public HealthRegistry health() {
        return health;
    }

    /** The metric collectors and their history. */
    public MetricsHistory metrics() {
        return metrics;
    }

    /** Background jobs: record runs, declare expectations; a missed expectation is a failing check. */
    public JobMonitor jobs() {
        return jobs;
    }

    /** Alert rules, active alerts, silences and history. */
    public AlertEngine alerts() {
        return alerts;
    }

    /** Delivery of notifications to sinks: outbox, retries, per-sink status. */
    public AlertDispatcher dispatcher() {
        return dispatcher;
    }

    /** Remediation actions behind their guardrails, and auto-fix. */
    public ActionService actions() {
        return actions;
    }

    /** The daily briefing: live, stored by date, scheduled and delivered. */
    public BriefingService briefings() {
        return briefings;
    }

    /** Switches that change without a redeploy: kill switch, auto-fix, monitoring on/off, check interval... */
    public RuntimeConfig runtimeConfig() {
        return runtimeConfig;
    }

    /** The read-only SQL service behind {@code POST /api/admin/run-query}, if one is set. */
    public Optional<AdminQueryService> queryService() {
        return Optional.ofNullable(queryService);
    }

    /**
     * Enables {@code POST /api/admin/run-query} with {@code service} (the JDBC module's
     * {@code ReadOnlyQueryRunner}); it is off until a service is set.
     */
    public void queryService(AdminQueryService service) {
        this.queryService = Objects.requireNonNull(service, "service");
    }

    /**
     * Records security events (failed logins, refused requests, attack signatures) without blocking the caller:
     * {@code monitor.security().failedLogin(user, ip)}.
     */
    public SecurityEvents security() {
        return security;
    }

    /**
     * The deployments of the service: recorded on start and through the API; {@code between(from, to)} and
     * {@code latestBefore(instant)} answer what was deployed in a window and what was live at a moment.
     */
    public DeploymentStore deployments() {
        return store.deployments();
    }

    /** User-facing notices: which areas are affected, their calm messages, and affected users per area. */
    public NoticeService notices() {
        return notices;
    }

    /** Page load times reported by browsers through the notices script. */
    public PageLoads pageLoads() {
        return pageLoads;
    }

    /**
     * Incidents: report errors of this process with {@code monitor.incidents().report(error, context)}, which
     * returns at once; list and move them through their lifecycle.
     */
    public IncidentService incidents() {
        return incidents;
    }

    /** The audit trail of actions, queries and configuration changes. */
    public AuditLog audit() {
        return audit;
    }

    /** The framework-neutral HTTP API, to be served by a transport such as {@code MonitorServlet}. */
    public MonitorApi api() {
        return api;
    }

    /**
     * The Micrometer registry Vigil records into (the host's, when given to the builder), so any
     * registry the host exports (Prometheus, OTLP...) carries Vigil's meters.
     */
    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /** The clock the monitor reads time from. */
    public Clock clock() {
        return clock;
    }

    /** Stops the schedule and Vigil's threads; running checks are interrupted. Idempotent. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            if (nextTick != null) {
                nextTick.cancel(false);
            }
        }
        shutdown(scheduler);
        shutdown(checkExecutor);
        shutdown(actionExecutor);
        dispatcher.close();
        try {
            security.flush(store.securityEvents());
        } catch (RuntimeException e) {
            log.debug("Could not write the last security events", e);
        }
        try {
            incidents.flush(); // what was seen since the last write goes to the store (its buffer drains on close)
        } catch (RuntimeException e) {
            log.warn("Could not write incidents at shutdown: {}", e.toString());
        }
        releaseLeases();
        try {
            store.close();
        } catch (Exception e) {
            log.warn("Could not close Vigil's store", e);
        }
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.debug("Could not release {}", closeable, e);
            }
        }
        log.info("Vigil stopped");
    }

    private static void shutdown(ExecutorService executor) {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                log.warn("Some Vigil threads did not stop within 2s (a check that ignores interruption?)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builds a {@link Monitor}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private LongSupplier nanoTime = System::nanoTime;
        private String version = "unknown";
        private HealthSettings healthSettings = HealthSettings.ofDefaults();
        private ApiSettings apiSettings = ApiSettings.ofDefaults();
        private AdminAuthenticator adminAuthenticator = AdminAuthenticator.DENY_ALL;
        private @Nullable MeterRegistry meterRegistry;
        private MetricsSettings metricsSettings = MetricsSettings.ofDefaults();
        private JobSettings jobSettings = JobSettings.ofDefaults();
        private final Map<String, MetricCollector> collectors = new LinkedHashMap<>();
        private boolean systemMetrics = true;
        private boolean bindSystemMeters = true;
        private boolean exportGauges = true;
        private int maxExportedBusinessSeries = MonitorGauges.DEFAULT_MAX_BUSINESS_SERIES;
        private Path diskPath = Path.of(".");
        private final List<HealthCheckRegistration> checks = new ArrayList<>();
        private AlertSettings alertSettings = AlertSettings.ofDefaults();
        private DeliverySettings deliverySettings = DeliverySettings.ofDefaults();
        private final Map<String, AlertSink> sinks = new LinkedHashMap<>();
        private final Set<String> replySinks = new LinkedHashSet<>();
        private final List<Route> routes = new ArrayList<>();
        private final List<AlertRuleRegistration> rules = new ArrayList<>();
        private boolean defaultAlertRules = true;
        private Map<String, AlertRuleOverride> alertRuleOverrides = Map.of();
        private final List<ActionRegistration> actions = new ArrayList<>();
        private ActionSettings actionSettings = ActionSettings.ofDefaults();
        private @Nullable MonitorStore store;
        private StoreSettings storeSettings = StoreSettings.ofDefaults();
        private @Nullable String instanceId;
        private final Map<String, Object> runtimeDefaults = new LinkedHashMap<>();
        private SecurityEventSettings securityEventSettings = SecurityEventSettings.ofDefaults();
        private DeploymentSettings deploymentSettings = DeploymentSettings.ofDefaults();
        private BriefingSettings briefingSettings = BriefingSettings.ofDefaults();
        private @Nullable IncidentDigestSource incidentDigests;
        private dev.vigil.briefing.@Nullable DeploymentSource deployments;
        private NoticeSettings noticeSettings = NoticeSettings.ofDefaults();
        private IncidentSettings incidentSettings = IncidentSettings.ofDefaults();
        private @Nullable SuspectDeployments suspectDeployments;

        private Builder() {
        }

        /** The wall clock for schedules and timestamps (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The monotonic nanosecond source for durations (default: {@link System#nanoTime()}). */
        public Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /** The host's Micrometer registry (default: a private {@code SimpleMeterRegistry}). */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Collection interval, history resolutions and retention, series cap. */
        public Builder metricsSettings(MetricsSettings settings) {
            this.metricsSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** History length and job limit of the job monitor. */
        public Builder jobSettings(JobSettings settings) {
            this.jobSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Registers a collector; its name is the section its samples are shown in. */
        public Builder metricCollector(String name, MetricCollector collector) {
            Objects.requireNonNull(name, "name");
            if (name.equals("system") || name.equals("jobs") || name.equals("security") || name.equals(PAGE_LOADS_COLLECTOR)
                    || collectors.putIfAbsent(name, Objects.requireNonNull(collector, "collector")) != null) {
                throw new IllegalArgumentException("a metric collector named '" + name + "' is already registered");
            }
            return this;
        }

        /**
         * Whether Vigil collects CPU, memory, disk, load, threads and GC into its history (default true),
         * watching the disk that holds {@code diskPath}.
         */
        public Builder systemMetrics(boolean enabled, Path diskPath) {
            this.systemMetrics = enabled;
            this.diskPath = Objects.requireNonNull(diskPath, "diskPath");
            return this;
        }

        /**
         * Whether Vigil binds Micrometer's JVM and system binders to the registry (default true). Turn it
         * off where the host binds them already, as Spring Boot Actuator does.
         */
        public Builder bindSystemMeters(boolean enabled) {
            this.bindSystemMeters = enabled;
            return this;
        }

        /**
         * Whether Vigil's health, alerts and the samples of the collectors registered here are exported as gauges
         * into the registry (default true; {@link MonitorGauges}), with at most {@code maxBusinessSeries} series of
         * collector samples.
         */
        public Builder exportGauges(boolean enabled, int maxBusinessSeries) {
            if (maxBusinessSeries < 0) {
                throw new IllegalArgumentException("monitor.metrics.export.max-business-series must not be negative, was "
                        + maxBusinessSeries);
            }
            this.exportGauges = enabled;
            this.maxExportedBusinessSeries = maxBusinessSeries;
            return this;
        }

        /** The host service's version, reported by the health endpoint. */
        public Builder version(String version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /** Health check defaults and limits. */
        public Builder healthSettings(HealthSettings settings) {
            this.healthSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Paths and detail visibility of the HTTP API. */
        public Builder apiSettings(ApiSettings settings) {
            this.apiSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Finds out who calls the admin API and with which roles (default: nobody is recognised). */
        public Builder adminAuthenticator(AdminAuthenticator authenticator) {
            this.adminAuthenticator = Objects.requireNonNull(authenticator, "authenticator");
            return this;
        }

        /**
         * The shared admin token: requests with {@code Authorization: Bearer <token>} are the caller
         * {@code admin-token} with role {@code admin}; blank means nobody. Replaces the authenticator; for
         * named tokens with roles use {@link dev.vigil.security.BearerTokens}.
         */
        public Builder adminToken(@Nullable String token) {
            this.adminAuthenticator = token == null || token.isBlank()
                    ? AdminAuthenticator.DENY_ALL
                    : AdminAuthenticator.bearerToken(token);
            return this;
        }

        /** Registers a health check with its own settings. */
        public Builder healthCheck(HealthCheckRegistration registration) {
            checks.add(Objects.requireNonNull(registration, "registration"));
            return this;
        }

        /** Registers a critical health check with the default interval and timeout. */
        public Builder healthCheck(String name, HealthCheck check) {
            return healthCheck(HealthCheckRegistration.of(name, check));
        }

        /** Evaluation interval, repeat interval, resolved notifications, service name. */
        public Builder alertSettings(AlertSettings settings) {
            this.alertSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Retries, timeouts, batch size and rate limits of notification delivery. */
        public Builder deliverySettings(DeliverySettings settings) {
            this.deliverySettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Adds a sink under a name routes refer to ({@code slack}, {@code email}, {@code webhook}...). */
        public Builder alertSink(String name, AlertSink sink) {
            Objects.requireNonNull(name, "name");
            if (sinks.putIfAbsent(name, Objects.requireNonNull(sink, "sink")) != null) {
                throw new IllegalArgumentException("an alert sink named '" + name + "' is already registered");
            }
            return this;
        }

        /**
         * Adds a sink that answers chat interactions (notifications of kind {@link Notification.Kind#REPLY}, put in the
         * outbox for it by name, e.g. the Slack module's {@code slack-replies}): the default routes leave it out, so
         * alerts never reach it.
         */
        public Builder replySink(String name, AlertSink sink) {
            alertSink(name, sink);
            replySinks.add(name);
            return this;
        }

        /** Routes notifications by severity and labels; without any, the defaults of {@link AlertRouter#defaults} apply. */
        public Builder alertRoute(Route route) {
            routes.add(Objects.requireNonNull(route, "route"));
            return this;
        }

        /** Adds an alert rule. */
        public Builder alertRule(AlertRuleRegistration rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * Whether the default rules (service down or degraded, database down, error ratio, p95 latency,
         * disk, memory, job failures, failed-login spike) are registered (default true), with overrides by rule name.
         */
        public Builder defaultAlertRules(boolean enabled, Map<String, AlertRuleOverride> overrides) {
            this.defaultAlertRules = enabled;
            this.alertRuleOverrides = Map.copyOf(overrides);
            return this;
        }

        /** Registers a remediation action (e.g. {@code start_curation}), triggered through the API or by auto-fix. */
        public Builder action(ActionRegistration action) {
            actions.add(Objects.requireNonNull(action, "action"));
            return this;
        }

        /** Approval and idempotency lifetimes, memory bounds of the action service. */
        public Builder actionSettings(ActionSettings settings) {
            this.actionSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Where check runs, alerts, silences, notifications, the audit trail, runtime switches and leases are
         * kept (default: a {@link MemoryMonitorStore}). A shared store (JDBC) survives restarts and lets
         * several instances of the service cooperate; the monitor puts it behind a write buffer and closes it
         * on {@link #close()}.
         */
        public Builder store(MonitorStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Retention, purge schedule and write buffer of the store. */
        public Builder storeSettings(StoreSettings settings) {
            this.storeSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** This instance's id among those sharing a store (default: host name, process id and a random suffix). */
        public Builder instanceId(String id) {
            if (Objects.requireNonNull(id, "id").isBlank() || id.length() > 100) {
                throw new IllegalArgumentException("an instance id must be 1-100 characters, was '" + id + "'");
            }
            this.instanceId = id;
            return this;
        }

        /** Initial value of a runtime switch, e.g. {@code actions.auto-fix = true}; validated like a change. */
        public Builder runtimeDefault(String key, Object value) {
            runtimeDefaults.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Whether and how security events are recorded (default: on, see {@link SecurityEventSettings}). */
        public Builder securityEventSettings(SecurityEventSettings settings) {
            this.securityEventSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Whether the start records a deployment, with which commit and environment (default: on, commit from git.properties). */
        public Builder deploymentSettings(DeploymentSettings settings) {
            this.deploymentSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** When the daily briefing is made, in which zone, and which sinks it is sent through. */
        public Builder briefingSettings(BriefingSettings settings) {
            this.briefingSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Where the briefing reads incidents from (default: the monitor's incidents). */
        public Builder incidentDigestSource(IncidentDigestSource source) {
            this.incidentDigests = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Where the briefing reads deployments from (default: the store's deployments). */
        public Builder deploymentSource(dev.vigil.briefing.DeploymentSource source) {
            this.deployments = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Areas, messages, header, page-load beacon and impact counting of user-facing notices. */
        public Builder notices(NoticeSettings settings) {
            this.noticeSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** How incidents are classified, grouped, kept and ingested (default: {@link IncidentSettings#ofDefaults()}). */
        public Builder incidentSettings(IncidentSettings settings) {
            this.incidentSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Who names the deployment suspected of a new incident (default: the newest deployment in the store within
         * the incident settings' {@code suspectWindow} before the incident was first seen).
         */
        public Builder suspectDeployments(SuspectDeployments suspects) {
            this.suspectDeployments = Objects.requireNonNull(suspects, "suspects");
            return this;
        }

        /** Builds the monitor; call {@link Monitor#start()} to begin checking. */
        public Monitor build() {
            return new Monitor(this);
        }
    }

}
