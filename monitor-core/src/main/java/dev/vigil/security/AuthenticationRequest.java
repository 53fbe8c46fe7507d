package dev.vigil.security;

import java.util.Optional;

/**
 * What an {@link AdminAuthenticator} sees of a request: its method, path, query and headers, never its
 * body, which stays unread until the caller is known to be allowed.
 */
public interface AuthenticationRequest {

    /** The upper-case HTTP method. */
    String method();

    /** The path inside the application, without context path or query string. */
    String path();

    /** A header's value; names are case-insensitive. */
    Optional<String> header(String name);

    /** The first value of a query parameter. */
    Optional<String> queryParam(String name);
}
