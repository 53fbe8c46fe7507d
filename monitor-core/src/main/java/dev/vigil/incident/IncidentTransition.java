package dev.vigil.incident;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Someone (or a recovered check) moved an incident to a new status.
 *
 * @param incidentId the incident
 * @param status acknowledged or resolved
 * @param by who: a caller's id, or {@code check:<name>}
 * @param note why, or null
 * @param at when
 */
public record IncidentTransition(String incidentId, IncidentStatus status, String by, @Nullable String note, Instant at) {

    public IncidentTransition {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        if (status == IncidentStatus.DETECTED) {
            throw new IllegalArgumentException("an incident is acknowledged or resolved by someone; it is detected by events");
        }
        if (note != null && note.length() > Incident.MAX_NOTE) {
            throw new IllegalArgumentException("note must be at most " + Incident.MAX_NOTE + " characters; got " + note.length());
        }
    }

    /** {@code current} after this transition. */
    public Incident applyTo(Incident current) {
        return current.transitioned(status, by, note, at);
    }
}
