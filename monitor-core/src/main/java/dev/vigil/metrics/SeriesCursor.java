package dev.vigil.metrics;

import java.time.Instant;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * Steps through the series of one metric whose tags include a filter, in
 * {@link TimeSeriesStore#query} order, and summarises ranges of the current one without copying its
 * points (see {@link TimeSeriesStore#cursor}):
 *
 * <pre>{@code
 * WindowSummary window = new WindowSummary();
 * for (SeriesCursor cursor = store.cursor("disk.usage", Map.of()); cursor.next(); ) {
 *     if (cursor.summarize(from, now, window)) {
 *         use(cursor.key(), window.mean());
 *     }
 * }
 * }</pre>
 *
 * <p>One cursor serves one reader for one pass: it is not thread-safe. The store may be written
 * meanwhile: each summary is read under its series' lock, as a query is. The cursor steps through
 * the series that existed when it was made.
 */
public final class SeriesCursor {

    private final SeriesData[] series;
    private final TagFilter tagFilter;
    private final long now;
    private int index = -1;
    private @Nullable SeriesData current;

    SeriesCursor(SeriesData[] series, TagFilter tagFilter, long now) {
        this.series = series;
        this.tagFilter = tagFilter;
        this.now = now;
    }

    /** Moves to the next matching series; false when there is none left. */
    public boolean next() {
        while (index + 1 < series.length) {
            SeriesData data = series[++index];
            if (tagFilter.test(data.key())) {
                current = data;
                return true;
            }
        }
        current = null;
        return false;
    }

    /** The current series' name and tags. */
    public SeriesKey key() {
        return current().key();
    }

    /**
     * Summarises the current series' points between {@code from} and {@code to} (inclusive, to the
     * second) into {@code into}, replacing what it held; returns whether there were any. The points are
     * those {@link TimeSeriesStore#query} returns at a one-second step.
     */
    public boolean summarize(Instant from, Instant to, WindowSummary into) {
        return current().summarize(from.getEpochSecond(), to.getEpochSecond(), now, into);
    }

    private SeriesData current() {
        SeriesData data = current;
        if (data == null) {
            throw new NoSuchElementException("the cursor is not on a series: call next() first, and only while it returns true");
        }
        return data;
    }
}
