package dev.vigil.incident;

import java.util.Locale;

/** How bad an incident is, in four levels: CRITICAL pages someone, LOW waits for the briefing. */
public enum IncidentSeverity {
    /** The service or its data is at risk now (database unreachable, security breach). */
    CRITICAL,
    /** A feature fails for users (timeouts, 500s, type errors). */
    HIGH,
    /** Degraded but working (slow queries, cache misses, deprecations); the default. */
    MEDIUM,
    /** Cosmetic or expected noise (warnings, a missing image, a 404). */
    LOW;

    /** Upper-case name, as the JSON shows it ({@code "CRITICAL"}). */
    public String jsonName() {
        return name();
    }

    /** Whether this is worse than {@code other}. */
    public boolean worseThan(IncidentSeverity other) {
        return ordinal() < other.ordinal();
    }

    /**
     * The severity named {@code text}, any case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static IncidentSeverity parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("severity must be CRITICAL, HIGH, MEDIUM or LOW; was '" + text + "'");
        }
    }
}
