package dev.vigil.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.Test;

class TimeSeriesStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    private final TimeSeriesStore store = new TimeSeriesStore(clock, MetricsSettings.ofDefaults());

    /** One sample a minute for {@code minutes}, value = minute index, moving the clock. */
    private void feed(String name, int minutes, String... tags) {
        for (int i = 0; i < minutes; i++) {
            store.add(clock.instant(), MetricSample.of(name, i, tags));
            clock.advance(Duration.ofMinutes(1));
        }
    }

    @Test
    void rawQueryReturnsEverySampleWithinTheLastDay() {
        Instant start = clock.instant();
        feed("cpu", 10);

        List<Series> series = store.query("cpu", Map.of(), start, clock.instant(), Duration.ofMinutes(1), Aggregation.AVG);

        assertThat(series).hasSize(1);
        assertThat(series.get(0).points()).extracting(Point::value)
                .containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0);
        assertThat(series.get(0).points().get(3).time()).isEqualTo(start.plus(Duration.ofMinutes(3)));
    }

    @Test
    void stepsAggregateAvgMinMaxLastAndSum() {
        Instant start = clock.instant();
        feed("requests", 10);
        Instant end = clock.instant();
        Duration step = Duration.ofMinutes(5);

        assertThat(values(store.query("requests", Map.of(), start, end, step, Aggregation.AVG))).containsExactly(2.0, 7.0);
        assertThat(values(store.query("requests", Map.of(), start, end, step, Aggregation.MIN))).containsExactly(0.0, 5.0);
        assertThat(values(store.query("requests", Map.of(), start, end, step, Aggregation.MAX))).containsExactly(4.0, 9.0);
        assertThat(values(store.query("requests", Map.of(), start, end, step, Aggregation.LAST))).containsExactly(4.0, 9.0);
        assertThat(values(store.query("requests", Map.of(), start, end, step, Aggregation.SUM))).containsExactly(10.0, 35.0);
    }

    @Test
    void olderRangesAreReadFromFiveMinuteRollups() {
        Instant start = clock.instant();
        feed("latency", 3 * 24 * 60); // three days of one sample a minute

        List<Series> series = store.query("latency", Map.of(), start, start.plus(Duration.ofMinutes(14)),
                Duration.ofMinutes(5), Aggregation.AVG);

        // the raw tier keeps one day only; a range starting three days ago is answered by 5-minute rollups
        assertThat(series.get(0).points()).hasSize(3);
        Point first = series.get(0).points().get(0);
        assertThat(first.value()).isCloseTo(2.0, within(1e-6)); // mean of 0..4
        assertThat(first.min()).isEqualTo(0.0);
        assertThat(first.max()).isEqualTo(4.0);
    }

    @Test
    void monthOldRangesAreReadFromHourlyRollupsAndRetentionDropsTheRest() {
        Instant start = clock.instant();
        MetricsSettings settings = MetricsSettings.ofDefaults();
        // one sample an hour is enough to exercise the hourly tier over 40 days
        for (int hour = 0; hour < 40 * 24; hour++) {
            store.add(clock.instant(), MetricSample.of("disk.usage", hour % 24));
            clock.advance(Duration.ofHours(1));
        }
        Instant now = clock.instant();

        List<Series> month = store.query("disk.usage", Map.of(), now.minus(settings.retention()), now,
                Duration.ofHours(1), Aggregation.AVG);
        assertThat(month.get(0).points()).hasSizeBetween(30 * 24 - 1, 30 * 24 + 1);
        assertThat(month.get(0).points().get(0).time()).isAfterOrEqualTo(now.minus(settings.retention()).minusSeconds(3600));

        List<Series> beforeRetention = store.query("disk.usage", Map.of(), start, start.plus(Duration.ofDays(2)),
                Duration.ofHours(1), Aggregation.AVG);
        assertThat(beforeRetention.get(0).points()).isEmpty();
    }

    @Test
    void memoryPerSeriesStaysWithinTheStatedBoundOverThirtyDays() {
        MetricsSettings settings = MetricsSettings.ofDefaults();
        feed("bounded", 31 * 24 * 60);

        assertThat(store.arrayBytes()).isLessThanOrEqualTo(settings.maxBytesPerSeries());
        assertThat(settings.maxBytesPerSeries()).isLessThan(64 * 1024);
    }

    @Test
    void tagFiltersSelectSeries() {
        store.add(clock.instant(), MetricSample.of("http.route.rps", 5, "route", "/a", "platform", "tackle.io"));
        store.add(clock.instant(), MetricSample.of("http.route.rps", 7, "route", "/a", "platform", "other.io"));

        assertThat(store.latest("http.route.rps", Map.of("platform", "tackle.io")))
                .extracting(LatestValue::value).containsExactly(5.0);
        assertThat(store.latest("http.route.rps", Map.of("route", "/a"))).hasSize(2);
        assertThat(store.window("http.route.rps", Map.of("platform", "other.io"), Duration.ofMinutes(5), Aggregation.MAX))
                .containsValue(7.0);
    }

    @Test
    void seriesCapDropsNewSeriesAndCountsThem() {
        TimeSeriesStore small = new TimeSeriesStore(clock, MetricsSettings.builder().maxSeries(3).build());
        for (int i = 0; i < 10; i++) {
            small.add(clock.instant(), MetricSample.of("route.hits", 1, "route", "/r" + i));
        }

        assertThat(small.seriesCount()).isEqualTo(3);
        assertThat(small.droppedSamples()).isEqualTo(7);
    }

    @Test
    void outOfOrderSamplesAreIgnoredAndLatestWins() {
        Instant t = clock.instant();
        store.add(t, MetricSample.of("x", 1));
        store.add(t.minusSeconds(60), MetricSample.of("x", 99));
        store.add(t, MetricSample.of("x", 2));

        assertThat(store.latest("x", Map.of())).extracting(LatestValue::value).containsExactly(2.0);
        assertThat(values(store.query("x", Map.of(), t.minusSeconds(120), t, Duration.ofMinutes(1), Aggregation.AVG)))
                .containsExactly(2.0);
    }

    private static List<Double> values(List<Series> series) {
        return series.get(0).points().stream().map(Point::value).toList();
    }
}
