package dev.vigil.benchmarks.metrics;

import dev.vigil.benchmarks.BenchClock;
import dev.vigil.metrics.Aggregation;
import dev.vigil.metrics.Series;
import dev.vigil.metrics.TimeSeriesStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The dashboard's longest chart: {@link TimeSeriesStore#query} of one series over 30 days in 1-hour
 * steps (720 points, read from the 1-hour rollup), after 30 days of 60-second samples. Target: at
 * most 5 ms, so that opening the chart is instant even while the collector writes.
 *
 * <p>What a series costs in memory after those 30 days is measured separately by
 * {@link HistoryFootprint}, a plain main program: retained bytes are not a JMH score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HistoryStoreBenchmark {

    private TimeSeriesStore store;
    private Instant from;
    private Instant to;

    /** Writes the 30 days of history. */
    @Setup(Level.Trial)
    public void setUp() {
        BenchClock clock = new BenchClock(History.START);
        store = History.thirtyDays(clock, 1);
        to = clock.instant();
        from = to.minus(History.SPAN);
        int points = chart().get(0).points().size();
        if (points < 700) {
            throw new IllegalStateException("the 30-day chart has only " + points + " points");
        }
    }

    /** The 30-day chart of the series. */
    @Benchmark
    public List<Series> chart() {
        return store.query(History.METRIC, Map.of(), from, to, Duration.ofHours(1), Aggregation.AVG);
    }
}
