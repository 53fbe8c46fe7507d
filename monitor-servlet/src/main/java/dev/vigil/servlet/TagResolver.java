package dev.vigil.servlet;

import java.util.Locale;
import java.util.Objects;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Resolves the platform (or tenant, or tier) a request belongs to, so request statistics can be
 * split by it: {@code TagResolver.header("X-Platform")}, or a lambda of the host's own.
 *
 * <p>Called once per request on the request thread, after the request was handled; keep it cheap.
 * The filter sanitises the value (letters, digits, {@code . _ -}, at most 64 characters), caps the
 * number of distinct values ({@code maxPlatforms}, overflow becomes {@code other}) and records a
 * blank value as {@code unknown}. A resolver that throws never fails the request: the failure is
 * logged and the request is recorded as {@code unknown}.
 */
@FunctionalInterface
public interface TagResolver {

    /** No platform: requests are not split and carry no {@code platform} tag. */
    TagResolver NONE = request -> "";

    /**
     * The platform of {@code request}.
     *
     * @return the value, or {@code ""} when the request has none; never {@code null}
     */
    String resolve(HttpServletRequest request);

    /** The value of a request header, e.g. {@code X-Platform} sent by the host's mobile and web clients. */
    static TagResolver header(String name) {
        Objects.requireNonNull(name, "name");
        return request -> {
            String value = request.getHeader(name);
            return value == null ? "" : value;
        };
    }

    /** The host name the request was sent to (the {@code Host} header without port, else the server name), lower case. */
    static TagResolver host() {
        return request -> {
            String host = request.getHeader("Host");
            if (host == null || host.isEmpty()) {
                host = request.getServerName();
                if (host == null) {
                    return "";
                }
            }
            int colon = host.lastIndexOf(':');
            if (colon > host.lastIndexOf(']')) {
                host = host.substring(0, colon);
            }
            return host.toLowerCase(Locale.ROOT);
        };
    }

    /** A request attribute the host sets before the filter finishes, e.g. the user's tier from its security layer. */
    static TagResolver attribute(String name) {
        Objects.requireNonNull(name, "name");
        return request -> {
            Object value = request.getAttribute(name);
            return value == null ? "" : value.toString();
        };
    }
}
