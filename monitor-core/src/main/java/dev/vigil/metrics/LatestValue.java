package dev.vigil.metrics;

import java.time.Instant;
import java.util.Objects;

/**
 * The newest sample of a series.
 *
 * @param key name and tags
 * @param time when it was collected
 * @param value its value
 */
public record LatestValue(SeriesKey key, Instant time, double value) {

    public LatestValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(time, "time");
    }
}
