package dev.vigil.servlet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import dev.vigil.metrics.MetricCollector;
import dev.vigil.metrics.MetricSample;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The request statistics a {@link RequestTracingFilter} keeps: per route (and per platform when a
 * {@link TagResolver} is configured) a latency histogram and counts by status, read through
 * {@link #snapshot()}, and turned into interval samples by {@link #collect()}.
 *
 * <p>Register it as a {@link MetricCollector} with exactly one collecting caller: each
 * {@link #collect()} closes an interval (the time since the previous call, by the injected clock), and
 * the "last interval" figures of {@link #snapshot()} are those of the most recent call. Per interval
 * it emits, for each route with requests in the interval (tags {@code route} and, with a resolver,
 * {@code platform}): {@value #ROUTE_REQUESTS}, {@value #ROUTE_RPS}, {@value #ROUTE_ERROR_RATIO},
 * {@value #ROUTE_P50}, {@value #ROUTE_P95}, {@value #ROUTE_P99} (milliseconds); and always the
 * untagged totals {@value #REQUESTS}, {@value #RPS}, {@value #ERROR_RATIO}, {@value #P95} (the same
 * four with a {@code platform} tag for each platform that had requests), and {@value #RESPONSES} per status class
 * ({@code status=2xx}, {@code 3xx}, {@code 4xx}, {@code 5xx}; zeros included).
 */
public final class RequestStatistics implements MetricCollector {

    /** Sample: requests of a route in the interval. */
    public static final String ROUTE_REQUESTS = "http.route.requests";
    /** Sample: requests per second of a route over the interval. */
    public static final String ROUTE_RPS = "http.route.rps";
    /** Sample: 5xx responses over all responses of a route in the interval (0 without requests). */
    public static final String ROUTE_ERROR_RATIO = "http.route.error.ratio";
    /** Sample: median latency of a route in the interval, in milliseconds. */
    public static final String ROUTE_P50 = "http.route.latency.p50";
    /** Sample: 95th percentile latency of a route in the interval, in milliseconds. */
    public static final String ROUTE_P95 = "http.route.latency.p95";
    /** Sample: 99th percentile latency of a route in the interval, in milliseconds. */
    public static final String ROUTE_P99 = "http.route.latency.p99";
    /** Sample: requests across all routes in the interval. */
    public static final String REQUESTS = "http.requests";
    /** Sample: requests per second across all routes. */
    public static final String RPS = "http.rps";
    /** Sample: 5xx ratio across all routes. */
    public static final String ERROR_RATIO = "http.error.ratio";
    /** Sample: 95th percentile latency across all routes, in milliseconds. */
    public static final String P95 = "http.latency.p95";
    /** Sample: responses across all routes in the interval per status class (tag {@code status}: 2xx, 3xx, 4xx, 5xx). */
    public static final String RESPONSES = "http.responses";
    /** The route of {@link #total()} and {@link #platforms()}: all routes. */
    public static final String ALL_ROUTES = "*";

    private static final List<String> STATUS_CLASSES = List.of("2xx", "3xx", "4xx", "5xx");
    static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "OTHER"};
    private static final int PLATFORM_NONE = 0;
    private static final int PLATFORM_OTHER = 1;
    private static final int MAX_PLATFORM_LENGTH = 64;

    private final MeterRegistry registry;
    private final RequestTracingSettings settings;
    private final boolean tracksPlatforms;
    private final Clock clock;
    private final StatusCodes statusCodes = new StatusCodes();
    private final Traffic total = new Traffic();
    private final Platform[] platformsByIndex;
    private final Map<String, Platform> platformsByName = new ConcurrentHashMap<>();
    private int platformCount; // guarded by platformsByName
    private final List<Series> series = new CopyOnWriteArrayList<>();
    private final Object seriesLock = new Object();
    private int seriesCount; // guarded by seriesLock, not counting OTHER and NOT_FOUND series
    private final RouteTable<Route> routes;
    private final Object collectLock = new Object();
    private Instant intervalStart; // guarded by collectLock

    RequestStatistics(MeterRegistry registry, RequestTracingSettings settings, boolean tracksPlatforms, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tracksPlatforms = tracksPlatforms;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.intervalStart = clock.instant();
        this.platformsByIndex = new Platform[tracksPlatforms ? settings.maxPlatforms() + 2 : 1];
        Platform none = new Platform(PLATFORM_NONE, tracksPlatforms ? RequestTracingFilter.PLATFORM_UNKNOWN : "");
        platformsByIndex[PLATFORM_NONE] = none;
        platformsByName.put(none.name, none);
        if (tracksPlatforms) {
            Platform other = new Platform(PLATFORM_OTHER, RequestTracingFilter.PLATFORM_OTHER);
            platformsByIndex[PLATFORM_OTHER] = other;
            platformsByName.put(other.name, other);
            platformCount = 2;
        } else {
            platformCount = 1;
        }
        this.routes = new RouteTable<>(settings.maxRoutes(), name -> new Route(name, platformsByIndex.length));
    }

    // ---------------------------------------------------------------- recording (request threads)

    /** The route named {@code name} (a framework pattern or a resolver's answer), or {@code OTHER} past the cap. */
    Route route(String name) {
        return routes.route(name);
    }

    /** The route of the id-collapsed template of {@code path} from index {@code from}, or {@code OTHER} past the cap. */
    Route pathRoute(String path, int from) {
        return routes.pathRoute(path, from);
    }

    /** The {@code NOT_FOUND} route. */
    Route notFoundRoute() {
        return routes.notFound();
    }

    /** The platform for a resolver's raw answer: sanitised, capped, "unknown" when blank. */
    Platform platform(String raw) {
        if (!tracksPlatforms || raw.isEmpty()) {
            return platformsByIndex[PLATFORM_NONE];
        }
        Platform platform = platformsByName.get(raw);
        if (platform != null) {
            return platform;
        }
        String name = sanitize(raw);
        if (name.isEmpty()) {
            return platformsByIndex[PLATFORM_NONE];
        }
        if (!name.equals(raw)) {
            platform = platformsByName.get(name);
            if (platform != null) {
                return platform;
            }
        }
        return addPlatform(name);
    }

    private Platform addPlatform(String name) {
        synchronized (platformsByName) {
            Platform existing = platformsByName.get(name);
            if (existing != null) {
                return existing;
            }
            if (platformCount == platformsByIndex.length) {
                return platformsByIndex[PLATFORM_OTHER];
            }
            Platform platform = new Platform(platformCount, name);
            platformsByIndex[platformCount++] = platform;
            platformsByName.put(name, platform);
            return platform;
        }
    }

    /** Records one completed request: lock-free and allocation-free once its route and timer exist. */
    void record(Route route, Platform platform, int method, int status, long nanos) {
        int statusClass = StatusCodes.classOf(status);
        int codeSlot = statusCodes.slot(status);
        Series target = route.series(platform);
        target.record(statusClass, codeSlot, nanos);
        if (settings.recordTimer()) {
            target.timer(method, statusClass).record(nanos, TimeUnit.NANOSECONDS);
        }
        total.record(statusClass, codeSlot, nanos);
        if (tracksPlatforms) {
            platform.traffic.record(statusClass, codeSlot, nanos);
        }
    }

    private Series createSeries(Route route, Platform platform) {
        synchronized (seriesLock) {
            Series existing = route.byPlatform.get(platform.index);
            if (existing != null) {
                return existing;
            }
            Series created;
            if (route.reserved || seriesCount < settings.maxSeries()) {
                created = new Series(route.name, platform.name);
                if (!route.reserved) {
                    seriesCount++;
                }
                series.add(created);
            } else {
                // Past the series cap this route's traffic for this platform joins OTHER; remembering that
                // in the route keeps later requests off this lock.
                created = routes.other().series(platform);
            }
            route.byPlatform.set(platform.index, created);
            return created;
        }
    }

    // ---------------------------------------------------------------- reading

    /** Distinct routes seen, not counting {@code OTHER} and {@code NOT_FOUND}; at most {@code maxRoutes}. */
    public int routeCount() {
        return routes.size();
    }

    /** Every route (per platform) that has had requests, sorted by route and platform. */
    public List<RouteStatistics> snapshot() {
        List<RouteStatistics> result = new ArrayList<>(series.size());
        for (Series each : series) {
            result.add(each.statistics(each.route, each.platform, statusCodes));
        }
        result.sort(Comparator.comparing(RouteStatistics::route).thenComparing(RouteStatistics::platform));
        return List.copyOf(result);
    }

    /** The figures across all routes and platforms; route {@value #ALL_ROUTES}, platform {@code ""}. */
    public RouteStatistics total() {
        return total.statistics(ALL_ROUTES, "", statusCodes);
    }

    /** The figures across all routes per platform (route {@value #ALL_ROUTES}); empty without a {@link TagResolver}. */
    public List<RouteStatistics> platforms() {
        if (!tracksPlatforms) {
            return List.of();
        }
        List<RouteStatistics> result = new ArrayList<>();
        for (Platform platform : knownPlatforms()) {
            RouteStatistics statistics = platform.traffic.statistics(ALL_ROUTES, platform.name, statusCodes);
            if (statistics.requests() > 0) {
                result.add(statistics);
            }
        }
        result.sort(Comparator.comparing(RouteStatistics::platform));
        return List.copyOf(result);
    }

    /**
     * Closes the collection interval that ends now and returns its samples; see the class comment for
     * names and tags. Routes without requests in the interval are left out; the totals never are.
     */
    @Override
    public List<MetricSample> collect() {
        synchronized (collectLock) {
            Instant now = clock.instant();
            Duration length = Duration.between(intervalStart, now);
            if (length.isNegative()) {
                length = Duration.ZERO;
            }
            intervalStart = now;
            List<MetricSample> samples = new ArrayList<>();
            for (Series each : series) {
                RouteStatistics.Interval interval = each.closeInterval(length, statusCodes);
                if (interval.requests() > 0) {
                    String[] tags = tracksPlatforms
                            ? new String[] {"route", each.route, "platform", each.platform}
                            : new String[] {"route", each.route};
                    samples.add(MetricSample.of(ROUTE_REQUESTS, interval.requests(), tags));
                    samples.add(MetricSample.of(ROUTE_RPS, interval.rps(), tags));
                    samples.add(MetricSample.of(ROUTE_ERROR_RATIO, interval.errorRatio(), tags));
                    samples.add(MetricSample.of(ROUTE_P50, interval.p50Millis(), tags));
                    samples.add(MetricSample.of(ROUTE_P95, interval.p95Millis(), tags));
                    samples.add(MetricSample.of(ROUTE_P99, interval.p99Millis(), tags));
                }
            }
            RouteStatistics.Interval all = total.closeInterval(length, statusCodes);
            addTotals(samples, all);
            for (String statusClass : STATUS_CLASSES) {
                samples.add(MetricSample.of(RESPONSES, all.statusClassCounts().getOrDefault(statusClass, 0L), "status",
                        statusClass));
            }
            if (tracksPlatforms) {
                for (Platform platform : knownPlatforms()) {
                    RouteStatistics.Interval interval = platform.traffic.closeInterval(length, statusCodes);
                    if (interval.requests() > 0) {
                        addTotals(samples, interval, "platform", platform.name);
                    }
                }
            }
            return List.copyOf(samples);
        }
    }

    private static void addTotals(List<MetricSample> samples, RouteStatistics.Interval interval, String... tags) {
        samples.add(MetricSample.of(REQUESTS, interval.requests(), tags));
        samples.add(MetricSample.of(RPS, interval.rps(), tags));
        samples.add(MetricSample.of(ERROR_RATIO, interval.errorRatio(), tags));
        samples.add(MetricSample.of(P95, interval.p95Millis(), tags));
    }

    private List<Platform> knownPlatforms() {
        synchronized (platformsByName) {
            List<Platform> known = new ArrayList<>(platformCount);
            for (int i = 0; i < platformCount; i++) {
                known.add(platformsByIndex[i]);
            }
            return known;
        }
    }

    /**
     * A platform value as a tag: surrounding blanks dropped, characters other than letters, digits,
     * {@code . _ -} replaced by {@code _}, at most 64 characters. Returns {@code raw} itself when it is
     * already clean, so the common case allocates nothing.
     */
    static String sanitize(String raw) {
        String value = raw.strip();
        boolean clean = value.length() <= MAX_PLATFORM_LENGTH;
        for (int i = 0; clean && i < value.length(); i++) {
            clean = allowed(value.charAt(i));
        }
        if (clean) {
            return value;
        }
        int length = Math.min(value.length(), MAX_PLATFORM_LENGTH);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            out.append(allowed(c) ? c : '_');
        }
        return out.toString();
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    }

    /** One value of the platform tag, with its totals across routes. */
    static final class Platform {
        final int index;
        final String name;
        final Traffic traffic = new Traffic();

        Platform(int index, String name) {
            this.index = index;
            this.name = name;
        }
    }

    /** One route template, with its series per platform (created on first request). */
    final class Route {
        final String name;
        final boolean reserved;
        final AtomicReferenceArray<Series> byPlatform;

        Route(String name, int platforms) {
            this.name = name;
            this.reserved = name.equals(RequestTracingFilter.ROUTE_OTHER) || name.equals(RequestTracingFilter.ROUTE_NOT_FOUND);
            this.byPlatform = new AtomicReferenceArray<>(platforms);
        }

        Series series(Platform platform) {
            Series existing = byPlatform.get(platform.index);
            return existing != null ? existing : createSeries(this, platform);
        }
    }

    /** The statistics and Micrometer timers of one route for one platform. */
    final class Series extends Traffic {
        final String route;
        final String platform;
        private final AtomicReferenceArray<Timer> timers =
                new AtomicReferenceArray<>(METHODS.length * StatusCodes.CLASSES);

        Series(String route, String platform) {
            this.route = route;
            this.platform = platform;
        }

        /** The timer for a method and status class, registered on first use. */
        Timer timer(int method, int statusClass) {
            int index = method * StatusCodes.CLASSES + statusClass;
            Timer timer = timers.get(index);
            if (timer == null) {
                Tags tags = Tags.of("method", METHODS[method], "route", route,
                        "status", StatusCodes.classTag(statusClass), "outcome", StatusCodes.outcomeTag(statusClass));
                if (tracksPlatforms) {
                    tags = tags.and("platform", platform);
                }
                // A race registers the same meter twice; the registry returns the one instance both times.
                timer = Timer.builder(RequestTracingFilter.REQUESTS_METER)
                        .description("Requests handled, by route template, method and status class")
                        .tags(tags)
                        .register(registry);
                timers.set(index, timer);
            }
            return timer;
        }
    }
}
