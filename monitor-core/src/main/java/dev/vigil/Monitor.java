package dev.vigil;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionService;
import dev.vigil.action.ActionSettings;
import dev.vigil.alert.AlertEngine;
import dev.vigil.alert.AlertRuleOverride;
import dev.vigil.alert.AlertRuleRegistration;
import dev.vigil.alert.AlertRules;
import dev.vigil.alert.AlertSettings;
import dev.vigil.alert.AlertSink;
import dev.vigil.alert.Notification;
import dev.vigil.alert.RuleContext;
import dev.vigil.alert.delivery.AlertDispatcher;
import dev.vigil.alert.delivery.AlertRouter;
import dev.vigil.alert.delivery.DeliverySettings;
import dev.vigil.alert.delivery.MemoryNotificationOutbox;
import dev.vigil.alert.delivery.NotificationOutbox;
import dev.vigil.alert.delivery.Route;
import dev.vigil.alert.sinks.LogAlertSink;
import dev.vigil.api.ApiSettings;
import dev.vigil.api.MonitorApi;
import dev.vigil.api.endpoints.ActionEndpoints;
import dev.vigil.api.endpoints.AlertEndpoints;
import dev.vigil.api.endpoints.AuditEndpoints;
import dev.vigil.api.endpoints.ConfigEndpoints;
import dev.vigil.api.endpoints.ErrorIngestEndpoint;
import dev.vigil.api.endpoints.HealthEndpoints;
import dev.vigil.api.endpoints.MetricsEndpoints;
import dev.vigil.api.endpoints.QueryEndpoint;
import dev.vigil.api.endpoints.SystemHealthView;
import dev.vigil.audit.AuditLog;
import dev.vigil.audit.MemoryAuditLog;
import dev.vigil.config.ConfigStore;
import dev.vigil.config.MemoryConfigStore;
import dev.vigil.config.RuntimeConfig;
import dev.vigil.health.HealthCheck;
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
import dev.vigil.query.AdminQueryService;
import dev.vigil.security.AdminAuthenticator;
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

    private final Clock clock;
    private final MeterRegistry meterRegistry;
    private final HealthRegistry health;
    private final MetricsHistory metrics;
    private final JobMonitor jobs;
    private final AlertDispatcher dispatcher;
    private final AlertEngine alerts;
    private final AuditLog audit;
    private final RuntimeConfig runtimeConfig;
    private final ExecutorService actionExecutor;
    private final ActionService actions;
    private volatile @Nullable AdminQueryService queryService;
    private final MonitorApi api;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final ScheduledThreadPoolExecutor scheduler;
    private final ThreadPoolExecutor checkExecutor;
    private final Object lifecycle = new Object();
    private boolean started;
    private boolean closed;
    private @Nullable ScheduledFuture<?> nextTick;

    private Monitor(Builder builder) {
        this.clock = builder.clock;
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
        this.metrics = new MetricsHistory(clock, builder.metricsSettings, checkExecutor, scheduler);
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
        AlertRouter router = builder.routes.isEmpty() ? AlertRouter.defaults(sinks.keySet()) : AlertRouter.of(builder.routes);
        this.dispatcher = new AlertDispatcher(clock, builder.outbox != null ? builder.outbox : new MemoryNotificationOutbox(),
                sinks, router, builder.deliverySettings);
        this.audit = builder.auditLog != null ? builder.auditLog : new MemoryAuditLog();
        Map<String, Object> runtimeDefaults = new LinkedHashMap<>();
        runtimeDefaults.put(RuntimeConfig.HEALTH_INTERVAL.name(), builder.healthSettings.interval());
        runtimeDefaults.putAll(builder.runtimeDefaults);
        this.runtimeConfig = new RuntimeConfig(clock, builder.configStore != null ? builder.configStore : new MemoryConfigStore(),
                audit, runtimeDefaults);
        health.setDefaultInterval(runtimeConfig.get(RuntimeConfig.HEALTH_INTERVAL));
        runtimeConfig.onChange(RuntimeConfig.HEALTH_INTERVAL, health::setDefaultInterval);
        this.actionExecutor = ActionService.newExecutor(2, 16);
        this.actions = new ActionService(clock, builder.nanoTime, actionExecutor, scheduler, runtimeConfig, audit,
                builder.actionSettings);
        builder.actions.forEach(actions::register);
        RuleContext context = RuleContext.of(clock, metrics.store(), health::report).withJobs(jobs);
        this.alerts = new AlertEngine(context, builder.nanoTime, this::notify, builder.alertSettings);
        if (builder.defaultAlertRules) {
            AlertRules.defaults(builder.alertRuleOverrides).forEach(alerts::register);
        }
        builder.rules.forEach(alerts::register);
        this.api = new MonitorApi(builder.apiSettings, builder.adminAuthenticator);
        api.register(HealthEndpoints.health(health, builder.apiSettings));
        api.register(SystemHealthView.operation(health, metrics, jobs, alerts, dispatcher));
        api.register(MetricsEndpoints.metrics(metrics.store(), clock));
        AlertEndpoints.operations(alerts, actions, dispatcher, clock).forEach(api::register);
        ActionEndpoints.operations(actions, clock).forEach(api::register);
        ConfigEndpoints.operations(runtimeConfig).forEach(api::register);
        api.register(AuditEndpoints.operation(audit));
        api.register(QueryEndpoint.operation(this::queryService));
        api.register(ErrorIngestEndpoint.operation());
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
            nextTick = scheduler.schedule(this::tick, 0, TimeUnit.NANOSECONDS);
            dispatcher.start();
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

    private void tick() {
        try {
            if (runtimeConfig.get(RuntimeConfig.MONITORING_ENABLED)) { // off: checks, collection and evaluation pause
                health.runDue();
                metrics.collectIfDue();
                alerts.evaluateIfDue();
            }
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
        private Path diskPath = Path.of(".");
        private final List<HealthCheckRegistration> checks = new ArrayList<>();
        private AlertSettings alertSettings = AlertSettings.ofDefaults();
        private DeliverySettings deliverySettings = DeliverySettings.ofDefaults();
        private final Map<String, AlertSink> sinks = new LinkedHashMap<>();
        private final List<Route> routes = new ArrayList<>();
        private final List<AlertRuleRegistration> rules = new ArrayList<>();
        private boolean defaultAlertRules = true;
        private Map<String, AlertRuleOverride> alertRuleOverrides = Map.of();
        private @Nullable NotificationOutbox outbox;
        private final List<ActionRegistration> actions = new ArrayList<>();
        private ActionSettings actionSettings = ActionSettings.ofDefaults();
        private @Nullable AuditLog auditLog;
        private @Nullable ConfigStore configStore;
        private final Map<String, Object> runtimeDefaults = new LinkedHashMap<>();

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
            if (name.equals("system") || name.equals("jobs") || collectors.putIfAbsent(name, Objects.requireNonNull(collector, "collector")) != null) {
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
         * disk, memory, job failures) are registered (default true), with overrides by rule name.
         */
        public Builder defaultAlertRules(boolean enabled, Map<String, AlertRuleOverride> overrides) {
            this.defaultAlertRules = enabled;
            this.alertRuleOverrides = Map.copyOf(overrides);
            return this;
        }

        /** Where notifications wait for delivery (default: in memory). */
        public Builder notificationOutbox(NotificationOutbox outbox) {
            this.outbox = Objects.requireNonNull(outbox, "outbox");
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

        /** Where the audit trail is kept (default: in memory, the newest 10,000 entries). */
        public Builder auditLog(AuditLog log) {
            this.auditLog = Objects.requireNonNull(log, "log");
            return this;
        }

        /** Where runtime switches persist (default: in memory). */
        public Builder configStore(ConfigStore store) {
            this.configStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Initial value of a runtime switch, e.g. {@code actions.auto-fix = true}; validated like a change. */
        public Builder runtimeDefault(String key, Object value) {
            runtimeDefaults.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Builds the monitor; call {@link Monitor#start()} to begin checking. */
        public Monitor build() {
            return new Monitor(this);
        }
    }

}
