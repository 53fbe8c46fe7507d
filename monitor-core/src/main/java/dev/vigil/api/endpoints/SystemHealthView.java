package dev.vigil.api.endpoints;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertEngine;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.Severity;
import dev.vigil.alert.delivery.AlertDispatcher;
import dev.vigil.api.Operation;
import dev.vigil.api.Result;
import dev.vigil.health.CheckHealth;
import dev.vigil.health.HealthRegistry;
import dev.vigil.health.HealthReport;
import dev.vigil.jobs.JobMonitor;
import dev.vigil.jobs.JobRunRecord;
import dev.vigil.jobs.JobStatus;
import dev.vigil.metrics.MetricSample;
import dev.vigil.metrics.MetricsHistory;
import dev.vigil.security.Role;
import dev.vigil.store.StoreStatus;

/**
 * {@code GET /system-health}: one object an operator (or an assistant) reads to know how
 * the service is doing: the database, jobs, the machine, one section per business collector, and
 * every check with its details.
 */
public final class SystemHealthView {

    private static final Set<String> RESERVED = Set.of("service", "status", "timestamp", "uptime", "version", "database",
            "jobs", "system", "checks", "collectors", "alerts", "sinks", "store");

    private final String service;
    private final HealthRegistry health;
    private final MetricsHistory metrics;
    private final JobMonitor jobs;
    private final AlertEngine alerts;
    private final AlertDispatcher dispatcher;
    private final Supplier<StoreStatus> store;

    private SystemHealthView(String service, HealthRegistry health, MetricsHistory metrics, JobMonitor jobs,
            AlertEngine alerts, AlertDispatcher dispatcher, Supplier<StoreStatus> store) {
        this.service = service;
        this.health = health;
        this.metrics = metrics;
        this.jobs = jobs;
        this.alerts = alerts;
        this.dispatcher = dispatcher;
        this.store = store;
    }

    /**
     * The system-health operation, over the checks, metrics, jobs, alerts, deliveries and store it reports on, naming
     * {@code service} (the name alerts carry, e.g. {@code spring.application.name}).
     */
    public static Operation operation(String service, HealthRegistry health, MetricsHistory metrics, JobMonitor jobs,
            AlertEngine alerts, AlertDispatcher dispatcher, Supplier<StoreStatus> store) {
        SystemHealthView view = new SystemHealthView(service, health, metrics, jobs, alerts, dispatcher, store);
        return Operation.get("system-health", "/system-health")
                .role(Role.READ)
                .description("Database, jobs, system resources, one section per business collector, alert counts, sink"
                        + " status, the store's state and every check with details")
                .handler((caller, arguments) -> Result.ok(view.render()))
                .build();
    }

    private Map<String, Object> render() {
        HealthReport report = health.report();
        Map<String, List<MetricSample>> collected = metrics.latestByCollector();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", service);
        body.put("status", report.overallName());
        body.put("timestamp", report.timestamp().toString());
        body.put("uptime", report.uptime().toSeconds());
        body.put("version", report.version());
        body.put("database", database(report, collected));
        body.put("jobs", jobs(report));
        body.put("system", section("system", collected.getOrDefault("system", List.of())));
        collected.forEach((name, samples) -> {
            if (!name.equals("system") && !isInternal(samples)) {
                body.put(RESERVED.contains(name) ? "custom." + name : name, section(name, samples));
            }
        });
        body.put("alerts", alertCounts());
        Map<String, Object> sinks = new LinkedHashMap<>();
        dispatcher.sinkStatus().forEach((name, status) -> sinks.put(name, status.toJson()));
        body.put("sinks", sinks);
        body.put("store", store.get().toJson());
        body.put("checks", report.checks().stream().map(HealthEndpoints::service).toList());
        Map<String, String> failing = metrics.failingCollectors();
        if (!failing.isEmpty()) {
            body.put("collectors", Map.of("failing", failing));
        }
        return body;
    }

    private Map<String, Object> alertCounts() {
        Map<String, Object> counts = new LinkedHashMap<>();
        for (Severity severity : Severity.values()) {
            counts.put(severity.jsonName(), 0);
        }
        for (Alert alert : alerts.active()) {
            if (alert.state() == AlertState.FIRING) {
                counts.merge(alert.severity().jsonName(), 1, (a, b) -> (Integer) a + (Integer) b);
            }
        }
        return counts;
    }

    private static Map<String, Object> database(HealthReport report, Map<String, List<MetricSample>> collected) {
        Map<String, Object> database = new LinkedHashMap<>();
        for (CheckHealth check : report.checks()) {
            if (check.name().equals("database")) {
                database.put("status", check.result().status() == dev.vigil.health.HealthStatus.UP
                        ? "healthy" : check.result().status().jsonName());
                database.put("message", check.result().message());
                database.putAll(check.result().details());
            }
        }
        collected.values().forEach(samples -> samples.stream()
                .filter(sample -> sample.name().startsWith("db.") && sample.tags().isEmpty())
                .forEach(sample -> database.put(camel(sample.name().substring(3)), sample.value())));
        connections(database);
        return database;
    }

    /**
     * {@code connections} (in use) and {@code max}, the shape every database gets: the pool's when its pool is read
     * ({@code db.pool.active} and {@code db.pool.max}, HikariCP on any database; the PostgreSQL check's server-wide
     * count then moves to {@code serverConnections}), else the server's ({@code connections} and
     * {@code maxConnections} of the PostgreSQL check, or what a custom {@code database} check reports), else null: an
     * unknown pool on another database.
     * {@code connectionsSource} says which: {@code pool}, {@code server} or {@code unknown}.
     */
    private static void connections(Map<String, Object> database) {
        Object poolActive = database.get("poolActive");
        Object poolMax = database.get("poolMax");
        Object server = database.get("connections");
        Object serverMax = database.get("maxConnections");
        if (poolActive instanceof Number active && poolMax instanceof Number max) {
            if (server != null) {
                database.put("serverConnections", server);
            }
            database.put("connections", active.longValue());
            database.put("max", max.longValue());
            database.put("connectionsSource", "pool");
        } else {
            database.putIfAbsent("connections", null);
            database.put("max", serverMax instanceof Number max ? max.longValue() : null);
            database.put("connectionsSource", server instanceof Number ? "server" : "unknown");
        }
    }

    private List<Object> jobs(HealthReport report) {
        Map<String, CheckHealth> checks = new LinkedHashMap<>();
        report.checks().forEach(check -> checks.put(check.name(), check));
        List<Object> list = new ArrayList<>();
        for (JobStatus status : jobs.statuses()) {
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("name", status.name());
            job.put("status", status.state().jsonName());
            job.put("running", status.running());
            JobRunRecord last = status.lastRun();
            job.put("lastRun", last == null ? null : last.startedAt().toString());
            job.put("lastOutcome", last == null ? null : last.outcome().jsonName());
            if (last != null && last.error() != null) {
                job.put("lastError", last.error());
            }
            job.put("lastSuccess", status.lastSuccess() == null ? null : status.lastSuccess().toString());
            job.put("failures24h", status.failures24h());
            job.put("totalRuns", status.totalRuns());
            job.put("averageDurationMs", status.averageDuration().toMillis());
            CheckHealth check = checks.get(JobMonitor.CHECK_PREFIX + status.name());
            if (check != null) {
                job.put("check", HealthEndpoints.service(check));
            }
            list.add(job);
        }
        return list;
    }

    /**
     * Internal collectors (requests, database, jobs) are shown in their own sections, not as business
     * ones; a collector with nothing to say gets no section.
     */
    private static boolean isInternal(List<MetricSample> samples) {
        return samples.isEmpty() || samples.stream().allMatch(s -> !"business".equals(MetricsEndpoints.group(s.name())));
    }

    /** A collector's samples as {@code camelCaseKey: value}; tagged samples as lists of {@code {tags..., value}}. */
    static Map<String, Object> section(String name, List<MetricSample> samples) {
        Map<String, Object> section = new LinkedHashMap<>();
        for (MetricSample sample : samples) {
            String key = sample.name().startsWith(name + ".") ? sample.name().substring(name.length() + 1) : sample.name();
            key = camel(key);
            if (sample.tags().isEmpty()) {
                section.put(key, sample.value());
            } else {
                Map<String, Object> entry = new LinkedHashMap<>(sample.tags());
                entry.put("value", sample.value());
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) section.computeIfAbsent(key, k -> new ArrayList<>());
                list.add(entry);
            }
        }
        return section;
    }

    /** {@code active.today} → {@code activeToday}; {@code quota_used} → {@code quotaUsed}. */
    static String camel(String dotted) {
        StringBuilder out = new StringBuilder(dotted.length());
        boolean upper = false;
        for (char c : dotted.toCharArray()) {
            if (c == '.' || c == '_') {
                upper = out.length() > 0;
            } else {
                out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
                upper = false;
            }
        }
        return out.length() == 0 ? dotted : out.toString();
    }
}
