package dev.vigil.api;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.vigil.security.AdminAuthenticator;
import dev.vigil.security.BearerTokens;
import dev.vigil.security.Caller;
import dev.vigil.security.Role;

/**
 * Who may call which operation, for tests that try every registered operation as every kind of caller: one
 * bearer token per role, and no token at all. A transport's test sends each case its own way and checks
 * the answer with {@link #check}.
 */
public final class AccessMatrix {

    /** The callers: none, then one token per role. */
    public static final Map<String, Optional<String>> TOKENS;
    /** The authenticator that knows the tokens. */
    public static final AdminAuthenticator AUTHENTICATOR;

    static {
        Map<String, Optional<String>> tokens = new LinkedHashMap<>();
        tokens.put("anonymous", Optional.empty());
        BearerTokens.Builder builder = BearerTokens.builder();
        for (Role role : Role.values()) {
            String token = role.jsonName() + "-secret";
            tokens.put(role.jsonName(), Optional.of(token));
            builder.token(role.jsonName() + "-user", token, role);
        }
        TOKENS = java.util.Collections.unmodifiableMap(tokens);
        AUTHENTICATOR = builder.build();
    }

    private AccessMatrix() {
    }

    /** The caller behind {@code name} ({@code anonymous}, {@code read}, {@code operator}, {@code ingest}, {@code admin}). */
    public static Caller caller(String name) {
        return name.equals("anonymous") ? Caller.anonymous() : Caller.person(name + "-user").withRoles(Role.fromName(name));
    }

    /** Every operation of {@code api} with every caller: {@code {operation id, caller name}}. */
    public static List<Object[]> cases(MonitorApi api) {
        List<Object[]> cases = new ArrayList<>();
        for (Operation operation : api.operations().operations()) {
            for (String caller : TOKENS.keySet()) {
                cases.add(new Object[] {operation.id(), caller});
            }
        }
        return cases;
    }

    /** {@code operation}'s whole path, every variable filled with {@code 1} (a valid string and integer). */
    public static String samplePath(MonitorApi api, Operation operation) {
        return api.operations().fullPath(operation).replaceAll("\\{[^}/]+}", "1");
    }

    /**
     * The sample request for {@code operation} as {@code caller}, over HTTP to a host serving {@code api} at
     * {@code base} (scheme, authority and context path, no trailing slash): a JSON {@code {}} body unless
     * the method is GET or DELETE, and the caller's bearer token if it has one.
     */
    public static HttpRequest httpRequest(String base, MonitorApi api, Operation operation, String caller) {
        String method = operation.method();
        HttpRequest.BodyPublisher body = method.equals("GET") || method.equals("DELETE")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + samplePath(api, operation)))
                .timeout(Duration.ofSeconds(20)).method(method, body).header("Content-Type", "application/json");
        TOKENS.get(caller).ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return request.build();
    }

    /**
     * Checks the answer of {@code operation} to {@code caller}: refused with 401 {@code unauthorized} (anonymous)
     * or 403 {@code forbidden} exactly when its access level does not allow the caller, and never refused for
     * access otherwise (whatever else the handler answers to the sample request).
     *
     * @return null when the answer is right, else what is wrong
     */
    public static String check(Operation operation, String caller, int status, String body) {
        boolean allowed = operation.access().allows(caller(caller));
        boolean unauthorized = status == 401 && body.contains("\"error\":\"unauthorized\"");
        boolean forbidden = status == 403 && body.contains("\"error\":\"forbidden\"");
        String expectation = operation.id() + " (" + operation.access() + ") as " + caller + ": ";
        if (allowed) {
            return unauthorized || forbidden ? expectation + "must be allowed, got " + status + " " + body : null;
        }
        if (caller.equals("anonymous")) {
            return unauthorized ? null : expectation + "must be 401 unauthorized, got " + status + " " + body;
        }
        return forbidden ? null : expectation + "must be 403 forbidden, got " + status + " " + body;
    }
}
