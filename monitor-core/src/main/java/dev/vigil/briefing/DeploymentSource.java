package dev.vigil.briefing;

import java.time.Instant;
import java.util.List;

/**
 * Where a briefing reads the deployments of its period from. The briefing shows an empty deployment section
 * with {@link #NONE}, the default until deployment tracking is wired in.
 */
@FunctionalInterface
public interface DeploymentSource {

    /** No deployment tracking: every period has none. */
    DeploymentSource NONE = (from, to) -> List.of();

    /** The deployments in {@code [from, to)}, oldest first. */
    List<DeploymentSummary> deployments(Instant from, Instant to);
}
