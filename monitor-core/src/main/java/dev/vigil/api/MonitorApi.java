package dev.vigil.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import dev.vigil.internal.Json;
import dev.vigil.security.AdminAuthenticator;
import dev.vigil.security.AuthenticationRequest;
import dev.vigil.security.Caller;
import dev.vigil.security.Role;
import org.jspecify.annotations.Nullable;

/**
 * Vigil's HTTP API, implemented once and independent of any web framework: a registry of
 * {@link Operation}s that modules contribute to, and one way of answering a request. Transports turn their
 * request into an {@link ApiRequest}, call {@link #handle(ApiRequest)} and write the {@link ApiResponse}
 * back, so every host serves byte-identical JSON; {@link #mounts()} tells them which paths to route here.
 *
 * <p>A request is answered in this order, whatever the operation:
 * <ol>
 *   <li>the caller is authenticated from method, path and headers ({@link AdminAuthenticator}), or is
 *       {@linkplain Caller#anonymous() anonymous};</li>
 *   <li>the path is matched against the operations' templates: none matches → 404 (401 first below the
 *       admin base path for an anonymous caller, who learns nothing of what exists); the path matches but
 *       not the method → 405 with {@code Allow};</li>
 *   <li>the operation's {@link Access} is checked: anonymous → 401, a caller without the role → 403;</li>
 *   <li>an operation with a {@linkplain Operation#rateLimit() rate limit} answers 429 with {@code Retry-After}
 *       to a caller over it;</li>
 *   <li>path and query parameters are checked against the operation's {@link InputSchema}; only then is
 *       the body read, at most the operation's {@linkplain Operation#maxBodyBytes() cap} ({@link #MAX_BODY_BYTES}
 *       unless it says otherwise), strictly against its {@link BodySpec} (or raw, for an operation that takes
 *       its bytes as they came);</li>
 *   <li>the handler runs.</li>
 * </ol>
 * So an unauthorized request is answered with its body unread, and an oversized one 413 without reading
 * past the cap. Errors have one shape: {@code {"error", "message", "field"}}.
 */
public final class MonitorApi {

    /** Largest request body the API reads unless an operation sets its own cap: 64 KiB. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final ApiSettings settings;
    private final AdminAuthenticator authenticator;
    private final OperationRegistry registry;
    private final Map<String, Supplier<?>> views = new ConcurrentHashMap<>();
    private final List<StaticResources> resources = new CopyOnWriteArrayList<>();

    /**
     * An API with no operation but {@code GET <admin base>/operations}; modules {@link #register} theirs.
     *
     * @param settings paths and detail visibility
     * @param authenticator finds out who calls
     */
    public MonitorApi(ApiSettings settings, AdminAuthenticator authenticator) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.registry = new OperationRegistry(settings.adminBasePath());
        registry.register(Operation.get("operations", "/operations")
                .role(Role.READ)
                .description("The operations the caller may use: method, path, access, whether they change state, and their"
                        + " input as JSON Schema; and who the caller is")
                .handler((caller, arguments) -> Result.ok(Map.of("caller", caller.id(), "operations", registry.operations()
                        .stream().filter(operation -> operation.access().allows(caller)).map(this::describe).toList())))
                .build());
    }

    /** The paths and visibility this API serves with. */
    public ApiSettings settings() {
        return settings;
    }

    /** The operations served. */
    public OperationRegistry operations() {
        return registry;
    }

    /**
     * Adds an operation.
     *
     * @throws IllegalArgumentException if its id is taken or its method and path clash with another's
     */
    public void register(Operation operation) {
        registry.register(operation);
    }

    /**
     * Serves {@code view}'s current value as JSON at {@code GET <admin base>/<name>} to callers with role
     * {@code read}: an operation with id {@code name}.
     *
     * @throws IllegalArgumentException if the name is taken or not a simple lower-case path segment
     */
    public void registerView(String name, Supplier<?> view) {
        Objects.requireNonNull(view, "view");
        if (!name.matches("[a-z][a-z0-9-]{0,40}")) {
            throw new IllegalArgumentException("admin view name '" + name + "' is not a lower-case path segment");
        }
        try {
            registry.register(Operation.get(name, "/" + name)
                    .role(Role.READ)
                    .description("The host's view '" + name + "'")
                    .handler((caller, arguments) -> Result.ok(view.get()))
                    .build());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("admin view name '" + name + "' is taken: " + e.getMessage(), e);
        }
        views.put(name, view);
    }

    /**
     * Serves {@code files} below their path, e.g. a dashboard's page and assets.
     *
     * @throws IllegalArgumentException if their path is, contains or lies within another set's
     */
    public synchronized void serve(StaticResources files) {
        Objects.requireNonNull(files, "files");
        for (StaticResources served : resources) {
            if (served.covers(files.path()) || files.covers(served.path())) {
                throw new IllegalArgumentException("static resources at " + files.path() + " overlap those at " + served.path());
            }
        }
        resources.add(files);
    }

    /** The current value of a registered view, if any. */
    public Optional<Object> view(String name) {
        Supplier<?> view = views.get(name);
        return view == null ? Optional.empty() : Optional.ofNullable(view.get());
    }

    /**
     * Who sends {@code request}, as every operation would see it: the caller the authenticator finds from its
     * method, path, query and headers, or {@linkplain Caller#anonymous() anonymous}. For transports that
     * decide something before an operation runs, e.g. which tools an assistant's connection lists.
     */
    public Caller authenticate(AuthenticationRequest request) {
        Objects.requireNonNull(request, "request");
        return authenticator.authenticate(request).orElse(Caller.anonymous());
    }

    /**
     * Answers one request; never throws for bad input (it answers 4xx instead). The request's body is
     * read only for an operation that takes one, after the caller is authorized.
     */
    public ApiResponse handle(ApiRequest request) {
        String path = stripTrailingSlash(request.path());
        Caller caller = authenticator.authenticate(request.withoutBody()).orElse(Caller.anonymous());
        try {
            return dispatch(request, path, caller);
        } catch (ApiException e) {
            return e.toResponse();
        } catch (IllegalArgumentException e) {
            return error(400, "bad_request", e.getMessage());
        }
    }

    private ApiResponse dispatch(ApiRequest request, String path, Caller caller) {
        String admin = settings.adminBasePath();
        boolean belowAdmin = path.startsWith(admin + "/");
        OperationRegistry.Match match = registry.match(path);
        if (match == null) {
            for (StaticResources files : resources) {
                if (files.covers(path)) {
                    return resource(files, request, path, caller);
                }
            }
            if (belowAdmin && caller.isAnonymous()) {
                return unauthorized();
            }
            return belowAdmin ? error(404, "not_found", "No Vigil admin endpoint at " + path.substring(admin.length()))
                    : error(404, "not_found", "No Vigil endpoint at " + path);
        }
        Optional<Operation> found = match.forMethod(request.method());
        if (found.isEmpty()) {
            boolean anyPublic = match.operations().stream().anyMatch(operation -> operation.access().isPublic());
            return !anyPublic && caller.isAnonymous() ? unauthorized() : methodNotAllowed(match.allow());
        }
        Operation operation = found.get();
        if (!operation.access().allows(caller)) {
            return caller.isAnonymous() ? unauthorized() : forbidden(operation, caller);
        }
        if (operation.rateLimit() != null) {
            java.time.Duration wait = operation.rateLimit().acquire(caller);
            if (!wait.isZero() && !wait.isNegative()) {
                return tooManyRequests(operation, wait);
            }
        }
        Arguments arguments = arguments(operation, match.variables(operation), request);
        if (operation.rawBody()) {
            arguments = arguments.withRawBody(BodySpec.readRaw(request, operation.maxBodyBytes(), operation.rawContentType()));
        } else {
            BodySpec spec = operation.bodySelector() != null
                    ? operation.bodySelector().select(arguments).orElse(null)
                    : operation.input().body();
            if (spec != null) {
                arguments = arguments.withBody(spec.read(request, operation.maxBodyBytes()));
            }
        }
        return render(operation.handler().handle(caller, arguments));
    }

    private static ApiResponse resource(StaticResources files, ApiRequest request, String path, Caller caller) {
        if (!files.access().allows(caller)) {
            return caller.isAnonymous() ? unauthorized() : error(403, "forbidden", "the files at " + files.path()
                    + " need the role " + files.access().jsonName());
        }
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return methodNotAllowed("GET, HEAD");
        }
        return files.get(request.path(), request.header("If-None-Match"))
                .orElseGet(() -> error(404, "not_found", "No Vigil resource at " + path));
    }

    /** The path, query and header input of {@code request}, checked against {@code operation}'s schema. */
    private static Arguments arguments(Operation operation, Map<String, String> variables, ApiRequest request) {
        InputSchema input = operation.input();
        Map<String, Object> params = new LinkedHashMap<>();
        for (BodyField field : input.pathParams()) {
            params.put(field.name(), InputSchema.parse(field, variables.get(field.name())));
        }
        Set<String> declared = new LinkedHashSet<>(params.keySet());
        for (BodyField field : input.queryParams()) {
            declared.add(field.name());
            Optional<String> value = request.queryParam(field.name());
            if (value.isPresent()) {
                params.put(field.name(), InputSchema.parse(field, value.get()));
            } else if (field.isRequired()) {
                throw new ApiException(400, "missing_field", field.name() + " is required: " + field.expected(), field.name());
            }
        }
        Map<String, String> others = new LinkedHashMap<>();
        if (input.otherQueryParams() != null) {
            request.query().forEach((name, values) -> {
                if (!declared.contains(name) && !values.isEmpty()) {
                    others.put(name, values.get(0));
                }
            });
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header : input.headers().keySet()) {
            request.header(header).ifPresent(value -> headers.put(header, value));
        }
        return new Arguments(input, params, others, headers, null, request.remoteAddress());
    }

    /** {@code operation} as {@code GET <admin base>/operations} lists it. */
    public Map<String, Object> describe(Operation operation) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", operation.id());
        json.put("method", operation.method());
        json.put("path", registry.fullPath(operation));
        json.put("access", operation.access().jsonName());
        json.put("description", operation.description());
        json.put("changesState", operation.changesState());
        json.put("input", operation.input().toJsonSchema());
        return json;
    }

    /**
     * Where this API must be routed: each operation at the root by its path (everything below the part before
     * its first variable, if it has one), the admin base path with everything below it, and the paths of
     * static resources with everything below them. A transport
     * maps these in its own terms, e.g. a servlet container's URL patterns; operations registered later
     * must lie below these, or be mapped again.
     */
    public List<Mount> mounts() {
        Set<Mount> mounts = new LinkedHashSet<>();
        for (Operation operation : registry.operations()) {
            if (operation.base() == Operation.Base.ROOT) {
                PathTemplate template = PathTemplate.parse(operation.path());
                mounts.add(template.hasVariables() ? new Mount(template.literalPrefix(), true)
                        : new Mount(operation.path(), false));
            }
        }
        mounts.add(new Mount(settings.adminBasePath(), true));
        resources.forEach(files -> mounts.add(new Mount(files.path(), true)));
        return new ArrayList<>(mounts);
    }

    /**
     * A path a transport routes to the API.
     *
     * @param path an absolute path without trailing slash, e.g. {@code /api/health}
     * @param includesBelow whether everything below {@code path} goes to the API too
     */
    public record Mount(String path, boolean includesBelow) {
        public Mount {
            Objects.requireNonNull(path, "path");
        }
    }

    private static ApiResponse render(Result result) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        headers.putAll(result.headers());
        if (result.body() instanceof Result.Text text) {
            return new ApiResponse(result.status(), text.contentType() + "; charset=utf-8", headers,
                    text.content().getBytes(StandardCharsets.UTF_8));
        }
        return new ApiResponse(result.status(), ApiResponse.JSON, headers,
                result.body() == null ? new byte[0] : Json.write(result.body()));
    }

    static ApiResponse json(int status, Object body) {
        return new ApiResponse(status, ApiResponse.JSON, Map.of("Cache-Control", "no-store"), Json.write(body));
    }

    private static ApiResponse unauthorized() {
        ApiResponse base = error(401, "unauthorized", "Admin endpoints need 'Authorization: Bearer <monitor.admin.token>'");
        return new ApiResponse(401, base.contentType(),
                Map.of("WWW-Authenticate", "Bearer realm=\"vigil\"", "Cache-Control", "no-store"), base.body());
    }

    private static ApiResponse forbidden(Operation operation, Caller caller) {
        String role = operation.access().jsonName();
        String has = caller.roles().isEmpty() ? "no role"
                : "the role(s) " + String.join(", ", caller.roles().stream().map(Role::jsonName).toList());
        return error(403, "forbidden", operation.id() + " needs the role " + role + "; " + caller.id() + " has " + has);
    }

    private static ApiResponse tooManyRequests(Operation operation, java.time.Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        ApiResponse base = error(429, "too_many_requests", operation.id() + " allows fewer calls; retry in " + seconds
                + (seconds == 1 ? " second" : " seconds"));
        return new ApiResponse(429, base.contentType(), Map.of("Retry-After", Long.toString(seconds), "Cache-Control",
                "no-store"), base.body());
    }

    private static ApiResponse methodNotAllowed(String allowed) {
        ApiResponse base = error(405, "method_not_allowed", "Allowed methods: " + allowed);
        return new ApiResponse(405, base.contentType(), Map.of("Allow", allowed, "Cache-Control", "no-store"), base.body());
    }

    /** A JSON error response: {@code {"error": code, "message": message}}. */
    public static ApiResponse error(int status, String code, String message) {
        return error(status, code, message, null);
    }

    /**
     * A JSON error response: {@code {"error": code, "message": message, "field": field}}, without
     * {@code field} when it is null (no one field of the request is at fault).
     */
    public static ApiResponse error(int status, String code, String message, @Nullable String field) {
        return json(status, ApiException.body(code, message, field));
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
