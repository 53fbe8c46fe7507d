package dev.vigil.spring.actuator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import dev.vigil.Monitor;
import dev.vigil.health.CheckHealth;
import dev.vigil.health.HealthCheck;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthStatus;

/**
 * The parts of Vigil's Actuator bridge that do not depend on the Spring Boot line: which Vigil checks the
 * {@code vigil} contributor shows and how their status maps, and which Actuator indicators become Vigil checks.
 * The Boot 3.5 and Boot 4 auto-configurations only translate these into their line's health types.
 *
 * <p>Status mapping: Actuator has no DEGRADED. A check's contribution to Vigil's service status maps to
 * {@code UP} (Vigil's UP and DEGRADED, and a non-critical check that is DOWN, which only degrades the service) or
 * {@code DOWN} (a critical check that is DOWN). A degraded service keeps taking traffic, as in Vigil; the component's
 * details carry Vigil's own status ({@code up}, {@code degraded}, {@code down}), so nothing is hidden.
 *
 * <p>No duplicates: Actuator's {@code db} is not imported while Vigil has its {@code database} check, nor
 * {@code diskSpace} while Vigil has {@code disk} (Vigil's carry latency, pool and usage thresholds and appear in
 * Actuator through the {@code vigil} contributor). The {@code vigil} contributor itself is never imported, and it
 * does not show the imported {@code actuator.*} checks, which Actuator shows already.
 */
public final class ActuatorBridge {

    /** The name of Vigil's contributor in Actuator's health. */
    public static final String CONTRIBUTOR_NAME = "vigil";
    /** The bean name of Vigil's contributor (Actuator drops the {@code HealthContributor} suffix). */
    public static final String CONTRIBUTOR_BEAN = "vigilHealthContributor";
    /** The prefix of the Vigil checks imported from Actuator's indicators. */
    public static final String IMPORTED_PREFIX = "actuator.";
    /** Actuator indicators that Vigil's own checks cover, by the Vigil check covering them. */
    public static final Map<String, String> COVERED = Map.of("db", "database", "diskSpace", "disk");

    private ActuatorBridge() {
    }

    /** One Vigil check as an Actuator component: {@code UP} or {@code DOWN}, and details. */
    public record Component(String name, boolean up, Map<String, Object> details) {
    }

    /** The names of the Vigil checks the {@code vigil} contributor shows: all but the imported ones. */
    public static List<String> componentNames(Monitor monitor) {
        List<String> names = new ArrayList<>();
        for (String name : monitor.health().names()) {
            if (!name.startsWith(IMPORTED_PREFIX)) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * The latest state of check {@code name} as a component, from the results Vigil already has (no check runs);
     * empty if there is no such check or it is an imported one.
     */
    public static Optional<Component> component(Monitor monitor, String name) {
        if (name.startsWith(IMPORTED_PREFIX)) {
            return Optional.empty();
        }
        Optional<CheckHealth> found = monitor.health().registration(name).map(registration -> {
            Optional<HealthResult> latest = monitor.health().latest(name);
            return latest.map(result -> new CheckHealth(name, registration.critical(), true, result))
                    .orElseGet(() -> new CheckHealth(name, registration.critical(), false,
                            HealthResult.degraded("not checked yet")));
        });
        return found.map(ActuatorBridge::component);
    }

    static Component component(CheckHealth check) {
        HealthResult result = check.result();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", check.checked() ? result.status().jsonName() : "unknown");
        details.put("critical", check.critical());
        if (!result.message().isEmpty()) {
            details.put("message", result.message());
        }
        if (check.checked()) {
            details.put("checkedAt", result.checkedAt().toString());
            details.put("durationMs", result.duration().toMillis());
        }
        result.errorText().ifPresent(error -> details.put("error", error));
        result.details().forEach((key, value) -> details.putIfAbsent(key, value));
        return new Component(check.name(), check.contribution() != HealthStatus.DOWN, details);
    }

    /**
     * The Actuator name of a contributor bean: the bean name without a {@code HealthIndicator} or
     * {@code HealthContributor} suffix (any case), as Actuator names it on both lines.
     */
    public static String actuatorName(String beanName) {
        String lower = beanName.toLowerCase(Locale.ROOT);
        for (String suffix : List.of("healthindicator", "healthcontributor")) {
            if (lower.endsWith(suffix) && lower.length() > suffix.length()) {
                return beanName.substring(0, beanName.length() - suffix.length());
            }
        }
        return beanName;
    }

    /**
     * Whether Actuator's indicator {@code actuatorName} becomes a Vigil check: not Vigil's own contributor, not
     * one Vigil's checks cover ({@link #COVERED}), not excluded, and not imported already.
     */
    public static boolean imports(String actuatorName, Set<String> vigilChecks, ActuatorSettings settings) {
        if (actuatorName.equals(CONTRIBUTOR_NAME) || settings.excludedIndicators().contains(actuatorName)) {
            return false;
        }
        String covering = COVERED.get(actuatorName);
        if (covering != null && vigilChecks.contains(covering)) {
            return false;
        }
        return !vigilChecks.contains(IMPORTED_PREFIX + actuatorName);
    }

    /** The registration of an imported indicator: named {@code actuator.<name>}, Vigil's interval and timeout. */
    public static HealthCheckRegistration registration(String actuatorName, HealthCheck check, ActuatorSettings settings) {
        return HealthCheckRegistration.builder(IMPORTED_PREFIX + actuatorName, check)
                .critical(settings.critical())
                .build();
    }

    /**
     * A Vigil result for an Actuator status code and details: {@code UP} is up, {@code DOWN} and
     * {@code OUT_OF_SERVICE} are down, anything else ({@code UNKNOWN}, custom codes) is degraded. Detail values that
     * are not plain JSON values are given as text.
     */
    public static HealthResult result(String code, Map<String, Object> details) {
        HealthStatus status = switch (code) {
            case "UP" -> HealthStatus.UP;
            case "DOWN", "OUT_OF_SERVICE" -> HealthStatus.DOWN;
            default -> HealthStatus.DEGRADED;
        };
        HealthResult result = HealthResult.of(status, status == HealthStatus.UP ? "" : "Actuator reports " + code);
        Map<String, Object> plain = new LinkedHashMap<>();
        details.forEach((key, value) -> {
            if (key != null && value != null) {
                plain.put(key, plainValue(value));
            }
        });
        return plain.isEmpty() ? result : result.withDetails(plain);
    }

    private static Object plainValue(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, inner) -> {
                if (key != null && inner != null) {
                    copy.put(key.toString(), plainValue(inner));
                }
            });
            return copy;
        }
        return value.toString();
    }

    /** What an Actuator contributor said: its status code and details. */
    public record Reading(String code, Map<String, Object> details) {
    }

    /** A composite's reading: the worst of its parts' codes, each part's code and details under its name. */
    public static Reading combine(Map<String, Reading> parts) {
        String code = "UP";
        Map<String, Object> details = new LinkedHashMap<>();
        for (Map.Entry<String, Reading> part : parts.entrySet()) {
            code = worse(code, part.getValue().code());
            Map<String, Object> inner = new LinkedHashMap<>();
            inner.put("status", part.getValue().code());
            if (!part.getValue().details().isEmpty()) {
                inner.put("details", part.getValue().details());
            }
            details.put(part.getKey(), inner);
        }
        return new Reading(code, details);
    }

    /** The worse of two Actuator status codes by Vigil's order (for composites): DOWN, then degraded codes, then UP. */
    public static String worse(String a, String b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(String code) {
        return switch (code) {
            case "UP" -> 0;
            case "DOWN", "OUT_OF_SERVICE" -> 2;
            default -> 1;
        };
    }
}
