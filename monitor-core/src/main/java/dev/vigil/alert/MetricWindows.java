package dev.vigil.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Argument checks and window arithmetic shared by the metric rules. Not API. */
final class MetricWindows {

    private MetricWindows() {
    }

    /**
     * The first second of a window ending at {@code now}: windows are half-open, (now - window, now], so
     * that a 1-hour SUM of per-minute counts adds exactly 60 samples (a sample stamped at its interval's
     * end describes the interval before it).
     */
    static Instant start(Instant now, Duration window) {
        return now.minus(window).plusSeconds(1);
    }

    static String metric(String metric) {
        Objects.requireNonNull(metric, "metric");
        if (metric.isBlank()) {
            throw new IllegalArgumentException("an alert rule needs a metric name");
        }
        return metric;
    }

    static Map<String, String> filter(Map<String, String> tagFilter) {
        Objects.requireNonNull(tagFilter, "tagFilter");
        return Collections.unmodifiableMap(new TreeMap<>(tagFilter));
    }

    static Duration window(String setting, Duration value) {
        Objects.requireNonNull(value, setting);
        if (value.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(setting + " must be at least 1s (metric history has second resolution), was " + value);
        }
        return value;
    }

    static double finite(String setting, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(setting + " must be a finite number, was " + value);
        }
        return value;
    }
}
