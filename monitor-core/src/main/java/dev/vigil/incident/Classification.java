package dev.vigil.incident;

import java.util.Objects;

/**
 * What the {@link Classifier} made of an event.
 *
 * @param severity how bad it is
 * @param category what part of the system it concerns, e.g. {@code database}, {@code backend}
 */
public record Classification(IncidentSeverity severity, String category) {

    public Classification {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(category, "category");
    }
}
