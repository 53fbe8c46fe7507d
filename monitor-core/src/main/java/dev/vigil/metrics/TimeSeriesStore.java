package dev.vigil.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vigil's in-memory metric history: every series at full resolution for a day, and as 5-minute and
 * 1-hour rollups (mean, min, max) for a week and a month (see {@link MetricsSettings}).
 *
 * <p>Memory is bounded twice: each series keeps at most {@link MetricsSettings#maxBytesPerSeries()}
 * bytes of primitive arrays (they grow with the data, so a young series costs little), and at most
 * {@link MetricsSettings#maxSeries()} series exist; samples of further series are dropped, counted
 * ({@link #droppedSamples()}) and logged once.
 *
 * <p>Writers are the collection thread; readers (API, charts, rules) may run concurrently.
 */
public final class TimeSeriesStore {

    private static final Logger log = LoggerFactory.getLogger(TimeSeriesStore.class);

    private static final SeriesData[] NONE = new SeriesData[0];
    private static final Comparator<SeriesData> BY_KEY = (a, b) -> compare(a.key(), b.key());

    private final Clock clock;
    private final MetricsSettings settings;
    private final Map<SeriesKey, SeriesData> series = new ConcurrentHashMap<>();
    /**
     * Per name, its series sorted by tags, replaced as a whole when a series appears (rarely): queries
     * and cursors read them in order without hashing keys, sorting or allocating an iterator.
     */
    private final Map<String, SeriesData[]> byName = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean capLogged;

    /**
     * @param clock time for retention decisions
     * @param settings resolutions, retentions and the series cap
     */
    public TimeSeriesStore(Clock clock, MetricsSettings settings) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Stores samples taken at {@code time}. A sample older than its series' newest is ignored. */
    public void add(Instant time, List<MetricSample> samples) {
        for (MetricSample sample : samples) {
            add(time, sample);
        }
    }

    /** Stores one sample taken at {@code time}. */
    public void add(Instant time, MetricSample sample) {
        SeriesKey key = SeriesKey.of(sample);
        SeriesData data = series.get(key);
        if (data == null) {
            if (series.size() >= settings.maxSeries()) {
                dropped.incrementAndGet();
                if (!capLogged) {
                    capLogged = true;
                    log.warn("Vigil keeps at most {} metric series (monitor.metrics.max-series); samples of new series "
                            + "such as {} are dropped", settings.maxSeries(), key);
                }
                return;
            }
            SeriesData created = series.computeIfAbsent(key, k -> new SeriesData(k, settings));
            byName.compute(key.name(), (n, named) -> with(named == null ? NONE : named, created));
            data = created;
        }
        data.add(time.getEpochSecond(), sample.value(), clock.instant().getEpochSecond());
    }

    /** The newest value of every series named {@code name} whose tags include {@code tagFilter}. */
    public List<LatestValue> latest(String name, Map<String, String> tagFilter) {
        List<LatestValue> values = new ArrayList<>();
        TagFilter filter = TagFilter.of(tagFilter);
        for (SeriesData data : seriesNamed(name)) {
            if (filter.test(data.key())) {
                data.latest().ifPresent(values::add);
            }
        }
        values.sort(Comparator.comparing(v -> v.key().toString()));
        return values;
    }

    /** The newest value of every series, sorted by name and tags. */
    public List<LatestValue> latestAll() {
        List<LatestValue> values = new ArrayList<>();
        series.values().forEach(data -> data.latest().ifPresent(values::add));
        values.sort(Comparator.comparing(v -> v.key().toString()));
        return values;
    }

    /**
     * The series named {@code name} matching {@code tagFilter} between {@code from} and {@code to},
     * in steps of {@code step} (each step aggregated with {@code aggregation}; empty steps are left out).
     * Reads the finest resolution that still covers {@code from}.
     */
    public List<Series> query(String name, Map<String, String> tagFilter, Instant from, Instant to, Duration step,
            Aggregation aggregation) {
        Objects.requireNonNull(aggregation, "aggregation");
        if (step.isZero() || step.isNegative()) {
            throw new IllegalArgumentException("step must be positive, was " + step);
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the range ends before it starts: " + from + " .. " + to);
        }
        long now = clock.instant().getEpochSecond();
        List<Series> result = new ArrayList<>();
        TagFilter filter = TagFilter.of(tagFilter);
        for (SeriesData data : seriesNamed(name)) {
            if (filter.test(data.key())) {
                result.add(new Series(data.key(), data.query(from.getEpochSecond(), to.getEpochSecond(),
                        Math.max(1, step.getSeconds()), aggregation, now)));
            }
        }
        return result;
    }

    /**
     * A cursor over the series named {@code name} whose tags include {@code tagFilter}, in
     * {@link #query} order, that summarises ranges of each in place: for readers that reduce windows
     * of many series often, such as alert rules, where {@code query} would copy every point. Ranges
     * are read, like queries, from the finest resolution that still covers their start, relative to
     * the time the cursor is made.
     */
    public SeriesCursor cursor(String name, Map<String, String> tagFilter) {
        return new SeriesCursor(seriesNamed(name), TagFilter.of(tagFilter), clock.instant().getEpochSecond());
    }

    private SeriesData[] seriesNamed(String name) {
        return byName.getOrDefault(name, NONE);
    }

    /** {@code sorted} with {@code data} inserted in key order (unchanged if its key is there already). */
    private static SeriesData[] with(SeriesData[] sorted, SeriesData data) {
        int at = Arrays.binarySearch(sorted, data, BY_KEY);
        if (at >= 0) {
            return sorted;
        }
        int insertion = -at - 1;
        SeriesData[] result = new SeriesData[sorted.length + 1];
        System.arraycopy(sorted, 0, result, 0, insertion);
        result[insertion] = data;
        System.arraycopy(sorted, insertion, result, insertion + 1, sorted.length - insertion);
        return result;
    }

    /**
     * One value per matching series over a window ending now, e.g. the average error ratio of the last
     * 5 minutes: what alert rules evaluate. Series without samples in the window are left out.
     */
    public Map<SeriesKey, Double> window(String name, Map<String, String> tagFilter, Duration window,
            Aggregation aggregation) {
        Instant now = clock.instant();
        Map<SeriesKey, Double> values = new java.util.TreeMap<>(TimeSeriesStore::compare);
        for (Series s : query(name, tagFilter, now.minus(window), now, window.plusSeconds(1), aggregation)) {
            if (!s.points().isEmpty()) {
                values.put(s.key(), s.points().get(s.points().size() - 1).value());
            }
        }
        return values;
    }

    static int compare(SeriesKey a, SeriesKey b) {
        int byName = a.name().compareTo(b.name());
        if (byName != 0) {
            return byName;
        }
        var left = a.tags().entrySet().iterator();
        var right = b.tags().entrySet().iterator();
        while (left.hasNext() && right.hasNext()) {
            var l = left.next();
            var r = right.next();
            int byKey = l.getKey().compareTo(r.getKey());
            if (byKey != 0) {
                return byKey;
            }
            int byValue = l.getValue().compareTo(r.getValue());
            if (byValue != 0) {
                return byValue;
            }
        }
        return Boolean.compare(left.hasNext(), right.hasNext());
    }

    /** Names of all series, sorted. */
    public List<String> names() {
        return byName.keySet().stream().sorted().toList();
    }

    /** Number of series kept. */
    public int seriesCount() {
        return series.size();
    }

    /** Samples dropped because the series cap was reached. */
    public long droppedSamples() {
        return dropped.get();
    }

    /** The settings this store keeps history with. */
    public MetricsSettings settings() {
        return settings;
    }

    /** Bytes of primitive arrays currently held by all series (excluding object headers and keys). */
    public long arrayBytes() {
        long bytes = 0;
        for (SeriesData data : series.values()) {
            bytes += data.arrayBytes();
        }
        return bytes;
    }
}
