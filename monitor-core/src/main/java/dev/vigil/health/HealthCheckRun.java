package dev.vigil.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a check's history: when it ran, what it saw, how long it took.
 *
 * @param checkedAt when the run started
 * @param status the outcome
 * @param duration how long the run took
 * @param message the result's problem text for a failed run, else its message
 */
public record HealthCheckRun(Instant checkedAt, HealthStatus status, Duration duration, String message) {

    public HealthCheckRun {
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(message, "message");
    }

    static HealthCheckRun of(HealthResult result) {
        return new HealthCheckRun(result.checkedAt(), result.status(), result.duration(),
                result.problem().orElse(result.message()));
    }
}
