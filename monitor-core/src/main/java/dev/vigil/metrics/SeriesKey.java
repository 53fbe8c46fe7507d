package dev.vigil.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Identifies one time series: a metric name and its tags (sorted by key).
 *
 * @param name the metric name
 * @param tags the tags
 */
public record SeriesKey(String name, Map<String, String> tags) {

    public SeriesKey {
        Objects.requireNonNull(name, "name");
        tags = Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    /** The key of a sample's series. */
    public static SeriesKey of(MetricSample sample) {
        return new SeriesKey(sample.name(), sample.tags());
    }

    /** Whether every entry of {@code filter} is among this series' tags. */
    public boolean matches(Map<String, String> filter) {
        return TagFilter.of(filter).test(this);
    }

    @Override
    public String toString() {
        return tags.isEmpty() ? name : name + tags;
    }
}
