package dev.vigil.spring.boot;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import dev.vigil.Monitor;
import dev.vigil.action.ActionRegistration;
import dev.vigil.alert.AlertRuleRegistration;
import dev.vigil.alert.AlertSettings;
import dev.vigil.alert.AlertSink;
import dev.vigil.alert.delivery.DeliverySettings;
import dev.vigil.alert.delivery.Route;
import dev.vigil.alert.sinks.AlertmanagerAlertSink;
import dev.vigil.alert.sinks.WebhookAlertSink;
import dev.vigil.api.ApiSettings;
import dev.vigil.briefing.BriefingSettings;
import dev.vigil.config.RuntimeConfig;
import dev.vigil.health.HealthCheck;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthSettings;
import dev.vigil.health.checks.DiskSpaceCheck;
import dev.vigil.health.checks.HttpEndpointCheck;
import dev.vigil.health.checks.JvmHeapCheck;
import dev.vigil.incident.IncidentSettings;
import dev.vigil.jobs.JobExpectation;
import dev.vigil.metrics.MetricCollector;
import dev.vigil.metrics.MetricsSettings;
import dev.vigil.deploy.DeploymentSettings;
import dev.vigil.security.AdminAuthenticator;
import dev.vigil.security.BearerTokens;
import dev.vigil.security.Role;
import dev.vigil.security.event.SecurityEventSettings;
import dev.vigil.store.MonitorStore;
import dev.vigil.store.StoreSettings;
import dev.vigil.store.StoredKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Builds and starts Vigil's {@link Monitor} from {@code monitor.*} properties, registering every
 * {@link HealthCheck}, {@link HealthCheckRegistration} and {@link MetricCollector} bean of the
 * context, and recording into the context's Micrometer {@link MeterRegistry} when there is one.
 *
 * <p>A {@code HealthCheck} bean reports under its bean name, critical, with the default interval and
 * timeout; declare a {@code HealthCheckRegistration} bean instead to choose name, interval, timeout or
 * criticality. Every bean here backs off when the application defines its own.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.JvmMetricsAutoConfiguration"})
@ConditionalOnBooleanProperty(name = "monitor.enabled", matchIfMissing = true)
@EnableConfigurationProperties({MonitorProperties.class, MonitorAlertProperties.class, MonitorNoticeProperties.class})
public final class VigilAutoConfiguration {

    /** The caller that {@code monitor.ingest.token} authenticates. */
    static final String INGEST_CALLER = "ingest";

    private static final String SPRING_SECURITY_AUTHENTICATION = "org.springframework.security.core.Authentication";

    @Bean
    @ConditionalOnMissingBean
    HealthSettings vigilHealthSettings(MonitorProperties properties) {
        MonitorProperties.Health health = properties.getHealth();
        return HealthSettings.builder()
                .interval(health.getInterval())
                .timeout(health.getTimeout())
                .maxConcurrentChecks(health.getMaxConcurrentChecks())
                .historySize(health.getHistorySize())
                .build();
    }

    /** Retention, purge schedule and write buffer of the store, from {@code monitor.store.*}. */
    @Bean
    @ConditionalOnMissingBean
    StoreSettings vigilStoreSettings(MonitorProperties properties) {
        MonitorProperties.Store store = properties.getStore();
        MonitorProperties.Retention retention = store.getRetention();
        Map<StoredKind, Duration> kept = new EnumMap<>(StoredKind.class);
        kept.put(StoredKind.CHECK_RUNS, retention.getCheckRuns());
        kept.put(StoredKind.ALERT_HISTORY, retention.getAlertHistory());
        kept.put(StoredKind.NOTIFICATIONS, retention.getNotifications());
        kept.put(StoredKind.AUDIT, retention.getAudit());
        kept.put(StoredKind.ACTIONS, retention.getActions());
        kept.put(StoredKind.SECURITY_EVENTS, retention.getSecurityEvents());
        kept.put(StoredKind.DEPLOYMENTS, retention.getDeployments());
        kept.put(StoredKind.BRIEFINGS, retention.getBriefings());
        kept.put(StoredKind.INCIDENTS, retention.getIncidents());
        return new StoreSettings(kept, store.getPurgeInterval(), store.getPurgeBatchSize(), store.getBufferCapacity());
    }

    /** Classification, limits, the Sentry webhook and known fixes of incidents, from {@code monitor.incidents.*}. */
    @Bean
    @ConditionalOnMissingBean
    IncidentSettings vigilIncidentSettings(MonitorProperties properties) {
        return IncidentProperties.settings(properties.getIncidents());
    }

    @Bean
    @ConditionalOnMissingBean
    ApiSettings vigilApiSettings(MonitorProperties properties) {
        return new ApiSettings(properties.getHealth().getPath(), properties.getAdmin().getBasePath(),
                properties.getHealth().getShowDetails());
    }

    /**
     * The bearer tokens of {@code monitor.admin.token} (the shared admin caller) and
     * {@code monitor.admin.tokens.<name>.{token,roles}} (one caller per name), then, with Spring Security on the
     * class path, the user it signed in, with the roles of {@code monitor.security.roles.*}
     * ({@link SpringSecurityAuthenticator}). A host with its own sign-in
     * defines its own {@link AdminAuthenticator} bean, and may combine it with this one through
     * {@link AdminAuthenticator#or}.
     */
    @Bean
    @ConditionalOnMissingBean
    AdminAuthenticator vigilAdminAuthenticator(MonitorProperties properties, ListableBeanFactory beans) {
        AdminAuthenticator tokens = tokens(properties.getAdmin(), properties.getIngest().getToken());
        if (ClassUtils.isPresent(SPRING_SECURITY_AUTHENTICATION, classLoader(beans))) {
            return tokens.or(SpringSecurityAuthenticator.of(properties.getSecurity().getRoles()));
        }
        return tokens;
    }

    static AdminAuthenticator tokens(MonitorProperties.Admin admin, String ingestToken) {
        BearerTokens.Builder tokens = BearerTokens.builder();
        boolean any = false;
        if (ingestToken != null && !ingestToken.isBlank()) { // monitor.ingest.token: a caller that may only post errors
            tokens.token(INGEST_CALLER, ingestToken, EnumSet.of(Role.INGEST));
            any = true;
        }
        if (admin.getToken() != null && !admin.getToken().isBlank()) {
            tokens.adminToken(admin.getToken());
            any = true;
        }
        for (Map.Entry<String, MonitorProperties.NamedToken> entry : admin.getTokens().entrySet()) {
            String setting = "monitor.admin.tokens." + entry.getKey();
            MonitorProperties.NamedToken named = entry.getValue();
            if (named.getToken() == null) {
                throw new IllegalArgumentException(setting + ".token is required");
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String role : named.getRoles()) {
                try {
                    roles.add(Role.fromName(role));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(setting + ".roles: " + e.getMessage()); // the message says it all
                }
            }
            tokens.token(entry.getKey(), named.getToken(), roles);
            any = true;
        }
        return any ? tokens.build() : AdminAuthenticator.DENY_ALL;
    }

    @Bean
    @ConditionalOnMissingBean(name = "diskSpaceHealthCheck")
    @ConditionalOnBooleanProperty(name = "monitor.checks.disk.enabled", matchIfMissing = true)
    HealthCheckRegistration diskSpaceHealthCheck(MonitorProperties properties) {
        MonitorProperties.Disk disk = properties.getChecks().getDisk();
        DiskSpaceCheck check = DiskSpaceCheck.builder()
                .path(Path.of(disk.getPath()))
                .degradedAbove(disk.getDegradedAbove())
                .downAbove(disk.getDownAbove())
                .build();
        return registration("disk", check, disk);
    }

    @Bean
    @ConditionalOnMissingBean(name = "jvmHeapHealthCheck")
    @ConditionalOnBooleanProperty(name = "monitor.checks.memory.enabled", matchIfMissing = true)
    HealthCheckRegistration jvmHeapHealthCheck(MonitorProperties properties) {
        MonitorProperties.Memory memory = properties.getChecks().getMemory();
        JvmHeapCheck check = JvmHeapCheck.builder()
                .degradedAbove(memory.getDegradedAbove())
                .downAbove(memory.getDownAbove())
                .build();
        return registration("memory", check, memory);
    }

    /** Without Spring Boot's metrics module there is no registry bean; this one lets every part share one. */
    @Bean
    @ConditionalOnMissingBean
    MeterRegistry vigilMeterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean
    @ConditionalOnMissingBean
    MetricsSettings vigilMetricsSettings(MonitorProperties properties) {
        MonitorProperties.Metrics metrics = properties.getMetrics();
        MetricsSettings defaults = MetricsSettings.ofDefaults();
        Duration retention = metrics.getRetention();
        return MetricsSettings.builder()
                .collectInterval(metrics.getCollectInterval())
                .retention(retention)
                .mediumRetention(min(defaults.mediumRetention(), retention))
                .rawRetention(min(defaults.rawRetention(), retention))
                .maxSeries(metrics.getMaxSeries())
                .build();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Monitor vigilMonitor(MonitorProperties properties, HealthSettings healthSettings, ApiSettings apiSettings,
            MetricsSettings metricsSettings, AdminAuthenticator adminAuthenticator, ListableBeanFactory beans,
            ObjectProvider<HealthCheckRegistration> registrations, ObjectProvider<BuildProperties> buildProperties,
            ObjectProvider<MeterRegistry> meterRegistry, ObjectProvider<MonitorBuilderCustomizer> customizers,
            MonitorAlertProperties alertProperties, ObjectProvider<AlertRuleRegistration> alertRules,
            ObjectProvider<AlertSinkRegistration> sinkRegistrations, ObjectProvider<MonitorStore> store,
            StoreSettings storeSettings, Environment environment, ObjectProvider<GitProperties> gitProperties,
            MonitorNoticeProperties noticeProperties, ObjectProvider<MonitorApiCustomizer> apiCustomizers) {
        MissingSinkModules.warn(environment, classLoader(beans));
        Monitor.Builder builder = Monitor.builder()
                .version(version(properties, buildProperties, environment))
                .healthSettings(healthSettings)
                .metricsSettings(metricsSettings)
                .apiSettings(apiSettings)
                .adminAuthenticator(adminAuthenticator)
                .systemMetrics(properties.getMetrics().isSystem(), Path.of(properties.getChecks().getDisk().getPath()))
                .storeSettings(storeSettings)
                .securityEventSettings(securityEvents(properties.getSecurityEvents()))
                .deploymentSettings(deployments(properties.getDeployments(), gitProperties.getIfAvailable()))
                .notices(noticeProperties.toSettings());
        MonitorStore configuredStore = store.getIfAvailable(); // one bean (VigilStoreAutoConfiguration's or the application's)
        if (configuredStore != null) {
            builder.store(configuredStore);
        }
        if (properties.getInstanceId() != null && !properties.getInstanceId().isBlank()) {
            builder.instanceId(properties.getInstanceId().strip());
        }
        MeterRegistry hostRegistry = meterRegistry.getIfUnique();
        if (hostRegistry != null) {
            builder.meterRegistry(hostRegistry);
        }
        Boolean bind = properties.getMetrics().getBindJvmMeters();
        builder.bindSystemMeters(bind != null ? bind : !hostBindsJvmMeters(beans));
        MonitorProperties.Export export = properties.getMetrics().getExport();
        builder.exportGauges(export.isEnabled(), export.getMaxBusinessSeries());
        registrations.orderedStream().forEach(builder::healthCheck);
        Map<String, HealthCheck> checks = beans.getBeansOfType(HealthCheck.class);
        checks.forEach(builder::healthCheck);
        for (MonitorProperties.HttpCheck http : properties.getChecks().getHttp()) {
            if (http.isEnabled()) {
                builder.healthCheck(httpCheck(http));
            }
        }
        beans.getBeansOfType(MetricCollector.class).forEach(builder::metricCollector);
        configureAlerts(builder, alertProperties, alertRules, sinkRegistrations, beans, environment);
        MonitorProperties.Actions switches = properties.getActions();
        builder.runtimeDefault(RuntimeConfig.KILL_SWITCH.name(), switches.isKillSwitch())
                .runtimeDefault(RuntimeConfig.AUTO_FIX.name(), switches.isAutoFix())
                .runtimeDefault(RuntimeConfig.MAX_ACTIONS_PER_HOUR.name(), switches.getMaxPerHour())
                .runtimeDefault(RuntimeConfig.REQUIRE_APPROVAL_FOR_CRITICAL.name(), switches.isRequireApprovalForCritical());
        builder.briefingSettings(briefingSettings(properties.getBriefing()));
        beans.getBeanProvider(IncidentSettings.class).ifAvailable(builder::incidentSettings);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        Monitor monitor = builder.build();
        apiCustomizers.orderedStream().forEach(customizer -> customizer.customize(monitor.api()));
        properties.getJobs().getExpect().forEach((job, expectation) -> monitor.jobs().expect(job, expectation(job, expectation)));
        return monitor;
    }

    /**
     * Whether the context binds Micrometer's JVM meters itself: Spring Boot's {@code JvmMetricsAutoConfiguration}
     * (Boot 3.5 and 4 alike) or the application defines a {@link JvmGcMetrics} bean. Bean definitions are all known
     * when the monitor is created, whatever the order of the auto-configurations.
     */
    static boolean hostBindsJvmMeters(ListableBeanFactory beans) {
        return beans.getBeanNamesForType(JvmGcMetrics.class, true, false).length > 0;
    }

    static SecurityEventSettings securityEvents(MonitorProperties.SecurityEvents properties) {
        return SecurityEventSettings.builder()
                .enabled(properties.isEnabled())
                .trustedProxyHops(properties.getTrustedProxyHops())
                .recordStatuses(new java.util.HashSet<>(properties.getRecordStatuses()))
                .aggregationWindow(properties.getAggregationWindow())
                .signatures(properties.getSignatures().isEnabled())
                .build();
    }

    /** {@code monitor.deployments.*}; the commit from the property, else Spring Boot's git information, else git.properties. */
    static DeploymentSettings deployments(MonitorProperties.Deployments properties, @Nullable GitProperties git) {
        String commit = blankToNull(properties.getCommit());
        if (commit == null && git != null) {
            commit = blankToNull(git.getCommitId());
        }
        return new DeploymentSettings(properties.isRecordOnStart(), commit, blankToNull(properties.getEnvironment()));
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static BriefingSettings briefingSettings(MonitorProperties.Briefing briefing) {
        BriefingSettings.Builder settings = BriefingSettings.builder()
                .enabled(briefing.isEnabled())
                .cron(briefing.getCron())
                .deliverTo(briefing.getDeliverTo().stream().map(String::strip).toList());
        if (briefing.getZone() != null) {
            settings.zone(briefing.getZone());
        }
        return settings.build();
    }

    /** The class loader the context loads beans with, which decides what the conditions see. */
    private static ClassLoader classLoader(ListableBeanFactory beans) {
        ClassLoader loader = beans instanceof ConfigurableBeanFactory factory ? factory.getBeanClassLoader() : null;
        return loader != null ? loader : VigilAutoConfiguration.class.getClassLoader();
    }

    private static void configureAlerts(Monitor.Builder builder, MonitorAlertProperties properties,
            ObjectProvider<AlertRuleRegistration> rules, ObjectProvider<AlertSinkRegistration> sinkRegistrations,
            ListableBeanFactory beans, Environment environment) {
        String service = properties.getService() != null && !properties.getService().isBlank() ? properties.getService()
                : environment.getProperty("spring.application.name", AlertSettings.DEFAULT_SERVICE);
        builder.alertSettings(AlertSettings.builder()
                .evaluationInterval(properties.getEvaluationInterval())
                .repeatInterval(properties.getRepeatInterval())
                .sendResolved(properties.isSendResolved())
                .service(service)
                .resolveGrace(properties.getResolveGrace())
                .build());
        AlertRuleProperties configured = new AlertRuleProperties(properties.getRules());
        builder.defaultAlertRules(properties.isDefaults(), configured.overrides());
        configured.custom().forEach(builder::alertRule);
        rules.orderedStream().forEach(builder::alertRule);
        DeliverySettings.Builder delivery = DeliverySettings.builder()
                .maxAttempts(properties.getDelivery().getMaxAttempts())
                .sendTimeout(properties.getDelivery().getSendTimeout())
                .maxBackoff(properties.getDelivery().getMaxBackoff());
        sinkRegistrations.orderedStream().forEach(sink -> {
            builder.alertSink(sink.name(), sink.sink());
            if (!sink.minSendInterval().isZero()) {
                delivery.minSendInterval(sink.name(), sink.minSendInterval());
            }
        });
        beans.getBeansOfType(AlertSink.class).forEach(builder::alertSink);
        builder.deliverySettings(delivery.build());
        for (MonitorAlertProperties.RouteProperties route : properties.getRoutes()) {
            Route.Builder configuredRoute = Route.builder()
                    .severities(new java.util.HashSet<>(route.getSeverities()))
                    .to(route.getSinks())
                    .groupWait(route.getGroupWait())
                    .continueMatching(route.isContinueMatching());
            route.getMatchLabels().forEach(configuredRoute::matchLabel);
            builder.alertRoute(configuredRoute.build());
        }
    }

    /** The generic JSON webhook sink, when {@code monitor.alerts.webhook.url} is set. */
    @Bean
    @ConditionalOnMissingBean(name = "vigilWebhookSink")
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(prefix = "monitor.alerts.webhook", name = "url")
    AlertSinkRegistration vigilWebhookSink(MonitorAlertProperties properties) {
        MonitorAlertProperties.Webhook webhook = properties.getWebhook();
        WebhookAlertSink sink = WebhookAlertSink.builder(uri("monitor.alerts.webhook.url", webhook.getUrl()))
                .secret(webhook.getSecret() == null || webhook.getSecret().isBlank() ? null : webhook.getSecret())
                .timeout(webhook.getTimeout())
                .build();
        return new AlertSinkRegistration("webhook", sink, Duration.ZERO);
    }

    /** The Prometheus Alertmanager sink, when {@code monitor.alerts.alertmanager.url} is set. */
    @Bean
    @ConditionalOnMissingBean(name = "vigilAlertmanagerSink")
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(prefix = "monitor.alerts.alertmanager", name = "url")
    AlertSinkRegistration vigilAlertmanagerSink(MonitorAlertProperties properties) {
        return new AlertSinkRegistration("alertmanager",
                AlertmanagerAlertSink.builder(uri("monitor.alerts.alertmanager.url", properties.getAlertmanager().getUrl()))
                        .build(), Duration.ZERO);
    }

    /** Parses a configured URL without ever echoing it (it may carry a token). */
    static URI uri(String setting, String value) {
        try {
            URI uri = new URI(value.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException("", "");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(setting + " is not an absolute http(s) URL");
        }
    }

    private static JobExpectation expectation(String job, MonitorProperties.Expectation properties) {
        if ((properties.getMaxAge() == null) == (properties.getCron() == null)) {
            throw new IllegalArgumentException("monitor.jobs.expect." + job + " needs exactly one of max-age or cron");
        }
        JobExpectation expectation = properties.getMaxAge() != null
                ? JobExpectation.maxAge(properties.getMaxAge())
                : JobExpectation.cron(properties.getCron(), properties.getGrace());
        if (properties.getSuggestedAction() != null && !properties.getSuggestedAction().isBlank()) {
            expectation = expectation.suggestedAction(properties.getSuggestedAction());
        }
        return expectation.critical(properties.isCritical());
    }

    /**
     * Registers the {@link ActionRegistration} beans once every bean exists: actions usually call the
     * application's services, which may themselves use the monitor (a job recording its runs).
     */
    @Bean
    SmartInitializingSingleton vigilActionRegistrar(Monitor monitor, ObjectProvider<ActionRegistration> actions) {
        return () -> actions.orderedStream().forEach(monitor.actions()::register);
    }

    @Bean
    @ConditionalOnMissingBean
    VigilLifecycle vigilLifecycle(Monitor monitor) {
        return new VigilLifecycle(monitor);
    }

    static HealthCheckRegistration registration(String name, HealthCheck check, MonitorProperties.CheckToggle toggle) {
        return registration(name, check, toggle, false);
    }

    /**
     * A registration of a built-in check; {@code singleton} for checks of something the instances share (a URL,
     * the database), which one instance at a time runs when several share a store.
     */
    static HealthCheckRegistration registration(String name, HealthCheck check, MonitorProperties.CheckToggle toggle,
            boolean singleton) {
        HealthCheckRegistration.Builder builder = HealthCheckRegistration.builder(name, check)
                .critical(toggle.isCritical())
                .singleton(singleton);
        if (toggle.getInterval() != null) {
            builder.interval(toggle.getInterval());
        }
        return builder.build();
    }

    private static HealthCheckRegistration httpCheck(MonitorProperties.HttpCheck http) {
        if (http.getName() == null || http.getName().isBlank()) {
            throw new IllegalArgumentException("monitor.checks.http[].name is required (url " + http.getUrl() + ")");
        }
        if (http.getUrl() == null) {
            throw new IllegalArgumentException("monitor.checks.http[" + http.getName() + "].url is required");
        }
        HttpEndpointCheck.Builder check = HttpEndpointCheck.builder(http.getUrl())
                .expectedStatus(http.getExpectedStatus())
                .maxResponseTime(http.getMaxResponseTime())
                .requestTimeout(http.getTimeout())
                .headers(http.getHeaders());
        if (http.getBodyContains() != null && !http.getBodyContains().isEmpty()) {
            check.bodyContains(http.getBodyContains());
        }
        return registration(http.getName(), check.build(), http, true);
    }

    private static String version(MonitorProperties properties, ObjectProvider<BuildProperties> buildProperties,
            Environment environment) {
        if (properties.getVersion() != null && !properties.getVersion().isBlank()) {
            return properties.getVersion();
        }
        BuildProperties build = buildProperties.getIfAvailable();
        if (build != null && build.getVersion() != null) {
            return build.getVersion();
        }
        return environment.getProperty("spring.application.version", "unknown");
    }

    /** Starts the monitor once the application (and its web server) has started; stops it first on shutdown. */
    public static final class VigilLifecycle implements SmartLifecycle {

        private final Monitor monitor;
        private volatile boolean running;

        VigilLifecycle(Monitor monitor) {
            this.monitor = monitor;
        }

        @Override
        public void start() {
            monitor.start();
            running = true;
        }

        @Override
        public void stop() {
            monitor.close();
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return Integer.MAX_VALUE; // after the web server, so checks of the host's own URLs can pass
        }
    }
}
