package dev.vigil.incident;

import java.time.Instant;
import java.util.Optional;

/**
 * Names the deployment suspected of causing a new incident, e.g. one of its application that finished within a few
 * minutes before it was first seen. Vigil records the answer on the incident; by default there is none.
 */
@FunctionalInterface
public interface SuspectDeployments {

    /** Knows of no deployment. */
    SuspectDeployments NONE = (application, firstSeen) -> Optional.empty();

    /**
     * The deployment suspected for an incident first seen at {@code firstSeen} in {@code application} (empty when
     * the event named none), as a short reference such as a deployment id.
     */
    Optional<String> suspect(String application, Instant firstSeen);
}
