package dev.vigil.servlet;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import dev.vigil.metrics.LatencyHistogram;

/**
 * Counters of one stream of requests (a route for a platform, a platform, or everything): a latency
 * histogram and counts per status class and per status code, recorded lock-free and without
 * allocation. The interval state is only touched by the collector, under its lock.
 */
class Traffic {

    private final LatencyHistogram histogram = new LatencyHistogram();
    private final AtomicLongArray classes = new AtomicLongArray(StatusCodes.CLASSES);
    private final AtomicLongArray codes = new AtomicLongArray(StatusCodes.MAX_CODES);

    private LatencyHistogram.Snapshot previousHistogram = LatencyHistogram.Snapshot.empty();
    private final long[] previousClasses = new long[StatusCodes.CLASSES];
    private final long[] previousCodes = new long[StatusCodes.MAX_CODES];
    private volatile RouteStatistics.Interval lastInterval = RouteStatistics.Interval.none();

    /** Records one request; {@code codeSlot} is -1 for a code counted only in its class. */
    final void record(int statusClass, int codeSlot, long nanos) {
        classes.incrementAndGet(statusClass);
        if (codeSlot >= 0) {
            codes.incrementAndGet(codeSlot);
        }
        histogram.record(nanos);
    }

    /** Totals since start plus the last closed interval. */
    final RouteStatistics statistics(String route, String platform, StatusCodes statusCodes) {
        long requests = 0;
        for (int i = 0; i < StatusCodes.CLASSES; i++) {
            requests += classes.get(i);
        }
        long errors = classes.get(StatusCodes.CLASS_SERVER_ERROR);
        long[] current = new long[StatusCodes.MAX_CODES];
        for (int i = 0; i < current.length; i++) {
            current[i] = codes.get(i);
        }
        return new RouteStatistics(route, platform, Math.max(requests, errors), errors,
                byCode(current, statusCodes), lastInterval);
    }

    /**
     * Closes the interval that ends now: computes its figures from the counts since the previous
     * close, keeps them as the last interval and returns them. Caller holds the collector's lock.
     */
    final RouteStatistics.Interval closeInterval(Duration length, StatusCodes statusCodes) {
        LatencyHistogram.Snapshot now = histogram.snapshot();
        LatencyHistogram.Snapshot latencies = now.minus(previousHistogram);
        previousHistogram = now;

        long requests = 0;
        long errors = 0;
        Map<String, Long> byClass = new HashMap<>();
        for (int i = 0; i < StatusCodes.CLASSES; i++) {
            long current = classes.get(i);
            long delta = current - previousClasses[i];
            previousClasses[i] = current;
            requests += delta;
            if (delta > 0) {
                byClass.put(StatusCodes.classTag(i), delta);
            }
            if (i == StatusCodes.CLASS_SERVER_ERROR) {
                errors = delta;
            }
        }
        long[] codeDeltas = new long[StatusCodes.MAX_CODES];
        for (int i = 0; i < codeDeltas.length; i++) {
            long current = codes.get(i);
            codeDeltas[i] = current - previousCodes[i];
            previousCodes[i] = current;
        }
        double seconds = length.toNanos() / 1e9;
        RouteStatistics.Interval interval = new RouteStatistics.Interval(length, requests, errors,
                seconds > 0 ? requests / seconds : 0,
                requests == 0 ? 0 : (double) errors / requests,
                latencies.percentileMillis(0.50), latencies.percentileMillis(0.95), latencies.percentileMillis(0.99),
                byCode(codeDeltas, statusCodes), byClass);
        lastInterval = interval;
        return interval;
    }

    private static Map<Integer, Long> byCode(long[] counts, StatusCodes statusCodes) {
        Map<Integer, Long> byCode = new HashMap<>();
        for (int i = 0; i < counts.length; i++) {
            int code = statusCodes.codeAt(i);
            if (counts[i] > 0 && code > 0) {
                byCode.put(code, counts[i]);
            }
        }
        return byCode;
    }
}
