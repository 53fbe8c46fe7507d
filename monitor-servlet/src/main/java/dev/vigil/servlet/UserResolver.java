package dev.vigil.servlet;

import java.security.Principal;
import java.util.Objects;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Resolves the user a request was made by, so that an area's alert can say how many distinct users were
 * affected ("Impact detected for 12 users"). Vigil keeps only a hash of the id, in a bounded set per area.
 *
 * <p>Called on the request thread after the request was handled, and only for requests to a notice area
 * that failed or came while the area was affected; keep it cheap. A resolver that throws never fails the
 * request: the failure is logged and the request is not counted.
 */
@FunctionalInterface
public interface UserResolver {

    /** Nobody: affected users are not counted. */
    UserResolver NONE = request -> "";

    /**
     * The user of {@code request}.
     *
     * @return the user's id, or {@code ""} when the request has none; never {@code null}
     */
    String resolve(HttpServletRequest request);

    /** The authenticated principal's name ({@link HttpServletRequest#getUserPrincipal()}), as set by the host's security. */
    static UserResolver principal() {
        return request -> {
            Principal principal = request.getUserPrincipal();
            return principal == null || principal.getName() == null ? "" : principal.getName();
        };
    }

    /** The value of a request header the host's front end or gateway sets, e.g. {@code X-User-Id}. */
    static UserResolver header(String name) {
        Objects.requireNonNull(name, "name");
        return request -> {
            String value = request.getHeader(name);
            return value == null ? "" : value;
        };
    }

    /** A request attribute the host sets before the filter finishes, e.g. the user id from its session. */
    static UserResolver attribute(String name) {
        Objects.requireNonNull(name, "name");
        return request -> {
            Object value = request.getAttribute(name);
            return value == null ? "" : value.toString();
        };
    }
}
