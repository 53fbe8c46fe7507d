package dev.vigil.briefing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The daily briefing: what happened to the service during one calendar day (or the day so far) and what
 * needs attention now, as {@link BriefingService} builds it. Served as JSON (this record as it is) and
 * rendered as chat-ready text by {@link BriefingText}.
 *
 * @param date the day reported on, in {@code zone}
 * @param zone the time zone the day is counted in
 * @param from the start of the period (the day's start)
 * @param to the end of the period (the next day's start, or the moment a live briefing was made)
 * @param generatedAt when it was built
 * @param instance the instance that built it
 * @param live whether it reports the day so far rather than a finished day
 * @param alerts alerts that fired and resolved in the period, and those active when it was built
 * @param incidents incidents opened, open and resolved in the period
 * @param uptime per health check, the share of its runs in the period that were up
 * @param metrics requests, errors, latency, queries and jobs over the period
 * @param business the host's own collectors' values at the end of the period, against the day before
 * @param trends rules close to firing: a value near its threshold, or a trend heading for its limit
 * @param deployments deployments in the period
 * @param recommendations what to do, derived from what fires and from known fixes
 * @param actions the remediation actions that can be run, with a label for a button
 */
public record Briefing(
        LocalDate date,
        ZoneId zone,
        Instant from,
        Instant to,
        Instant generatedAt,
        String instance,
        boolean live,
        Alerts alerts,
        IncidentDigest incidents,
        List<CheckUptime> uptime,
        KeyMetrics metrics,
        List<BusinessValue> business,
        List<Trend> trends,
        List<DeploymentSummary> deployments,
        List<Recommendation> recommendations,
        List<AvailableAction> actions) {

    public Briefing {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(incidents, "incidents");
        Objects.requireNonNull(metrics, "metrics");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period ends before it starts: " + from + " .. " + to);
        }
        uptime = List.copyOf(uptime);
        business = List.copyOf(business);
        trends = List.copyOf(trends);
        deployments = List.copyOf(deployments);
        recommendations = List.copyOf(recommendations);
        actions = List.copyOf(actions);
    }

    /**
     * The alert section.
     *
     * @param fired how many alerts started firing in the period
     * @param resolved how many alerts resolved in the period
     * @param firedList the alerts that fired, newest first (at most {@value BriefingService#MAX_LISTED} of them)
     * @param resolvedList the alerts that resolved, newest first (at most {@value BriefingService#MAX_LISTED})
     * @param critical critical alerts firing when the briefing was built
     * @param warnings warning alerts firing when the briefing was built
     */
    public record Alerts(int fired, int resolved, List<AlertEvent> firedList, List<AlertEvent> resolvedList,
            List<ActiveAlertSummary> critical, List<ActiveAlertSummary> warnings) {
        public Alerts {
            firedList = List.copyOf(firedList);
            resolvedList = List.copyOf(resolvedList);
            critical = List.copyOf(critical);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * An alert that fired or resolved in the period.
     *
     * @param rule the rule's name
     * @param severity {@code critical}, {@code warning} or {@code info}
     * @param message the alert's text when it happened
     * @param labels the alert's labels
     * @param at when it happened
     */
    public record AlertEvent(String rule, String severity, String message, Map<String, String> labels, Instant at) {
        public AlertEvent {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(at, "at");
            labels = Map.copyOf(labels);
        }
    }

    /**
     * An alert firing when the briefing was built.
     *
     * @param id the alert's id
     * @param rule the rule's name
     * @param message its text
     * @param since when it started firing (or became pending)
     * @param acknowledged whether someone acknowledged it
     * @param suggestedAction the id of the action that should fix it, if any
     * @param actionLabel a button label for that action, if any
     */
    public record ActiveAlertSummary(String id, String rule, String message, Instant since, boolean acknowledged,
            @Nullable String suggestedAction, @Nullable String actionLabel) {
        public ActiveAlertSummary {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(since, "since");
        }
    }

    /**
     * One health check's runs in the period.
     *
     * @param check the check's name
     * @param runs runs recorded in the period (every instance's)
     * @param up runs that were up
     * @param degraded runs that were degraded
     * @param down runs that were down
     * @param uptime {@code up / runs}, null without runs
     */
    public record CheckUptime(String check, int runs, int up, int degraded, int down, @Nullable Double uptime) {
        public CheckUptime {
            Objects.requireNonNull(check, "check");
        }
    }

    /**
     * Key numbers over the period; a number is null when its series has no data in the period (no request
     * tracing, no monitored data source, no jobs).
     *
     * @param requests HTTP requests served
     * @param errorRatio share of them that failed with a 5xx
     * @param p95Millis average over the period of the per-interval 95th percentile latency, in milliseconds
     * @param worstP95Millis the worst per-interval 95th percentile latency, in milliseconds
     * @param queries database statements run
     * @param slowQueries statements slower than the slow-query threshold
     * @param jobRuns background job runs
     * @param jobFailures background job runs that failed
     */
    public record KeyMetrics(@Nullable Long requests, @Nullable Double errorRatio, @Nullable Double p95Millis,
            @Nullable Double worstP95Millis, @Nullable Long queries, @Nullable Long slowQueries, @Nullable Long jobRuns,
            @Nullable Long jobFailures) {
    }

    /**
     * A value of one of the host's collectors: the latest in the period, and the latest of the day before.
     *
     * @param collector the collector's name (its section)
     * @param metric the sample's name
     * @param tags the sample's tags
     * @param value the latest value in the period, null if none
     * @param previous the latest value of the day before, null if none
     * @param change {@code value - previous}, null unless both are known
     */
    public record BusinessValue(String collector, String metric, Map<String, String> tags, @Nullable Double value,
            @Nullable Double previous, @Nullable Double change) {
        public BusinessValue {
            Objects.requireNonNull(collector, "collector");
            Objects.requireNonNull(metric, "metric");
            tags = Map.copyOf(tags);
        }
    }

    /**
     * A rule that does not fire but is close to it.
     *
     * @param rule the rule's name
     * @param severity the severity it would fire with
     * @param labels the series it is about
     * @param value the value it watches now
     * @param limit the limit it fires at
     * @param message what to look at, e.g. "http.route.error.ratio{route=/upload} at 4.5%, fires above 5%"
     */
    public record Trend(String rule, String severity, Map<String, String> labels, double value, double limit,
            String message) {
        public Trend {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(message, "message");
            labels = Map.copyOf(labels);
        }
    }

    /**
     * Something to do.
     *
     * @param text what to do and why
     * @param action the action that does it, if one is registered
     * @param source what it is derived from, e.g. {@code alert:curation-idle} or {@code incident:42}
     */
    public record Recommendation(String text, @Nullable String action, String source) {
        public Recommendation {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * A registered remediation action, offered as a button.
     *
     * @param id the action id, as {@code POST <admin>/trigger-action} takes it
     * @param label a short label, e.g. "Start Curation"
     * @param description what it does
     * @param suggested whether an active alert suggests it
     */
    public record AvailableAction(String id, String label, String description, boolean suggested) {
        public AvailableAction {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(description, "description");
        }
    }
}
