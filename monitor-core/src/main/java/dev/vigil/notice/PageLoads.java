package dev.vigil.notice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import dev.vigil.metrics.LatencyHistogram;
import dev.vigil.metrics.MetricCollector;
import dev.vigil.metrics.MetricSample;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Page load times reported by browsers, per page template: recorded into a Micrometer timer
 * {@value #METER} (tag {@code page}) for export, and into a latency histogram per page that
 * {@link #collect()} turns into interval samples for the history, the same way request latency per route is
 * kept: {@value #COUNT}, {@value #P50} and {@value #P95} (milliseconds), tagged {@code page}, for pages with
 * loads in the interval.
 *
 * <p>A path becomes a page template as follows: a path within an area is that area's prefix
 * ({@code /media-upload/42} → {@code /media-upload}); any other has its id-like segments collapsed to
 * {@code {id}} (numbers, UUIDs, long hex, long opaque tokens), its query, fragment and empty segments
 * dropped. At most {@code maxPages} templates are kept; the rest are recorded as {@value #OTHER}.
 */
public final class PageLoads implements MetricCollector {

    /** Micrometer timer of page loads. */
    public static final String METER = "page.load";
    /** Sample: page loads in the interval. */
    public static final String COUNT = "page.load.count";
    /** Sample: median page load in the interval, in milliseconds. */
    public static final String P50 = "page.load.p50";
    /** Sample: 95th percentile page load in the interval, in milliseconds. */
    public static final String P95 = "page.load.p95";
    /** The page of loads past the template cap. */
    public static final String OTHER = "other";

    private final MeterRegistry registry;
    private final NoticeService notices;
    private final int maxPages;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    private final Object lock = new Object();

    /**
     * @param registry where the {@value #METER} timer is registered
     * @param notices the areas, whose prefixes are page templates
     */
    public PageLoads(MeterRegistry registry, NoticeService notices) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.maxPages = notices.settings().maxPages();
    }

    /** Records one page load of {@code path} that took {@code millis}; returns the page template it counted under. */
    public String record(String path, long millis) {
        Page page = page(template(path));
        page.histogram.record(TimeUnit.MILLISECONDS.toNanos(millis));
        page.timer.record(Duration.ofMillis(millis));
        return page.name;
    }

    /** The page templates with loads so far. */
    public List<String> pages() {
        return List.copyOf(pages.keySet());
    }

    /** Loads recorded for {@code page} so far (cumulative). */
    public long count(String page) {
        Page found = pages.get(page);
        return found == null ? 0 : found.histogram.snapshot().count();
    }

    /** The page template of {@code path}: its area's prefix, else the path with ids collapsed. */
    public String template(String path) {
        String clean = strip(path);
        NoticeArea area = notices.areaAt(clean, 0);
        if (area != null) {
            return clean.substring(0, area.matchLength(clean, 0)); // the area's longest covering prefix
        }
        StringBuilder out = new StringBuilder(clean.length());
        for (String segment : clean.split("/")) {
            if (!segment.isEmpty()) {
                out.append('/').append(isId(segment) ? "{id}" : segment);
            }
        }
        String template = out.length() == 0 ? "/" : out.toString();
        return template.length() > NoticeArea.MAX_PATH_LENGTH ? OTHER : template;
    }

    private Page page(String name) {
        Page page = pages.get(name);
        if (page != null) {
            return page;
        }
        synchronized (lock) {
            page = pages.get(name);
            if (page == null) {
                String kept = pages.size() < maxPages || name.equals(OTHER) ? name : OTHER;
                page = pages.computeIfAbsent(kept, this::newPage);
            }
            return page;
        }
    }

    private Page newPage(String name) {
        Timer timer = Timer.builder(METER)
                .description("Page load time reported by browsers (Navigation Timing), by page template")
                .tag("page", name)
                .register(registry);
        return new Page(name, timer);
    }

    @Override
    public List<MetricSample> collect() {
        List<MetricSample> samples = new ArrayList<>();
        for (Page page : pages.values()) {
            LatencyHistogram.Snapshot now = page.histogram.snapshot();
            LatencyHistogram.Snapshot interval;
            synchronized (page) {
                interval = now.minus(page.previous);
                page.previous = now;
            }
            if (interval.count() > 0) {
                samples.add(MetricSample.of(COUNT, interval.count(), "page", page.name));
                samples.add(MetricSample.of(P50, interval.percentileMillis(0.50), "page", page.name));
                samples.add(MetricSample.of(P95, interval.percentileMillis(0.95), "page", page.name));
            }
        }
        return List.copyOf(samples);
    }

    private static String strip(String path) {
        int end = path.length();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '?' || c == '#' || c == ';') {
                end = i;
                break;
            }
        }
        return path.substring(0, end);
    }

    /** A number (digits with {@code - . _ :} between), a UUID, hex of 16+ or a token of 20+ mixing letters and digits. */
    static boolean isId(String segment) {
        boolean digits = false;
        boolean letters = false;
        boolean hex = true;
        boolean number = true;
        boolean token = true;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            digits |= digit;
            letters |= letter;
            hex &= digit || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            number &= digit || c == '-' || c == '.' || c == '_' || c == ':';
            token &= digit || letter || c == '-' || c == '_' || c == '=' || c == '+' || c == '~' || c == '%';
        }
        if (number && digits) {
            return true;
        }
        if (segment.length() == 36 && segment.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            return true;
        }
        if (hex && segment.length() >= 16) {
            return true;
        }
        return token && segment.length() >= 20 && digits && letters;
    }

    private static final class Page {
        final String name;
        final LatencyHistogram histogram = new LatencyHistogram();
        final Timer timer;
        LatencyHistogram.Snapshot previous = LatencyHistogram.Snapshot.empty(); // guarded by this

        Page(String name, Timer timer) {
            this.name = name;
            this.timer = timer;
        }
    }
}
