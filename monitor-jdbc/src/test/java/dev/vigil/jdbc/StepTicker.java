package dev.vigil.jdbc;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A nanosecond ticker for a single thread that makes every timed interval take exactly
 * {@link #nextDurations(Duration) the chosen duration}: the wrapper reads it once before and once
 * after each call, and the clock moves forward on the second read.
 */
final class StepTicker implements LongSupplier {

    private long now = 1_000_000_000L;
    private long step = Duration.ofMillis(1).toNanos();
    private boolean inside;

    /** Every interval measured from now on takes {@code duration}. */
    StepTicker nextDurations(Duration duration) {
        step = duration.toNanos();
        return this;
    }

    @Override
    public long getAsLong() {
        if (inside) {
            now += step;
        }
        inside = !inside;
        return now;
    }
}
