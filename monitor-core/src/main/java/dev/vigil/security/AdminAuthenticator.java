package dev.vigil.security;

import java.util.Objects;
import java.util.Optional;

/**
 * Finds out who sends a request to Vigil's admin API, and with which {@linkplain Role roles}. A request no
 * authenticator recognises is {@linkplain Caller#anonymous() anonymous} and reaches public operations only;
 * a recognised caller reaches the operations its roles allow. The audit trail and approvals use the
 * caller's id.
 *
 * <p>It sees the request's method, path, query and headers only ({@link AuthenticationRequest}): the API
 * authenticates before it reads any body.
 *
 * <p>Built in: bearer tokens ({@link #bearerToken} for the one shared {@code monitor.admin.token},
 * {@link BearerTokens} for several named tokens with roles). A host plugs in its own sign-in (an SSO
 * proxy's header, Spring Security...) and combines them with {@link #or}.
 */
@FunctionalInterface
public interface AdminAuthenticator {

    /** Id of the caller the shared {@code monitor.admin.token} stands for. */
    String ADMIN_TOKEN_CALLER_ID = "admin-token";

    /** Nobody is recognised: the default when no token is configured. */
    AdminAuthenticator DENY_ALL = request -> Optional.empty();

    /** The caller {@code request} authenticates as, or empty when this authenticator does not recognise it. */
    Optional<Caller> authenticate(AuthenticationRequest request);

    /** The caller this authenticator finds, else the one {@code other} finds, e.g. a bearer token or a Spring Security user. */
    default AdminAuthenticator or(AdminAuthenticator other) {
        Objects.requireNonNull(other, "other");
        return request -> authenticate(request).or(() -> other.authenticate(request));
    }

    /**
     * The shared admin token: a request that sends {@code Authorization: Bearer <token>} with exactly this
     * token is the {@linkplain Caller.Kind#SHARED_CREDENTIAL shared} caller {@value #ADMIN_TOKEN_CALLER_ID}
     * with role {@code admin}. The comparison takes the same time wherever the first difference is.
     *
     * @throws IllegalArgumentException if the token is blank
     */
    static AdminAuthenticator bearerToken(String token) {
        return BearerTokens.builder().adminToken(token).build();
    }
}
