package dev.vigil.alert.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * Where one notification goes: a sink, and how long it waits there for others to join its batch.
 *
 * @param sink the sink's name
 * @param groupWait zero to send immediately
 */
public record RouteTarget(String sink, Duration groupWait) {

    public RouteTarget {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(groupWait, "groupWait");
        if (groupWait.isNegative()) {
            throw new IllegalArgumentException("groupWait must not be negative, was " + groupWait);
        }
    }
}
