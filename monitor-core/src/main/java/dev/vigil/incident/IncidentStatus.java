package dev.vigil.incident;

import java.util.Locale;

/** Where an incident is in its lifecycle: detected → acknowledged → resolved (and back to detected on a regression). */
public enum IncidentStatus {
    /** Seen, nobody has taken it yet. */
    DETECTED,
    /** Someone is on it: no more alerting. */
    ACKNOWLEDGED,
    /** Fixed; it stays in the active list for a day, then only in the history. */
    RESOLVED;

    /** Lower-case name, as the JSON shows it. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The status named {@code text}, any case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static IncidentStatus parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status must be detected, acknowledged or resolved; was '" + text + "'");
        }
    }
}
