package dev.vigil.demo;

import java.util.Map;
import dev.vigil.api.AdminAuthenticator;
import dev.vigil.api.ApiRequest;
import org.springframework.stereotype.Component;

/** Lets only Vigil admins flip the demo's faults, reusing Vigil's own authenticator. */
@Component
class DemoAdminGuard {

    private final AdminAuthenticator authenticator;

    DemoAdminGuard(AdminAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    void require(String authorization) {
        Map<String, String> headers = authorization == null ? Map.of() : Map.of("Authorization", authorization);
        if (!authenticator.isAdmin(ApiRequest.of("POST", "/demo/faults", headers))) {
            throw new Unauthorized();
        }
    }

    static final class Unauthorized extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
