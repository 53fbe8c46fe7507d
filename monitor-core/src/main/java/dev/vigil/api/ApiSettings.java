package dev.vigil.api;

import java.util.Objects;

/**
 * Where the HTTP API lives and what it shows.
 *
 * @param healthPath path of the public health endpoint (default {@code /api/health})
 * @param adminBasePath base path of the admin API (default {@code /api/admin})
 * @param showDetails who sees per-check details on the health endpoint
 */
public record ApiSettings(String healthPath, String adminBasePath, ShowDetails showDetails) {

    /** Default path of the public health endpoint. */
    public static final String DEFAULT_HEALTH_PATH = "/api/health";
    /** Default base path of the admin API. */
    public static final String DEFAULT_ADMIN_BASE_PATH = "/api/admin";

    public ApiSettings {
        Objects.requireNonNull(showDetails, "showDetails");
        healthPath = normalize("monitor.health.path", healthPath);
        adminBasePath = normalize("monitor.admin.base-path", adminBasePath);
    }

    /** {@code /api/health}, {@code /api/admin}, details when authorized. */
    public static ApiSettings ofDefaults() {
        return new ApiSettings(DEFAULT_HEALTH_PATH, DEFAULT_ADMIN_BASE_PATH, ShowDetails.WHEN_AUTHORIZED);
    }

    /** These settings with another detail visibility. */
    public ApiSettings withShowDetails(ShowDetails value) {
        return new ApiSettings(healthPath, adminBasePath, value);
    }

    private static String normalize(String setting, String path) {
        Objects.requireNonNull(path, setting);
        String trimmed = path.strip();
        if (!trimmed.startsWith("/") || trimmed.length() < 2 || trimmed.contains("*") || trimmed.contains("?")) {
            throw new IllegalArgumentException(setting + " must be an absolute path like /api/health, was '" + path + "'");
        }
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
