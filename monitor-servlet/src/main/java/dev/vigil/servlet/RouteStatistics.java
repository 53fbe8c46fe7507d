package dev.vigil.servlet;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the tracing filter knows about one route (for one platform): totals since start and the
 * figures of the last completed collection interval.
 *
 * @param route the route template, {@code OTHER}, {@code NOT_FOUND}, or {@code *} for all routes
 * @param platform the platform tag, or {@code ""} when no {@link TagResolver} is configured (or for
 *        figures across all platforms)
 * @param requests requests completed since start
 * @param errors requests answered with a 5xx status since start
 * @param statusCounts requests since start by exact status code (sorted by code)
 * @param lastInterval the last completed collection interval
 */
public record RouteStatistics(String route, String platform, long requests, long errors,
        Map<Integer, Long> statusCounts, Interval lastInterval) {

    /** Validates and copies the counts. */
    public RouteStatistics {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(lastInterval, "lastInterval");
        statusCounts = sortedCopy(statusCounts);
    }

    /** Error ratio since start: 5xx responses over all responses, 0 when there were none. */
    public double errorRatio() {
        return requests == 0 ? 0 : (double) errors / requests;
    }

    /**
     * The figures of one collection interval.
     *
     * @param length how long the interval was, by the statistics' clock
     * @param requests requests completed in the interval
     * @param errors 5xx responses in the interval
     * @param rps requests per second over the interval
     * @param errorRatio errors over requests, 0 when there were no requests
     * @param p50Millis median latency in milliseconds (within 6.25%), 0 when there were no requests
     * @param p95Millis 95th percentile latency in milliseconds
     * @param p99Millis 99th percentile latency in milliseconds
     * @param statusCounts requests in the interval by exact status code (sorted by code)
     * @param statusClassCounts requests in the interval by status class ({@code 2xx}, {@code 4xx}...; every
     *        request, also those whose exact code is not counted), only classes that had requests
     */
    public record Interval(Duration length, long requests, long errors, double rps, double errorRatio,
            double p50Millis, double p95Millis, double p99Millis, Map<Integer, Long> statusCounts,
            Map<String, Long> statusClassCounts) {

        private static final Interval NONE = new Interval(Duration.ZERO, 0, 0, 0, 0, 0, 0, 0, Map.of(), Map.of());

        /** Validates and copies the counts. */
        public Interval {
            Objects.requireNonNull(length, "length");
            if (requests < 0 || errors < 0 || errors > requests) {
                throw new IllegalArgumentException("interval counts must satisfy 0 <= errors <= requests, were "
                        + errors + " and " + requests);
            }
            statusCounts = sortedCopy(statusCounts);
            statusClassCounts = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(statusClassCounts,
                    "statusClassCounts")));
        }

        /** The interval before the first collection: empty. */
        public static Interval none() {
            return NONE;
        }
    }

    private static Map<Integer, Long> sortedCopy(Map<Integer, Long> counts) {
        Objects.requireNonNull(counts, "statusCounts");
        return counts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(counts));
    }
}
