package dev.vigil.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The service's health at one moment: the aggregate status and every check's latest result.
 *
 * <p>Aggregation: any critical check DOWN makes the service {@link HealthStatus#DOWN}; a
 * non-critical check DOWN or any check DEGRADED makes it {@link HealthStatus#DEGRADED}; otherwise
 * it is {@link HealthStatus#UP}.
 *
 * @param status the aggregate status
 * @param timestamp when the report was made
 * @param uptime how long the monitor has been running
 * @param version the host service's version
 * @param checks every registered check, in registration order
 */
public record HealthReport(HealthStatus status, Instant timestamp, Duration uptime, String version, List<CheckHealth> checks) {

    public HealthReport {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(uptime, "uptime");
        Objects.requireNonNull(version, "version");
        checks = List.copyOf(checks);
    }

    /** Builds a report whose status is aggregated from {@code checks}. */
    public static HealthReport of(Instant timestamp, Duration uptime, String version, List<CheckHealth> checks) {
        return new HealthReport(aggregate(checks), timestamp, uptime, version, checks);
    }

    /** The aggregate status of {@code checks}; UP when there are none. */
    public static HealthStatus aggregate(List<CheckHealth> checks) {
        HealthStatus status = HealthStatus.UP;
        for (CheckHealth check : checks) {
            status = status.worst(check.contribution());
        }
        return status;
    }

    /** Overall status as the public API names it: {@code healthy}, {@code degraded} or {@code down}. */
    public String overallName() {
        return status == HealthStatus.UP ? "healthy" : status.jsonName();
    }
}
