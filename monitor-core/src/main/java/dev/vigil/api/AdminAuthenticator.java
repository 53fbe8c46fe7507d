package dev.vigil.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides who, if anyone, sends a request with admin rights. Anything admin in the API is refused
 * without a {@link Caller}; the audit trail and approvals use the caller's id.
 *
 * <p>It sees the request's method, path, query and headers only: the API authenticates before it reads
 * any body, so an implementation must not call {@link ApiRequest#body()} (doing so fails).
 *
 * <p>Today's implementations are the shared bearer token ({@link #bearerToken}) and whatever a host
 * plugs in, e.g. from its own sign-in; named tokens with roles will be further implementations of this
 * same method, their callers carrying the roles.
 */
@FunctionalInterface
public interface AdminAuthenticator {

    /** Id of the caller the shared {@code monitor.admin.token} stands for. */
    String ADMIN_TOKEN_CALLER_ID = "admin-token";

    /** Nobody is admin: the default when no token is configured. */
    AdminAuthenticator DENY_ALL = request -> Optional.empty();

    /** The caller {@code request} authenticates as, or empty when it carries no admin rights. */
    Optional<Caller> authenticate(ApiRequest request);

    /** Whether {@code request} may see admin data. */
    default boolean isAdmin(ApiRequest request) {
        return authenticate(request).isPresent();
    }

    /** The caller this authenticator finds, else the one {@code other} finds, e.g. a bearer token or a Spring Security user. */
    default AdminAuthenticator or(AdminAuthenticator other) {
        Objects.requireNonNull(other, "other");
        return request -> authenticate(request).or(() -> other.authenticate(request));
    }

    /**
     * Admin when the request sends {@code Authorization: Bearer <token>} with exactly this token. Everyone
     * holding the token is the same {@linkplain Caller#sharedCredential shared caller},
     * {@value #ADMIN_TOKEN_CALLER_ID}. The comparison takes the same time wherever the first difference is.
     */
    static AdminAuthenticator bearerToken(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("monitor.admin.token must not be blank");
        }
        byte[] expected = digest(token);
        Optional<Caller> shared = Optional.of(Caller.sharedCredential(ADMIN_TOKEN_CALLER_ID));
        return request -> request.header("Authorization")
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .filter(value -> MessageDigest.isEqual(expected, digest(value.substring(7).trim())))
                .flatMap(value -> shared);
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
