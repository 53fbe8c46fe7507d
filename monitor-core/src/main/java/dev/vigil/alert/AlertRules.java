package dev.vigil.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.DoubleFunction;
import dev.vigil.health.HealthStatus;
import dev.vigil.metrics.Aggregation;

/**
 * The built-in kinds of {@link AlertRule}, and the default rules every service gets.
 *
 * <h2>Kinds</h2>
 * <ul>
 *   <li>{@link #threshold threshold}: a metric's aggregate over a window (avg, max, min, last, sum)
 *       above or below a limit, per matching series. A ratio metric ({@code http.route.error.ratio})
 *       and a percentile series ({@code http.route.latency.p95}, {@code .p99}) are thresholded as they
 *       are; {@link #rate rate} divides the window's sum by its seconds.</li>
 *   <li>{@link #checkStatus checkStatus} and {@link #serviceStatus serviceStatus}: the latest health
 *       report. Jobs that have not run in time are already health checks ({@code job:<name>}), so
 *       {@code checkStatus("job:*", DOWN)} covers "job has not run in 2h".</li>
 *   <li>{@link #absence absence} and {@link #noData noData}: a metric stopped arriving.</li>
 *   <li>{@link #spike spike}: the last window against the baseline window before it.</li>
 *   <li>{@link #trend trend}: a linear fit over the lookback crosses a limit within a horizon.</li>
 * </ul>
 * Metric windows are half-open, (now - window, now]: a 1-hour sum of per-minute samples adds 60 of them.
 *
 * <h2>Message templates</h2>
 * Placeholders: {@code {value}}, {@code {limit}} (the factor, for a spike), {@code {baseline}} (spike
 * only), each also as {@code {value%}} (a ratio as a percentage: 0.124 → {@code 12.4%}) and
 * {@code {value:ms}} (milliseconds as a duration: 5230 → {@code 5.2s}); {@code {metric}};
 * {@code {series}} (metric and tags: {@code http.route.error.ratio{route=/media-upload}});
 * {@code {label:route}} (one tag; {@code (none)} when absent); {@code {labels}} ({@code route=/a, platform=ios});
 * {@code {window}} (window, max age or lookback: {@code 5m}, {@code 1h}, {@code 72h}); and for a trend
 * {@code {eta}} ({@code in about 41 hours}). Plain numbers have three significant digits at most and no
 * decimals from 100 on. An unknown placeholder fails when the rule is built. Example:
 * {@code "Error rate {value%} on {label:route} above {limit%}"} renders
 * {@code "Error rate 12.4% on /media-upload above 10%"}.
 *
 * <h2>Defaults</h2>
 * {@link #defaults()} returns the rules below, all enabled, firing on the first evaluation that sees
 * the condition (the metric windows already smooth): {@value #HEALTH_DOWN} (service down, critical),
 * {@value #DATABASE_DOWN} (check {@code database} or {@code database.*} down, critical),
 * {@value #ERROR_RATIO_CRITICAL} / {@value #ERROR_RATIO_WARNING} ({@code http.route.error.ratio} 5-minute
 * average above 0.10 / 0.05), {@value #LATENCY_P95_CRITICAL} / {@value #LATENCY_P95_WARNING}
 * ({@code http.route.latency.p95} 5-minute average above 5000 / 1000 ms), {@value #DISK_CRITICAL}
 * ({@code disk.usage} above 0.90), {@value #MEMORY_WARNING} ({@code jvm.memory.heap.usage} 10-minute
 * average above 0.80), {@value #JOB_FAILURES_WARNING} ({@code job.failures} summed over 1 hour above 5,
 * per job), {@value #SERVICE_DEGRADED} (service degraded, warning), {@value #FAILED_LOGIN_SPIKE}
 * ({@code security.events{type=failed_login}} over 5 minutes at least 10 — the threshold — and more than 3 times
 * the hour before, warning) and {@value #PAGE_LOAD_WARNING} ({@code page.load.p95}, the page load time browsers
 * report, 5-minute average above 3000 ms, warning). {@link #defaults(Map)} disables or re-tunes them by name.
 */
public final class AlertRules {

    /** Default rule: the service is DOWN (a critical check is down). */
    public static final String HEALTH_DOWN = "health-down";
    /** Default rule: the {@code database} check (or a {@code database.*} one) is DOWN. */
    public static final String DATABASE_DOWN = "database-down";
    /** Default rule: a route's error ratio above 10%. */
    public static final String ERROR_RATIO_CRITICAL = "error-ratio-critical";
    /** Default rule: a route's error ratio above 5%. */
    public static final String ERROR_RATIO_WARNING = "error-ratio-warning";
    /** Default rule: a route's p95 latency above 5 s. */
    public static final String LATENCY_P95_CRITICAL = "latency-p95-critical";
    /** Default rule: a route's p95 latency above 1 s. */
    public static final String LATENCY_P95_WARNING = "latency-p95-warning";
    /** Default rule: disk usage above 90%. */
    public static final String DISK_CRITICAL = "disk-critical";
    /** Default rule: heap usage above 80%. */
    public static final String MEMORY_WARNING = "memory-warning";
    /** Default rule: more than 5 failures of one job in an hour. */
    public static final String JOB_FAILURES_WARNING = "job-failures-warning";
    /** Default rule: the service is DEGRADED. */
    public static final String SERVICE_DEGRADED = "service-degraded";
    /** Default rule: failed logins in 5 minutes at least 10 and more than 3 times their usual amount. */
    public static final String FAILED_LOGIN_SPIKE = "failed-login-spike";

    /** Default rule: a page's p95 load time (reported by browsers) above 3 s. */
    public static final String PAGE_LOAD_WARNING = "page-load-warning";

    private static final Set<MessageTemplate.Field> SPIKE_FIELDS = with(MessageTemplate.Field.BASELINE,
            MessageTemplate.Field.BASELINE_PERCENT, MessageTemplate.Field.BASELINE_MS);
    private static final Set<MessageTemplate.Field> TREND_FIELDS = with(MessageTemplate.Field.ETA);

    private AlertRules() {
    }

    // ---------------------------------------------------------------- threshold

    /**
     * Fires per series of {@code metric} (whose tags include {@code tagFilter}) whose {@code aggregation}
     * over the last {@code window} is {@code comparison} {@code limit}; series without samples in the
     * window do not fire. The message is rendered from {@code messageTemplate} (see the class description).
     */
    public static AlertRule threshold(String metric, Map<String, String> tagFilter, Duration window, Aggregation aggregation,
            Comparison comparison, double limit, String messageTemplate) {
        return new ThresholdRule(MetricWindows.metric(metric), MetricWindows.filter(tagFilter),
                MetricWindows.window("window", window), Objects.requireNonNull(aggregation, "aggregation"), false,
                Objects.requireNonNull(comparison, "comparison"), MetricWindows.finite("limit", limit),
                MessageTemplate.parse(messageTemplate, MessageTemplate.COMMON));
    }

    /**
     * A {@link #threshold(String, Map, Duration, Aggregation, Comparison, double, String) threshold} with the
     * message {@code "<series> above <limit>: <value> (avg over 5m)"}.
     */
    public static AlertRule threshold(String metric, Map<String, String> tagFilter, Duration window, Aggregation aggregation,
            Comparison comparison, double limit) {
        return threshold(metric, tagFilter, window, aggregation, comparison, limit, "{series} " + comparison.word()
                + " {limit}: {value} (" + aggregation.name().toLowerCase(Locale.ROOT) + " over {window})");
    }

    /**
     * Fires per series whose rate, the sum of its samples over {@code window} divided by the window's
     * seconds (per-interval counts become events per second), is {@code comparison} {@code limit}.
     */
    public static AlertRule rate(String metric, Map<String, String> tagFilter, Duration window, Comparison comparison,
            double limit, String messageTemplate) {
        return new ThresholdRule(MetricWindows.metric(metric), MetricWindows.filter(tagFilter),
                MetricWindows.window("window", window), Aggregation.SUM, true,
                Objects.requireNonNull(comparison, "comparison"), MetricWindows.finite("limit", limit),
                MessageTemplate.parse(messageTemplate, MessageTemplate.COMMON));
    }

    // ---------------------------------------------------------------- health

    /**
     * Fires per health check whose name matches {@code checkNamePattern} and whose latest result is
     * {@code atLeast} or worse (DEGRADED includes DOWN), labelled {@code check=<name>}, with the
     * message {@code "<check> is down: <problem>"} and the check's suggested action. The pattern is a
     * name, a glob ({@code job:*}; {@code *} for every check) or several, comma-separated
     * ({@code database,database.*}). Checks that have not completed a run yet do not fire.
     */
    public static AlertRule checkStatus(String checkNamePattern, HealthStatus atLeast) {
        return HealthStatusRule.checks(checkNamePattern, atLeast);
    }

    /**
     * Fires while the service's aggregate status is exactly {@code status} (so a DOWN service does not
     * also raise the DEGRADED alert), with the message {@code "Service is down: database (Connection refused)"}
     * naming up to five contributing checks. Aggregated over checks that have completed a run.
     */
    public static AlertRule serviceStatus(HealthStatus status) {
        return HealthStatusRule.service(status);
    }

    // ---------------------------------------------------------------- absence

    /**
     * Fires per series of {@code metric} that exists but has no sample newer than {@code maxAge}
     * (value: seconds since its newest sample), with the message {@code "No data for <series> in <maxAge>"}.
     * For a job that has not run in time, prefer {@code checkStatus("job:<name>", DOWN)}: job expectations
     * are already health checks.
     */
    public static AlertRule absence(String metric, Map<String, String> tagFilter, Duration maxAge) {
        return absence(metric, tagFilter, maxAge, "No data for {series} in {window}");
    }

    /** {@link #absence(String, Map, Duration)} with its own message ({@code {window}} is the max age, {@code {value}} the age in seconds). */
    public static AlertRule absence(String metric, Map<String, String> tagFilter, Duration maxAge, String messageTemplate) {
        return new AbsenceRule(MetricWindows.metric(metric), MetricWindows.filter(tagFilter), MetricWindows.window("maxAge", maxAge),
                true, MessageTemplate.parse(messageTemplate, MessageTemplate.COMMON));
    }

    /**
     * Fires once (labels: the tag filter) when no series of {@code metric} matching {@code tagFilter}
     * has a sample newer than {@code maxAge}, including when there is no such series at all, with the
     * message {@code "No data for <metric> in <maxAge>"}.
     */
    public static AlertRule noData(String metric, Map<String, String> tagFilter, Duration maxAge) {
        return noData(metric, tagFilter, maxAge, "No data for {series} in {window}");
    }

    /** {@link #noData(String, Map, Duration)} with its own message. */
    public static AlertRule noData(String metric, Map<String, String> tagFilter, Duration maxAge, String messageTemplate) {
        return new AbsenceRule(MetricWindows.metric(metric), MetricWindows.filter(tagFilter), MetricWindows.window("maxAge", maxAge),
                false, MessageTemplate.parse(messageTemplate, MessageTemplate.COMMON));
    }

    // ---------------------------------------------------------------- spike

    /**
     * Fires per series of a per-interval count (e.g. 5xx responses) whose total over the last
     * {@code window} is at least {@code minValue} and more than {@code factor} times its usual amount:
     * the baseline window's mean per sample times the samples in the window (e.g. the last 5 minutes
     * against the hour before them). {@code minValue} keeps 0 → 1 from counting as a spike.
     */
    public static AlertRule spike(String metric, Map<String, String> tagFilter, Duration window, Duration baselineWindow,
            double factor, double minValue) {
        return spike(metric, tagFilter, window, baselineWindow, factor, minValue, Aggregation.SUM,
                "Spike in {series}: {value} in the last {window}, usually {baseline}");
    }

    /**
     * {@link #spike(String, Map, Duration, Duration, double, double)} with an aggregation,
     * {@link Aggregation#SUM} for counts or {@link Aggregation#AVG} for gauges (mean against mean),
     * and its own message ({@code {limit}} is the factor, {@code {baseline}} the usual value).
     */
    public static AlertRule spike(String metric, Map<String, String> tagFilter, Duration window, Duration baselineWindow,
            double factor, double minValue, Aggregation aggregation, String messageTemplate) {
        Objects.requireNonNull(aggregation, "aggregation");
        if (aggregation != Aggregation.SUM && aggregation != Aggregation.AVG) {
            throw new IllegalArgumentException("a spike compares sums (counts) or averages (gauges), not " + aggregation);
        }
        if (!(factor > 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("a spike's factor must be positive, was " + factor);
        }
        return new SpikeRule(MetricWindows.metric(metric), MetricWindows.filter(tagFilter), MetricWindows.window("window", window),
                MetricWindows.window("baselineWindow", baselineWindow), factor, MetricWindows.finite("minValue", minValue),
                aggregation == Aggregation.SUM, MessageTemplate.parse(messageTemplate, SPIKE_FIELDS));
    }

    // ---------------------------------------------------------------- trend

    /**
     * Fires per series whose least-squares line over the last {@code lookback} rises to {@code limit}
     * within {@code horizon} (or is past it and still rising), e.g. {@code disk.usage} reaching 0.95
     * within 72 hours, with the message {@code "<series> will reach <limit> in about 41 hours"}. Needs
     * at least 3 points spanning half the lookback.
     */
    public static AlertRule trend(String metric, Map<String, String> tagFilter, Duration lookback, Duration horizon,
            double limit) {
        return trend(metric, tagFilter, lookback, horizon, Comparison.ABOVE, limit, "{series} will reach {limit} {eta}");
    }

    /**
     * {@link #trend(String, Map, Duration, Duration, double)} in either direction ({@link Comparison#BELOW}:
     * falling to the limit) with its own message, e.g. {@code "{metric} will reach {limit%} {eta}"} →
     * {@code "disk.usage will reach 95% in about 41 hours"}. {@code {value}} is the newest sample.
     */
    public static AlertRule trend(String metric, Map<String, String> tagFilter, Duration lookback, Duration horizon,
            Comparison comparison, double limit, String messageTemplate) {
        return new TrendRule(MetricWindows.metric(metric), MetricWindows.filter(tagFilter),
                MetricWindows.window("lookback", lookback), MetricWindows.window("horizon", horizon),
                Objects.requireNonNull(comparison, "comparison"), MetricWindows.finite("limit", limit),
                MessageTemplate.parse(messageTemplate, TREND_FIELDS));
    }

    // ---------------------------------------------------------------- defaults

    /** The default rules (see the class description), all enabled. */
    public static List<AlertRuleRegistration> defaults() {
        return defaults(Map.of());
    }

    /**
     * The default rules with overrides by rule name, e.g. {@code "memory-warning" → AlertRuleOverride.disabled()}
     * or {@code "error-ratio-critical" → AlertRuleOverride.none().withThreshold(0.2)}. Disabled rules are
     * still returned (registered, visible, never evaluated).
     *
     * @throws IllegalArgumentException for a name that is not a default rule, or a threshold on a health rule
     */
    public static List<AlertRuleRegistration> defaults(Map<String, AlertRuleOverride> overrides) {
        Map<String, Default> table = table();
        for (String name : overrides.keySet()) {
            if (!table.containsKey(name)) {
                throw new IllegalArgumentException("monitor.alerts.rules." + name + ": there is no default alert rule named '"
                        + name + "'; the defaults are " + table.keySet());
            }
        }
        List<AlertRuleRegistration> registrations = new ArrayList<>(table.size());
        for (Default rule : table.values()) {
            AlertRuleOverride override = overrides.getOrDefault(rule.name(), AlertRuleOverride.none());
            double limit = rule.limit();
            if (override.threshold().isPresent()) {
                if (Double.isNaN(limit)) {
                    throw new IllegalArgumentException("monitor.alerts.rules." + rule.name() + ".threshold: '" + rule.name()
                            + "' follows health check status and has no threshold");
                }
                limit = override.threshold().getAsDouble();
            }
            AlertRuleRegistration registration = AlertRuleRegistration.builder(rule.name(), rule.rule().apply(limit))
                    .severity(rule.severity()).build();
            registrations.add(override.applyTo(registration));
        }
        return List.copyOf(registrations);
    }

    /** A default rule: its severity, its threshold (NaN for health rules) and how to build it for a threshold. */
    private record Default(String name, Severity severity, double limit, DoubleFunction<AlertRule> rule) {
    }

    private static Map<String, Default> table() {
        Duration fiveMinutes = Duration.ofMinutes(5);
        String errorRatio = "Error rate {value%} on {label:route} above {limit%}";
        String latency = "p95 latency {value:ms} on {label:route} above {limit:ms}";
        Map<String, Default> table = new LinkedHashMap<>();
        add(table, HEALTH_DOWN, Severity.CRITICAL, Double.NaN, limit -> serviceStatus(HealthStatus.DOWN));
        add(table, DATABASE_DOWN, Severity.CRITICAL, Double.NaN, limit -> checkStatus("database,database.*", HealthStatus.DOWN));
        add(table, ERROR_RATIO_CRITICAL, Severity.CRITICAL, 0.10, limit -> threshold("http.route.error.ratio", Map.of(),
                fiveMinutes, Aggregation.AVG, Comparison.ABOVE, limit, errorRatio));
        add(table, ERROR_RATIO_WARNING, Severity.WARNING, 0.05, limit -> threshold("http.route.error.ratio", Map.of(),
                fiveMinutes, Aggregation.AVG, Comparison.ABOVE, limit, errorRatio));
        add(table, LATENCY_P95_CRITICAL, Severity.CRITICAL, 5000, limit -> threshold("http.route.latency.p95", Map.of(),
                fiveMinutes, Aggregation.AVG, Comparison.ABOVE, limit, latency));
        add(table, LATENCY_P95_WARNING, Severity.WARNING, 1000, limit -> threshold("http.route.latency.p95", Map.of(),
                fiveMinutes, Aggregation.AVG, Comparison.ABOVE, limit, latency));
        add(table, DISK_CRITICAL, Severity.CRITICAL, 0.90, limit -> threshold("disk.usage", Map.of(),
                fiveMinutes, Aggregation.AVG, Comparison.ABOVE, limit, "Disk usage {value%} above {limit%}"));
        add(table, MEMORY_WARNING, Severity.WARNING, 0.80, limit -> threshold("jvm.memory.heap.usage", Map.of(),
                Duration.ofMinutes(10), Aggregation.AVG, Comparison.ABOVE, limit, "Heap usage {value%} above {limit%}"));
        add(table, JOB_FAILURES_WARNING, Severity.WARNING, 5, limit -> threshold("job.failures", Map.of(),
                Duration.ofHours(1), Aggregation.SUM, Comparison.ABOVE, limit,
                "Job {label:job} failed {value} times in the last {window}, more than {limit}"));
        add(table, SERVICE_DEGRADED, Severity.WARNING, Double.NaN, limit -> serviceStatus(HealthStatus.DEGRADED));
        add(table, FAILED_LOGIN_SPIKE, Severity.WARNING, 10, limit -> spike("security.events", Map.of("type", "failed_login"),
                fiveMinutes, Duration.ofHours(1), 3, limit, Aggregation.SUM,
                "{value} failed logins in the last {window}, usually {baseline}"));
        add(table, PAGE_LOAD_WARNING, Severity.WARNING, 3000, limit -> threshold("page.load.p95", Map.of(),
                fiveMinutes, Aggregation.AVG, Comparison.ABOVE, limit, "p95 page load {value:ms} on {label:page} above {limit:ms}"));
        return table;
    }

    private static void add(Map<String, Default> table, String name, Severity severity, double limit,
            DoubleFunction<AlertRule> rule) {
        table.put(name, new Default(name, severity, limit, rule));
    }

    private static Set<MessageTemplate.Field> with(MessageTemplate.Field... more) {
        Set<MessageTemplate.Field> fields = EnumSet.copyOf(MessageTemplate.COMMON);
        fields.addAll(List.of(more));
        return fields;
    }
}
