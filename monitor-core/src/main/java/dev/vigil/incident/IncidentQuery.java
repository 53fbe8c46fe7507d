package dev.vigil.incident;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which incidents to list, newest {@code lastSeen} first.
 *
 * @param statuses the statuses wanted (all when empty)
 * @param activeSince when set, only incidents open or resolved at or after it (the active list)
 * @param severity only this severity, or null
 * @param category only this category, or null
 * @param application only incidents seen in this application, or null
 * @param since only incidents seen at or after it, or null
 * @param limit at most this many, 1..1000
 */
public record IncidentQuery(Set<IncidentStatus> statuses, @Nullable Instant activeSince, @Nullable IncidentSeverity severity,
        @Nullable String category, @Nullable String application, @Nullable Instant since, int limit) {

    public IncidentQuery {
        statuses = statuses.isEmpty() ? Set.copyOf(EnumSet.allOf(IncidentStatus.class)) : Set.copyOf(statuses);
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000, was " + limit);
        }
    }

    /** Every incident, at most {@code limit}. */
    public static IncidentQuery all(int limit) {
        return new IncidentQuery(Set.of(), null, null, null, null, null, limit);
    }

    /** Whether {@code incident} is one of those wanted. */
    public boolean matches(Incident incident) {
        Objects.requireNonNull(incident, "incident");
        return statuses.contains(incident.status()) && (activeSince == null || incident.activeSince(activeSince))
                && (severity == null || incident.severity() == severity)
                && (category == null || incident.category().equals(category))
                && (application == null || incident.applications().contains(application))
                && (since == null || !incident.lastSeen().isBefore(since));
    }
}
