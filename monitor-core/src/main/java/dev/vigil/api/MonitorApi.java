package dev.vigil.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.vigil.health.CheckHealth;
import dev.vigil.health.HealthRegistry;
import dev.vigil.health.HealthReport;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthStatus;
import dev.vigil.internal.Json;

/**
 * Vigil's HTTP API, implemented once and independent of any web framework: adapters turn their
 * request into an {@link ApiRequest}, call {@link #handle(ApiRequest)} and write the
 * {@link ApiResponse} back, so every host serves byte-identical JSON.
 */
public final class MonitorApi {

    private final HealthRegistry health;
    private final ApiSettings settings;
    private final AdminAuthenticator authenticator;

    /**
     * @param health the checks whose stored results the health endpoint reports
     * @param settings paths and detail visibility
     * @param authenticator decides who is admin
     */
    public MonitorApi(HealthRegistry health, ApiSettings settings, AdminAuthenticator authenticator) {
        this.health = Objects.requireNonNull(health, "health");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    }

    /** The paths and visibility this API serves with. */
    public ApiSettings settings() {
        return settings;
    }

    /** Answers one request; never throws for bad input (it answers 4xx instead). */
    public ApiResponse handle(ApiRequest request) {
        String path = stripTrailingSlash(request.path());
        if (path.equals(settings.healthPath())) {
            if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
                return methodNotAllowed("GET, HEAD");
            }
            return health(request);
        }
        return error(404, "not_found", "No Vigil endpoint at " + path);
    }

    private ApiResponse health(ApiRequest request) {
        HealthReport report = health.report();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.overallName());
        body.put("timestamp", report.timestamp().toString());
        body.put("uptime", report.uptime().toSeconds());
        body.put("version", report.version());
        if (showDetails(request)) {
            body.put("services", report.checks().stream().map(MonitorApi::service).toList());
        }
        int status = report.status() == HealthStatus.DOWN ? 503 : 200;
        return new ApiResponse(status, ApiResponse.JSON, Map.of("Cache-Control", "no-store"), Json.write(body));
    }

    private boolean showDetails(ApiRequest request) {
        return switch (settings.showDetails()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case WHEN_AUTHORIZED -> authenticator.isAdmin(request);
        };
    }

    private static Map<String, Object> service(CheckHealth check) {
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

    static ApiResponse methodNotAllowed(String allowed) {
        ApiResponse base = error(405, "method_not_allowed", "Allowed methods: " + allowed);
        return new ApiResponse(405, base.contentType(), Map.of("Allow", allowed, "Cache-Control", "no-store"), base.body());
    }

    /** A JSON error response: {@code {"error": code, "message": message, "timestamp": ...}}. */
    public static ApiResponse error(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        body.put("timestamp", Instant.now().toString());
        return new ApiResponse(status, ApiResponse.JSON, Map.of("Cache-Control", "no-store"), Json.write(body));
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Paths an adapter must route to this API (exact paths, and prefixes ending in {@code /*}). */
    public List<String> mappings() {
        return List.of(settings.healthPath(), settings.adminBasePath() + "/*");
    }
}
