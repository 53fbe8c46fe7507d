package dev.vigil.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import dev.vigil.security.AuthenticationRequest;
import org.jspecify.annotations.Nullable;

/**
 * A transport-neutral HTTP request, as handed to {@link MonitorApi} by a servlet or another adapter.
 * The body stays unread until an endpoint that takes one reads it through a {@link BodySpec}, which
 * happens only after the caller has been authorized.
 *
 * @param method upper-case HTTP method
 * @param path the path inside the application, without context path or query string
 * @param query query parameters
 * @param headers request headers, names lower-cased
 * @param body the request body, unread ({@link RequestBody#EMPTY} for none)
 * @param remoteAddress the client's address as the transport sees it (the last proxy's, behind one that the
 *        container does not unwrap), or {@code ""} when unknown; public operations rate-limit by it
 * @param principal the user the host authenticated before the request reached Vigil (a servlet's
 *        {@code getUserPrincipal()}), or {@code null} when nobody did; {@link #userPrincipal()} hands it to
 *        authenticators
 */
public record ApiRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
        RequestBody body, String remoteAddress, @Nullable Principal principal) implements AuthenticationRequest {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        method = method.toUpperCase(Locale.ROOT);
        query = Map.copyOf(query);
        headers = headers.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue, (a, b) -> a));
    }

    /** A request that no host sign-in has authenticated. */
    public ApiRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
            RequestBody body, String remoteAddress) {
        this(method, path, query, headers, body, remoteAddress, null);
    }

    /** A request from an unknown address. */
    public ApiRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
            RequestBody body) {
        this(method, path, query, headers, body, "");
    }

    /** A request whose body is already in memory, handy for tests and in-process callers. */
    public ApiRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers, byte[] body) {
        this(method, path, query, headers, RequestBody.of(body));
    }

    /** A body-less request, handy for GETs and tests. */
    public static ApiRequest of(String method, String path, Map<String, String> headers) {
        return new ApiRequest(method, path, Map.of(), headers, RequestBody.EMPTY);
    }

    /** A header's value; names are case-insensitive. */
    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The first value of a query parameter. */
    @Override
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public Optional<Principal> userPrincipal() {
        return Optional.ofNullable(principal);
    }

    /**
     * This request as an authenticator gets it: everything but the body, which fails when read, even by an
     * authenticator that casts its {@link AuthenticationRequest} back to an {@code ApiRequest}.
     */
    ApiRequest withoutBody() {
        return new ApiRequest(method, path, query, headers, Unreadable.BODY, remoteAddress, principal);
    }

    /** This request as sent from {@code address} (a transport sets the client's address this way). */
    public ApiRequest withRemoteAddress(String address) {
        return new ApiRequest(method, path, query, headers, body, Objects.requireNonNull(address, "address"), principal);
    }

    /**
     * This request as sent by the user the host signed in (a transport passes its container's principal this
     * way), or by nobody the host knows when {@code user} is {@code null}.
     */
    public ApiRequest withUserPrincipal(@Nullable Principal user) {
        return new ApiRequest(method, path, query, headers, body, remoteAddress, user);
    }

    /** The body an authenticator gets: reading it is a programming error, since nobody is authorized yet. */
    private enum Unreadable implements RequestBody {
        BODY;

        @Override
        public long declaredLength() {
            throw new IllegalStateException("an AdminAuthenticator must not read the request body");
        }

        @Override
        public byte[] read(int maxBytes) {
            throw new IllegalStateException("an AdminAuthenticator must not read the request body");
        }
    }

    /**
     * The parameters of a raw query string ({@code a=1&b=x+y&c}), decoded as UTF-8 ({@code +} is a space;
     * a parameter with a broken %-escape is skipped, as servlet containers do). Transports use it instead of
     * their framework's parameter map, which may read a form-encoded body before the caller is authorized,
     * and so every host hands the API the same query.
     */
    public static Map<String, List<String>> parseQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                // a broken %-escape: this parameter is skipped
            }
        }
        return query;
    }
}
