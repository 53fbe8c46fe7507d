package dev.vigil.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One value of one named, tagged metric at collection time, e.g. {@code users.active.today = 412}
 * or {@code http.route.error.ratio{route=/media-upload} = 0.5}.
 *
 * @param name dotted lower-case name, following Micrometer's conventions
 * @param tags tag keys and values (sorted by key)
 * @param value the value; finite
 */
public record MetricSample(String name, Map<String, String> tags, double value) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");

    public MetricSample {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tags, "tags");
        if (!NAME.matcher(name).matches() || name.length() > 200) {
            throw new IllegalArgumentException("metric name '" + name
                    + "' must be dotted lower-case words like 'users.active.today'");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric '" + name + "' has a non-finite value: " + value);
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        tags.forEach((key, tagValue) -> sorted.put(Objects.requireNonNull(key, "tag key"),
                Objects.requireNonNull(tagValue, () -> "tag '" + key + "' of '" + name + "' has a null value")));
        tags = Collections.unmodifiableMap(sorted);
    }

    /** An untagged sample. */
    public static MetricSample of(String name, double value) {
        return new MetricSample(name, Map.of(), value);
    }

    /** A sample with tags given as key, value, key, value... */
    public static MetricSample of(String name, double value, String... tagKeysAndValues) {
        if (tagKeysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("tags of '" + name + "' must come in key, value pairs");
        }
        Map<String, String> tags = new TreeMap<>();
        for (int i = 0; i < tagKeysAndValues.length; i += 2) {
            tags.put(tagKeysAndValues[i], tagKeysAndValues[i + 1]);
        }
        return new MetricSample(name, tags, value);
    }
}
