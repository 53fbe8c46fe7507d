package dev.vigil.api.endpoints;

import java.util.LinkedHashMap;
import java.util.Map;
import dev.vigil.api.Access;
import dev.vigil.api.ApiSettings;
import dev.vigil.api.Operation;
import dev.vigil.api.Result;
import dev.vigil.health.CheckHealth;
import dev.vigil.health.HealthRegistry;
import dev.vigil.health.HealthReport;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthStatus;
import dev.vigil.security.Caller;
import dev.vigil.security.Role;

/** {@code GET /api/health}: the public summary, with every check for callers allowed to see details. */
public final class HealthEndpoints {

    private HealthEndpoints() {
    }

    /**
     * The public health operation at {@code settings.healthPath()}: 200 when healthy or degraded, 503 when
     * down; per-check details as {@code settings.showDetails()} says (when authorized: to callers with role
     * {@code read}).
     */
    public static Operation health(HealthRegistry health, ApiSettings settings) {
        return Operation.get("health", settings.healthPath())
                .atRoot()
                .access(Access.PUBLIC)
                .description("Overall status (healthy, degraded, down; 503 when down), uptime and version; every check"
                        + " with details for callers with the role read")
                .handler((caller, arguments) -> {
                    HealthReport report = health.report();
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("status", report.overallName());
                    body.put("timestamp", report.timestamp().toString());
                    body.put("uptime", report.uptime().toSeconds());
                    body.put("version", report.version());
                    if (showDetails(settings, caller)) {
                        body.put("services", report.checks().stream().map(HealthEndpoints::service).toList());
                    }
                    return Result.of(report.status() == HealthStatus.DOWN ? 503 : 200, body);
                })
                .build();
    }

    private static boolean showDetails(ApiSettings settings, Caller caller) {
        return switch (settings.showDetails()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case WHEN_AUTHORIZED -> caller.has(Role.READ);
        };
    }

    /** One check as the API shows it. */
    static Map<String, Object> service(CheckHealth check) {
        HealthResult result = check.result();
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("name", check.name());
        service.put("status", result.status().jsonName());
        service.put("critical", check.critical());
        service.put("lastCheck", check.checked() ? result.checkedAt().toString() : null);
        service.put("responseTime", result.duration().toMillis());
        if (!result.message().isEmpty()) {
            service.put("message", result.message());
        }
        result.problem().ifPresent(problem -> service.put("error", problem));
        result.suggestedActionId().ifPresent(action -> service.put("suggestedAction", action));
        if (!result.details().isEmpty()) {
            service.put("details", result.details());
        }
        return service;
    }
}
