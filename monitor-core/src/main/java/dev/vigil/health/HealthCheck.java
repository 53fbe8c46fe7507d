package dev.vigil.health;

/**
 * A health check: one probe of one dependency or resource, run on a schedule by the monitor.
 *
 * <p>Implementations may block, throw or even hang: the runtime runs each check off the caller's
 * thread, applies the registration's timeout, and reports a thrown exception or a timeout as
 * {@link HealthStatus#DOWN}. A check only describes what it saw; timing and scheduling are the
 * runtime's job.
 *
 * <pre>{@code
 * HealthCheck payments = () -> gateway.ping()
 *         ? HealthResult.up()
 *         : HealthResult.down("payment gateway does not answer");
 * }</pre>
 */
@FunctionalInterface
public interface HealthCheck {

    /**
     * Probes the resource once.
     *
     * @return what was seen, never {@code null}
     * @throws Exception any failure, reported as {@link HealthStatus#DOWN} with its message
     */
    HealthResult check() throws Exception;
}
