package dev.vigil.spring.security;

import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionResult;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** What every test host has besides its security: a route of its own and an action for Vigil to trigger. */
@Configuration(proxyBeanMethods = false)
class HostParts {

    static final String ADMIN_TOKEN = "vigil-admin-token-0123456789";
    static final String PASSWORD = "s3cret-pass";

    /** The host's own route, which Vigil's chain must leave to the host (registered as a member of this configuration). */
    @RestController
    static class Other {
        @GetMapping("/other")
        String other() {
            return "host content";
        }

        @PostMapping("/other")
        String postOther() {
            return "host changed";
        }
    }

    @Bean
    ActionRegistration clearCache() {
        return ActionRegistration.builder("clear_cache", context -> ActionResult.succeeded("cleared")).build();
    }

    /** Users with the host's roles: ADMIN (mapped to Vigil's admin), OPS (mapped to read), GUEST (mapped to nothing). */
    static UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("alice").password("{noop}" + PASSWORD).roles("ADMIN").build(),
                User.withUsername("bob").password("{noop}" + PASSWORD).roles("OPS").build(),
                User.withUsername("carol").password("{noop}" + PASSWORD).roles("GUEST").build());
    }
}
