package dev.vigil.demo;

import java.util.Map;
import dev.vigil.api.AdminAuthenticator;
import dev.vigil.api.ApiRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Lets only Vigil admins flip the demo's faults, reusing Vigil's own authenticator. With
 * {@code monitor.enabled=false} there is no authenticator, and nobody may.
 */
@Component
class DemoAdminGuard {

    private final ObjectProvider<AdminAuthenticator> authenticator;

    DemoAdminGuard(ObjectProvider<AdminAuthenticator> authenticator) {
        this.authenticator = authenticator;
    }

    void require(String authorization) {
        Map<String, String> headers = authorization == null ? Map.of() : Map.of("Authorization", authorization);
        AdminAuthenticator admins = authenticator.getIfAvailable();
        if (admins == null || !admins.isAdmin(ApiRequest.of("POST", "/demo/faults", headers))) {
            throw new Unauthorized();
        }
    }

    static final class Unauthorized extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
