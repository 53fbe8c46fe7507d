package dev.vigil.incident;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What one instance saw of an incident since it last wrote to the store: added to the stored incident, never
 * written over it, so instances sharing a store add up their counts. Stores apply it with {@link #applyTo}.
 *
 * @param id the incident's id
 * @param fingerprint its fingerprint
 * @param title the title for a new incident
 * @param type the error type for a new incident
 * @param severity the worst severity seen in these events
 * @param category the category for a new incident
 * @param count events seen, at least 1
 * @param firstSeen the first of these events
 * @param lastSeen the last of these events
 * @param applications applications seen in these events
 * @param endpoints endpoints seen in these events
 * @param stackSample the last event's stack
 * @param suspectDeployment the deployment suspected of causing a new incident, or null
 */
public record IncidentDelta(String id, String fingerprint, String title, String type, IncidentSeverity severity,
        String category, long count, Instant firstSeen, Instant lastSeen, Set<String> applications, Set<String> endpoints,
        String stackSample, @Nullable String suspectDeployment) {

    public IncidentDelta {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(stackSample, "stackSample");
        if (count < 1) {
            throw new IllegalArgumentException("a delta counts at least one event, was " + count);
        }
        applications = Incident.bounded(applications, Incident.MAX_APPLICATIONS);
        endpoints = Incident.bounded(endpoints, Incident.MAX_ENDPOINTS);
    }

    /**
     * The incident after these events: a new detected incident when there is none, else the counts added, the
     * times widened, the worst severity kept, the applications and endpoints joined (within their bounds), the
     * stack sample replaced. A resolved incident that recurs after its resolution is detected again, with one more
     * regression.
     */
    public Incident applyTo(@Nullable Incident current) {
        if (current == null) {
            return new Incident(id, fingerprint, title, type, severity, category, IncidentStatus.DETECTED, count,
                    firstSeen, lastSeen, applications, endpoints, stackSample, null, null, null, null, null, 0,
                    suspectDeployment);
        }
        Incident base = current;
        int regressions = current.regressions();
        if (current.status() == IncidentStatus.RESOLVED && current.resolvedAt() != null
                && lastSeen.isAfter(current.resolvedAt())) {
            base = current.transitioned(IncidentStatus.DETECTED, "", null, lastSeen);
            regressions++;
        }
        Set<String> apps = new LinkedHashSet<>(current.applications());
        apps.addAll(applications);
        Set<String> points = new LinkedHashSet<>(current.endpoints());
        points.addAll(endpoints);
        return new Incident(current.id(), current.fingerprint(), current.title(), current.type(),
                severity.worseThan(current.severity()) ? severity : current.severity(), current.category(),
                base.status(), current.count() + count,
                firstSeen.isBefore(current.firstSeen()) ? firstSeen : current.firstSeen(),
                lastSeen.isAfter(current.lastSeen()) ? lastSeen : current.lastSeen(), apps, points,
                lastSeen.isBefore(current.lastSeen()) ? current.stackSample() : stackSample,
                base.acknowledgedBy(), base.acknowledgedAt(), base.resolvedBy(), base.resolvedAt(), base.note(),
                regressions, current.suspectDeployment() != null ? current.suspectDeployment() : suspectDeployment);
    }

    /** This delta followed by {@code later}, as one delta. */
    public IncidentDelta plus(IncidentDelta later) {
        Set<String> apps = new LinkedHashSet<>(applications);
        apps.addAll(later.applications);
        Set<String> points = new LinkedHashSet<>(endpoints);
        points.addAll(later.endpoints);
        return new IncidentDelta(id, fingerprint, title, type, later.severity.worseThan(severity) ? later.severity : severity,
                category, count + later.count, firstSeen.isBefore(later.firstSeen) ? firstSeen : later.firstSeen,
                lastSeen.isAfter(later.lastSeen) ? lastSeen : later.lastSeen, apps, points, later.stackSample,
                suspectDeployment != null ? suspectDeployment : later.suspectDeployment);
    }
}
