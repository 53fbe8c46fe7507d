package dev.vigil.metrics;

import java.time.Instant;
import java.util.Objects;

/**
 * One point of a series: a time and a value, with the min and max the value summarises (equal to
 * the value for a single sample).
 *
 * @param time the sample time, or the start of the step or rollup bucket
 * @param value the value
 * @param min smallest sample summarised
 * @param max largest sample summarised
 */
public record Point(Instant time, double value, double min, double max) {

    public Point {
        Objects.requireNonNull(time, "time");
    }

    /** A single sample. */
    public static Point of(Instant time, double value) {
        return new Point(time, value, value, value);
    }
}
