package dev.vigil.health;

import java.util.Objects;

/**
 * The latest known state of one registered check.
 *
 * @param name the check's name
 * @param critical whether DOWN makes the service DOWN
 * @param checked whether the check has completed at least one run; if not, {@code result} is a placeholder
 * @param result the latest result (a DEGRADED "not checked yet" placeholder before the first run)
 */
public record CheckHealth(String name, boolean critical, boolean checked, HealthResult result) {

    public CheckHealth {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(result, "result");
    }

    /** What this check contributes to the service status: DOWN only if critical. */
    public HealthStatus contribution() {
        HealthStatus status = result.status();
        return status == HealthStatus.DOWN && !critical ? HealthStatus.DEGRADED : status;
    }
}
