package dev.vigil.spring.boot;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.vigil.api.ShowDetails;
import dev.vigil.briefing.BriefingSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Vigil's {@code monitor.*} settings. Defaults are written as literals so the configuration processor
 * can publish them; {@code MonitorPropertiesTest} keeps them equal to the core's default constants. Every value has a working default; environment variables bind
 * the usual Spring way ({@code MONITOR_HEALTH_INTERVAL=30s}).
 */
@ConfigurationProperties("monitor")
public class MonitorProperties {

    /** Whether Vigil runs at all. When false no Vigil bean, thread, filter or endpoint is created. */
    private boolean enabled = true;

    /** The service version reported by /api/health. Defaults to the build info or the main class's manifest. */
    private String version;

    /**
     * This instance's id among the instances sharing a store, as check runs and leases name it. Unset: host
     * name, process id and a random suffix, new on every start.
     */
    private String instanceId;

    private final Health health = new Health();
    private final Admin admin = new Admin();
    private final Checks checks = new Checks();
    private final Metrics metrics = new Metrics();
    private final Requests requests = new Requests();
    private final Jdbc jdbc = new Jdbc();
    private final Jobs jobs = new Jobs();
    private final Actions actions = new Actions();
    private final Query query = new Query();
    private final Store store = new Store();
    private final SecurityEvents securityEvents = new SecurityEvents();
    private final Security security = new Security();
    private final Deployments deployments = new Deployments();
    private final Briefing briefing = new Briefing();
    private final Ingest ingest = new Ingest();
    private final Incidents incidents = new Incidents();
    private final Mcp mcp = new Mcp();
    private final Actuator actuator = new Actuator();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public Health getHealth() {
        return health;
    }

    public Admin getAdmin() {
        return admin;
    }

    public Checks getChecks() {
        return checks;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    public Requests getRequests() {
        return requests;
    }

    public Jdbc getJdbc() {
        return jdbc;
    }

    public Jobs getJobs() {
        return jobs;
    }

    public Actions getActions() {
        return actions;
    }

    public Query getQuery() {
        return query;
    }

    public Briefing getBriefing() {
        return briefing;
    }

    public Store getStore() {
        return store;
    }

    public SecurityEvents getSecurityEvents() {
        return securityEvents;
    }

    public Security getSecurity() {
        return security;
    }

    public Deployments getDeployments() {
        return deployments;
    }

    public Ingest getIngest() {
        return ingest;
    }

    public Incidents getIncidents() {
        return incidents;
    }

    public Mcp getMcp() {
        return mcp;
    }

    public Actuator getActuator() {
        return actuator;
    }

    /**
     * Vigil and Spring Boot Actuator health, on Boot 3.5 and 4. Read by the Actuator bridge (one rule for both lines:
     * {@code dev.vigil.spring.actuator.ActuatorBridge}); declared here for validation and IDE completion.
     */
    public static class Actuator {

        /** Whether Vigil's checks appear in /actuator/health as the component "vigil" (and in its probes' groups). */
        private boolean contributor = true;

        private final Indicators indicators = new Indicators();

        public boolean isContributor() {
            return contributor;
        }

        public void setContributor(boolean contributor) {
            this.contributor = contributor;
        }

        public Indicators getIndicators() {
            return indicators;
        }
    }

    /** Actuator's health indicators run as Vigil checks named actuator.<name>. */
    public static class Indicators {

        /**
         * Whether each Actuator health indicator becomes a Vigil check, except "vigil" itself, "db" while Vigil has
         * its database check and "diskSpace" while Vigil has its disk check.
         */
        private boolean enabled = true;

        /** Whether the imported checks are critical (DOWN makes the service DOWN) rather than degrading it. */
        private boolean critical = true;

        /** Actuator indicator names never imported. */
        private List<String> exclude = new ArrayList<>(List.of("ping", "livenessState", "readinessState"));

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public boolean isCritical() {
            return critical;
        }

        public void setCritical(boolean critical) {
            this.critical = critical;
        }

        public List<String> getExclude() {
            return exclude;
        }

        public void setExclude(List<String> exclude) {
            this.exclude = exclude;
        }
    }

    /** Where Vigil keeps check runs, alerts, silences, notifications, the audit trail, runtime switches and leases. */
    public static class Store {

        /** memory (the default: kept in the process, lost on a restart) or jdbc (a database several instances share). */
        private StoreType type = StoreType.MEMORY;

        /** Whether the JDBC store creates its tables: embedded (only on an embedded database such as H2), always, never. */
        private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;

        /** Prefix of the JDBC store's table names. */
        private String tablePrefix = "monitor_";

        /** How long each kind of record is kept before the purge deletes it. */
        private final Retention retention = new Retention();

        /** Time between two purges of old records (one instance purges: the holder of the lease). */
        private Duration purgeInterval = Duration.ofHours(1);

        /** Records deleted per statement by the purge. */
        private int purgeBatchSize = 1000;

        /** Writes held at most while the JDBC store is away; further ones are dropped, counted and logged. */
        private int bufferCapacity = 50_000;

        private final StoreDataSource datasource = new StoreDataSource();

        public StoreType getType() {
            return type;
        }

        public void setType(StoreType type) {
            this.type = type;
        }

        public SchemaInitialization getInitializeSchema() {
            return initializeSchema;
        }

        public void setInitializeSchema(SchemaInitialization initializeSchema) {
            this.initializeSchema = initializeSchema;
        }

        public String getTablePrefix() {
            return tablePrefix;
        }

        public void setTablePrefix(String tablePrefix) {
            this.tablePrefix = tablePrefix;
        }

        public Retention getRetention() {
            return retention;
        }

        public Duration getPurgeInterval() {
            return purgeInterval;
        }

        public void setPurgeInterval(Duration purgeInterval) {
            this.purgeInterval = purgeInterval;
        }

        public int getPurgeBatchSize() {
            return purgeBatchSize;
        }

        public void setPurgeBatchSize(int purgeBatchSize) {
            this.purgeBatchSize = purgeBatchSize;
        }

        public int getBufferCapacity() {
            return bufferCapacity;
        }

        public void setBufferCapacity(int bufferCapacity) {
            this.bufferCapacity = bufferCapacity;
        }

        public StoreDataSource getDatasource() {
            return datasource;
        }
    }

    /** The kinds of store. */
    public enum StoreType {
        /** In the process, bounded by size, lost on a restart. */
        MEMORY,
        /** In a database (H2, PostgreSQL), kept across restarts and shared by several instances. */
        JDBC
    }

    /** When the JDBC store creates its tables. */
    public enum SchemaInitialization {
        /** Only on an embedded database (H2). */
        EMBEDDED,
        /** On every database; the statements are idempotent. */
        ALWAYS,
        /** Never: the tables come from a migration tool (Flyway, Liquibase) or a DBA. */
        NEVER
    }

    /** How long each kind of stored record is kept. */
    public static class Retention {

        /** Health check runs. */
        private Duration checkRuns = Duration.ofDays(30);

        /** Alert history entries. */
        private Duration alertHistory = Duration.ofDays(30);

        /** Delivered and dead-lettered notifications (undelivered ones are never purged). */
        private Duration notifications = Duration.ofDays(30);

        /** Audit entries. */
        private Duration audit = Duration.ofDays(30);

        /** Action runs and expired approval tokens. */
        private Duration actions = Duration.ofDays(30);

        /** Security events. */
        private Duration securityEvents = Duration.ofDays(30);

        /** Deployments. */
        private Duration deployments = Duration.ofDays(400);

        /** Daily briefings. */
        private Duration briefings = Duration.ofDays(400);

        /** Resolved incidents (from their resolution) and incident events. */
        private Duration incidents = Duration.ofDays(90);

        public Duration getIncidents() {
            return incidents;
        }

        public void setIncidents(Duration incidents) {
            this.incidents = incidents;
        }

        public Duration getSecurityEvents() {
            return securityEvents;
        }

        public void setSecurityEvents(Duration securityEvents) {
            this.securityEvents = securityEvents;
        }

        public Duration getDeployments() {
            return deployments;
        }

        public void setDeployments(Duration deployments) {
            this.deployments = deployments;
        }

        public Duration getCheckRuns() {
            return checkRuns;
        }

        public void setCheckRuns(Duration checkRuns) {
            this.checkRuns = checkRuns;
        }

        public Duration getAlertHistory() {
            return alertHistory;
        }

        public void setAlertHistory(Duration alertHistory) {
            this.alertHistory = alertHistory;
        }

        public Duration getNotifications() {
            return notifications;
        }

        public void setNotifications(Duration notifications) {
            this.notifications = notifications;
        }

        public Duration getAudit() {
            return audit;
        }

        public void setAudit(Duration audit) {
            this.audit = audit;
        }

        public Duration getActions() {
            return actions;
        }

        public void setActions(Duration actions) {
            this.actions = actions;
        }

        public Duration getBriefings() {
            return briefings;
        }

        public void setBriefings(Duration briefings) {
            this.briefings = briefings;
        }
    }

    /** The daily briefing: built and stored on a schedule, served at {@code <admin>/briefing}, optionally sent to sinks. */
    public static class Briefing {

        /** Whether the briefing of the previous day is built and stored on schedule; the live one is served either way. */
        private boolean enabled = true;

        /**
         * When: a 6-field Spring cron expression (second minute hour day-of-month month day-of-week). The daily form
         * {@code S M H * * *} needs nothing else; any other expression needs com.cronutils:cron-utils on the classpath.
         */
        private String cron = BriefingSettings.DEFAULT_CRON;

        /** The time zone of the schedule and of the days reported on (default: the host's zone). */
        private ZoneId zone;

        /** Alert sinks the scheduled briefing is sent through, by name, e.g. slack, email. */
        private List<String> deliverTo = new ArrayList<>();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getCron() {
            return cron;
        }

        public void setCron(String cron) {
            this.cron = cron;
        }

        public ZoneId getZone() {
            return zone;
        }

        public void setZone(ZoneId zone) {
            this.zone = zone;
        }

        public List<String> getDeliverTo() {
            return deliverTo;
        }

        public void setDeliverTo(List<String> deliverTo) {
            this.deliverTo = deliverTo;
        }
    }

    /** A data source of the store's own, instead of the application's DataSource bean (pooled by HikariCP). */
    public static class StoreDataSource {

        /** JDBC URL; when set, the store uses a pool of its own on it, closed on shutdown. */
        private String url;

        /** Database user. */
        private String username;

        /** Its password (a secret: keep it in an environment variable). */
        private String password;

        /** JDBC driver class; unset: derived from the URL. */
        private String driverClassName;

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getDriverClassName() {
            return driverClassName;
        }

        public void setDriverClassName(String driverClassName) {
            this.driverClassName = driverClassName;
        }

        @Override
        public String toString() {
            return "StoreDataSource[url=" + url + ", password=" + (password == null ? "unset" : "******") + "]";
        }
    }

    /** Read-only SQL for admins ({@code POST /api/admin/run-query}). */
    public static class Query {

        /** Whether the endpoint is on. Off by default. */
        private boolean enabled;

        /** Whether the application's own DataSource may be used when no query datasource is configured. */
        private boolean allowAppDatasource;

        /**
         * Time one query may take: the request is answered "timed out" (504) by then and the statement
         * cancelled, its connection aborted if it does not stop; also the database's statement timeout.
         */
        private Duration timeout = Duration.ofSeconds(5);

        /** Queries that may run at once (1 to 64); one more is refused with 503 "busy". */
        private int maxConcurrent = 2;

        /**
         * Connections of the application's own HikariCP pool a query must leave free (with
         * allow-app-datasource); when the pool is busier, the query is refused with 503 "busy". 0 turns it off.
         */
        private int poolReserve = 2;

        /** Rows returned when the request does not say. */
        private int maxRows = 100;

        /**
         * Rows the row generators of one query (generate_series, H2's SYSTEM_RANGE) may make together;
         * they take numeric literal bounds only, and a query past this is refused with 400 "value_amplifier".
         */
        private int maxSeriesRows = 100_000;

        /** Rows a request may ask for at most (its maxRows is cut to this). */
        private int maxRowsCap = 1000;

        /** Characters a query may have; a longer one is refused with 400 "too_long". */
        private int maxQueryLength = 16 * 1024;

        /** Characters of JSON the rows of one response may take; rows past it are left out and "truncated" is true. */
        private int maxResultChars = 1024 * 1024;

        /**
         * Characters shown of one value (longer ones are cut), and the most that repeat, lpad, rpad and
         * space may build together in one query (beyond, 400 "value_amplifier").
         */
        private int maxCellChars = 64 * 1024;

        /** Tables a query may read; empty allows every table the role can read. */
        private List<String> allowedTables = new ArrayList<>();

        /** Column name fragments whose values are replaced by "***"; unset keeps the defaults (password, token, secret...). */
        private List<String> redactedColumns;

        private final QueryDataSource datasource = new QueryDataSource();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public boolean isAllowAppDatasource() {
            return allowAppDatasource;
        }

        public void setAllowAppDatasource(boolean allowAppDatasource) {
            this.allowAppDatasource = allowAppDatasource;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public int getMaxConcurrent() {
            return maxConcurrent;
        }

        public void setMaxConcurrent(int maxConcurrent) {
            this.maxConcurrent = maxConcurrent;
        }

        public int getPoolReserve() {
            return poolReserve;
        }

        public void setPoolReserve(int poolReserve) {
            this.poolReserve = poolReserve;
        }

        public int getMaxRows() {
            return maxRows;
        }

        public void setMaxRows(int maxRows) {
            this.maxRows = maxRows;
        }

        public int getMaxSeriesRows() {
            return maxSeriesRows;
        }

        public void setMaxSeriesRows(int maxSeriesRows) {
            this.maxSeriesRows = maxSeriesRows;
        }

        public int getMaxRowsCap() {
            return maxRowsCap;
        }

        public void setMaxRowsCap(int maxRowsCap) {
            this.maxRowsCap = maxRowsCap;
        }

        public int getMaxQueryLength() {
            return maxQueryLength;
        }

        public void setMaxQueryLength(int maxQueryLength) {
            this.maxQueryLength = maxQueryLength;
        }

        public int getMaxResultChars() {
            return maxResultChars;
        }

        public void setMaxResultChars(int maxResultChars) {
            this.maxResultChars = maxResultChars;
        }

        public int getMaxCellChars() {
            return maxCellChars;
        }

        public void setMaxCellChars(int maxCellChars) {
            this.maxCellChars = maxCellChars;
        }

        public List<String> getAllowedTables() {
            return allowedTables;
        }

        public void setAllowedTables(List<String> allowedTables) {
            this.allowedTables = allowedTables;
        }

        public List<String> getRedactedColumns() {
            return redactedColumns;
        }

        public void setRedactedColumns(List<String> redactedColumns) {
            this.redactedColumns = redactedColumns;
        }

        public QueryDataSource getDatasource() {
            return datasource;
        }
    }

    /** A separate, least-privileged connection for admin queries (a read-only role). */
    public static class QueryDataSource {

        /** JDBC URL. */
        private String url;

        /** User of a read-only role. */
        private String username;

        /** Its password (a secret: keep it in an environment variable). */
        private String password;

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        @Override
        public String toString() {
            return "QueryDataSource[url=" + url + ", password=" + (password == null ? "unset" : "******") + "]";
        }
    }

    /** Initial values of the runtime switches for remediation actions (changeable later through /api/admin/config). */
    public static class Actions {

        /** Global kill switch: no action runs while it is on. */
        private boolean killSwitch;

        /** Whether a firing alert may run its suggested action automatically (within the guardrails). */
        private boolean autoFix;

        /** Runs allowed per action in a rolling hour. */
        private int maxPerHour = 10;

        /** Whether critical actions need a second call with an approval token. */
        private boolean requireApprovalForCritical = true;

        public boolean isKillSwitch() {
            return killSwitch;
        }

        public void setKillSwitch(boolean killSwitch) {
            this.killSwitch = killSwitch;
        }

        public boolean isAutoFix() {
            return autoFix;
        }

        public void setAutoFix(boolean autoFix) {
            this.autoFix = autoFix;
        }

        public int getMaxPerHour() {
            return maxPerHour;
        }

        public void setMaxPerHour(int maxPerHour) {
            this.maxPerHour = maxPerHour;
        }

        public boolean isRequireApprovalForCritical() {
            return requireApprovalForCritical;
        }

        public void setRequireApprovalForCritical(boolean requireApprovalForCritical) {
            this.requireApprovalForCritical = requireApprovalForCritical;
        }
    }

    /** Metric collection and history. */
    public static class Metrics {

        /** Time between two collections into the history. */
        private Duration collectInterval = Duration.ofSeconds(60);

        /** Total history kept (hourly rollups); a day at full resolution, a week of 5-minute rollups. */
        private Duration retention = Duration.ofDays(30);

        /** Distinct series kept; samples of further series are dropped and counted. */
        private int maxSeries = 5000;

        /** Whether CPU, memory, disk, load, threads and GC are collected into the history. */
        private boolean system = true;

        /** Whether Vigil binds Micrometer's JVM/system binders; unset: only when Spring Boot does not. */
        private Boolean bindJvmMeters;

        /**
         * Whether each request is also recorded as the timer http.route.requests in the application's registry:
         * auto (only when Spring's http.server.requests observation is not there), always or never. Vigil's route
         * statistics, history and alerts do not depend on it.
         */
        private RouteTimer routeTimer = RouteTimer.AUTO;

        private final Export export = new Export();

        public Duration getCollectInterval() {
            return collectInterval;
        }

        public void setCollectInterval(Duration collectInterval) {
            this.collectInterval = collectInterval;
        }

        public Duration getRetention() {
            return retention;
        }

        public void setRetention(Duration retention) {
            this.retention = retention;
        }

        public int getMaxSeries() {
            return maxSeries;
        }

        public void setMaxSeries(int maxSeries) {
            this.maxSeries = maxSeries;
        }

        public boolean isSystem() {
            return system;
        }

        public void setSystem(boolean system) {
            this.system = system;
        }

        public Boolean getBindJvmMeters() {
            return bindJvmMeters;
        }

        public void setBindJvmMeters(Boolean bindJvmMeters) {
            this.bindJvmMeters = bindJvmMeters;
        }

        public RouteTimer getRouteTimer() {
            return routeTimer;
        }

        public void setRouteTimer(RouteTimer routeTimer) {
            this.routeTimer = routeTimer;
        }

        public Export getExport() {
            return export;
        }
    }

    /** When the request tracing filter records the timer http.route.requests into the application's registry. */
    public enum RouteTimer {
        /** Unless Spring's http.server.requests observation filter is there (Actuator with Spring MVC). */
        AUTO,
        /** Always, even beside http.server.requests. */
        ALWAYS,
        /** Never: the route statistics stay in Vigil. */
        NEVER
    }

    /** Vigil's state exported as gauges into the application's registry (Prometheus, OTLP...). */
    public static class Export {

        /**
         * Whether vigil.health.status{check}, vigil.health.overall, vigil.alerts.active{severity,state} and
         * vigil.business.<sample>{collector,...} (the application's own collectors) are registered.
         */
        private boolean enabled = true;

        /** Series of the application's collectors exported at most; further ones stay in Vigil's history only. */
        private int maxBusinessSeries = 500;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getMaxBusinessSeries() {
            return maxBusinessSeries;
        }

        public void setMaxBusinessSeries(int maxBusinessSeries) {
            this.maxBusinessSeries = maxBusinessSeries;
        }
    }

    /** Request tracing by route. */
    public static class Requests {

        /** Whether every request is traced by route. */
        private boolean enabled = true;

        /** Distinct routes tracked; further ones are counted under OTHER. */
        private int maxRoutes = 200;

        /** Distinct platform (tenant) tag values; further ones are counted under "other". */
        private int maxPlatforms = 20;

        /** Distinct (route, platform) pairs tracked. */
        private int maxSeries = 500;

        /** Request header naming the platform or tenant, e.g. X-Platform. */
        private String platformHeader;

        /** Request attribute (set by the application) naming the platform or tenant. */
        private String platformAttribute;

        /**
         * Whether Vigil's own API and dashboard paths and Actuator's base path (when Actuator shares the
         * application's port) are left out of the route statistics.
         */
        private boolean excludeOwnPaths = true;

        /** Further path prefixes left out of the route statistics, e.g. /internal (a prefix covers the paths below it). */
        private List<String> excludePaths = new ArrayList<>();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getMaxRoutes() {
            return maxRoutes;
        }

        public void setMaxRoutes(int maxRoutes) {
            this.maxRoutes = maxRoutes;
        }

        public int getMaxPlatforms() {
            return maxPlatforms;
        }

        public void setMaxPlatforms(int maxPlatforms) {
            this.maxPlatforms = maxPlatforms;
        }

        public int getMaxSeries() {
            return maxSeries;
        }

        public void setMaxSeries(int maxSeries) {
            this.maxSeries = maxSeries;
        }

        public String getPlatformHeader() {
            return platformHeader;
        }

        public void setPlatformHeader(String platformHeader) {
            this.platformHeader = platformHeader;
        }

        public String getPlatformAttribute() {
            return platformAttribute;
        }

        public void setPlatformAttribute(String platformAttribute) {
            this.platformAttribute = platformAttribute;
        }

        public boolean isExcludeOwnPaths() {
            return excludeOwnPaths;
        }

        public void setExcludeOwnPaths(boolean excludeOwnPaths) {
            this.excludeOwnPaths = excludeOwnPaths;
        }

        public List<String> getExcludePaths() {
            return excludePaths;
        }

        public void setExcludePaths(List<String> excludePaths) {
            this.excludePaths = excludePaths;
        }
    }

    /** Statement timing of the application's DataSource. */
    public static class Jdbc {

        /** Whether the application's DataSource beans are wrapped to time every statement. */
        private boolean enabled = true;

        /** Statements slower than this are counted and logged (once per statement shape). */
        private Duration slowQueryThreshold = Duration.ofSeconds(1);

        /** Distinct statement shapes kept; further ones are counted under OTHER. */
        private int maxStatementShapes = 500;

        /** Whether database size and table row counts are collected on the metrics interval. */
        private boolean sizeMetrics = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getSlowQueryThreshold() {
            return slowQueryThreshold;
        }

        public void setSlowQueryThreshold(Duration slowQueryThreshold) {
            this.slowQueryThreshold = slowQueryThreshold;
        }

        public int getMaxStatementShapes() {
            return maxStatementShapes;
        }

        public void setMaxStatementShapes(int maxStatementShapes) {
            this.maxStatementShapes = maxStatementShapes;
        }

        public boolean isSizeMetrics() {
            return sizeMetrics;
        }

        public void setSizeMetrics(boolean sizeMetrics) {
            this.sizeMetrics = sizeMetrics;
        }
    }

    /** Background jobs. */
    public static class Jobs {

        /** Whether every @Scheduled method is recorded as a job named bean.method. */
        private boolean instrumentScheduled = true;

        /** Expectations per job name, e.g. monitor.jobs.expect.curation.max-age=2h. */
        private Map<String, Expectation> expect = new LinkedHashMap<>();

        public boolean isInstrumentScheduled() {
            return instrumentScheduled;
        }

        public void setInstrumentScheduled(boolean instrumentScheduled) {
            this.instrumentScheduled = instrumentScheduled;
        }

        public Map<String, Expectation> getExpect() {
            return expect;
        }

        public void setExpect(Map<String, Expectation> expect) {
            this.expect = expect;
        }
    }

    /** How often one job must succeed: a maximum age, or a cron schedule plus grace. */
    public static class Expectation {

        /** The job must have succeeded within this long. */
        private Duration maxAge;

        /** Cron schedule the job follows (5-field Unix or 6-field Spring); use instead of max-age. */
        private String cron;

        /** How late a cron run may be before it counts as missed. */
        private Duration grace = Duration.ofMinutes(5);

        /** Remediation action an operator should run when the job misses its expectation. */
        private String suggestedAction;

        /** Whether a missed expectation makes the whole service down (otherwise only degraded). */
        private boolean critical;

        public Duration getMaxAge() {
            return maxAge;
        }

        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }

        public String getCron() {
            return cron;
        }

        public void setCron(String cron) {
            this.cron = cron;
        }

        public Duration getGrace() {
            return grace;
        }

        public void setGrace(Duration grace) {
            this.grace = grace;
        }

        public String getSuggestedAction() {
            return suggestedAction;
        }

        public void setSuggestedAction(String suggestedAction) {
            this.suggestedAction = suggestedAction;
        }

        public boolean isCritical() {
            return critical;
        }

        public void setCritical(boolean critical) {
            this.critical = critical;
        }
    }

    /** Health check scheduling and the public endpoint. */
    public static class Health {

        /** Default time between two runs of a check. */
        private Duration interval = Duration.ofSeconds(60);

        /** Default time one run may take before the check is reported down. */
        private Duration timeout = Duration.ofSeconds(5);

        /** Who sees per-check details on the public health endpoint: never, when-authorized or always. */
        private ShowDetails showDetails = ShowDetails.WHEN_AUTHORIZED;

        /** Path of the public health endpoint. */
        private String path = "/api/health";

        /** Checks that may run at the same time (threads of a bounded pool). */
        private int maxConcurrentChecks = 4;

        /** Runs kept in memory per check. */
        private int historySize = 1440;

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public ShowDetails getShowDetails() {
            return showDetails;
        }

        public void setShowDetails(ShowDetails showDetails) {
            this.showDetails = showDetails;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public int getMaxConcurrentChecks() {
            return maxConcurrentChecks;
        }

        public void setMaxConcurrentChecks(int maxConcurrentChecks) {
            this.maxConcurrentChecks = maxConcurrentChecks;
        }

        public int getHistorySize() {
            return historySize;
        }

        public void setHistorySize(int historySize) {
            this.historySize = historySize;
        }
    }

    /** Admin access to details and the admin API. */
    public static class Admin {

        /**
         * The shared admin token: "Authorization: Bearer ..." with it is the caller admin-token, role admin. Unset
         * means nobody is admin by this token.
         */
        private String token;

        /**
         * Named tokens, each its own caller (the name, as the audit trail shows it) with roles: read, operator
         * (implies read), ingest, admin (implies all). E.g. monitor.admin.tokens.grafana.token=... and
         * monitor.admin.tokens.grafana.roles=read.
         */
        private Map<String, NamedToken> tokens = new LinkedHashMap<>();

        /** Base path of the admin API. */
        private String basePath = "/api/admin";

        public Map<String, NamedToken> getTokens() {
            return tokens;
        }

        public void setTokens(Map<String, NamedToken> tokens) {
            this.tokens = tokens;
        }

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }

        public String getBasePath() {
            return basePath;
        }

        public void setBasePath(String basePath) {
            this.basePath = basePath;
        }

        @Override
        public String toString() {
            return "Admin[token=" + (token == null ? "unset" : "******") + ", tokens=" + tokens + ", basePath=" + basePath + "]";
        }
    }

    /** A named bearer token and what its caller may do. */
    public static class NamedToken {

        /** The bearer token; every token must differ from every other. */
        private String token;

        /** The caller's roles: read, operator, ingest, admin. */
        private List<String> roles = new ArrayList<>();

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }

        public List<String> getRoles() {
            return roles;
        }

        public void setRoles(List<String> roles) {
            this.roles = roles;
        }

        @Override
        public String toString() {
            return "NamedToken[token=" + (token == null ? "unset" : "******") + ", roles=" + roles + "]";
        }
    }

    /** The built-in checks. */
    public static class Checks {

        private final Disk disk = new Disk();
        private final Memory memory = new Memory();
        private final Database database = new Database();

        /** HTTP endpoints to probe, each reported as its own check. */
        private List<HttpCheck> http = new ArrayList<>();

        public Disk getDisk() {
            return disk;
        }

        public Memory getMemory() {
            return memory;
        }

        public Database getDatabase() {
            return database;
        }

        public List<HttpCheck> getHttp() {
            return http;
        }

        public void setHttp(List<HttpCheck> http) {
            this.http = http;
        }
    }

    /** Settings every built-in check shares. */
    public abstract static class CheckToggle {

        /** Whether the check is registered. */
        private boolean enabled = true;

        /** Whether this check being down makes the whole service down (otherwise only degraded). */
        private boolean critical;

        /** Time between runs; the health default when unset. */
        private Duration interval;

        protected CheckToggle(boolean critical) {
            this.critical = critical;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public boolean isCritical() {
            return critical;
        }

        public void setCritical(boolean critical) {
            this.critical = critical;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }
    }

    /** Disk space of the file store holding {@code path}. */
    public static class Disk extends CheckToggle {

        /** A path on the file store to watch. */
        private String path = ".";

        /** Used fraction (0-1) above which the check is degraded. */
        private double degradedAbove = 0.80;

        /** Used fraction (0-1) above which the check is down. */
        private double downAbove = 0.90;

        public Disk() {
            super(false);
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public double getDegradedAbove() {
            return degradedAbove;
        }

        public void setDegradedAbove(double degradedAbove) {
            this.degradedAbove = degradedAbove;
        }

        public double getDownAbove() {
            return downAbove;
        }

        public void setDownAbove(double downAbove) {
            this.downAbove = downAbove;
        }
    }

    /** JVM heap in use after garbage collection. */
    public static class Memory extends CheckToggle {

        /** Used fraction (0-1) of the maximum heap above which the check is degraded. */
        private double degradedAbove = 0.80;

        /** Used fraction (0-1) above which the check is down; 1 disables it. */
        private double downAbove = 1.0;

        public Memory() {
            super(false);
        }

        public double getDegradedAbove() {
            return degradedAbove;
        }

        public void setDegradedAbove(double degradedAbove) {
            this.degradedAbove = degradedAbove;
        }

        public double getDownAbove() {
            return downAbove;
        }

        public void setDownAbove(double downAbove) {
            this.downAbove = downAbove;
        }
    }

    /** The application's DataSource. */
    public static class Database extends CheckToggle {

        /** Query that proves the database answers; when unset, the driver's Connection.isValid is used. */
        private String validationQuery;

        /** Time the validation may take. */
        private Duration queryTimeout = Duration.ofSeconds(3);

        /** Latency above which the check is degraded. */
        private Duration degradedAbove = Duration.ofMillis(100);

        /** Fraction (0-1) of max_connections in use above which the check is degraded (PostgreSQL). */
        private double connectionUsageDegradedAbove = 0.80;

        public Database() {
            super(true);
        }

        public String getValidationQuery() {
            return validationQuery;
        }

        public void setValidationQuery(String validationQuery) {
            this.validationQuery = validationQuery;
        }

        public Duration getQueryTimeout() {
            return queryTimeout;
        }

        public void setQueryTimeout(Duration queryTimeout) {
            this.queryTimeout = queryTimeout;
        }

        public Duration getDegradedAbove() {
            return degradedAbove;
        }

        public void setDegradedAbove(Duration degradedAbove) {
            this.degradedAbove = degradedAbove;
        }

        public double getConnectionUsageDegradedAbove() {
            return connectionUsageDegradedAbove;
        }

        public void setConnectionUsageDegradedAbove(double connectionUsageDegradedAbove) {
            this.connectionUsageDegradedAbove = connectionUsageDegradedAbove;
        }
    }

    /** One HTTP endpoint to probe. */
    public static class HttpCheck extends CheckToggle {

        /** Name the check reports under. */
        private String name;

        /** URL to request (GET). */
        private URI url;

        /** Status the endpoint must answer with. */
        private int expectedStatus = 200;

        /** Slower than this (but otherwise fine) is degraded. */
        private Duration maxResponseTime = Duration.ofSeconds(2);

        /** No answer within this is down. */
        private Duration timeout = Duration.ofSeconds(5);

        /** Text the response body must contain, if set. */
        private String bodyContains;

        /** Headers to send, e.g. an Authorization header. Their values are never logged or shown. */
        private Map<String, String> headers = new LinkedHashMap<>();

        public HttpCheck() {
            super(false);
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public URI getUrl() {
            return url;
        }

        public void setUrl(URI url) {
            this.url = url;
        }

        public int getExpectedStatus() {
            return expectedStatus;
        }

        public void setExpectedStatus(int expectedStatus) {
            this.expectedStatus = expectedStatus;
        }

        public Duration getMaxResponseTime() {
            return maxResponseTime;
        }

        public void setMaxResponseTime(Duration maxResponseTime) {
            this.maxResponseTime = maxResponseTime;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public String getBodyContains() {
            return bodyContains;
        }

        public void setBodyContains(String bodyContains) {
            this.bodyContains = bodyContains;
        }

        public Map<String, String> getHeaders() {
            return headers;
        }

        public void setHeaders(Map<String, String> headers) {
            this.headers = headers;
        }
    }

    /**
     * How users that Spring Security signed in reach Vigil ({@code monitor.security.*}): which of their authorities
     * give which of Vigil's roles. Bearer tokens ({@code monitor.admin.token(s)}) keep working beside them.
     */
    public static class Security {

        private final Roles roles = new Roles();

        public Roles getRoles() {
            return roles;
        }
    }

    /**
     * Authorities of a signed-in user that give each of Vigil's roles ({@code monitor.security.roles.*}). A
     * name matches the authority of that name and, when it has no {@code ROLE_} prefix, the authority
     * {@code ROLE_<name>} too: {@code ADMIN} matches a user with role {@code ADMIN}, {@code SCOPE_monitor.read}
     * the scope of a JWT. Authorities named nowhere (Spring Security 7's {@code FACTOR_*}, say) give nothing; a
     * user with none of these is known to Vigil but may do nothing (403).
     */
    public static class Roles {

        /** Authorities that give role admin: everything. */
        private List<String> admin = new ArrayList<>();

        /** Authorities that give role operator: act on the service (and read). */
        private List<String> operator = new ArrayList<>();

        /** Authorities that give role read: read admin data. */
        private List<String> read = new ArrayList<>();

        /** Authorities that give role ingest: post error events only. */
        private List<String> ingest = new ArrayList<>();

        public List<String> getAdmin() {
            return admin;
        }

        public void setAdmin(List<String> admin) {
            this.admin = admin;
        }

        public List<String> getOperator() {
            return operator;
        }

        public void setOperator(List<String> operator) {
            this.operator = operator;
        }

        public List<String> getRead() {
            return read;
        }

        public void setRead(List<String> read) {
            this.read = read;
        }

        public List<String> getIngest() {
            return ingest;
        }

        public void setIngest(List<String> ingest) {
            this.ingest = ingest;
        }
    }

    /** Security events: failed logins, 401/403/429 responses and attack signatures ({@code monitor.security-events.*}). */
    public static class SecurityEvents {

        /** Whether security events are recorded. */
        private boolean enabled = true;

        /**
         * Reverse proxies in front of the service that append to X-Forwarded-For: 0 ignores the header (a client can
         * write anything in it), 1 takes its last address, 2 the one before it.
         */
        private int trustedProxyHops = 0;

        /** Responses the request filter records: a subset of 401, 403 and 429. */
        private List<Integer> recordStatuses = new ArrayList<>(List.of(401, 403, 429));

        /** Repeats of one event (type, address, user, route) within this window are stored once with a count. */
        private Duration aggregationWindow = Duration.ofMinutes(1);

        private final Signatures signatures = new Signatures();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getTrustedProxyHops() {
            return trustedProxyHops;
        }

        public void setTrustedProxyHops(int trustedProxyHops) {
            this.trustedProxyHops = trustedProxyHops;
        }

        public List<Integer> getRecordStatuses() {
            return recordStatuses;
        }

        public void setRecordStatuses(List<Integer> recordStatuses) {
            this.recordStatuses = recordStatuses;
        }

        public Duration getAggregationWindow() {
            return aggregationWindow;
        }

        public void setAggregationWindow(Duration aggregationWindow) {
            this.aggregationWindow = aggregationWindow;
        }

        public Signatures getSignatures() {
            return signatures;
        }
    }

    /** SQL-injection, XSS and path-traversal signatures in paths and query strings ({@code monitor.security-events.signatures.*}). */
    public static class Signatures {

        /** Whether the request filter flags attack signatures (recorded, never blocked). */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** Deployments ({@code monitor.deployments.*}). */
    public static class Deployments {

        /** Whether each start records a deployment of this instance's version. */
        private boolean recordOnStart = true;

        /** The source commit; by default Spring Boot's git information (git.properties) when present. */
        private String commit;

        /** Where this instance runs (production, staging), to tell deployments apart. */
        private String environment;

        public boolean isRecordOnStart() {
            return recordOnStart;
        }

        public void setRecordOnStart(boolean recordOnStart) {
            this.recordOnStart = recordOnStart;
        }

        public String getCommit() {
            return commit;
        }

        public void setCommit(String commit) {
            this.commit = commit;
        }

        public String getEnvironment() {
            return environment;
        }

        public void setEnvironment(String environment) {
            this.environment = environment;
        }
    }

    /** Error ingest from other services and frontends. */
    public static class Ingest {

        /**
         * A bearer token that may only post errors (role ingest, caller "ingest"): give it to frontends and other
         * services instead of an admin token. Unset means no such token.
         */
        private String token;

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }

        @Override
        public String toString() {
            return "Ingest[token=" + (token == null ? "unset" : "******") + "]";
        }
    }

    /** Incidents: error events classified, grouped, alerted on and carried to resolution. */
    public static class Incidents {

        /** Whether incidents are on: the ingest and incident endpoints, check incidents and the critical-incident alert. */
        private boolean enabled = true;

        /** Largest ingest body (own JSON or a Sentry webhook); a larger one is answered 413 unread. */
        private DataSize maxBodySize = DataSize.ofKilobytes(256);

        /** Per-caller limit on ingest requests; over it the answer is 429 with Retry-After. */
        private final RateLimit rateLimit = new RateLimit();

        /** How long a resolved incident stays in the active list before it is only in the history. */
        private Duration activeRetention = Duration.ofHours(24);

        /** How long after a known fix ran its incident must be resolved (or quiet) for the fix to count as working. */
        private Duration fixWindow = Duration.ofMinutes(30);

        /** How long after a deployment a new incident names it as a suspect. */
        private Duration suspectWindow = Duration.ofMinutes(30);

        /** Whether failing critical or HTTP health checks open incidents (resolved when the check recovers). */
        private boolean checkIncidents = true;

        /** Whether exceptions escaping Spring MVC handlers are reported as error events (Spring still handles them). */
        private boolean reportMvcExceptions = true;

        /** Whether the built-in classification rules apply after the configured ones. */
        private boolean defaultRules = true;

        /** Classification rules by name, tried in order before the built-in ones. */
        private Map<String, Rule> rules = new LinkedHashMap<>();

        /** The Sentry integration webhook. */
        private final Sentry sentry = new Sentry();

        /** Remediation actions known to fix classes of incidents, by name. */
        private Map<String, KnownFix> knownFixes = new LinkedHashMap<>();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public DataSize getMaxBodySize() {
            return maxBodySize;
        }

        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }

        public RateLimit getRateLimit() {
            return rateLimit;
        }

        public Duration getActiveRetention() {
            return activeRetention;
        }

        public void setActiveRetention(Duration activeRetention) {
            this.activeRetention = activeRetention;
        }

        public Duration getFixWindow() {
            return fixWindow;
        }

        public void setFixWindow(Duration fixWindow) {
            this.fixWindow = fixWindow;
        }

        public Duration getSuspectWindow() {
            return suspectWindow;
        }

        public void setSuspectWindow(Duration suspectWindow) {
            this.suspectWindow = suspectWindow;
        }

        public boolean isCheckIncidents() {
            return checkIncidents;
        }

        public void setCheckIncidents(boolean checkIncidents) {
            this.checkIncidents = checkIncidents;
        }

        public boolean isReportMvcExceptions() {
            return reportMvcExceptions;
        }

        public void setReportMvcExceptions(boolean reportMvcExceptions) {
            this.reportMvcExceptions = reportMvcExceptions;
        }

        public boolean isDefaultRules() {
            return defaultRules;
        }

        public void setDefaultRules(boolean defaultRules) {
            this.defaultRules = defaultRules;
        }

        public Map<String, Rule> getRules() {
            return rules;
        }

        public void setRules(Map<String, Rule> rules) {
            this.rules = rules;
        }

        public Sentry getSentry() {
            return sentry;
        }

        public Map<String, KnownFix> getKnownFixes() {
            return knownFixes;
        }

        public void setKnownFixes(Map<String, KnownFix> knownFixes) {
            this.knownFixes = knownFixes;
        }
    }

    /** Requests per caller: a burst at once, refilled at a steady rate. */
    public static class RateLimit {

        /** Requests a caller may send at once. */
        private int burst = 200;

        /** Requests per second a caller may send over time. */
        private double perSecond = 100;

        public int getBurst() {
            return burst;
        }

        public void setBurst(int burst) {
            this.burst = burst;
        }

        public double getPerSecond() {
            return perSecond;
        }

        public void setPerSecond(double perSecond) {
            this.perSecond = perSecond;
        }
    }

    /** A classification rule: every pattern it has must be found (case-insensitive); it gives a severity, a category or both. */
    public static class Rule {

        /** A regular expression found in the error message. */
        private String message;

        /** A regular expression found in the error type. */
        private String type;

        /** A regular expression found in context.endpoint. */
        private String endpoint;

        /** A regular expression found in context.application. */
        private String application;

        /** The severity it gives: CRITICAL, HIGH, MEDIUM or LOW. */
        private String severity;

        /** The category it gives, a lower-case word such as database. */
        private String category;

        public String getMessage() {
            return message;
        }

        public void setMessage(String message) {
            this.message = message;
        }

        public String getType() {
            return type;
        }

        public void setType(String type) {
            this.type = type;
        }

        public String getEndpoint() {
            return endpoint;
        }

        public void setEndpoint(String endpoint) {
            this.endpoint = endpoint;
        }

        public String getApplication() {
            return application;
        }

        public void setApplication(String application) {
            this.application = application;
        }

        public String getSeverity() {
            return severity;
        }

        public void setSeverity(String severity) {
            this.severity = severity;
        }

        public String getCategory() {
            return category;
        }

        public void setCategory(String category) {
            this.category = category;
        }
    }

    /** The Sentry integration webhook at POST <admin base>/errors/sentry. */
    public static class Sentry {

        /** The integration's client secrets; several while one is rotated. Empty turns the webhook off (401). */
        private List<String> clientSecrets = new ArrayList<>();

        public List<String> getClientSecrets() {
            return clientSecrets;
        }

        public void setClientSecrets(List<String> clientSecrets) {
            this.clientSecrets = clientSecrets;
        }

        @Override
        public String toString() {
            return "Sentry[clientSecrets=" + clientSecrets.size() + "]";
        }
    }

    /** A remediation action known to fix incidents of one fingerprint, or of a category whose title matches a pattern. */
    public static class KnownFix {

        /** The registered action's id. */
        private String action;

        /** The category of incidents it fixes. */
        private String category;

        /** A regular expression found in the incident's title. */
        private String pattern;

        /** The fingerprint of the incidents it fixes. */
        private String fingerprint;

        /** Whether Vigil runs it when a matching incident opens or regresses (through the action guardrails). */
        private boolean auto;

        public String getAction() {
            return action;
        }

        public void setAction(String action) {
            this.action = action;
        }

        public String getCategory() {
            return category;
        }

        public void setCategory(String category) {
            this.category = category;
        }

        public String getPattern() {
            return pattern;
        }

        public void setPattern(String pattern) {
            this.pattern = pattern;
        }

        public String getFingerprint() {
            return fingerprint;
        }

        public void setFingerprint(String fingerprint) {
            this.fingerprint = fingerprint;
        }

        public boolean isAuto() {
            return auto;
        }

        public void setAuto(boolean auto) {
            this.auto = auto;
        }
    }

    /**
     * The MCP endpoint for AI assistants (module {@code monitor-mcp}): the admin operations as tools, behind the
     * same tokens, roles and guardrails as the HTTP API.
     */
    public static class Mcp {

        /** Whether to serve the MCP endpoint (needs monitor-mcp on the class path). Off unless set. */
        private boolean enabled = false;

        /** Where the MCP endpoint is served: an absolute path without trailing slash. */
        private String path = "/api/mcp";

        /** The operation ids offered as tools; empty means Vigil's default list (reads, and the guarded operations). */
        private List<String> tools = new ArrayList<>();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public List<String> getTools() {
            return tools;
        }

        public void setTools(List<String> tools) {
            this.tools = tools;
        }
    }
}
