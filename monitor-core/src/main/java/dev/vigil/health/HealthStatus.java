package dev.vigil.health;

import java.util.Locale;

/**
 * The state of one health check, ordered from best to worst.
 */
public enum HealthStatus {
    /** Working as expected. */
    UP,
    /** Working, but slower, fuller or less reliable than it should be. */
    DEGRADED,
    /** Not working. */
    DOWN;

    /** The worse of this status and {@code other}. */
    public HealthStatus worst(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** Lower-case name as used in JSON: {@code up}, {@code degraded}, {@code down}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
