package dev.vigil.incident;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A group of error events with one fingerprint, and where it is in its lifecycle.
 *
 * @param id deterministic from the fingerprint ({@link Fingerprints#incidentId}), so instances sharing a store agree
 * @param fingerprint the grouping key
 * @param title the first event's message, cut to {@value #MAX_TITLE} characters
 * @param type the error type
 * @param severity the worst severity seen
 * @param category e.g. {@code database}, {@code backend}, {@code infrastructure}
 * @param status detected, acknowledged or resolved
 * @param count events seen, by every instance
 * @param firstSeen the first event's time
 * @param lastSeen the latest event's time
 * @param applications the applications it was seen in, at most {@value #MAX_APPLICATIONS}
 * @param endpoints the endpoints it was seen at, at most {@value #MAX_ENDPOINTS}
 * @param stackSample the latest event's stack
 * @param acknowledgedBy who acknowledged it, or null
 * @param acknowledgedAt when, or null
 * @param resolvedBy who resolved it (a person, {@code check:<name>} for a recovered check), or null
 * @param resolvedAt when, or null
 * @param note the last note given with an acknowledgement or resolution, or null
 * @param regressions how many times it came back after being resolved
 * @param suspectDeployment the deployment suspected of causing it, if the host tells Vigil of deployments, or null
 */
public record Incident(String id, String fingerprint, String title, String type, IncidentSeverity severity,
        String category, IncidentStatus status, long count, Instant firstSeen, Instant lastSeen, Set<String> applications,
        Set<String> endpoints, String stackSample, @Nullable String acknowledgedBy, @Nullable Instant acknowledgedAt,
        @Nullable String resolvedBy, @Nullable Instant resolvedAt, @Nullable String note, int regressions,
        @Nullable String suspectDeployment) {

    /** The longest title kept. */
    public static final int MAX_TITLE = 255;
    /** Applications kept per incident. */
    public static final int MAX_APPLICATIONS = 20;
    /** Endpoints kept per incident. */
    public static final int MAX_ENDPOINTS = 50;
    /** The longest note kept. */
    public static final int MAX_NOTE = 1_000;

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(stackSample, "stackSample");
        if (count < 0 || regressions < 0) {
            throw new IllegalArgumentException("count and regressions must not be negative");
        }
        title = title.length() > MAX_TITLE ? title.substring(0, MAX_TITLE) : title;
        applications = bounded(applications, MAX_APPLICATIONS);
        endpoints = bounded(endpoints, MAX_ENDPOINTS);
        if (note != null && note.length() > MAX_NOTE) {
            note = note.substring(0, MAX_NOTE);
        }
    }

    /** Whether it is still open: detected or acknowledged. */
    public boolean open() {
        return status != IncidentStatus.RESOLVED;
    }

    /** Whether it is in the active list at {@code cutoff}: open, or resolved at or after {@code cutoff}. */
    public boolean activeSince(Instant cutoff) {
        return open() || resolvedAt != null && !resolvedAt.isBefore(cutoff);
    }

    /** This incident moved to {@code next} by {@code by} at {@code at}, with an optional note. */
    public Incident transitioned(IncidentStatus next, String by, @Nullable String note, Instant at) {
        return switch (next) {
            case ACKNOWLEDGED -> new Incident(id, fingerprint, title, type, severity, category, next, count, firstSeen,
                    lastSeen, applications, endpoints, stackSample, by, at, null, null, note != null ? note : this.note,
                    regressions, suspectDeployment);
            case RESOLVED -> new Incident(id, fingerprint, title, type, severity, category, next, count, firstSeen,
                    lastSeen, applications, endpoints, stackSample, acknowledgedBy, acknowledgedAt, by, at,
                    note != null ? note : this.note, regressions, suspectDeployment);
            case DETECTED -> new Incident(id, fingerprint, title, type, severity, category, next, count, firstSeen,
                    lastSeen, applications, endpoints, stackSample, null, null, null, null, this.note, regressions,
                    suspectDeployment);
        };
    }

    /** This incident as the API shows it. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("fingerprint", fingerprint);
        json.put("title", title);
        json.put("type", type);
        json.put("severity", severity.jsonName());
        json.put("category", category);
        json.put("status", status.jsonName());
        json.put("count", count);
        json.put("firstSeen", firstSeen.toString());
        json.put("lastSeen", lastSeen.toString());
        json.put("applications", applications);
        json.put("endpoints", endpoints);
        json.put("stackSample", stackSample);
        json.put("acknowledgedBy", acknowledgedBy);
        json.put("acknowledgedAt", acknowledgedAt == null ? null : acknowledgedAt.toString());
        json.put("resolvedBy", resolvedBy);
        json.put("resolvedAt", resolvedAt == null ? null : resolvedAt.toString());
        json.put("note", note);
        json.put("regressions", regressions);
        json.put("suspectDeployment", suspectDeployment);
        return json;
    }

    static Set<String> bounded(Set<String> values, int max) {
        Set<String> copy = new LinkedHashSet<>();
        for (String value : Objects.requireNonNull(values, "values")) {
            if (copy.size() >= max) {
                break;
            }
            copy.add(Objects.requireNonNull(value, "value"));
        }
        return Collections.unmodifiableSet(copy);
    }
}
