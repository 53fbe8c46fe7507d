package dev.vigil.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import dev.vigil.health.CheckHealth;
import dev.vigil.health.HealthReport;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthStatus;
import dev.vigil.metrics.Aggregation;
import dev.vigil.metrics.MetricSample;
import dev.vigil.metrics.MetricsSettings;
import dev.vigil.metrics.TimeSeriesStore;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.Test;

class AlertRulesTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final TimeSeriesStore store = new TimeSeriesStore(clock, MetricsSettings.ofDefaults());
    private final List<CheckHealth> checks = new ArrayList<>();
    private final RuleContext context = RuleContext.of(clock, store,
            () -> HealthReport.of(clock.instant(), Duration.ZERO, "1.0", checks));

    /** One collection a minute for {@code minutes}: the clock moves first, so the last sample is at "now". */
    private void feed(int minutes, IntFunction<List<MetricSample>> samplesOfMinute) {
        for (int i = 0; i < minutes; i++) {
            clock.advance(Duration.ofMinutes(1));
            store.add(clock.instant(), samplesOfMinute.apply(i));
        }
    }

    private void feed(int minutes, String name, double value, String... tags) {
        feed(minutes, i -> List.of(MetricSample.of(name, value, tags)));
    }

    private List<AlertCondition> evaluate(AlertRule rule) throws Exception {
        return rule.evaluate(context);
    }

    // ---------------------------------------------------------------- threshold

    @Test
    void thresholdFiresPerMatchingSeriesWithItsMessage() throws Exception {
        feed(10, i -> List.of(
                MetricSample.of("http.route.error.ratio", 0.124, "route", "/media-upload"),
                MetricSample.of("http.route.error.ratio", 0.01, "route", "/bookings")));

        List<AlertCondition> conditions = evaluate(AlertRules.threshold("http.route.error.ratio", Map.of(),
                Duration.ofMinutes(5), Aggregation.AVG, Comparison.ABOVE, 0.10,
                "Error rate {value%} on {label:route} above {limit%}"));

        assertThat(conditions).singleElement().satisfies(condition -> {
            assertThat(condition.labels()).isEqualTo(Map.of("route", "/media-upload"));
            assertThat(condition.value()).isCloseTo(0.124, within(1e-6));
            assertThat(condition.message()).isEqualTo("Error rate 12.4% on /media-upload above 10%");
        });
    }

    @Test
    void thresholdAggregatesTheWindowAsConfigured() throws Exception {
        feed(4, "http.route.latency.p95", 100, "route", "/a");
        feed(1, "http.route.latency.p95", 900, "route", "/a"); // window: 100, 100, 100, 100, 900

        assertThat(evaluate(AlertRules.threshold("http.route.latency.p95", Map.of(), Duration.ofMinutes(5),
                Aggregation.AVG, Comparison.ABOVE, 500))).isEmpty();
        assertThat(evaluate(AlertRules.threshold("http.route.latency.p95", Map.of(), Duration.ofMinutes(5),
                Aggregation.MAX, Comparison.ABOVE, 500))).singleElement()
                .satisfies(c -> assertThat(c.message()).isEqualTo("http.route.latency.p95{route=/a} above 500: 900 (max over 5m)"));
        assertThat(evaluate(AlertRules.threshold("http.route.latency.p95", Map.of(), Duration.ofMinutes(5),
                Aggregation.LAST, Comparison.ABOVE, 500))).hasSize(1);
        assertThat(evaluate(AlertRules.threshold("http.route.latency.p95", Map.of(), Duration.ofMinutes(5),
                Aggregation.MIN, Comparison.BELOW, 150))).hasSize(1);
    }

    @Test
    void thresholdWindowIsHalfOpenSoSumsCountEachIntervalOnce() throws Exception {
        feed(120, "job.failures", 1, "job", "curation");

        List<AlertCondition> conditions = evaluate(AlertRules.threshold("job.failures", Map.of(), Duration.ofHours(1),
                Aggregation.SUM, Comparison.ABOVE, 59.5));

        assertThat(conditions).singleElement().extracting(AlertCondition::value).isEqualTo(60.0);
    }

    @Test
    void aWindowWithAFractionOfASecondCoversEverySecondOfTheHalfOpenWindow() throws Exception {
        feed(10, "job.failures", 1, "job", "curation");

        // (now - 150.5s, now] holds the samples of now - 120s, now - 60s and now
        assertThat(evaluate(AlertRules.threshold("job.failures", Map.of(), Duration.ofMillis(150_500), Aggregation.SUM,
                Comparison.ABOVE, 0))).singleElement().extracting(AlertCondition::value).isEqualTo(3.0);
    }

    @Test
    void thresholdHonoursTheTagFilterAndBelow() throws Exception {
        feed(5, i -> List.of(
                MetricSample.of("http.route.rps", 0.2, "route", "/a"),
                MetricSample.of("http.route.rps", 0.1, "route", "/b")));

        assertThat(evaluate(AlertRules.threshold("http.route.rps", Map.of("route", "/b"), Duration.ofMinutes(5),
                Aggregation.AVG, Comparison.BELOW, 0.5, "{labels} at {value}/s"))).singleElement()
                .extracting(AlertCondition::message).isEqualTo("route=/b at 0.1/s");
    }

    @Test
    void seriesWithoutSamplesInTheWindowDoNotFire() throws Exception {
        feed(1, "disk.usage", 0.99);
        clock.advance(Duration.ofMinutes(10));

        assertThat(evaluate(AlertRules.threshold("disk.usage", Map.of(), Duration.ofMinutes(5),
                Aggregation.AVG, Comparison.ABOVE, 0.9))).isEmpty();
    }

    @Test
    void rateDividesTheWindowSumBySeconds() throws Exception {
        feed(10, "http.route.requests", 600, "route", "/a");

        assertThat(evaluate(AlertRules.rate("http.route.requests", Map.of(), Duration.ofMinutes(5), Comparison.ABOVE, 5,
                "{label:route} at {value} requests/s over {window}"))).singleElement()
                .satisfies(c -> {
                    assertThat(c.value()).isEqualTo(10.0);
                    assertThat(c.message()).isEqualTo("/a at 10 requests/s over 5m");
                });
    }

    @Test
    void unknownPlaceholdersFailWhenTheRuleIsBuilt() {
        assertThatThrownBy(() -> AlertRules.threshold("x", Map.of(), Duration.ofMinutes(5), Aggregation.AVG,
                Comparison.ABOVE, 1, "value {valeu}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown placeholder {valeu}");
        assertThatThrownBy(() -> AlertRules.threshold("x", Map.of(), Duration.ofMinutes(5), Aggregation.AVG,
                Comparison.ABOVE, 1, "fills {eta}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{eta}");
        assertThatThrownBy(() -> AlertRules.threshold("x", Map.of(), Duration.ZERO, Aggregation.AVG, Comparison.ABOVE, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window must be at least 1s");
    }

    // ---------------------------------------------------------------- health

    @Test
    void checkStatusFiresPerCheckAtOrPastTheStatus() throws Exception {
        checks.add(new CheckHealth("database", true, true, HealthResult.down("Connection refused")));
        checks.add(new CheckHealth("cache", false, true, HealthResult.degraded("pool at 82%")));
        checks.add(new CheckHealth("job:curation", false, true,
                HealthResult.down("has not run for 3h").withSuggestedAction("start_curation")));
        checks.add(new CheckHealth("payments", true, true, HealthResult.up()));
        checks.add(new CheckHealth("new", true, false, HealthResult.degraded("not checked yet")));

        assertThat(evaluate(AlertRules.checkStatus("*", HealthStatus.DOWN))).extracting(AlertCondition::message)
                .containsExactly("database is down: Connection refused", "job:curation is down: has not run for 3h");
        assertThat(evaluate(AlertRules.checkStatus("*", HealthStatus.DEGRADED))).extracting(c -> c.labels().get("check"))
                .containsExactly("database", "cache", "job:curation");
        assertThat(evaluate(AlertRules.checkStatus("job:*", HealthStatus.DOWN))).singleElement().satisfies(c -> {
            assertThat(c.labels()).isEqualTo(Map.of("check", "job:curation"));
            assertThat(c.suggestedActionId()).contains("start_curation");
            assertThat(c.value()).isNaN();
        });
        assertThat(evaluate(AlertRules.checkStatus("cache, database", HealthStatus.DEGRADED))).hasSize(2);
    }

    @Test
    void checkPatternsMatchWholeNamesAsTheGlobsRegexWould() throws Exception {
        List<String> names = List.of("", "a", "ab", "aba", "abba", "ba", "database", "database.replica", "databases",
                "job:", "job:curation", "job:job:", ":curation", "curation", "x.y", "xy");
        for (String name : names) {
            checks.add(new CheckHealth(name, false, true, HealthResult.down("down")));
        }
        for (String pattern : List.of("*", "**", "a", "a*", "*a", "a*a", "a*b*a", "*b*", "ab*ba", "aba*aba", "job:*",
                "*:curation", "job:*:", "database,database.*", " x.y , *s ", "x.*", "data*base*")) {
            List<String> expected = names.stream().filter(globRegex(pattern).asMatchPredicate()).toList();

            assertThat(evaluate(AlertRules.checkStatus(pattern, HealthStatus.DOWN))).as(pattern)
                    .extracting(c -> c.labels().get("check")).containsExactlyElementsOf(expected);
        }
    }

    /** The comma-separated globs as one regex, {@code *} matching any run of characters. */
    private static Pattern globRegex(String pattern) {
        List<String> alternatives = new ArrayList<>();
        for (String glob : pattern.split(",")) {
            if (!glob.isBlank()) {
                List<String> parts = new ArrayList<>();
                for (String part : glob.strip().split("\\*", -1)) {
                    parts.add(Pattern.quote(part));
                }
                alternatives.add(String.join(".*", parts));
            }
        }
        return Pattern.compile(String.join("|", alternatives));
    }

    @Test
    void serviceStatusFiresOnTheAggregateAndNamesTheChecks() throws Exception {
        AlertRule down = AlertRules.serviceStatus(HealthStatus.DOWN);
        AlertRule degraded = AlertRules.serviceStatus(HealthStatus.DEGRADED);
        checks.add(new CheckHealth("database", true, true, HealthResult.down("Connection refused")));
        checks.add(new CheckHealth("cache", false, true, HealthResult.degraded("pool at 82%")));

        assertThat(evaluate(down)).singleElement().extracting(AlertCondition::message)
                .isEqualTo("Service is down: database (Connection refused)");
        assertThat(evaluate(degraded)).as("a down service does not also warn that it is degraded").isEmpty();

        checks.set(0, new CheckHealth("database", true, true, HealthResult.up()));
        assertThat(evaluate(down)).isEmpty();
        assertThat(evaluate(degraded)).singleElement().extracting(AlertCondition::message)
                .isEqualTo("Service is degraded: cache (pool at 82%)");
    }

    @Test
    void checksThatHaveNotRunYetDoNotMakeTheServiceDegraded() throws Exception {
        checks.add(new CheckHealth("database", true, false, HealthResult.degraded("not checked yet")));

        assertThat(evaluate(AlertRules.serviceStatus(HealthStatus.DEGRADED))).isEmpty();
    }

    // ---------------------------------------------------------------- absence

    @Test
    void absenceFiresPerSeriesThatStoppedReporting() throws Exception {
        feed(1, "job.runs", 1, "job", "nightly");
        clock.advance(Duration.ofHours(3));
        feed(1, "job.runs", 1, "job", "hourly");

        assertThat(evaluate(AlertRules.absence("job.runs", Map.of(), Duration.ofHours(2)))).singleElement()
                .satisfies(c -> {
                    assertThat(c.labels()).isEqualTo(Map.of("job", "nightly"));
                    assertThat(c.message()).isEqualTo("No data for job.runs{job=nightly} in 2h");
                    assertThat(c.value()).isEqualTo(Duration.ofHours(3).plusMinutes(1).toSeconds());
                });
    }

    @Test
    void noDataFiresWhenNothingRecentArrivedIncludingNeverAnything() throws Exception {
        AlertRule rule = AlertRules.noData("orders.created", Map.of(), Duration.ofMinutes(10));

        assertThat(evaluate(rule)).singleElement().extracting(AlertCondition::message)
                .isEqualTo("No data for orders.created in 10m");

        feed(1, "orders.created", 3);
        assertThat(evaluate(rule)).isEmpty();

        clock.advance(Duration.ofMinutes(11));
        assertThat(evaluate(rule)).hasSize(1);
    }

    // ---------------------------------------------------------------- spike

    @Test
    void spikeFiresWhenTheWindowExceedsFactorTimesTheBaseline() throws Exception {
        feed(60, "http.route.errors", 1, "route", "/media-upload");
        feed(5, "http.route.errors", 10, "route", "/media-upload");

        assertThat(evaluate(AlertRules.spike("http.route.errors", Map.of(), Duration.ofMinutes(5), Duration.ofHours(1), 3, 10)))
                .singleElement().satisfies(c -> {
                    assertThat(c.value()).isEqualTo(50.0);
                    assertThat(c.message()).isEqualTo("Spike in http.route.errors{route=/media-upload}: 50 in the last 5m, usually 5");
                });
    }

    @Test
    void spikeNeedsTheMinimumValueSoZeroToOneIsNoSpike() throws Exception {
        feed(60, "http.route.errors", 0, "route", "/a");
        feed(4, "http.route.errors", 0, "route", "/a");
        feed(1, "http.route.errors", 1, "route", "/a");

        assertThat(evaluate(AlertRules.spike("http.route.errors", Map.of(), Duration.ofMinutes(5), Duration.ofHours(1), 3, 10)))
                .isEmpty();
    }

    @Test
    void steadyTrafficIsNoSpike() throws Exception {
        feed(65, "http.route.errors", 20, "route", "/a");

        assertThat(evaluate(AlertRules.spike("http.route.errors", Map.of(), Duration.ofMinutes(5), Duration.ofHours(1), 3, 10)))
                .isEmpty();
    }

    @Test
    void averageSpikeComparesMeans() throws Exception {
        feed(60, "http.route.latency.p95", 200, "route", "/a");
        feed(5, "http.route.latency.p95", 900, "route", "/a");

        assertThat(evaluate(AlertRules.spike("http.route.latency.p95", Map.of(), Duration.ofMinutes(5), Duration.ofHours(1),
                3, 500, Aggregation.AVG, "p95 on {label:route} at {value:ms}, usually {baseline:ms}")))
                .singleElement().extracting(AlertCondition::message).isEqualTo("p95 on /a at 900ms, usually 200ms");
    }

    // ---------------------------------------------------------------- trend

    /** disk.usage rising 0.002 an hour, one sample a minute for six hours, ending at 0.868: 0.95 in 41 hours. */
    private void feedRisingDisk() {
        feed(360, i -> List.of(MetricSample.of("disk.usage", 0.868 - 0.002 * (359 - i) / 60.0)));
    }

    @Test
    void trendFiresWhenTheLineCrossesTheLimitWithinTheHorizon() throws Exception {
        feedRisingDisk();

        assertThat(evaluate(AlertRules.trend("disk.usage", Map.of(), Duration.ofHours(6), Duration.ofHours(72),
                Comparison.ABOVE, 0.95, "{metric} will reach {limit%} {eta}"))).singleElement().satisfies(c -> {
                    assertThat(c.message()).isEqualTo("disk.usage will reach 95% in about 41 hours");
                    assertThat(c.value()).isCloseTo(0.868, within(1e-6));
                });
        assertThat(evaluate(AlertRules.trend("disk.usage", Map.of(), Duration.ofHours(6), Duration.ofHours(72), 0.95)))
                .singleElement().extracting(AlertCondition::message).isEqualTo("disk.usage will reach 0.95 in about 41 hours");
    }

    @Test
    void trendBeyondTheHorizonOrTheOtherWayDoesNotFire() throws Exception {
        feedRisingDisk();

        assertThat(evaluate(AlertRules.trend("disk.usage", Map.of(), Duration.ofHours(6), Duration.ofHours(24), 0.95)))
                .isEmpty();
        assertThat(evaluate(AlertRules.trend("disk.usage", Map.of(), Duration.ofHours(6), Duration.ofHours(72),
                Comparison.BELOW, 0.5, "{metric} falls to {limit} {eta}"))).isEmpty();
    }

    @Test
    void fallingTrendFiresBelow() throws Exception {
        feed(120, i -> List.of(MetricSample.of("disk.free.ratio", 0.30 - 0.001 * i)));

        assertThat(evaluate(AlertRules.trend("disk.free.ratio", Map.of(), Duration.ofHours(2), Duration.ofHours(2),
                Comparison.BELOW, 0.10, "{metric} will fall to {limit%} {eta}"))).singleElement()
                .extracting(AlertCondition::message).isEqualTo("disk.free.ratio will fall to 10% in about 81 minutes");
    }

    @Test
    void trendNeedsHistorySpanningHalfTheLookback() throws Exception {
        feed(60, i -> List.of(MetricSample.of("disk.usage", 0.5 + 0.01 * i)));

        assertThat(evaluate(AlertRules.trend("disk.usage", Map.of(), Duration.ofHours(6), Duration.ofHours(72), 0.95)))
                .isEmpty();
    }

    @Test
    void ruleContextGivesTheEvaluationTimeAndReadsHealthOncePerEvaluation() {
        int[] reads = {0};
        RuleContext counting = RuleContext.of(clock, store, () -> {
            reads[0]++;
            return HealthReport.of(clock.instant(), Duration.ZERO, "1", List.of());
        });
        Instant at = clock.instant();
        RuleContext view = counting.at(at);
        clock.advance(Duration.ofMinutes(1));

        view.health();
        view.health();

        assertThat(view.now()).isEqualTo(at);
        assertThat(reads[0]).isEqualTo(1);
        assertThat(counting.now()).isEqualTo(clock.instant());
        assertThat(counting.jobs()).isEmpty();
    }
}
