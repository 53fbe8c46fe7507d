package dev.vigil.health;

import java.util.Objects;

/**
 * One run of a health check as a {@link CheckRunStore} keeps it.
 *
 * @param instance the instance that ran it ({@link dev.vigil.Monitor#instanceId()})
 * @param check the check's name
 * @param run when it ran, how long it took, what it found
 */
public record CheckRunRecord(String instance, String check, HealthCheckRun run) {

    public CheckRunRecord {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(run, "run");
    }
}
