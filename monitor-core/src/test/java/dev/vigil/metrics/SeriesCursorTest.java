package dev.vigil.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * {@link SeriesCursor#summarize} must reduce a range to exactly what reducing the points
 * {@link TimeSeriesStore#query} materialises gives, bit for bit: alert rules switched from one to the
 * other without changing a value.
 */
class SeriesCursorTest {

    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    /** Short retentions, so that a few hours of history fill all three tiers and expire some of each. */
    private static final MetricsSettings SMALL = MetricsSettings.builder()
            .collectInterval(Duration.ofSeconds(10))
            .rawRetention(Duration.ofMinutes(10))
            .mediumStep(Duration.ofMinutes(1))
            .mediumRetention(Duration.ofHours(1))
            .coarseStep(Duration.ofMinutes(5))
            .retention(Duration.ofHours(6))
            .build();

    private final MutableClock clock = new MutableClock(START);
    private final WindowSummary summary = new WindowSummary();

    @Test
    void summariesEqualWhatQueryMaterialisesOverRandomHistoryAndRanges() {
        Random random = new Random(20260301);
        int nonEmpty = 0;
        for (int trial = 0; trial < 20; trial++) {
            clock.set(START);
            TimeSeriesStore store = new TimeSeriesStore(clock, trial % 5 == 0 ? MetricsSettings.ofDefaults() : SMALL);
            List<Instant> times = feedRandomHistory(store, random, trial % 5 == 0 ? 3_000 : 1 + random.nextInt(1_500));
            Instant first = times.get(0);
            Instant last = times.get(times.size() - 1);
            clock.set(last.plusSeconds(random.nextInt(4) == 0 ? 0 : random.nextInt(4 * 3600)));
            for (int range = 0; range < 100; range++) {
                Instant from = edge(random, times, first.minusSeconds(600), last);
                Instant to = random.nextInt(8) == 0 ? from : edge(random, times, from, last.plusSeconds(600));
                if (to.isBefore(from)) {
                    to = from;
                }
                nonEmpty += compareWithQuery(store, from, to);
            }
        }
        assertThat(nonEmpty).as("ranges holding points").isGreaterThan(1_000);
    }

    @Test
    void olderRangesAreSummarisedFromRollupsIncludingTheBucketBeingFilled() {
        TimeSeriesStore store = new TimeSeriesStore(clock, MetricsSettings.ofDefaults());
        for (int minute = 0; minute < 3 * 24 * 60; minute++) { // three days, value = minute
            store.add(clock.instant(), MetricSample.of("latency", minute));
            clock.advance(Duration.ofMinutes(1));
        }
        SeriesCursor cursor = store.cursor("latency", Map.of());
        assertThat(cursor.next()).isTrue();

        // three days ago: older than the raw day, so 5-minute means (2, 7, 12) with their extremes
        assertThat(cursor.summarize(START, START.plus(Duration.ofMinutes(14)), summary)).isTrue();
        assertThat(summary.count()).isEqualTo(3);
        assertThat(summary.sum()).isEqualTo(21.0);
        assertThat(summary.value(Aggregation.AVG)).isEqualTo(7.0);
        assertThat(summary.value(Aggregation.MIN)).isEqualTo(0.0);
        assertThat(summary.value(Aggregation.MAX)).isEqualTo(14.0);
        assertThat(summary.value(Aggregation.LAST)).isEqualTo(12.0);

        // the last two days from rollups: 576 buckets, the newest still open (minutes 4315..4319, mean 4317)
        assertThat(cursor.summarize(clock.instant().minus(Duration.ofDays(2)), clock.instant(), summary)).isTrue();
        assertThat(summary.count()).isEqualTo(576);
        assertThat(summary.firstSecond()).isEqualTo(START.plus(Duration.ofMinutes(1440)).getEpochSecond());
        assertThat(summary.lastSecond()).isEqualTo(START.plus(Duration.ofMinutes(4315)).getEpochSecond());
        assertThat(summary.last()).isEqualTo(4317.0);
        assertThat(summary.min()).isEqualTo(1440.0);
        assertThat(summary.max()).isEqualTo(4319.0);
    }

    @Test
    void aRollupBucketStartedBeforeTheRangeIsLeftOutAsQueryLeavesItOut() {
        TimeSeriesStore store = new TimeSeriesStore(clock, MetricsSettings.ofDefaults());
        for (int minute = 0; minute <= 1442; minute++) { // stops in the bucket of minutes 1440..1444, which stays open
            store.add(clock.instant(), MetricSample.of("x", minute));
            clock.advance(Duration.ofMinutes(1));
        }
        clock.set(START.plus(Duration.ofDays(4))); // ranges of three days ago are read from 5-minute rollups
        Instant bucketStart = START.plus(Duration.ofMinutes(1440));
        SeriesCursor cursor = store.cursor("x", Map.of());
        assertThat(cursor.next()).isTrue();

        assertThat(cursor.summarize(bucketStart.plusSeconds(60), bucketStart.plus(Duration.ofHours(1)), summary)).isFalse();
        assertThat(store.query("x", Map.of(), bucketStart.plusSeconds(60), bucketStart.plus(Duration.ofHours(1)),
                Duration.ofSeconds(1), Aggregation.AVG).get(0).points()).isEmpty();
        assertThat(cursor.summarize(bucketStart, bucketStart.plus(Duration.ofHours(1)), summary)).isTrue();
        assertThat(summary.count()).isEqualTo(1);
        assertThat(summary.last()).isEqualTo(1441.0);
        assertThat(summary.max()).isEqualTo(1442.0);
    }

    @Test
    void cursorVisitsTheSeriesQueryReturnsInTheSameOrder() {
        TimeSeriesStore store = new TimeSeriesStore(clock, MetricsSettings.ofDefaults());
        for (String route : List.of("/b", "/a", "/c")) {
            for (String platform : List.of("web", "ios")) {
                store.add(clock.instant(), MetricSample.of("http.route.rps", 1, "route", route, "platform", platform));
            }
        }
        store.add(clock.instant(), MetricSample.of("http.route.rps", 1));
        store.add(clock.instant(), MetricSample.of("other", 1, "route", "/a"));

        for (Map<String, String> filter : List.of(Map.<String, String>of(), Map.of("platform", "ios"), Map.of("route", "/a"),
                Map.of("route", "/a", "platform", "web"), Map.of("route", "/z"))) {
            List<SeriesKey> visited = new ArrayList<>();
            for (SeriesCursor cursor = store.cursor("http.route.rps", filter); cursor.next(); ) {
                visited.add(cursor.key());
            }
            assertThat(visited).as(filter.toString()).isEqualTo(store.query("http.route.rps", filter, clock.instant(),
                    clock.instant(), Duration.ofMinutes(1), Aggregation.AVG).stream().map(Series::key).toList());
        }
    }

    @Test
    void emptyRangesAndUnknownMetricsHoldNothing() {
        TimeSeriesStore store = new TimeSeriesStore(clock, MetricsSettings.ofDefaults());
        Instant t = clock.instant();
        store.add(t, MetricSample.of("x", 1));
        store.add(t.plusSeconds(600), MetricSample.of("x", 2));
        clock.set(t.plusSeconds(600));

        assertThat(store.cursor("unknown", Map.of()).next()).isFalse();
        SeriesCursor cursor = store.cursor("x", Map.of());
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.summarize(t.minusSeconds(60), t.minusSeconds(1), summary)).as("before the first sample").isFalse();
        assertThat(cursor.summarize(t.plusSeconds(1), t.plusSeconds(599), summary)).as("between two samples").isFalse();
        assertThat(cursor.summarize(t.plusSeconds(601), t.plusSeconds(900), summary)).as("after the last sample").isFalse();
        assertThat(cursor.summarize(t.plusSeconds(600), t, summary)).as("ending before it starts").isFalse();
        assertThat(summary.count()).isZero();
        assertThat(cursor.summarize(t, t, summary)).as("one second, on a sample").isTrue();
        assertThat(summary.sum()).isEqualTo(1.0);
        assertThat(cursor.summarize(t, t.plusSeconds(600), summary)).as("both edges included").isTrue();
        assertThat(summary.count()).isEqualTo(2);
        assertThat(summary.slope()).isEqualTo(1.0 / 600);
        assertThat(summary.fittedAtEnd()).isCloseTo(2.0, within(1e-12));
        assertThat(cursor.summarize(t.plusSeconds(600), t.plusSeconds(600), summary)).isTrue();
        assertThat(summary.slope()).as("one point has no slope").isNaN();
        assertThat(cursor.next()).isFalse();
        assertThatThrownBy(cursor::key).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> store.cursor("x", Map.of()).key()).isInstanceOf(NoSuchElementException.class);
    }

    /**
     * Samples of three series at irregular intervals (a second to a few minutes, sometimes twice in one
     * second or late), of assorted magnitudes; returns every time at which a sample was offered.
     */
    private List<Instant> feedRandomHistory(TimeSeriesStore store, Random random, int samples) {
        List<Instant> times = new ArrayList<>();
        Instant t = clock.instant();
        for (int i = 0; i < samples; i++) {
            int kind = random.nextInt(20);
            Instant time = kind == 0 ? t : kind == 1 ? t.minusSeconds(1 + random.nextInt(60)) : t.plusSeconds(1 + random.nextInt(60));
            if (time.isAfter(t)) {
                t = time;
                clock.set(t);
            }
            for (int series = 0; series < 3; series++) {
                if (random.nextInt(6) != 0) {
                    store.add(time, MetricSample.of("m", value(random), "instance", "i" + series));
                }
            }
            times.add(time);
        }
        return times;
    }

    private static double value(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextGaussian() * 1e6;
            case 1 -> random.nextInt(100);
            case 2 -> random.nextDouble();
            default -> -random.nextDouble() * 50;
        };
    }

    /** A range edge: often a sample time or a second next to one, else anywhere between {@code low} and {@code high}. */
    private static Instant edge(Random random, List<Instant> times, Instant low, Instant high) {
        if (random.nextBoolean()) {
            return times.get(random.nextInt(times.size())).plusSeconds(random.nextInt(3) - 1);
        }
        long span = Math.max(1, high.getEpochSecond() - low.getEpochSecond());
        return low.plusSeconds((long) (random.nextDouble() * span));
    }

    /** Compares the cursor's summaries with the points query returns; returns how many series had points. */
    private int compareWithQuery(TimeSeriesStore store, Instant from, Instant to) {
        List<Series> materialised = store.query("m", Map.of(), from, to, Duration.ofSeconds(1), Aggregation.AVG);
        SeriesCursor cursor = store.cursor("m", Map.of());
        int nonEmpty = 0;
        for (Series series : materialised) {
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.key()).isEqualTo(series.key());
            List<Point> points = series.points();
            String range = series.key() + " " + from + " .. " + to + " at " + clock.instant();
            assertThat(cursor.summarize(from, to, summary)).as(range).isEqualTo(!points.isEmpty());
            assertThat(summary.count()).as(range).isEqualTo(points.size());
            if (points.isEmpty()) {
                continue;
            }
            nonEmpty++;
            assertReduces(points, to, range);
            for (Aggregation aggregation : Aggregation.values()) {
                // one step spanning the whole range: query's aggregate of the range
                Series whole = store.query("m", series.key().tags(), from, to,
                        Duration.ofSeconds(to.getEpochSecond() - from.getEpochSecond() + 1), aggregation).get(0);
                assertThat(whole.points()).as(range).hasSize(1);
                assertIdentical(summary.value(aggregation), whole.points().get(0).value(), range + " " + aggregation);
            }
        }
        assertThat(cursor.next()).isFalse();
        return nonEmpty;
    }

    /** The summary against the points reduced one by one, as the alert rules did before summaries existed. */
    private void assertReduces(List<Point> points, Instant to, String range) {
        int n = points.size();
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sx = 0;
        double sxx = 0;
        double sxy = 0;
        for (Point point : points) {
            double x = point.time().getEpochSecond() - to.getEpochSecond();
            sum += point.value();
            min = Math.min(min, point.min());
            max = Math.max(max, point.max());
            sx += x;
            sxx += x * x;
            sxy += x * point.value();
        }
        double denominator = n * sxx - sx * sx;
        double slope = denominator == 0 ? Double.NaN : (n * sxy - sx * sum) / denominator;
        assertIdentical(summary.sum(), sum, range + " sum");
        assertIdentical(summary.mean(), sum / n, range + " mean");
        assertIdentical(summary.min(), min, range + " min");
        assertIdentical(summary.max(), max, range + " max");
        assertIdentical(summary.last(), points.get(n - 1).value(), range + " last");
        assertThat(summary.firstSecond()).as(range).isEqualTo(points.get(0).time().getEpochSecond());
        assertThat(summary.lastSecond()).as(range).isEqualTo(points.get(n - 1).time().getEpochSecond());
        assertIdentical(summary.slope(), slope, range + " slope");
        assertIdentical(summary.fittedAtEnd(), (sum - slope * sx) / n, range + " fit");
    }

    /** Bit for bit, NaN included: the same additions in the same order give the same double. */
    private static void assertIdentical(double actual, double expected, String what) {
        assertThat(Double.compare(actual, expected)).as("%s: %s, expected %s", what, actual, expected).isZero();
    }
}
