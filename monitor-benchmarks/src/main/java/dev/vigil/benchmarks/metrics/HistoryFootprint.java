package dev.vigil.benchmarks.metrics;

import dev.vigil.benchmarks.BenchClock;
import dev.vigil.metrics.MetricsSettings;
import dev.vigil.metrics.TimeSeriesStore;
import java.util.Locale;
import org.openjdk.jol.info.GraphLayout;

/**
 * Measures what one series of history retains after 30 days of 60-second samples: the
 * {@link TimeSeriesStore} is filled for {@code N} series (argument, default 200) and its whole object
 * graph is walked with JOL ({@link GraphLayout#parseInstance}), so object headers, keys, tags and
 * padding count, not just the primitive arrays. Target: at most 64 KB per series, which with the
 * default cap of 5,000 series bounds the history at about 320 MB.
 *
 * <p>Prints a Markdown table. Run from the benchmarks jar ({@code allowAttachSelf} only spares JOL's
 * warning that it could not attach to its own VM):
 * {@code java -Djdk.attach.allowAttachSelf=true -cp target/benchmarks.jar dev.vigil.benchmarks.metrics.HistoryFootprint [series]}.
 */
public final class HistoryFootprint {

    /** The budget per series. */
    static final long TARGET_BYTES = 64 * 1024;

    private HistoryFootprint() {
    }

    /** Fills the store, walks it, prints the table. */
    public static void main(String[] args) {
        // Records (SeriesKey, MetricsSettings) hide their field offsets from Unsafe; JOL finds them another way.
        if (System.getProperty("jol.magicFieldOffset") == null) {
            System.setProperty("jol.magicFieldOffset", "true");
        }
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        BenchClock clock = new BenchClock(History.START);
        long emptyBytes = GraphLayout.parseInstance(new TimeSeriesStore(clock, MetricsSettings.ofDefaults())).totalSize();
        TimeSeriesStore store = History.thirtyDays(clock, series);
        if (store.seriesCount() != series) {
            throw new IllegalStateException("the store kept " + store.seriesCount() + " of " + series + " series");
        }
        GraphLayout layout = GraphLayout.parseInstance(store);
        long total = layout.totalSize();
        long perSeries = total / series;
        long arraysPerSeries = store.arrayBytes() / series;
        long bound = store.settings().maxBytesPerSeries();

        System.out.println("### History footprint after 30 days of 60 s samples (" + series + " series, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ")");
        System.out.println();
        System.out.println("| measure | bytes | KB |");
        System.out.println("|---|---:|---:|");
        row("retained by the store (JOL)", total);
        row("retained by an empty store", emptyBytes);
        row("**retained per series**", perSeries);
        row("primitive arrays per series (TimeSeriesStore.arrayBytes)", arraysPerSeries);
        row("array bound per series (MetricsSettings.maxBytesPerSeries)", bound);
        System.out.println();
        System.out.printf(Locale.ROOT, "Target <= %d KB per series: %s (%.1f%% of it).%n",
                TARGET_BYTES / 1024, perSeries <= TARGET_BYTES ? "met" : "NOT met", 100.0 * perSeries / TARGET_BYTES);
    }

    private static void row(String measure, long bytes) {
        System.out.printf(Locale.ROOT, "| %s | %,d | %.1f |%n", measure, bytes, bytes / 1024.0);
    }
}
