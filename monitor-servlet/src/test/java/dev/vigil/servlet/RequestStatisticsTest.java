package dev.vigil.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import dev.vigil.metrics.MetricSample;
import dev.vigil.test.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The statistics behind the filter, driven directly: caps, platform values and intervals. */
class RequestStatisticsTest {

    private static final int GET = RequestTracingFilter.methodIndex("GET");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = MutableClock.atFixedStart();

    private RequestStatistics statistics(RequestTracingSettings settings, boolean platforms) {
        return new RequestStatistics(registry, settings, platforms, clock);
    }

    private static void record(RequestStatistics statistics, String route, String platform, int status) {
        statistics.record(statistics.route(route), statistics.platform(platform), GET, status, TimeUnit.MILLISECONDS.toNanos(5));
    }

    @Test
    void pairsPastTheSeriesCapJoinOtherForTheirPlatform() {
        RequestStatistics statistics = statistics(RequestTracingSettings.builder().maxSeries(2).build(), true);

        record(statistics, "/a", "ios", 200);
        record(statistics, "/a", "web", 200);
        record(statistics, "/b", "ios", 200);
        record(statistics, "/b", "ios", 500);
        record(statistics, "/a", "ios", 200);

        assertThat(statistics.snapshot())
                .extracting(RouteStatistics::route, RouteStatistics::platform, RouteStatistics::requests)
                .containsExactly(
                        tuple("/a", "ios", 2L),
                        tuple("/a", "web", 1L),
                        tuple("OTHER", "ios", 2L));
        assertThat(statistics.routeCount()).isEqualTo(2);
        assertThat(statistics.total().requests()).isEqualTo(5);
        assertThat(statistics.total().errors()).isEqualTo(1);
    }

    @Test
    void platformValuesAreSanitisedCappedAndBlankIsUnknown() {
        RequestStatistics statistics = statistics(RequestTracingSettings.builder().maxPlatforms(2).build(), true);

        assertThat(statistics.platform("ios").name).isEqualTo("ios");
        assertThat(statistics.platform(" Web App ").name).isEqualTo("Web_App");
        assertThat(statistics.platform("Web_App")).isSameAs(statistics.platform(" Web App "));
        assertThat(statistics.platform("android").name).isEqualTo(RequestTracingFilter.PLATFORM_OTHER);
        assertThat(statistics.platform("").name).isEqualTo(RequestTracingFilter.PLATFORM_UNKNOWN);
        assertThat(statistics.platform("   ").name).isEqualTo(RequestTracingFilter.PLATFORM_UNKNOWN);
        assertThat(statistics.platform("unknown").name).isEqualTo(RequestTracingFilter.PLATFORM_UNKNOWN);
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', textBlock = """
            ios                 | ios
            tenant-7.eu_west    | tenant-7.eu_west
            ' padded '          | padded
            Web App             | Web_App
            ümlaut/slash        | _mlaut_slash
            """)
    void sanitizeKeepsSafeCharacters(String raw, String expected) {
        assertThat(RequestStatistics.sanitize(raw)).isEqualTo(expected);
    }

    @Test
    void sanitizeCapsLengthAndReturnsCleanValuesThemselves() {
        String clean = "tenant-42";

        assertThat(RequestStatistics.sanitize(clean)).isSameAs(clean);
        assertThat(RequestStatistics.sanitize("x".repeat(100))).hasSize(64);
    }

    @Test
    void withoutAResolverThereIsOnePlatformAndNoTag() {
        RequestStatistics statistics = statistics(RequestTracingSettings.ofDefaults(), false);

        record(statistics, "/a", "ignored", 200);
        clock.advance(Duration.ofSeconds(1));
        List<MetricSample> samples = statistics.collect();

        assertThat(statistics.snapshot()).singleElement().satisfies(a -> assertThat(a.platform()).isEmpty());
        assertThat(statistics.platforms()).isEmpty();
        assertThat(samples).allSatisfy(sample -> assertThat(sample.tags()).doesNotContainKey("platform"));
        assertThat(registry.get(RequestTracingFilter.REQUESTS_METER).timer().getId().getTag("platform")).isNull();
    }

    @Test
    void anIntervalOfNoLengthHasNoRate() {
        RequestStatistics statistics = statistics(RequestTracingSettings.ofDefaults(), false);
        record(statistics, "/a", "", 200);

        List<MetricSample> samples = statistics.collect();

        assertThat(samples).filteredOn(sample -> sample.name().equals(RequestStatistics.RPS))
                .singleElement().satisfies(rps -> assertThat(rps.value()).isZero());
        assertThat(statistics.total().lastInterval().requests()).isEqualTo(1);
    }

    @Test
    void statusCodesAreCountedExactlyAndUnusualOnesByClass() {
        RequestStatistics statistics = statistics(RequestTracingSettings.ofDefaults(), false);

        record(statistics, "/a", "", 200);
        record(statistics, "/a", "", 599);
        record(statistics, "/a", "", 42);

        RouteStatistics a = statistics.snapshot().get(0);
        assertThat(a.requests()).isEqualTo(3);
        assertThat(a.errors()).isEqualTo(1);
        assertThat(a.statusCounts()).containsOnlyKeys(200, 599);
        assertThat(registry.get(RequestTracingFilter.REQUESTS_METER).tags("status", "UNKNOWN", "outcome", "UNKNOWN")
                .timer().count()).isEqualTo(1);
    }
}
