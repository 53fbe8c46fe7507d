package dev.vigil.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the benchmarks move by hand, so that history can be written "over 30 days" in a second and
 * every measured operation sees the same instant.
 */
public final class BenchClock extends Clock {

    private volatile Instant now;

    /** A clock standing at {@code start}. */
    public BenchClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock to {@code instant}. */
    public void set(Instant instant) {
        this.now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the benchmarks' clock is UTC only");
    }
}
