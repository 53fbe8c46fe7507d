package dev.vigil.api;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import dev.vigil.security.Caller;
import dev.vigil.security.Role;
import org.jspecify.annotations.Nullable;

/**
 * One operation of Vigil's HTTP API, as a value: what it is ({@code id}, description), where it is
 * (method and path template below the admin base path, or at the root), who may use it
 * ({@link Access}), what it takes ({@link InputSchema}), whether it changes state, and the
 * {@link Handler} that does it. Modules contribute operations to {@link MonitorApi#register}; transports
 * (the servlet, the Spring starter, later JAX-RS and an MCP tool list) only translate, so every
 * operation is matched, authorized, validated and listed the same way everywhere.
 *
 * <pre>{@code
 * Operation ack = Operation.post("alerts.ack", "/alerts/{id}/ack")
 *         .access(Access.role(Role.OPERATOR))
 *         .description("Acknowledges an active alert: no more repeats, still listed")
 *         .input(InputSchema.builder().path(BodyField.string("id").maxLength(100)).body(BodySpec.NONE).build())
 *         .handler((caller, arguments) -> ...)
 *         .build();
 * }</pre>
 *
 * @param id stable identifier, e.g. {@code alerts.ack}: lower-case words joined by {@code .} or {@code -}
 * @param method {@code GET}, {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE}; a {@code GET}
 *        operation answers {@code HEAD} too
 * @param base what the path is relative to
 * @param path the path template, e.g. {@code /alerts/{id}/ack}; one path parameter per variable
 * @param access who may use it
 * @param description one line for people, listings and tool descriptions
 * @param input the parameters and body it takes
 * @param changesState whether it changes anything (acknowledges, silences, runs, switches...)
 * @param handler does it, for an authorized caller with checked arguments
 * @param bodySelector chooses the body's spec from the path and query (e.g. the value's type from the
 *        configuration key), or null to read {@code input.body()} whenever there is one
 * @param maxBodyBytes the largest body read (default {@link MonitorApi#MAX_BODY_BYTES}); a longer one is
 *        answered 413 without being read past the cap
 * @param rawBody whether the body is handed to the handler as the bytes that came
 *        ({@link Arguments#rawBody()}), its content type checked but not parsed
 * @param rateLimit who may call how often, checked after access and before the body is read, or null
 * @param rawContentType for a raw body, the media type it must have: {@link #JSON} (the default) or
 *        {@link #FORM} for a form-encoded body (e.g. a Slack interaction, whose signature covers the encoded bytes)
 */
public record Operation(String id, String method, Base base, String path, Access access, String description,
        InputSchema input, boolean changesState, Handler handler, @Nullable BodySelector bodySelector,
        int maxBodyBytes, boolean rawBody, @Nullable RateLimit rateLimit, String rawContentType) {

    /** The JSON media type, {@code application/json}. */
    public static final String JSON = "application/json";
    /** The form media type, {@code application/x-www-form-urlencoded}. */
    public static final String FORM = "application/x-www-form-urlencoded";

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    /** What an operation's path is relative to. */
    public enum Base {
        /** The admin base path ({@code monitor.admin.base-path}, by default {@code /api/admin}). */
        ADMIN,
        /** The application's root: the path is the whole path, e.g. {@code /api/health}. */
        ROOT
    }

    /** Does an operation: the caller is authorized and the arguments checked. */
    @FunctionalInterface
    public interface Handler {
        /**
         * The result for {@code caller}.
         *
         * @throws ApiException to answer a client error in Vigil's one error shape; an
         *         {@link IllegalArgumentException} answers 400 {@code bad_request} with its message
         */
        Result handle(Caller caller, Arguments arguments);
    }

    /** Limits how often a caller may use an operation. */
    @FunctionalInterface
    public interface RateLimit {
        /**
         * Takes one call of {@code caller}'s allowance: {@link java.time.Duration#ZERO} when the call may go
         * on, else how long until it may (answered 429 with {@code Retry-After}).
         */
        java.time.Duration acquire(Caller caller);
    }

    /** Chooses the body's spec once the path and query are known. */
    @FunctionalInterface
    public interface BodySelector {
        /** The spec to read the body with, or empty to leave the body unread (the handler answers then). */
        Optional<BodySpec> select(Arguments pathAndQuery);
    }

    public Operation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(rawContentType, "rawContentType");
        if (!rawContentType.equals(JSON) && !rawContentType.equals(FORM)) {
            throw new IllegalArgumentException("operation " + id + ": a raw body is " + JSON + " or " + FORM
                    + ", was " + rawContentType);
        }
        if (!id.matches("[a-z][a-z0-9-]*(\\.[a-z0-9-]+)*") || id.length() > 80) {
            throw new IllegalArgumentException("an operation id is lower-case words joined by '.' or '-', was '" + id + "'");
        }
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("operation " + id + ": method must be one of " + METHODS + ", was " + method);
        }
        if (description.isBlank()) {
            throw new IllegalArgumentException("operation " + id + " needs a description");
        }
        List<String> variables = PathTemplate.parse(path).variables();
        Set<String> declared = new HashSet<>();
        input.pathParams().forEach(field -> declared.add(field.name()));
        if (!declared.equals(new HashSet<>(variables))) {
            throw new IllegalArgumentException("operation " + id + ": path parameters " + declared
                    + " must be exactly the variables of " + path);
        }
        if (bodySelector != null && input.body() == null) {
            throw new IllegalArgumentException("operation " + id + " selects a body spec but declares no body");
        }
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("operation " + id + ": maxBodyBytes must not be negative, was " + maxBodyBytes);
        }
        if (rawBody && (input.body() != null || bodySelector != null)) {
            throw new IllegalArgumentException("operation " + id + " reads its body raw, so it declares no body spec");
        }
    }

    /** Starts a {@code GET} operation. */
    public static Builder get(String id, String path) {
        return new Builder(id, "GET", path);
    }

    /** Starts a {@code POST} operation. */
    public static Builder post(String id, String path) {
        return new Builder(id, "POST", path);
    }

    /** Starts a {@code PUT} operation. */
    public static Builder put(String id, String path) {
        return new Builder(id, "PUT", path);
    }

    /** Starts a {@code DELETE} operation. */
    public static Builder delete(String id, String path) {
        return new Builder(id, "DELETE", path);
    }

    /** Whether the operation answers {@code requestMethod} ({@code HEAD} for a {@code GET} operation). */
    public boolean answers(String requestMethod) {
        return method.equals(requestMethod) || method.equals("GET") && requestMethod.equals("HEAD");
    }

    /** Builds an {@link Operation}; access, description and handler are required. */
    public static final class Builder {
        private final String id;
        private final String method;
        private final String path;
        private Base base = Base.ADMIN;
        private @Nullable Access access;
        private String description = "";
        private InputSchema input = InputSchema.NONE;
        private @Nullable Boolean changesState;
        private @Nullable Handler handler;
        private @Nullable BodySelector bodySelector;
        private int maxBodyBytes = MonitorApi.MAX_BODY_BYTES;
        private boolean rawBody;
        private @Nullable RateLimit rateLimit;
        private String rawContentType = JSON;

        private Builder(String id, String method, String path) {
            this.id = id;
            this.method = method;
            this.path = path;
        }

        /** Makes the path relative to the application's root instead of the admin base path. */
        public Builder atRoot() {
            this.base = Base.ROOT;
            return this;
        }

        /** Who may use the operation; there is no default. */
        public Builder access(Access access) {
            this.access = Objects.requireNonNull(access, "access");
            return this;
        }

        /** Callers with a role implying {@code role} may use the operation. */
        public Builder role(Role role) {
            return access(Access.role(role));
        }

        /** One line for people, listings and tool descriptions. */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /** What the operation takes (default: nothing). */
        public Builder input(InputSchema input) {
            this.input = Objects.requireNonNull(input, "input");
            return this;
        }

        /** Whether it changes state (default: every method but {@code GET} does). */
        public Builder changesState(boolean changesState) {
            this.changesState = changesState;
            return this;
        }

        /** Chooses the body's spec from the path and query; see {@link BodySelector}. */
        public Builder bodySelector(BodySelector selector) {
            this.bodySelector = Objects.requireNonNull(selector, "selector");
            return this;
        }

        /** The largest body read, in bytes (default {@link MonitorApi#MAX_BODY_BYTES}). */
        public Builder maxBodyBytes(int bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * Hands the body to the handler as the bytes that came ({@link Arguments#rawBody()}): its content type
         * must be JSON and its size within {@link #maxBodyBytes}, nothing else is checked.
         */
        public Builder rawJsonBody() {
            this.rawBody = true;
            this.rawContentType = JSON;
            return this;
        }

        /**
         * Hands the body to the handler as the bytes that came ({@link Arguments#rawBody()}), still form-encoded:
         * its content type must be {@code application/x-www-form-urlencoded} and its size within
         * {@link #maxBodyBytes}. Nothing parses it before the handler, which may check a signature over the
         * exact bytes first and then decode it ({@link ApiRequest#parseQuery}).
         */
        public Builder rawFormBody() {
            this.rawBody = true;
            this.rawContentType = FORM;
            return this;
        }

        /** Limits how often a caller may use the operation; checked before the body is read. */
        public Builder rateLimit(RateLimit limit) {
            this.rateLimit = Objects.requireNonNull(limit, "limit");
            return this;
        }

        /** Does the operation. */
        public Builder handler(Handler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** The operation. */
        public Operation build() {
            if (access == null) {
                throw new IllegalStateException("operation " + id + " needs an access level: Access.PUBLIC or a role");
            }
            if (handler == null) {
                throw new IllegalStateException("operation " + id + " needs a handler");
            }
            return new Operation(id, method, base, path, access, description, input,
                    changesState != null ? changesState : !method.equals("GET"), handler, bodySelector, maxBodyBytes,
                    rawBody, rateLimit, rawContentType);
        }
    }
}
