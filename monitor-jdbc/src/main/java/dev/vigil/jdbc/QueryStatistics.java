package dev.vigil.jdbc;

import dev.vigil.metrics.LatencyHistogram;
import dev.vigil.metrics.MetricCollector;
import dev.vigil.metrics.MetricSample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-statement-shape statistics of one {@link MonitoredDataSource}, and the {@link MetricCollector}
 * that feeds them into Vigil's history.
 *
 * <p>Statements are grouped by shape (see {@link SqlShapes}); up to
 * {@link JdbcMonitoringSettings#maxStatementShapes()} shapes are tracked one by one, later ones are
 * counted together under {@link #OTHER}. Per shape it keeps count, errors, slow executions, total,
 * maximum and a latency histogram (about 3.7 KB per shape), cumulative since the data source was
 * wrapped: {@link #snapshot()} and {@link #topSlowest(int)} read them. An execution is recorded into
 * its shape only; totals over all statements, their latency distribution included, are the sums of
 * the shapes' when read, which keeps the cost per execution at one histogram update.
 *
 * <p>{@link #collect()} emits totals over all shapes for the interval since the previous call, never
 * per-shape series (their number is unbounded in practice): {@code db.queries}, {@code db.query.errors},
 * {@code db.query.slow} (counts), and, when the interval had any, {@code db.query.latency.p50},
 * {@code .p95}, {@code .p99} and {@code db.connection.acquire.p95} (milliseconds). Register it with
 * the monitor's metric collection; it is meant to have one caller.
 */
public final class QueryStatistics implements MetricCollector {

    /** The shape under which statements are counted once {@code maxStatementShapes} shapes are tracked. */
    public static final String OTHER = "OTHER";

    /** Shape of a {@code Statement.executeBatch()} without any {@code addBatch(sql)}. */
    static final String EMPTY_BATCH = "(empty batch)";

    /** Raw SQL strings remembered per cache generation, by count and by characters (two generations are kept). */
    private static final int SQL_CACHE_ENTRIES = 2048;
    private static final long SQL_CACHE_CHARS = 1L << 20;

    private final JdbcMonitoringSettings settings;
    private final ConcurrentHashMap<String, StatementShape> shapes = new ConcurrentHashMap<>();
    private final AtomicInteger shapeCount = new AtomicInteger();
    private final StatementShape other = new StatementShape(OTHER);
    private final ShapeCache cache;

    private final LatencyHistogram acquire = new LatencyHistogram();

    // State of the previous collect(), guarded by this.
    private LatencyHistogram.Snapshot collectedLatency = LatencyHistogram.Snapshot.empty();
    private LatencyHistogram.Snapshot collectedAcquire = LatencyHistogram.Snapshot.empty();
    private long collectedErrors;
    private long collectedSlow;

    QueryStatistics(JdbcMonitoringSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.cache = new ShapeCache(SQL_CACHE_ENTRIES, SQL_CACHE_CHARS, sql -> shapeForNormalized(SqlShapes.normalize(sql)));
    }

    /** The shape of raw SQL text, normalising it only when it was not seen recently. */
    StatementShape shapeOf(String sql) {
        return cache.get(sql == null ? "" : sql);
    }

    /** The shape registered for already normalised SQL, registering it while there is room, else {@link #OTHER}. */
    StatementShape shapeForNormalized(String normalized) {
        StatementShape shape = shapes.get(normalized);
        if (shape != null) {
            return shape;
        }
        shape = shapes.computeIfAbsent(normalized, key -> {
            if (shapeCount.incrementAndGet() > settings.maxStatementShapes()) {
                shapeCount.decrementAndGet();
                return null;
            }
            return new StatementShape(key);
        });
        return shape != null ? shape : other;
    }

    void recordAcquire(long nanos) {
        acquire.record(nanos);
    }

    /** Cumulative statistics of every statement and of each shape, most total time first. */
    public QueryStatisticsSnapshot snapshot() {
        Reading reading = read();
        List<StatementStatistics> statements = reading.statements();
        statements.sort(Comparator.comparingDouble(StatementStatistics::totalMs).reversed()
                .thenComparing(StatementStatistics::sql));
        LatencyHistogram.Snapshot all = reading.latency();
        LatencyHistogram.Snapshot acquired = acquire.snapshot();
        double maxMs = 0;
        for (StatementStatistics statement : statements) {
            maxMs = Math.max(maxMs, statement.maxMs());
        }
        long count = all.count();
        return new QueryStatisticsSnapshot(count, reading.errors(), reading.slow(), round(all.meanMillis() * count),
                round(all.meanMillis()), maxMs, round(all.percentileMillis(0.50)), round(all.percentileMillis(0.95)),
                round(all.percentileMillis(0.99)), acquired.count(), round(acquired.percentileMillis(0.95)),
                statements);
    }

    /** The {@link JdbcMonitoringSettings#topSlowest()} slowest shapes; see {@link #topSlowest(int)}. */
    public List<StatementStatistics> topSlowest() {
        return topSlowest(settings.topSlowest());
    }

    /**
     * The {@code n} slowest statement shapes by 95th percentile latency (ties by total time), slowest
     * first: the statements that are slow when they run, rather than those that merely run often
     * ({@link #snapshot()} orders by total time for that).
     */
    public List<StatementStatistics> topSlowest(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        List<StatementStatistics> statements = read().statements();
        statements.sort(Comparator.comparingDouble(StatementStatistics::p95Ms).reversed()
                .thenComparing(Comparator.comparingDouble(StatementStatistics::totalMs).reversed())
                .thenComparing(StatementStatistics::sql));
        return List.copyOf(statements.subList(0, Math.min(n, statements.size())));
    }

    /** Number of distinct shapes tracked one by one, {@link #OTHER} not included. */
    public int shapeCount() {
        return shapes.size();
    }

    /** The interval totals described in the class comment; deltas since the previous call. */
    @Override
    public synchronized List<MetricSample> collect() {
        Reading reading = read();
        LatencyHistogram.Snapshot latencyNow = reading.latency();
        LatencyHistogram.Snapshot acquireNow = acquire.snapshot();
        long errorsNow = reading.errors();
        long slowNow = reading.slow();
        LatencyHistogram.Snapshot interval = latencyNow.minus(collectedLatency);
        LatencyHistogram.Snapshot acquireInterval = acquireNow.minus(collectedAcquire);

        List<MetricSample> samples = new ArrayList<>(7);
        samples.add(MetricSample.of("db.queries", interval.count()));
        samples.add(MetricSample.of("db.query.errors", errorsNow - collectedErrors));
        samples.add(MetricSample.of("db.query.slow", slowNow - collectedSlow));
        if (interval.count() > 0) {
            samples.add(MetricSample.of("db.query.latency.p50", round(interval.percentileMillis(0.50))));
            samples.add(MetricSample.of("db.query.latency.p95", round(interval.percentileMillis(0.95))));
            samples.add(MetricSample.of("db.query.latency.p99", round(interval.percentileMillis(0.99))));
        }
        if (acquireInterval.count() > 0) {
            samples.add(MetricSample.of("db.connection.acquire.p95", round(acquireInterval.percentileMillis(0.95))));
        }
        collectedLatency = latencyNow;
        collectedAcquire = acquireNow;
        collectedErrors = errorsNow;
        collectedSlow = slowNow;
        return samples;
    }

    /** Reads every shape once. */
    private Reading read() {
        List<StatementShape> all = new ArrayList<>(shapes.values());
        all.add(other);
        List<StatementStatistics> statements = new ArrayList<>(all.size());
        LatencyHistogram.Snapshot sum = LatencyHistogram.Snapshot.empty();
        for (StatementShape shape : all) {
            LatencyHistogram.Snapshot latency = shape.latency();
            if (latency.count() > 0) {
                statements.add(shape.statistics(latency));
                sum = sum.plus(latency);
            }
        }
        return new Reading(statements, sum);
    }

    /**
     * The statistics of every shape executed so far (shapes are registered when a statement is
     * prepared; those never executed are left out, in no particular order), and the sum of their
     * latency histograms.
     */
    private record Reading(List<StatementStatistics> statements, LatencyHistogram.Snapshot latency) {

        long errors() {
            return statements.stream().mapToLong(StatementStatistics::errors).sum();
        }

        long slow() {
            return statements.stream().mapToLong(StatementStatistics::slow).sum();
        }
    }

    /** Milliseconds to the microsecond, which is all the histogram resolves. */
    static double round(double millis) {
        return Math.round(millis * 1000.0) / 1000.0;
    }

    @Override
    public String toString() {
        return "QueryStatistics[shapes=" + shapes.size() + ", settings=" + settings + "]";
    }
}
