package dev.vigil.briefing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import dev.vigil.action.ActionService;
import dev.vigil.action.ActionStatus;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertEngine;
import dev.vigil.alert.AlertRuleRegistration;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.AlertTransition;
import dev.vigil.alert.RuleReading;
import dev.vigil.alert.Severity;
import dev.vigil.health.CheckRunRecord;
import dev.vigil.health.CheckRunStore;
import dev.vigil.health.HealthCheckRun;
import dev.vigil.health.HealthRegistry;
import dev.vigil.internal.Json;
import dev.vigil.metrics.Aggregation;
import dev.vigil.metrics.MetricSample;
import dev.vigil.metrics.MetricsHistory;
import dev.vigil.metrics.MetricsSettings;
import dev.vigil.metrics.Point;
import dev.vigil.metrics.Series;
import dev.vigil.metrics.SeriesCursor;
import dev.vigil.metrics.SeriesKey;
import dev.vigil.metrics.WindowSummary;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the daily briefing from what the monitor keeps, stores one per day on a schedule, and hands the
 * scheduled one to delivery.
 *
 * <p>{@link #now()} reports the day so far; {@link #build(LocalDate)} a finished day. On schedule
 * ({@link BriefingSettings#schedule()}, by default 08:00 in {@link BriefingSettings#zone()}) the monitor's tick
 * calls {@link #runIfDue(Executor)}, which builds and stores the previous day's briefing off the tick's
 * thread. An instance that was down when the schedule fired writes the briefing it missed on its next tick,
 * if no other instance has. With a shared store, instances agree through a lease ({@code briefing:<date>})
 * and an insert keyed on the date, so each date is stored and delivered once.
 *
 * <p>Sections come from the alert history and active alerts, the stored check runs, the metric history,
 * the host's collectors, rules close to firing, and two sources that other parts of the monitor provide:
 * incidents ({@link IncidentDigestSource}) and deployments ({@link DeploymentSource}).
 */
public final class BriefingService {

    /** Entries listed at most per list (alerts fired, resolved, trends, business values...). */
    public static final int MAX_LISTED = 20;
    /** A threshold rule is close to firing when its value is within this share of its limit. */
    public static final double NEAR_THRESHOLD = 0.2;
    /** A trend heading for its limit is worth a look when its line reaches it within this long. */
    public static final Duration TREND_LOOKAHEAD = Duration.ofDays(7);

    static final String LEASE_PREFIX = "briefing:";
    private static final Logger log = LoggerFactory.getLogger(BriefingService.class);
    private static final int MAX_HISTORY = 5_000;
    private static final int MAX_RUNS_PER_CHECK = 10_000;
    private static final int MAX_BUSINESS = 50;
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final Duration RETRY = Duration.ofMinutes(1);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration RAW_MARGIN = Duration.ofMinutes(1);
    private static final List<String> OWN_PREFIXES = List.of("http.", "db.", "jvm.", "job.", "jobs.", "process.",
            "system.", "disk.", "cpu.", "memory.", "load.", "security.events", "page.load.", "vigil.");

    private final Clock clock;
    private final String instanceId;
    private final BriefingSettings settings;
    private final AlertEngine alerts;
    private final ActionService actions;
    private final HealthRegistry health;
    private final MetricsHistory metrics;
    private final BriefingStore briefings;
    private final CheckRunStore checkRuns;
    private final BriefingLeases leases;
    private final IncidentDigestSource incidents;
    private final DeploymentSource deployments;
    private final Consumer<StoredBriefing> delivery;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile @Nullable LocalDate done;
    private volatile Instant nextAttempt = Instant.MIN;

    /**
     * A briefing service.
     *
     * @param clock the time of briefings and of the schedule
     * @param instanceId this instance, named in the briefings it builds and holding their leases
     * @param settings schedule, zone and delivery
     * @param alerts alert history, active alerts and rules
     * @param actions the registered actions, offered as buttons
     * @param health the checks whose stored runs make the uptime section
     * @param metrics the metric history and the host's collectors
     * @param briefings where briefings are kept
     * @param checkRuns the stored runs of every check
     * @param leases how instances sharing the stores agree on who builds a date's briefing
     * @param incidents the incident section's source ({@link IncidentDigestSource#NONE} for none)
     * @param deployments the deployment section's source ({@link DeploymentSource#NONE} for none)
     * @param delivery receives each scheduled briefing this instance stored (not the live ones); must not block long
     */
    public BriefingService(Clock clock, String instanceId, BriefingSettings settings, AlertEngine alerts,
            ActionService actions, HealthRegistry health, MetricsHistory metrics, BriefingStore briefings,
            CheckRunStore checkRuns, BriefingLeases leases, IncidentDigestSource incidents, DeploymentSource deployments, Consumer<StoredBriefing> delivery) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.actions = Objects.requireNonNull(actions, "actions");
        this.health = Objects.requireNonNull(health, "health");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.briefings = Objects.requireNonNull(briefings, "briefings");
        this.checkRuns = Objects.requireNonNull(checkRuns, "checkRuns");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
    }

    /** The settings this service runs with. */
    public BriefingSettings settings() {
        return settings;
    }

    // ---------------------------------------------------------------- building

    /** The briefing of today so far, in the configured zone: live, not stored. */
    public Briefing now() {
        Instant now = clock.instant();
        LocalDate today = now.atZone(settings.zone()).toLocalDate();
        return build(today, start(today), now, now, true);
    }

    /**
     * The briefing of a finished day, built now from what the monitor still keeps (not stored).
     *
     * @throws IllegalArgumentException if {@code date} has not ended yet in the configured zone
     */
    public Briefing build(LocalDate date) {
        Objects.requireNonNull(date, "date");
        Instant now = clock.instant();
        Instant end = start(date.plusDays(1));
        if (end.isAfter(now)) {
            throw new IllegalArgumentException("the day " + date + " has not ended yet in " + settings.zone()
                    + "; ask for the live briefing instead");
        }
        return build(date, start(date), end, now, false);
    }

    /** The date the schedule's latest firing reports on (the day before it fired), if it ever fired. */
    public Optional<LocalDate> dueDate() {
        ZoneId zone = settings.zone();
        return settings.schedule().lastFireAtOrBefore(clock.instant(), zone)
                .map(fire -> fire.atZone(zone).toLocalDate().minusDays(1));
    }

    private Instant start(LocalDate date) {
        return date.atStartOfDay(settings.zone()).toInstant();
    }

    private Briefing build(LocalDate date, Instant from, Instant to, Instant now, boolean live) {
        List<Alert> active = alerts.active();
        Map<String, ActionStatus> registered = new LinkedHashMap<>();
        for (ActionStatus action : actions.actions()) {
            registered.put(action.id(), action);
        }
        Briefing.Alerts alertSection = alertSection(from, to, active, registered);
        IncidentDigest digest = safely("incidents", () -> incidents.digest(from, to), IncidentDigest.NONE);
        List<DeploymentSummary> deployed = safely("deployments", () -> deployments.deployments(from, to), List.of());
        Set<String> suggested = new LinkedHashSet<>();
        for (Alert alert : active) {
            if (alert.state() == AlertState.FIRING && alert.suggestedAction() != null) {
                suggested.add(alert.suggestedAction());
            }
        }
        List<Briefing.AvailableAction> offered = new ArrayList<>();
        for (ActionStatus action : registered.values()) {
            offered.add(new Briefing.AvailableAction(action.id(), label(action.id()), action.description(),
                    suggested.contains(action.id())));
        }
        return new Briefing(date, settings.zone(), from, to, now, instanceId, live, alertSection, digest,
                uptime(from, to), keyMetrics(from, to, now), business(from, to, start(date.minusDays(1))), trends(active),
                deployed, recommendations(alertSection, digest, registered), offered);
    }

    private Briefing.Alerts alertSection(Instant from, Instant to, List<Alert> active, Map<String, ActionStatus> registered) {
        List<AlertTransition> history = safely("alert history",
                () -> alerts.history(Optional.empty(), Optional.of(from), MAX_HISTORY), List.of());
        int fired = 0;
        int resolved = 0;
        List<Briefing.AlertEvent> firedList = new ArrayList<>();
        List<Briefing.AlertEvent> resolvedList = new ArrayList<>();
        for (AlertTransition transition : history) {
            if (!transition.at().isBefore(to)) {
                continue;
            }
            Alert alert = transition.alert();
            Briefing.AlertEvent event = new Briefing.AlertEvent(alert.rule(), alert.severity().jsonName(), alert.message(),
                    alert.labels(), transition.at());
            if (transition.entered(AlertState.FIRING)) {
                fired++;
                if (firedList.size() < MAX_LISTED) {
                    firedList.add(event);
                }
            } else if (transition.entered(AlertState.RESOLVED)) {
                resolved++;
                if (resolvedList.size() < MAX_LISTED) {
                    resolvedList.add(event);
                }
            }
        }
        List<Briefing.ActiveAlertSummary> critical = new ArrayList<>();
        List<Briefing.ActiveAlertSummary> warnings = new ArrayList<>();
        for (Alert alert : active) {
            if (alert.state() != AlertState.FIRING || alert.severity() == Severity.INFO) {
                continue;
            }
            String action = alert.suggestedAction();
            Briefing.ActiveAlertSummary summary = new Briefing.ActiveAlertSummary(alert.id(), alert.rule(), alert.message(),
                    alert.firedAt() != null ? alert.firedAt() : alert.since(), alert.acknowledged(), action,
                    action == null ? null : label(action));
            (alert.severity() == Severity.CRITICAL ? critical : warnings).add(summary);
        }
        return new Briefing.Alerts(fired, resolved, firedList, resolvedList, critical, warnings);
    }

    private List<Briefing.CheckUptime> uptime(Instant from, Instant to) {
        List<Briefing.CheckUptime> uptime = new ArrayList<>();
        for (String check : health.names()) {
            List<CheckRunRecord> runs = safely("runs of check " + check,
                    () -> checkRuns.recent(check, MAX_RUNS_PER_CHECK), List.of());
            int total = 0;
            int up = 0;
            int degraded = 0;
            int down = 0;
            for (CheckRunRecord record : runs) {
                HealthCheckRun run = record.run();
                if (run.checkedAt().isBefore(from) || !run.checkedAt().isBefore(to)) {
                    continue;
                }
                total++;
                switch (run.status()) {
                    case UP -> up++;
                    case DEGRADED -> degraded++;
                    case DOWN -> down++;
                }
            }
            uptime.add(new Briefing.CheckUptime(check, total, up, degraded, down, total == 0 ? null : (double) up / total));
        }
        return uptime;
    }

    private Briefing.KeyMetrics keyMetrics(Instant from, Instant to, Instant now) {
        Predicate<SeriesKey> untagged = key -> key.tags().isEmpty();
        Predicate<SeriesKey> any = key -> true;
        Totals requests = totals("http.requests", untagged, from, to, now);
        Totals ratios = totals("http.error.ratio", untagged, from, to, now);
        Double errorRatio = null;
        if (requests.total != null && requests.total > 0) {
            double errors = 0;
            for (Map.Entry<Long, Double> hour : requests.perHour.entrySet()) {
                Double ratio = ratios.hourlyMean.get(hour.getKey());
                if (ratio != null) {
                    errors += ratio * hour.getValue();
                }
            }
            errorRatio = errors / requests.total;
        }
        Double p95 = null;
        Double worst = null;
        WindowSummary summary = new WindowSummary();
        for (SeriesCursor series = metrics.store().cursor("http.latency.p95", Map.of()); series.next(); ) {
            if (series.key().tags().isEmpty() && series.summarize(from, last(to), summary)) {
                p95 = summary.mean();
                worst = summary.max();
            }
        }
        return new Briefing.KeyMetrics(requests.rounded(), errorRatio, p95, worst,
                totals("db.queries", untagged, from, to, now).rounded(),
                totals("db.query.slow", untagged, from, to, now).rounded(),
                totals("job.runs", any, from, to, now).rounded(),
                totals("job.failures", any, from, to, now).rounded());
    }

    /** Per-interval counts added up over the period, by hour. */
    private static final class Totals {
        final Map<Long, Double> perHour = new LinkedHashMap<>();
        final Map<Long, Double> hourlyMean = new LinkedHashMap<>();
        @Nullable Double total;

        @Nullable Long rounded() {
            return total == null ? null : Math.round(total);
        }
    }

    /**
     * Adds up the series of a per-interval count by hour. The part of the period within the raw retention counts
     * each sample as it is; older history keeps averages, so there an hour counts its average sample times the
     * samples an hour holds at the collection interval.
     */
    private Totals totals(String metric, Predicate<SeriesKey> which, Instant from, Instant to, Instant now) {
        MetricsSettings history = metrics.settings();
        Instant rawStart = now.minus(history.rawRetention()).plus(RAW_MARGIN);
        Totals totals = new Totals();
        try {
            if (!from.isBefore(rawStart)) {
                add(totals, metric, which, from, to, true);
            } else if (!to.isAfter(rawStart)) {
                add(totals, metric, which, from, to, false);
            } else {
                add(totals, metric, which, from, rawStart, false);
                add(totals, metric, which, rawStart, to, true);
            }
        } catch (RuntimeException e) {
            log.debug("Could not read {} for the briefing", metric, e);
        }
        return totals;
    }

    private void add(Totals totals, String metric, Predicate<SeriesKey> which, Instant from, Instant to, boolean raw) {
        double perHour = (double) HOUR.getSeconds() / Math.max(1, metrics.settings().collectInterval().getSeconds());
        for (Series series : metrics.store().query(metric, Map.of(), from, last(to), HOUR, Aggregation.AVG)) {
            if (!which.test(series.key())) {
                continue;
            }
            for (Point point : series.points()) {
                totals.hourlyMean.merge(point.time().getEpochSecond(), point.value(), Double::sum);
                if (!raw) {
                    double count = point.value() * perHour;
                    totals.perHour.merge(point.time().getEpochSecond(), count, Double::sum);
                    totals.total = (totals.total == null ? 0 : totals.total) + count;
                }
            }
        }
        if (!raw) {
            return;
        }
        for (Series series : metrics.store().query(metric, Map.of(), from, last(to), HOUR, Aggregation.SUM)) {
            if (which.test(series.key())) {
                for (Point point : series.points()) {
                    totals.perHour.merge(point.time().getEpochSecond(), point.value(), Double::sum);
                    totals.total = (totals.total == null ? 0 : totals.total) + point.value();
                }
            }
        }
    }

    private List<Briefing.BusinessValue> business(Instant from, Instant to, Instant dayBefore) {
        List<Briefing.BusinessValue> values = new ArrayList<>();
        WindowSummary summary = new WindowSummary();
        for (Map.Entry<String, List<MetricSample>> collector : metrics.latestByCollector().entrySet()) {
            for (MetricSample sample : collector.getValue()) {
                if (values.size() >= MAX_BUSINESS || ownMetric(sample.name())) {
                    continue;
                }
                Double value = null;
                Double previous = null;
                for (SeriesCursor series = metrics.store().cursor(sample.name(), sample.tags()); series.next(); ) {
                    if (!series.key().tags().equals(sample.tags())) {
                        continue;
                    }
                    if (series.summarize(from, last(to), summary)) {
                        value = summary.last();
                    }
                    if (series.summarize(dayBefore, last(from), summary)) {
                        previous = summary.last();
                    }
                }
                values.add(new Briefing.BusinessValue(collector.getKey(), sample.name(), sample.tags(), value, previous,
                        value != null && previous != null ? value - previous : null));
            }
        }
        return values;
    }

    private static boolean ownMetric(String name) {
        for (String prefix : OWN_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private List<Briefing.Trend> trends(List<Alert> active) {
        Set<String> activeFingerprints = new LinkedHashSet<>();
        for (Alert alert : active) {
            activeFingerprints.add(alert.rule() + alert.labels());
        }
        List<Briefing.Trend> trends = new ArrayList<>();
        for (AlertRuleRegistration rule : alerts.rules()) {
            if (!rule.enabled()) {
                continue;
            }
            for (RuleReading reading : alerts.read(rule.name())) {
                Map<String, String> labels = new TreeMap<>(reading.labels());
                labels.putAll(rule.labels());
                if (trends.size() >= MAX_LISTED || activeFingerprints.contains(rule.name() + labels)) {
                    continue;
                }
                double distance = reading.distance();
                String where = labels.isEmpty() ? "" : " " + labels;
                if (reading.eta() != null) {
                    if (reading.eta().compareTo(TREND_LOOKAHEAD) <= 0) {
                        trends.add(new Briefing.Trend(rule.name(), rule.severity().jsonName(), labels, reading.value(),
                                reading.limit(), rule.name() + where + ": at " + number(reading.value()) + ", heading for "
                                + number(reading.limit()) + " in about " + hours(reading.eta())));
                    }
                } else if (distance > 0 && distance <= NEAR_THRESHOLD) {
                    trends.add(new Briefing.Trend(rule.name(), rule.severity().jsonName(), labels, reading.value(),
                            reading.limit(), rule.name() + where + ": at " + number(reading.value()) + ", fires "
                            + reading.comparison().word() + " " + number(reading.limit())));
                }
            }
        }
        return trends;
    }

    private List<Briefing.Recommendation> recommendations(Briefing.Alerts section, IncidentDigest digest,
            Map<String, ActionStatus> registered) {
        Map<String, Briefing.Recommendation> byText = new LinkedHashMap<>();
        List<Briefing.ActiveAlertSummary> firing = new ArrayList<>(section.critical());
        firing.addAll(section.warnings());
        for (Briefing.ActiveAlertSummary alert : firing) {
            String action = alert.suggestedAction();
            String text = action != null
                    ? label(action) + " (" + action + "): " + alert.message()
                    : "Look into: " + alert.message();
            byText.putIfAbsent(text, new Briefing.Recommendation(text, action, "alert:" + alert.rule()));
        }
        for (IncidentDigest.Item incident : digest.items()) {
            String fix = incident.knownFix();
            if (fix == null || fix.isBlank() || "resolved".equals(incident.status())) {
                continue;
            }
            boolean isAction = registered.containsKey(fix);
            String text = isAction ? label(fix) + " (" + fix + "): " + incident.title()
                    : incident.title() + ": " + fix;
            byText.putIfAbsent(text, new Briefing.Recommendation(text, isAction ? fix : null, "incident:" + incident.id()));
        }
        return new ArrayList<>(byText.values());
    }

    /** A button label from an action id: {@code start_curation} → {@code Start Curation}. */
    public static String label(String actionId) {
        StringBuilder label = new StringBuilder();
        for (String word : actionId.split("[_\\-.\\s]+")) {
            if (!word.isEmpty()) {
                label.append(label.length() == 0 ? "" : " ").append(Character.toUpperCase(word.charAt(0)))
                        .append(word.substring(1));
            }
        }
        return label.length() == 0 ? actionId : label.toString();
    }

    private static Instant last(Instant end) {
        return end.minusSeconds(1); // ranges are inclusive to the second; a period is not
    }

    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        if (Math.abs(value) >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,d", Math.round(value));
        }
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static String hours(Duration eta) {
        long hours = eta.toHours();
        return hours >= 48 ? (hours / 24) + " days" : hours >= 1 ? hours + " hours" : Math.max(1, eta.toMinutes()) + " minutes";
    }

    private <T> T safely(String what, Supplier<T> read, T fallback) {
        try {
            T value = read.get();
            return value == null ? fallback : value;
        } catch (RuntimeException e) {
            log.warn("The briefing leaves out {}: {}", what, e.toString());
            return fallback;
        }
    }

    // ---------------------------------------------------------------- stored briefings

    /** The stored briefing of {@code date}, if any. */
    public Optional<StoredBriefing> stored(LocalDate date) {
        return briefings.find(date);
    }

    /** The stored briefing of the latest date, if any. */
    public Optional<StoredBriefing> latest() {
        return briefings.latest();
    }

    /** {@code briefing} as it is stored: its JSON and its chat text. */
    public static StoredBriefing toStored(Briefing briefing) {
        return new StoredBriefing(briefing.date(), briefing.generatedAt(), briefing.instance(),
                new String(Json.write(briefing), StandardCharsets.UTF_8), BriefingText.render(briefing));
    }

    /**
     * If the schedule has fired for a date whose briefing this service has not seen stored, builds and stores it
     * on {@code executor} (never on the calling thread, which is the monitor's tick). A failure is retried a
     * minute later. Does nothing when briefings are disabled.
     */
    public void runIfDue(Executor executor) {
        if (!settings.enabled()) {
            return;
        }
        Instant now = clock.instant();
        Optional<LocalDate> due = dueDate();
        LocalDate seen = done;
        if (due.isEmpty() || seen != null && !due.get().isAfter(seen) || now.isBefore(nextAttempt)
                || !running.compareAndSet(false, true)) {
            return;
        }
        LocalDate date = due.get();
        try {
            executor.execute(() -> {
                try {
                    if (generate(date).isPresent()) {
                        done = date;
                    } else {
                        nextAttempt = clock.instant().plus(RETRY); // another instance holds the lease: look again later
                    }
                } catch (RuntimeException e) {
                    nextAttempt = clock.instant().plus(RETRY);
                    log.warn("The briefing of {} could not be made; it is tried again in {}: {}", date, RETRY, e.toString());
                } finally {
                    running.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            running.set(false);
        }
    }

    /**
     * Makes sure the briefing of {@code date} is stored: returns the stored one if there is one; otherwise, holding
     * the lease {@code briefing:<date>}, builds it, stores it if no other instance stored one first, and hands it
     * to delivery when this instance stored it. Empty when another instance holds the lease (it is making it).
     *
     * @throws IllegalArgumentException if {@code date} has not ended yet
     */
    public Optional<StoredBriefing> generate(LocalDate date) {
        Optional<StoredBriefing> existing = briefings.find(date);
        if (existing.isPresent()) {
            return existing;
        }
        String lease = LEASE_PREFIX + date;
        if (!leases.tryAcquire(lease, LEASE)) {
            return Optional.empty();
        }
        try {
            StoredBriefing built = toStored(build(date));
            if (!briefings.add(built)) {
                return briefings.find(date);
            }
            log.info("Daily briefing of {} stored", date);
            try {
                delivery.accept(built);
            } catch (RuntimeException e) {
                log.warn("The briefing of {} was stored but could not be handed to delivery: {}", date, e.toString());
            }
            return Optional.of(built);
        } finally {
            try {
                leases.release(lease);
            } catch (RuntimeException e) {
                log.debug("Could not give the lease {} back; it runs out by itself", lease, e);
            }
        }
    }
}
