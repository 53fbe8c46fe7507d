package dev.vigil.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import dev.vigil.api.ApiRequest;
import dev.vigil.security.AdminAuthenticator;
import dev.vigil.security.Caller;
import dev.vigil.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Wiring of Vigil's Spring Security support without Spring Boot's security auto-configuration (the module
 * {@code monitor-spring-boot-security-tests} runs it in secured services over HTTP).
 */
class VigilSecurityAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withPropertyValues("monitor.metrics.system=false", "monitor.checks.disk.enabled=false",
                    "monitor.admin.token=t0k3n", "monitor.security.roles.admin=ADMIN", "monitor.security.roles.read=OPS")
            .withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class, VigilWebAutoConfiguration.class,
                    VigilSecurityAutoConfiguration.class));

    private static ApiRequest signedIn(String name, String... authorities) {
        return ApiRequest.of("GET", "/api/admin/alerts", Map.of()).withUserPrincipal(
                UsernamePasswordAuthenticationToken.authenticated(name, null, AuthorityUtils.createAuthorityList(authorities)));
    }

    @Test
    void withoutSpringSecuritysWebConfigurationThereIsNoChain() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean("vigilSecurityFilterChain");
            assertThat(context.getBeansOfType(SecurityFilterChain.class)).isEmpty();
        });
    }

    @Test
    void adminAuthenticatorMapsSignedInUsersAfterTheTokens() {
        runner.run(context -> {
            AdminAuthenticator authenticator = context.getBean(AdminAuthenticator.class);

            assertThat(authenticator.authenticate(signedIn("alice", "ROLE_ADMIN")).orElseThrow().roles())
                    .containsExactly(Role.ADMIN);
            assertThat(authenticator.authenticate(signedIn("bob", "ROLE_OPS")).orElseThrow().roles())
                    .containsExactly(Role.READ);
            Caller byToken = authenticator.authenticate(ApiRequest.of("GET", "/api/admin/alerts",
                    Map.of("Authorization", "Bearer t0k3n")).withUserPrincipal(
                    UsernamePasswordAuthenticationToken.authenticated("bob", null, AuthorityUtils.NO_AUTHORITIES)))
                    .orElseThrow();
            assertThat(byToken.id()).as("the token wins").isEqualTo(AdminAuthenticator.ADMIN_TOKEN_CALLER_ID);
        });
    }

    @Test
    void withoutSpringSecurityOnlyTheTokensAuthenticate() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.security")).run(context -> {
            AdminAuthenticator authenticator = context.getBean(AdminAuthenticator.class);

            assertThat(authenticator).isInstanceOf(dev.vigil.security.BearerTokens.class);
            assertThat(context).doesNotHaveBean("vigilSecurityFilterChain");
        });
    }
}
