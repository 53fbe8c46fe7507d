package dev.vigil.demo;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import dev.vigil.health.HealthStatus;
import org.springframework.stereotype.Component;

/**
 * Faults to switch on for demonstrations and tests: failing or slow routes, forced check results.
 */
@Component
public class FaultSwitch {

    /**
     * A fault on one route: a share of requests fail with 500, every request waits {@code latencyMs},
     * and routes that query the database first run a query that takes {@code slowQueryMs}.
     */
    public record RouteFault(double errorRate, long latencyMs, long slowQueryMs) {
        public RouteFault {
            if (slowQueryMs < 0 || slowQueryMs > 60_000) {
                throw new IllegalArgumentException("slowQueryMs must be between 0 and 60000, was " + slowQueryMs);
            }
            if (errorRate < 0 || errorRate > 1) {
                throw new IllegalArgumentException("errorRate must be between 0 and 1, was " + errorRate);
            }
            if (latencyMs < 0 || latencyMs > 60_000) {
                throw new IllegalArgumentException("latencyMs must be between 0 and 60000, was " + latencyMs);
            }
        }
    }

    private final Map<String, RouteFault> routes = new ConcurrentHashMap<>();
    private final Map<String, HealthStatus> checks = new ConcurrentHashMap<>();

    public void setRoute(String route, RouteFault fault) {
        routes.put(route, fault);
    }

    public void forceCheck(String check, HealthStatus status) {
        checks.put(check, status);
    }

    public void clear() {
        routes.clear();
        checks.clear();
    }

    /** How long the route's slow query should take, 0 for none. */
    public long slowQueryMs(String route) {
        RouteFault fault = routes.get(route);
        return fault == null ? 0 : fault.slowQueryMs();
    }

    public Optional<HealthStatus> forced(String check) {
        return Optional.ofNullable(checks.get(check));
    }

    public Map<String, Object> state() {
        return Map.of("routes", Map.copyOf(routes), "checks", Map.copyOf(checks));
    }

    /**
     * Applies the route's fault to the current request: waits, then maybe fails.
     *
     * @throws InjectedFault when this request was chosen to fail
     */
    public void apply(String route) throws InterruptedException {
        RouteFault fault = routes.get(route);
        if (fault == null) {
            return;
        }
        if (fault.latencyMs() > 0) {
            Thread.sleep(fault.latencyMs());
        }
        if (ThreadLocalRandom.current().nextDouble() < fault.errorRate()) {
            throw new InjectedFault(route);
        }
    }

    /** The failure a faulty route answers with (HTTP 500). */
    public static final class InjectedFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFault(String route) {
            super("injected fault on " + route);
        }
    }
}
