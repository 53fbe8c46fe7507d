package dev.vigil.alert.delivery;

import java.util.Locale;

/** Where one outbox entry (one notification for one sink) is in its delivery. */
public enum OutboxStatus {
    /** Stored, not attempted yet (possibly waiting for its group wait). */
    PENDING,
    /** Attempted and failed; another attempt is scheduled. */
    RETRYING,
    /** Accepted by the sink. */
    SENT,
    /** Given up on: a permanent failure, or every attempt failed. */
    DEAD_LETTERED;

    /** Lower-case name as used in JSON: {@code pending}, {@code retrying}, {@code sent}, {@code dead_lettered}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether delivery is over (sent or dead-lettered). */
    public boolean isFinished() {
        return this == SENT || this == DEAD_LETTERED;
    }
}
