package dev.vigil.briefing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import dev.vigil.Monitor;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionResult;
import dev.vigil.alert.AlertCondition;
import dev.vigil.alert.AlertRuleRegistration;
import dev.vigil.alert.AlertRules;
import dev.vigil.alert.Comparison;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;
import dev.vigil.alert.sinks.AlertmanagerAlertSink;
import dev.vigil.health.CheckRunRecord;
import dev.vigil.health.HealthCheckRun;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthStatus;
import dev.vigil.metrics.Aggregation;
import dev.vigil.metrics.MetricSample;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BriefingServiceTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    /** 2026-03-14 00:00 in Paris. */
    private static final Instant DAY_START = DAY.atStartOfDay(PARIS).toInstant();

    private final MutableClock clock = new MutableClock(DAY_START.plus(Duration.ofHours(9)));
    private final AtomicBoolean idle = new AtomicBoolean();
    private final AtomicBoolean flaky = new AtomicBoolean();
    private final AtomicInteger users = new AtomicInteger(97);
    private final List<Notification> sent = new ArrayList<>();
    private final List<Monitor> monitors = new ArrayList<>();

    @AfterEach
    void close() {
        monitors.forEach(Monitor::close);
    }

    private Monitor monitor(BriefingSettings settings) {
        Monitor monitor = Monitor.builder()
                .clock(clock)
                .bindSystemMeters(false)
                .systemMetrics(false, Path.of("."))
                .defaultAlertRules(false, Map.of())
                .healthCheck("payments", () -> HealthResult.up())
                .metricCollector("users", () -> List.of(MetricSample.of("users.total", users.get())))
                .action(ActionRegistration.of("start_curation", "Screens new videos now",
                        context -> ActionResult.succeeded("started")))
                .alertRule(AlertRuleRegistration.builder("curation-idle", context -> idle.get()
                                ? List.of(AlertCondition.of("Curation system idle — 0 videos screened today"))
                                : List.of())
                        .severity(Severity.CRITICAL).suggestedAction("start_curation").build())
                .alertRule(AlertRuleRegistration.builder("checkout-slow", context -> flaky.get()
                        ? List.of(AlertCondition.of("Checkout p95 above 1s")) : List.of()).build())
                .alertRule(AlertRuleRegistration.builder("error-ratio", AlertRules.threshold("http.error.ratio", Map.of(),
                        Duration.ofMinutes(5), Aggregation.AVG, Comparison.ABOVE, 0.10)).build())
                .alertSink("chat", batch -> {
                    synchronized (sent) {
                        sent.addAll(batch);
                    }
                })
                .briefingSettings(settings)
                .incidentDigestSource((from, to) -> new IncidentDigest(2, 1, 1, List.of(new IncidentDigest.Item("inc-1",
                        "TypeError in /media-upload", "high", "detected", from.plus(Duration.ofHours(10)), "clear_cache"))))
                .deploymentSource((from, to) -> List.of(new DeploymentSummary("1.4.2", from.plus(Duration.ofHours(11)),
                        "by ci")))
                .build();
        monitors.add(monitor);
        return monitor;
    }

    private static BriefingSettings paris() {
        return BriefingSettings.builder().zone(PARIS).deliverTo(List.of("chat")).build();
    }

    private void at(Instant instant) {
        clock.set(instant);
    }

    /** A day with alerts, check runs, traffic, jobs and a business value, then the next morning. */
    private Monitor dayOfActivity() {
        Monitor monitor = monitor(paris());
        // the day before: 90 users at its end
        at(DAY_START.minus(Duration.ofHours(1)));
        monitor.metrics().store().add(clock.instant(), MetricSample.of("users.total", 90));
        // 10:00 the check runs up 3 times, down once; an alert fires at 10:00 and resolves at 11:00
        at(DAY_START.plus(Duration.ofHours(10)));
        List<CheckRunRecord> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(new CheckRunRecord("a", "payments", new HealthCheckRun(clock.instant().plusSeconds(i * 60L),
                    i == 3 ? HealthStatus.DOWN : HealthStatus.UP, Duration.ofMillis(5), i == 3 ? "timeout" : "ok")));
        }
        monitor.store().checkRuns().add(runs);
        // a run the day before does not count
        monitor.store().checkRuns().add(List.of(new CheckRunRecord("a", "payments",
                new HealthCheckRun(DAY_START.minusSeconds(60), HealthStatus.DOWN, Duration.ofMillis(5), "down"))));
        flaky.set(true);
        monitor.alerts().evaluate();
        at(DAY_START.plus(Duration.ofHours(11)));
        flaky.set(false);
        monitor.alerts().evaluate();
        // traffic: two intervals of 100 requests, 10% and 0% errors, p95 200 and 400 ms; jobs; queries
        at(DAY_START.plus(Duration.ofHours(12)));
        monitor.metrics().store().add(clock.instant(), List.of(MetricSample.of("http.requests", 100),
                MetricSample.of("http.error.ratio", 0.10), MetricSample.of("http.latency.p95", 200),
                MetricSample.of("http.requests", 40, "platform", "ios"), MetricSample.of("db.queries", 500),
                MetricSample.of("db.query.slow", 2), MetricSample.of("job.runs", 3, "job", "curation"),
                MetricSample.of("job.failures", 1, "job", "curation"), MetricSample.of("users.total", 95)));
        at(DAY_START.plus(Duration.ofHours(13)));
        monitor.metrics().store().add(clock.instant(), List.of(MetricSample.of("http.requests", 100),
                MetricSample.of("http.error.ratio", 0.0), MetricSample.of("http.latency.p95", 400),
                MetricSample.of("job.runs", 2, "job", "curation")));
        monitor.metrics().collectNow().join(); // users.total = 97, from the 'users' collector
        // at 23:00 curation goes idle and stays so
        at(DAY_START.plus(Duration.ofHours(23)));
        idle.set(true);
        monitor.alerts().evaluate();
        return monitor;
    }

    @Test
    void briefingOfADayHasThatDaysAlertsIncidentsDeploymentsMetricsAndUptime() {
        Monitor monitor = dayOfActivity();
        at(DAY_START.plus(Duration.ofHours(24 + 8)));

        Briefing briefing = monitor.briefings().build(DAY);

        assertThat(briefing.date()).isEqualTo(DAY);
        assertThat(briefing.zone()).isEqualTo(PARIS);
        assertThat(briefing.from()).isEqualTo(DAY_START);
        assertThat(briefing.to()).isEqualTo(DAY_START.plus(Duration.ofHours(24)));
        assertThat(briefing.live()).isFalse();
        assertThat(briefing.alerts().fired()).isEqualTo(2);
        assertThat(briefing.alerts().resolved()).isEqualTo(1);
        assertThat(briefing.alerts().resolvedList()).singleElement()
                .satisfies(event -> assertThat(event.rule()).isEqualTo("checkout-slow"));
        assertThat(briefing.alerts().critical()).singleElement().satisfies(alert -> {
            assertThat(alert.message()).isEqualTo("Curation system idle — 0 videos screened today");
            assertThat(alert.suggestedAction()).isEqualTo("start_curation");
            assertThat(alert.actionLabel()).isEqualTo("Start Curation");
        });
        assertThat(briefing.alerts().warnings()).isEmpty();
        assertThat(briefing.uptime()).singleElement().satisfies(check -> {
            assertThat(check.check()).isEqualTo("payments");
            assertThat(check.runs()).isEqualTo(4);
            assertThat(check.down()).isEqualTo(1);
            assertThat(check.uptime()).isEqualTo(0.75);
        });
        Briefing.KeyMetrics metrics = briefing.metrics();
        assertThat(metrics.requests()).isEqualTo(200); // the per-platform series is not counted twice
        assertThat(metrics.errorRatio()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(metrics.p95Millis()).isEqualTo(300.0);
        assertThat(metrics.worstP95Millis()).isEqualTo(400.0);
        assertThat(metrics.queries()).isEqualTo(500);
        assertThat(metrics.slowQueries()).isEqualTo(2);
        assertThat(metrics.jobRuns()).isEqualTo(5);
        assertThat(metrics.jobFailures()).isEqualTo(1);
        assertThat(briefing.business()).singleElement().satisfies(value -> {
            assertThat(value.metric()).isEqualTo("users.total");
            assertThat(value.value()).isEqualTo(97.0);
            assertThat(value.previous()).isEqualTo(90.0);
            assertThat(value.change()).isEqualTo(7.0);
        });
        assertThat(briefing.incidents().opened()).isEqualTo(2);
        assertThat(briefing.incidents().items()).extracting(IncidentDigest.Item::id).containsExactly("inc-1");
        assertThat(briefing.deployments()).extracting(DeploymentSummary::version).containsExactly("1.4.2");
        assertThat(briefing.recommendations()).extracting(Briefing.Recommendation::text).containsExactly(
                "Start Curation (start_curation): Curation system idle — 0 videos screened today",
                "TypeError in /media-upload: clear_cache");
        assertThat(briefing.actions()).singleElement().satisfies(action -> {
            assertThat(action.id()).isEqualTo("start_curation");
            assertThat(action.suggested()).isTrue();
        });
    }

    @Test
    void aDayThatHasNotEndedIsRefusedAndTheLiveBriefingCoversTheDaySoFar() {
        Monitor monitor = dayOfActivity();
        at(DAY_START.plus(Duration.ofHours(23).plusMinutes(30)));

        assertThatThrownBy(() -> monitor.briefings().build(DAY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has not ended");
        Briefing live = monitor.briefings().now();
        assertThat(live.live()).isTrue();
        assertThat(live.date()).isEqualTo(DAY);
        assertThat(live.to()).isEqualTo(clock.instant());
        assertThat(live.alerts().fired()).isEqualTo(2);
    }

    @Test
    void textHasTheChatBriefingsSections() {
        Monitor monitor = dayOfActivity();
        at(DAY_START.plus(Duration.ofHours(24 + 8)));

        String text = BriefingText.render(monitor.briefings().build(DAY));

        assertThat(text).startsWith("# 📋 Daily briefing — 2026-03-14\n");
        assertThat(text).contains("**🚨 CRITICAL ALERTS (1)**\n"
                + "• Curation system idle — 0 videos screened today [Start Curation] → start_curation\n");
        assertThat(text).contains("**⚠️ WARNINGS (0)**\n• None\n");
        assertThat(text).contains("**✅ SYSTEM HEALTH**\n• payments: 75% up (4 runs, 1 down)\n");
        assertThat(text).contains("**📊 KEY METRICS**\n• Requests: 200, errors 5%, p95 300 ms (worst 400 ms)\n"
                + "• Database: 500 queries, 2 slow\n• Jobs: 5 runs, 1 failed\n• users.total: 97 (+7 vs the day before)\n");
        assertThat(text).contains("**🧯 INCIDENTS**\n• 2 new, 1 open, 1 resolved\n• [high, detected] TypeError in /media-upload\n");
        assertThat(text).contains("**🚀 DEPLOYMENTS**\n• 11:00 1.4.2 — by ci\n");
        assertThat(text).contains("**💡 RECOMMENDATIONS**\n• Start Curation (start_curation): Curation system idle");
        assertThat(text).contains("**🛠️ ACTIONS**\n• [Start Curation] → start_curation (suggested)\n");
    }

    @Test
    void withoutIncidentOrDeploymentSourcesThoseSectionsAreEmpty() {
        Monitor monitor = Monitor.builder().clock(clock).bindSystemMeters(false).systemMetrics(false, Path.of("."))
                .briefingSettings(BriefingSettings.builder().zone(PARIS).build()).build();
        monitors.add(monitor);
        at(DAY_START.plus(Duration.ofHours(30)));

        Briefing briefing = monitor.briefings().build(DAY);

        assertThat(briefing.incidents()).isEqualTo(IncidentDigest.NONE);
        assertThat(briefing.deployments()).isEmpty();
        assertThat(BriefingText.render(briefing)).contains("**🚀 DEPLOYMENTS**\n• None\n")
                .contains("**🧯 INCIDENTS**\n• 0 new, 0 open, 0 resolved\n");
    }

    @Test
    void aThresholdRuleCloseToItsLimitIsATrendWorthALook() {
        Monitor monitor = monitor(paris());
        monitor.metrics().store().add(clock.instant(), MetricSample.of("http.error.ratio", 0.09));

        Briefing briefing = monitor.briefings().now();

        assertThat(briefing.trends()).singleElement().satisfies(trend -> {
            assertThat(trend.rule()).isEqualTo("error-ratio");
            assertThat(trend.value()).isEqualTo(0.09);
            assertThat(trend.message()).isEqualTo("error-ratio: at 0.09, fires above 0.1");
        });
        monitor.metrics().store().add(clock.instant().plusSeconds(1), MetricSample.of("http.error.ratio", 0.01));
        clock.advance(Duration.ofSeconds(1));
        assertThat(monitor.briefings().now().trends()).isEmpty();
    }

    // ---------------------------------------------------------------- schedule and store

    @Test
    void theScheduleStoresThePreviousDayAtEightInTheZoneAndNotBefore() {
        Monitor monitor = dayOfActivity();
        LocalDate before = DAY.minusDays(1);
        at(DAY.plusDays(1).atTime(7, 59, 59).atZone(PARIS).toInstant());

        monitor.briefings().runIfDue(Runnable::run);

        assertThat(monitor.briefings().stored(DAY)).isEmpty();
        assertThat(monitor.briefings().stored(before)).as("the run missed the morning before is caught up").isPresent();
        at(DAY.plusDays(1).atTime(8, 0).atZone(PARIS).toInstant());

        monitor.briefings().runIfDue(Runnable::run);

        StoredBriefing stored = monitor.briefings().stored(DAY).orElseThrow();
        assertThat(stored.generatedAt()).isEqualTo(clock.instant());
        assertThat(stored.text()).contains("Daily briefing — 2026-03-14").contains("CRITICAL ALERTS (1)");
        assertThat(stored.json()).contains("\"date\":\"2026-03-14\"").contains("\"zone\":\"Europe/Paris\"");
        assertThat(monitor.briefings().latest()).contains(stored);
    }

    @Test
    void aMissedRunIsWrittenOnTheNextTickAndOnlyOnce() {
        Monitor monitor = dayOfActivity();
        at(DAY.plusDays(1).atTime(15, 0).atZone(PARIS).toInstant()); // down at 08:00, back at 15:00

        monitor.briefings().runIfDue(Runnable::run);
        StoredBriefing first = monitor.briefings().stored(DAY).orElseThrow();
        clock.advance(Duration.ofHours(1));
        monitor.briefings().runIfDue(Runnable::run);

        assertThat(monitor.briefings().stored(DAY)).contains(first);
        assertThat(monitor.briefings().generate(DAY)).contains(first);
    }

    @Test
    void theScheduledBriefingIsDeliveredOnceThroughTheNamedSinks() {
        Monitor monitor = dayOfActivity();
        at(DAY.plusDays(1).atTime(8, 0).atZone(PARIS).toInstant());

        monitor.briefings().generate(DAY);
        monitor.briefings().generate(DAY);
        monitor.dispatcher().deliverDue();

        List<Notification> briefings;
        synchronized (sent) {
            briefings = sent.stream().filter(n -> n.kind() == Notification.Kind.BRIEFING).toList();
        }
        assertThat(briefings).singleElement().satisfies(notification -> {
            assertThat(notification.alert().rule()).isEqualTo("daily-briefing");
            assertThat(notification.alert().severity()).isEqualTo(Severity.INFO);
            assertThat(notification.alert().labels()).containsEntry("date", "2026-03-14");
            assertThat(notification.alert().message()).isEqualTo(monitor.briefings().stored(DAY).orElseThrow().text());
        });
    }

    @Test
    void withTheMemoryStoreABriefingCaughtUpAfterARestartIsStoredButNotSentAgain() {
        at(DAY.plusDays(1).atTime(9, 0).atZone(PARIS).toInstant()); // (re)started after 08:00
        Monitor monitor = monitor(paris());

        monitor.briefings().runIfDue(Runnable::run);
        monitor.dispatcher().deliverDue();

        assertThat(monitor.briefings().stored(DAY)).isPresent();
        synchronized (sent) {
            assertThat(sent).noneMatch(n -> n.kind() == Notification.Kind.BRIEFING);
        }
    }

    @Test
    void deliveryToASinkThatIsNotConfiguredFailsAtBuild() {
        assertThatThrownBy(() -> Monitor.builder().clock(clock)
                .briefingSettings(BriefingSettings.builder().deliverTo(List.of("slack")).build()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monitor.briefing.deliver-to names the sink 'slack'");
    }

    @Test
    void deliveryToAnAlertmanagerSinkFailsAtBuild() {
        assertThatThrownBy(() -> Monitor.builder().clock(clock)
                .alertSink("alertmanager", AlertmanagerAlertSink.builder(URI.create("http://127.0.0.1:9093")).build())
                .briefingSettings(BriefingSettings.builder().deliverTo(List.of("alertmanager")).build()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("an Alertmanager sink: it takes alerts, not reports");
    }

    @Test
    void disabledBriefingsAreNotScheduled() {
        Monitor monitor = monitor(BriefingSettings.builder().zone(PARIS).enabled(false).build());
        at(DAY.plusDays(1).atTime(9, 0).atZone(PARIS).toInstant());

        monitor.briefings().runIfDue(Runnable::run);

        assertThat(monitor.briefings().latest()).isEmpty();
    }
}
