package dev.vigil.demo;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import dev.vigil.api.ApiException;
import dev.vigil.api.ApiRequest;
import dev.vigil.api.RequestBody;
import dev.vigil.security.AdminAuthenticator;
import dev.vigil.security.Caller;
import dev.vigil.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Lets only Vigil operators (and admins) flip the demo's faults, reusing Vigil's own authenticator. It
 * looks at the request's headers only, so a caller who may not is refused before anything reads the body.
 * With {@code monitor.enabled=false} there is no authenticator, and nobody may.
 */
@Component
class DemoAdminGuard {

    private final ObjectProvider<AdminAuthenticator> authenticator;

    DemoAdminGuard(ObjectProvider<AdminAuthenticator> authenticator) {
        this.authenticator = authenticator;
    }

    /**
     * The operator sending {@code request}.
     *
     * @throws ApiException 401 when the request carries no credentials Vigil knows, 403 when its caller is
     *         not an operator
     */
    Caller require(HttpServletRequest request) {
        AdminAuthenticator admins = authenticator.getIfAvailable();
        ApiRequest headersOnly = new ApiRequest(request.getMethod(), request.getRequestURI(), Map.of(), headers(request),
                RequestBody.EMPTY);
        Caller caller = (admins == null ? java.util.Optional.<Caller>empty() : admins.authenticate(headersOnly))
                .orElseThrow(() -> new ApiException(401, "unauthorized", "send Authorization: Bearer <monitor.admin.token>", null));
        if (!caller.has(Role.OPERATOR)) {
            throw new ApiException(403, "forbidden", "flipping the demo's faults needs the role operator", null);
        }
        return caller;
    }

    /** {@code request} with its body still unread, for a {@link dev.vigil.api.BodySpec} to read once the caller is known. */
    static ApiRequest withBody(HttpServletRequest request) {
        return new ApiRequest(request.getMethod(), request.getRequestURI(), Map.of(), headers(request),
                RequestBody.lazy(request.getContentLengthLong(), request::getInputStream));
    }

    private static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.putIfAbsent(name, request.getHeader(name));
        }
        return headers;
    }
}
