package dev.vigil.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import dev.vigil.health.CheckHealth;
import dev.vigil.health.HealthReport;
import dev.vigil.health.HealthResult;
import dev.vigil.metrics.MetricCollector;
import dev.vigil.metrics.MetricSample;
import dev.vigil.metrics.MetricsSettings;
import dev.vigil.metrics.TimeSeriesStore;
import dev.vigil.security.event.SecurityEventSettings;
import dev.vigil.security.event.SecurityEvents;
import dev.vigil.test.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class DefaultAlertRulesTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final TimeSeriesStore store = new TimeSeriesStore(clock, MetricsSettings.ofDefaults());
    private final List<CheckHealth> checks = new ArrayList<>();
    private final List<Notification> sent = new ArrayList<>();
    private final AlertEngine engine = new AlertEngine(
            RuleContext.of(clock, store, () -> HealthReport.of(clock.instant(), Duration.ZERO, "1.0", checks)),
            sent::add, AlertSettings.ofDefaults());

    private void feed(int minutes, IntFunction<List<MetricSample>> samplesOfMinute) {
        for (int i = 0; i < minutes; i++) {
            clock.advance(Duration.ofMinutes(1));
            store.add(clock.instant(), samplesOfMinute.apply(i));
        }
    }

    private Map<String, String> firing(List<AlertRuleRegistration> rules) {
        rules.forEach(engine::register);
        engine.evaluate();
        Map<String, String> messages = new TreeMap<>();
        for (Alert alert : engine.active()) {
            assertThat(alert.state()).isEqualTo(AlertState.FIRING);
            messages.put(alert.rule(), alert.message());
        }
        return messages;
    }

    @Test
    void defaultsAreTheDocumentedRulesWithTheirSeverities() {
        assertThat(AlertRules.defaults()).extracting(AlertRuleRegistration::name).containsExactly(
                "health-down", "database-down", "error-ratio-critical", "error-ratio-warning", "latency-p95-critical",
                "latency-p95-warning", "disk-critical", "memory-warning", "job-failures-warning", "service-degraded",
                "failed-login-spike", "page-load-warning");
        assertThat(AlertRules.defaults()).filteredOn(r -> r.severity() == Severity.CRITICAL)
                .extracting(AlertRuleRegistration::name).containsExactly("health-down", "database-down",
                        "error-ratio-critical", "latency-p95-critical", "disk-critical");
        assertThat(AlertRules.defaults()).allMatch(AlertRuleRegistration::enabled);
    }

    @Test
    void failedLoginBurstFiresAgainstItsBaseline() throws Exception {
        SecurityEvents security = new SecurityEvents(clock, "node-1", new SimpleMeterRegistry(),
                SecurityEventSettings.ofDefaults());
        MetricCollector collector = security.collector();
        for (int minute = 0; minute < 60; minute++) { // the usual: one failed login a minute
            security.failedLogin("user" + minute, "192.0.2.1");
            clock.advance(Duration.ofMinutes(1));
            store.add(clock.instant(), collector.collect());
        }
        assertThat(firing(AlertRules.defaults())).doesNotContainKey(AlertRules.FAILED_LOGIN_SPIKE);

        for (int minute = 0; minute < 5; minute++) { // a burst: 8 a minute from one address
            for (int i = 0; i < 8; i++) {
                security.failedLogin("admin", "203.0.113.66");
            }
            clock.advance(Duration.ofMinutes(1));
            store.add(clock.instant(), collector.collect());
        }
        engine.evaluate();

        assertThat(engine.active()).filteredOn(alert -> alert.rule().equals(AlertRules.FAILED_LOGIN_SPIKE))
                .singleElement()
                .satisfies(alert -> {
                    assertThat(alert.severity()).isEqualTo(Severity.WARNING);
                    assertThat(alert.message()).isEqualTo("40 failed logins in the last 5m, usually 5");
                });
    }

    @Test
    void failedLoginSpikeNeedsItsMinimum() {
        feed(60, i -> List.of(MetricSample.of("security.events", 0, "type", "failed_login")));
        feed(5, i -> List.of(MetricSample.of("security.events", 1, "type", "failed_login")));

        assertThat(firing(AlertRules.defaults())).doesNotContainKey(AlertRules.FAILED_LOGIN_SPIKE);
    }

    @Test
    void healthyServiceRaisesNothing() {
        checks.add(new CheckHealth("database", true, true, HealthResult.up()));
        feed(10, i -> List.of(
                MetricSample.of("http.route.error.ratio", 0.01, "route", "/media-upload"),
                MetricSample.of("http.route.latency.p95", 180, "route", "/media-upload"),
                MetricSample.of("disk.usage", 0.34),
                MetricSample.of("jvm.memory.heap.usage", 0.62),
                MetricSample.of("job.failures", 0, "job", "curation")));

        assertThat(firing(AlertRules.defaults())).isEmpty();
        assertThat(engine.failingRules()).isEmpty();
    }

    @Test
    void errorRatioOnMediaUploadFiresCriticalAndWarning() {
        feed(5, i -> List.of(MetricSample.of("http.route.error.ratio", 0.5, "route", "/media-upload")));

        Map<String, String> firing = firing(AlertRules.defaults());

        assertThat(firing).containsOnly(
                Map.entry("error-ratio-critical", "Error rate 50% on /media-upload above 10%"),
                Map.entry("error-ratio-warning", "Error rate 50% on /media-upload above 5%"));
        assertThat(sent).filteredOn(n -> n.alert().rule().equals("error-ratio-critical")).singleElement()
                .satisfies(n -> assertThat(n.alert().labels()).isEqualTo(Map.of("route", "/media-upload")));
    }

    @Test
    void resourceLatencyAndJobRulesFireWithReadableMessages() {
        feed(60, i -> List.of(
                MetricSample.of("http.route.latency.p95", 5230, "route", "/bookings"),
                MetricSample.of("disk.usage", 0.931),
                MetricSample.of("jvm.memory.heap.usage", 0.85),
                MetricSample.of("job.failures", i % 8 == 0 ? 1 : 0, "job", "curation")));

        assertThat(firing(AlertRules.defaults())).containsOnly(
                Map.entry("latency-p95-critical", "p95 latency 5.2s on /bookings above 5s"),
                Map.entry("latency-p95-warning", "p95 latency 5.2s on /bookings above 1s"),
                Map.entry("disk-critical", "Disk usage 93.1% above 90%"),
                Map.entry("memory-warning", "Heap usage 85% above 80%"),
                Map.entry("job-failures-warning", "Job curation failed 8 times in the last 1h, more than 5"));
    }

    @Test
    void databaseDownFiresHealthDownAndDatabaseDown() {
        checks.add(new CheckHealth("database", true, true, HealthResult.down("Connection refused")));
        checks.add(new CheckHealth("cache", false, true, HealthResult.up()));

        assertThat(firing(AlertRules.defaults())).containsOnly(
                Map.entry("health-down", "Service is down: database (Connection refused)"),
                Map.entry("database-down", "database is down: Connection refused"));
    }

    @Test
    void nonCriticalCheckDownMakesTheServiceDegraded() {
        checks.add(new CheckHealth("database", true, true, HealthResult.up()));
        checks.add(new CheckHealth("job:curation", false, true, HealthResult.down("has not succeeded for 3h")));

        assertThat(firing(AlertRules.defaults())).containsOnly(
                Map.entry("service-degraded", "Service is degraded: job:curation (has not succeeded for 3h)"));
    }

    @Test
    void overridesDisableAndReTuneRulesByName() {
        feed(5, i -> List.of(
                MetricSample.of("http.route.error.ratio", 0.5, "route", "/media-upload"),
                MetricSample.of("jvm.memory.heap.usage", 0.95)));

        List<AlertRuleRegistration> rules = AlertRules.defaults(Map.of(
                "error-ratio-critical", AlertRuleOverride.none().withThreshold(0.6),
                "error-ratio-warning", AlertRuleOverride.none().withThreshold(0.25).withSeverity(Severity.CRITICAL)
                        .withForDuration(Duration.ofMinutes(2)),
                "memory-warning", AlertRuleOverride.disabled()));

        assertThat(rules).filteredOn(r -> r.name().equals("memory-warning")).singleElement()
                .extracting(AlertRuleRegistration::enabled).isEqualTo(false);
        assertThat(rules).filteredOn(r -> r.name().equals("error-ratio-warning")).singleElement().satisfies(r -> {
            assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(r.forDuration()).isEqualTo(Duration.ofMinutes(2));
        });
        rules.forEach(engine::register);
        engine.evaluate();
        assertThat(engine.active()).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo("error-ratio-warning");
            assertThat(alert.state()).isEqualTo(AlertState.PENDING);
            assertThat(alert.message()).isEqualTo("Error rate 50% on /media-upload above 25%");
        });
    }

    @Test
    void overridesNameTheSettingWhenWrong() {
        assertThatThrownBy(() -> AlertRules.defaults(Map.of("error-ratio", AlertRuleOverride.disabled())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("monitor.alerts.rules.error-ratio: there is no default alert rule named 'error-ratio'");
        assertThatThrownBy(() -> AlertRules.defaults(Map.of("health-down", AlertRuleOverride.none().withThreshold(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("monitor.alerts.rules.health-down.threshold:");
        assertThatThrownBy(() -> AlertRules.defaults(Map.of("disk-critical",
                AlertRuleOverride.none().withForDuration(Duration.ofMinutes(-1)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("monitor.alerts.rules.disk-critical.for must not be negative, was PT-1M");
    }
}
