package dev.vigil.servlet;

import java.util.Objects;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Names the route template of a request (e.g. {@code /bookings/{id}}) when the host's framework
 * knows it but does not expose it the way Spring MVC does.
 *
 * <p>The filter asks, after the request was handled: first Spring MVC's best-matching-pattern
 * request attribute, then this resolver, and when both are silent it collapses the ids of the raw
 * path ({@link #normalizePath(String)}). Templates count against {@code maxRoutes} like any other
 * route. A resolver that throws never fails the request: the failure is logged and the path is used.
 */
@FunctionalInterface
public interface RouteResolver {

    /** Knows no routes: the filter falls back to the id-collapsed path. */
    RouteResolver NONE = request -> "";

    /**
     * The route template of {@code request}.
     *
     * @return the template, or {@code ""} when this resolver does not know it; never {@code null}
     */
    String resolve(HttpServletRequest request);

    /**
     * The route template the filter derives from a raw path: no query string, segment parameters
     * ({@code ;jsessionid=...}), empty segments or trailing slash, and every id-like segment replaced by
     * {@code {id}}: numbers (also with {@code - . _ :} between digits, like {@code 2026-01-15}), UUIDs,
     * hex of 16 or more characters, and opaque tokens of 20 or more characters that mix letters and
     * digits. {@code /bookings/42/} becomes {@code /bookings/{id}}; an empty path becomes {@code /}.
     */
    static String normalizePath(String path) {
        Objects.requireNonNull(path, "path");
        return PathTemplates.template(path, 0);
    }
}
