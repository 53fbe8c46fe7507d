package dev.vigil.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Decides whether a request carries admin rights. Anything admin in the API is refused without them.
 */
@FunctionalInterface
public interface AdminAuthenticator {

    /** Nobody is admin: the default when no token is configured. */
    AdminAuthenticator DENY_ALL = request -> false;

    /** Whether {@code request} may see admin data. */
    boolean isAdmin(ApiRequest request);

    /** Admin if this or {@code other} says so, e.g. a bearer token or a Spring Security role. */
    default AdminAuthenticator or(AdminAuthenticator other) {
        Objects.requireNonNull(other, "other");
        return request -> isAdmin(request) || other.isAdmin(request);
    }

    /**
     * Admin when the request sends {@code Authorization: Bearer <token>} with exactly this token.
     * The comparison takes the same time wherever the first difference is.
     */
    static AdminAuthenticator bearerToken(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("monitor.admin.token must not be blank");
        }
        byte[] expected = digest(token);
        return request -> request.header("Authorization")
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> MessageDigest.isEqual(expected, digest(value.substring(7).trim())))
                .orElse(false);
    }

    private static byte[] digest(String value) {
        // Hashing first makes the comparison independent of the token's length, too.
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
