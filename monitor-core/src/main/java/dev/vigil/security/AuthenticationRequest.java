package dev.vigil.security;

import java.security.Principal;
import java.util.Optional;

/**
 * What an {@link AdminAuthenticator} sees of a request: its method, path, query and headers, and the user the
 * host has already signed in, never its body, which stays unread until the caller is known to be allowed.
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

    /**
     * The user the host has already authenticated for this request, as its transport reports it (a servlet's
     * {@code getUserPrincipal()}: with Spring Security, the {@code Authentication}); empty when nobody signed in
     * or the transport does not tell.
     */
    default Optional<Principal> userPrincipal() {
        return Optional.empty();
    }
}
