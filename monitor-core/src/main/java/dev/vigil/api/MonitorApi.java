package dev.vigil.api;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import dev.vigil.Monitor;
import dev.vigil.health.CheckHealth;
import dev.vigil.health.HealthReport;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthStatus;
import dev.vigil.internal.HumanText;
import dev.vigil.internal.Json;
import dev.vigil.metrics.Aggregation;
import dev.vigil.metrics.LatestValue;
import dev.vigil.metrics.Point;
import dev.vigil.metrics.Series;
import dev.vigil.metrics.TimeSeriesStore;
import dev.vigil.security.AdminAuthenticator;
import dev.vigil.security.Caller;
import org.jspecify.annotations.Nullable;

/**
 * Vigil's HTTP API, implemented once and independent of any web framework: adapters turn their
 * request into an {@link ApiRequest}, call {@link #handle(ApiRequest)} and write the
 * {@link ApiResponse} back, so every host serves byte-identical JSON.
 *
 * <p>Public: {@code GET /api/health}. Admin only (401 otherwise): {@code GET /api/admin/metrics},
 * {@code GET /api/admin/system-health}, alerts, silences and notifications, and registered views.
 *
 * <p>Admin requests are authenticated from their method, path and headers before anything else; only
 * then does an endpoint that takes a body read it, at most {@link #MAX_BODY_BYTES}, strictly against its
 * {@link BodySpec}. So an unauthorized request is answered 401 with its body unread, and an oversized one
 * 413 without reading past the cap. Errors have one shape: {@code {"error", "message", "field"}}.
 */
public final class MonitorApi {

    /** Largest request body the API reads: 64 KiB. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Set<String> SERIES_PARAMS = Set.of("name", "range", "step", "agg");
    private static final int MAX_POINTS = 2_000;

    private final Monitor monitor;
    private final ApiSettings settings;
    private final AdminAuthenticator authenticator;
    private final SystemHealthView systemHealth;
    private final AlertsApi alerts;
    private final OperationsApi operations;
    private final Map<String, Supplier<?>> views = new ConcurrentHashMap<>();

    /**
     * @param monitor the monitor whose checks and history are served
     * @param settings paths and detail visibility
     * @param authenticator decides who is admin
     */
    public MonitorApi(Monitor monitor, ApiSettings settings, AdminAuthenticator authenticator) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.systemHealth = new SystemHealthView(monitor);
        this.alerts = new AlertsApi(monitor);
        this.operations = new OperationsApi(monitor);
    }

    /** The paths and visibility this API serves with. */
    public ApiSettings settings() {
        return settings;
    }

    /**
     * Answers one request; never throws for bad input (it answers 4xx instead). The request's body is
     * read only by an endpoint that takes one, after the caller is authorized.
     */
    public ApiResponse handle(ApiRequest request) {
        String path = stripTrailingSlash(request.path());
        if (path.equals(settings.healthPath())) {
            return get(request) ? health(request) : methodNotAllowed("GET, HEAD");
        }
        String admin = settings.adminBasePath();
        if (path.startsWith(admin + "/")) {
            Optional<Caller> caller = authenticate(request);
            if (caller.isEmpty()) {
                return unauthorized();
            }
            try {
                return admin(request, path.substring(admin.length()), caller.get());
            } catch (ApiException e) {
                return e.toResponse();
            } catch (IllegalArgumentException e) {
                return error(400, "bad_request", e.getMessage());
            }
        }
        return error(404, "not_found", "No Vigil endpoint at " + path);
    }

    /** Who sends {@code request}, from everything but its body, which stays unread. */
    private Optional<Caller> authenticate(ApiRequest request) {
        return authenticator.authenticate(request.withoutBody());
    }

    private ApiResponse admin(ApiRequest request, String endpoint, Caller caller) {
        return switch (endpoint) {
            case "/metrics" -> get(request) ? metrics(request) : methodNotAllowed("GET, HEAD");
            case "/system-health" -> get(request) ? json(200, systemHealth.render()) : methodNotAllowed("GET, HEAD");
            default -> {
                if (AlertsApi.handles(endpoint)) {
                    yield alerts.handle(request, endpoint, caller);
                }
                if (OperationsApi.handles(endpoint)) {
                    yield operations.handle(request, endpoint, caller);
                }
                Supplier<?> view = views.get(endpoint.substring(1));
                if (view == null) {
                    yield error(404, "not_found", "No Vigil admin endpoint at " + endpoint);
                }
                yield get(request) ? json(200, view.get()) : methodNotAllowed("GET, HEAD");
            }
        };
    }

    /**
     * Serves {@code view}'s current value as JSON at {@code GET <admin base>/<name>} (admin only), e.g.
     * the JDBC module's statement statistics at {@code /api/admin/queries}.
     *
     * @throws IllegalArgumentException if the name is taken or not a simple lower-case path segment
     */
    public void registerView(String name, Supplier<?> view) {
        Objects.requireNonNull(view, "view");
        if (!name.matches("[a-z][a-z0-9-]{0,40}") || name.equals("metrics") || name.equals("system-health")
                || views.putIfAbsent(name, view) != null) {
            throw new IllegalArgumentException("admin view name '" + name + "' is taken or not a lower-case path segment");
        }
    }

    /** The current value of a registered view, if any. */
    public Optional<Object> view(String name) {
        Supplier<?> view = views.get(name);
        return view == null ? Optional.empty() : Optional.ofNullable(view.get());
    }

    private static boolean get(ApiRequest request) {
        return request.method().equals("GET") || request.method().equals("HEAD");
    }

    private ApiResponse health(ApiRequest request) {
        HealthReport report = monitor.health().report();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.overallName());
        body.put("timestamp", report.timestamp().toString());
        body.put("uptime", report.uptime().toSeconds());
        body.put("version", report.version());
        if (showDetails(request)) {
            body.put("services", report.checks().stream().map(MonitorApi::service).toList());
        }
        return json(report.status() == HealthStatus.DOWN ? 503 : 200, body);
    }

    private boolean showDetails(ApiRequest request) {
        return switch (settings.showDetails()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case WHEN_AUTHORIZED -> authenticate(request).isPresent();
        };
    }

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

    private ApiResponse metrics(ApiRequest request) {
        TimeSeriesStore store = monitor.metrics().store();
        Map<String, String> tags = new LinkedHashMap<>();
        request.query().forEach((key, values) -> {
            if (!SERIES_PARAMS.contains(key) && !values.isEmpty()) {
                tags.put(key, values.get(0));
            }
        });
        var name = request.queryParam("name");
        if (name.isEmpty()) {
            return json(200, latestGrouped(store, tags));
        }
        Duration range = request.queryParam("range").map(HumanText::parseDuration).orElse(Duration.ofHours(24));
        if (range.isNegative() || range.isZero() || range.compareTo(store.settings().retention()) > 0) {
            throw new IllegalArgumentException("range must be positive and at most the retention ("
                    + HumanText.duration(store.settings().retention()) + ")");
        }
        Duration step = request.queryParam("step").map(HumanText::parseDuration)
                .orElse(defaultStep(range, store.settings().collectInterval()));
        if (step.isNegative() || step.isZero() || range.dividedBy(step) > MAX_POINTS) {
            throw new IllegalArgumentException("step must be positive and give at most " + MAX_POINTS + " points over the range");
        }
        Aggregation aggregation = request.queryParam("agg").map(MonitorApi::aggregation).orElse(Aggregation.AVG);
        Instant to = monitor.clock().instant();
        List<Series> series = store.query(name.get(), tags, to.minus(range), to, step, aggregation);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name.get());
        body.put("range", HumanText.duration(range));
        body.put("step", HumanText.duration(step));
        body.put("aggregation", aggregation.name().toLowerCase(Locale.ROOT));
        body.put("series", series.stream().map(s -> Map.of(
                "tags", s.key().tags(),
                "points", s.points().stream().map(MonitorApi::point).toList())).toList());
        return json(200, body);
    }

    private static List<Object> point(Point point) {
        return List.of(point.time().toEpochMilli(), point.value());
    }

    private static Duration defaultStep(Duration range, Duration interval) {
        Duration step = range.dividedBy(300);
        return step.compareTo(interval) < 0 ? interval : Duration.ofSeconds(Math.max(1, step.getSeconds()));
    }

    private static Aggregation aggregation(String text) {
        try {
            return Aggregation.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("agg must be one of avg, min, max, last, sum; was '" + text + "'");
        }
    }

    private Map<String, Object> latestGrouped(TimeSeriesStore store, Map<String, String> tags) {
        Map<String, Object> groups = new LinkedHashMap<>();
        for (String group : List.of("api", "database", "jobs", "system", "business")) {
            groups.put(group, new java.util.ArrayList<Map<String, Object>>());
        }
        for (LatestValue latest : store.latestAll()) {
            if (!latest.key().matches(tags)) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", latest.key().name());
            if (!latest.key().tags().isEmpty()) {
                entry.put("tags", latest.key().tags());
            }
            entry.put("value", latest.value());
            entry.put("time", latest.time().toString());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> list = (List<Map<String, Object>>) groups.get(group(latest.key().name()));
            list.add(entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", monitor.clock().instant().toString());
        body.put("collectInterval", HumanText.duration(store.settings().collectInterval()));
        body.putAll(groups);
        return body;
    }

    /** The section a metric belongs to in {@code GET /api/admin/metrics}. */
    static String group(String name) {
        if (name.startsWith("http.")) {
            return "api";
        }
        if (name.startsWith("db.")) {
            return "database";
        }
        if (name.startsWith("job.") || name.startsWith("jobs.")) {
            return "jobs";
        }
        if (name.startsWith("system.") || name.startsWith("process.") || name.startsWith("jvm.") || name.startsWith("disk.")) {
            return "system";
        }
        return "business";
    }

    static ApiResponse json(int status, Object body) {
        return new ApiResponse(status, ApiResponse.JSON, Map.of("Cache-Control", "no-store"), Json.write(body));
    }

    private static ApiResponse unauthorized() {
        ApiResponse base = error(401, "unauthorized", "Admin endpoints need 'Authorization: Bearer <monitor.admin.token>'");
        return new ApiResponse(401, base.contentType(),
                Map.of("WWW-Authenticate", "Bearer realm=\"vigil\"", "Cache-Control", "no-store"), base.body());
    }

    static ApiResponse methodNotAllowed(String allowed) {
        ApiResponse base = error(405, "method_not_allowed", "Allowed methods: " + allowed);
        return new ApiResponse(405, base.contentType(), Map.of("Allow", allowed, "Cache-Control", "no-store"), base.body());
    }

    /** A JSON error response: {@code {"error": code, "message": message}}. */
    public static ApiResponse error(int status, String code, String message) {
        return error(status, code, message, null);
    }

    /**
     * A JSON error response: {@code {"error": code, "message": message, "field": field}}, without
     * {@code field} when it is null (no one field of the body is at fault).
     */
    public static ApiResponse error(int status, String code, String message, @Nullable String field) {
        return json(status, ApiException.body(code, message, field));
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Paths an adapter must route to this API (exact paths, and prefixes ending in {@code /*}). */
    public List<String> mappings() {
        return List.of(settings.healthPath(), settings.adminBasePath() + "/*");
    }
}
