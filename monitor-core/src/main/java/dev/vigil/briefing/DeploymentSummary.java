package dev.vigil.briefing;

import java.time.Instant;
import java.util.Objects;

/**
 * A deployment a briefing lists.
 *
 * @param version what was deployed, e.g. {@code 1.4.2}
 * @param at when
 * @param description who or what deployed it, or notes; may be empty
 */
public record DeploymentSummary(String version, Instant at, String description) {

    public DeploymentSummary {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(description, "description");
    }
}
