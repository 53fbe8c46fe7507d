package dev.vigil.metrics;

import java.util.List;
import java.util.Objects;

/**
 * The points of one series over a queried range, oldest first.
 *
 * @param key name and tags
 * @param points the points
 */
public record Series(SeriesKey key, List<Point> points) {

    public Series {
        Objects.requireNonNull(key, "key");
        points = List.copyOf(points);
    }
}
