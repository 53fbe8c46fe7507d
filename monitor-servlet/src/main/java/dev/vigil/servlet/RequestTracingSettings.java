package dev.vigil.servlet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Limits of the {@link RequestTracingFilter}: they bound its memory and the number of meters it
 * registers whatever paths and header values clients send.
 *
 * <p>Memory: about 5 KB per series (a route for one platform: a latency histogram and counters),
 * plus one Micrometer timer per method and status class the series has seen. With the defaults at
 * most {@value #DEFAULT_MAX_SERIES} series (plus one {@code OTHER} and one {@code NOT_FOUND} series
 * per platform): about 2.5 MB in the worst case.
 *
 * <pre>{@code
 * RequestTracingSettings.builder().maxRoutes(500).build();
 * }</pre>
 *
 * @param maxRoutes distinct route templates tracked; requests of new routes beyond it are recorded
 *        under the route {@code OTHER}
 * @param maxPlatforms distinct platform values tracked; new values beyond it are recorded as
 *        {@code other}
 * @param maxSeries distinct (route, platform) pairs tracked; new pairs beyond it are recorded under
 *        {@code OTHER} for their platform
 * @param groupUnmatchedNotFound whether a 404 that no framework pattern or {@link RouteResolver}
 *        named (or that only Spring's {@code /**} catch-all matched) is recorded under the route
 *        {@code NOT_FOUND} instead of its path, so scanners probing random paths use one route
 * @param recordTimer whether each request is also recorded as the Micrometer timer {@code http.route.requests} in
 *        the host's registry; off where the host's framework times requests already (Spring Boot's
 *        {@code http.server.requests}), the route statistics, history and alerts being unchanged
 * @param excludedPaths path prefixes (after the context path) left out of the route statistics and the timer, such as
 *        Vigil's own API and Actuator's endpoints; security events and notices still see those requests. A prefix
 *        matches the path itself and the paths below it ({@code /actuator} matches {@code /actuator/health}, not
 *        {@code /actuators})
 */
public record RequestTracingSettings(int maxRoutes, int maxPlatforms, int maxSeries, boolean groupUnmatchedNotFound,
        boolean recordTimer, List<String> excludedPaths) {

    /** 200 routes unless configured otherwise. */
    public static final int DEFAULT_MAX_ROUTES = 200;
    /** 20 platform values unless configured otherwise. */
    public static final int DEFAULT_MAX_PLATFORMS = 20;
    /** 500 (route, platform) series unless configured otherwise. */
    public static final int DEFAULT_MAX_SERIES = 500;
    /** Unmatched 404s are grouped under {@code NOT_FOUND} unless configured otherwise. */
    public static final boolean DEFAULT_GROUP_UNMATCHED_NOT_FOUND = true;

    /** Validates the limits; the message names the setting. */
    public RequestTracingSettings {
        if (maxRoutes < 1 || maxRoutes > 10_000) {
            throw new IllegalArgumentException("monitor.requests.max-routes must be 1..10000, was " + maxRoutes);
        }
        if (maxPlatforms < 1 || maxPlatforms > 1_000) {
            throw new IllegalArgumentException("monitor.requests.max-platforms must be 1..1000, was " + maxPlatforms);
        }
        if (maxSeries < 1 || maxSeries > 100_000) {
            throw new IllegalArgumentException("monitor.requests.max-series must be 1..100000, was " + maxSeries);
        }
        List<String> prefixes = new ArrayList<>();
        for (String path : Objects.requireNonNull(excludedPaths, "excludedPaths")) {
            String prefix = normalizePrefix(path);
            if (!prefix.isEmpty() && !prefixes.contains(prefix)) {
                prefixes.add(prefix);
            }
        }
        excludedPaths = List.copyOf(prefixes);
    }

    /** {@code "actuator/"} becomes {@code "/actuator"}; blank and {@code "/"} become empty (nothing is excluded by them). */
    private static String normalizePrefix(String path) {
        String prefix = Objects.requireNonNull(path, "excluded path").strip();
        if (prefix.contains("*")) {
            throw new IllegalArgumentException("monitor.requests.exclude-paths takes path prefixes, not patterns: " + path);
        }
        if (!prefix.startsWith("/")) {
            prefix = "/" + prefix;
        }
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return prefix;
    }

    /** Whether {@code path}, from index {@code from}, is one of the excluded paths or below one. */
    boolean excluded(String path, int from) {
        for (String prefix : excludedPaths) {
            int end = from + prefix.length();
            if (path.startsWith(prefix, from) && (path.length() == end || path.charAt(end) == '/')) {
                return true;
            }
        }
        return false;
    }

    /** The defaults: 200 routes, 20 platforms, 500 series, unmatched 404s grouped, the timer recorded, no path excluded. */
    public static RequestTracingSettings ofDefaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link RequestTracingSettings}. */
    public static final class Builder {
        private int maxRoutes = DEFAULT_MAX_ROUTES;
        private int maxPlatforms = DEFAULT_MAX_PLATFORMS;
        private int maxSeries = DEFAULT_MAX_SERIES;
        private boolean groupUnmatchedNotFound = DEFAULT_GROUP_UNMATCHED_NOT_FOUND;
        private boolean recordTimer = true;
        private List<String> excludedPaths = List.of();

        private Builder() {
        }

        /** Distinct route templates tracked before new ones go to {@code OTHER}. */
        public Builder maxRoutes(int maxRoutes) {
            this.maxRoutes = maxRoutes;
            return this;
        }

        /** Distinct platform values tracked before new ones become {@code other}. */
        public Builder maxPlatforms(int maxPlatforms) {
            this.maxPlatforms = maxPlatforms;
            return this;
        }

        /** Distinct (route, platform) pairs tracked before new ones go to {@code OTHER}. */
        public Builder maxSeries(int maxSeries) {
            this.maxSeries = maxSeries;
            return this;
        }

        /** Whether unmatched 404s are recorded under {@code NOT_FOUND} rather than their path. */
        public Builder groupUnmatchedNotFound(boolean groupUnmatchedNotFound) {
            this.groupUnmatchedNotFound = groupUnmatchedNotFound;
            return this;
        }

        /** Whether requests are also recorded as the timer {@code http.route.requests} in the host's registry (default true). */
        public Builder recordTimer(boolean recordTimer) {
            this.recordTimer = recordTimer;
            return this;
        }

        /** Path prefixes left out of the route statistics and the timer (default: none). */
        public Builder excludedPaths(List<String> excludedPaths) {
            this.excludedPaths = List.copyOf(excludedPaths);
            return this;
        }

        /** Validates and builds. */
        public RequestTracingSettings build() {
            return new RequestTracingSettings(maxRoutes, maxPlatforms, maxSeries, groupUnmatchedNotFound, recordTimer,
                    excludedPaths);
        }
    }
}
