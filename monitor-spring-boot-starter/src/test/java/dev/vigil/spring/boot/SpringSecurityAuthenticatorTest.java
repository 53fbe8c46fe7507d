package dev.vigil.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.vigil.api.ApiRequest;
import dev.vigil.security.Caller;
import dev.vigil.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

class SpringSecurityAuthenticatorTest {

    private final SpringSecurityAuthenticator authenticator = SpringSecurityAuthenticator.of(Map.of(
            Role.ADMIN, List.of("ADMIN"),
            Role.READ, List.of("OPS", "SCOPE_monitor.read"),
            Role.OPERATOR, List.of("ROLE_ONCALL")));

    private Optional<Caller> callerOf(Principal principal) {
        return authenticator.authenticate(ApiRequest.of("GET", "/api/admin/alerts", Map.of()).withUserPrincipal(principal));
    }

    private static UsernamePasswordAuthenticationToken user(String name, String... authorities) {
        return UsernamePasswordAuthenticationToken.authenticated(name, null, AuthorityUtils.createAuthorityList(authorities));
    }

    @Test
    void roleNamesMatchWithAndWithoutTheRolePrefix() {
        assertThat(callerOf(user("alice", "ROLE_ADMIN"))).get().satisfies(caller -> {
            assertThat(caller.id()).isEqualTo("alice");
            assertThat(caller.kind()).isEqualTo(Caller.Kind.PERSON);
            assertThat(caller.roles()).containsExactly(Role.ADMIN);
            assertThat(caller.authenticatedBy()).isEqualTo("spring-security");
        });
        assertThat(callerOf(user("bob", "OPS")).orElseThrow().roles()).containsExactly(Role.READ);
        assertThat(callerOf(user("dana", "SCOPE_monitor.read")).orElseThrow().roles()).containsExactly(Role.READ);
        assertThat(callerOf(user("olga", "ROLE_ONCALL")).orElseThrow().roles()).containsExactly(Role.OPERATOR);
        assertThat(callerOf(user("olga", "ONCALL")).orElseThrow().roles()).as("ROLE_ONCALL names exactly that authority")
                .isEmpty();
    }

    @Test
    void rolesAddUpAndOtherAuthoritiesAreIgnored() {
        UsernamePasswordAuthenticationToken mixed = UsernamePasswordAuthenticationToken.authenticated("erin", null, List.of(
                new SimpleGrantedAuthority("ROLE_OPS"), new SimpleGrantedAuthority("ROLE_ONCALL"),
                FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)));

        assertThat(callerOf(mixed).orElseThrow().roles()).containsExactlyInAnyOrder(Role.READ, Role.OPERATOR);
    }

    @Test
    void userWithNoMappedAuthorityIsKnownButHasNoRole() {
        Caller carol = callerOf(user("carol", "ROLE_GUEST",
                FactorGrantedAuthority.PASSWORD_AUTHORITY)).orElseThrow();

        assertThat(carol.isAnonymous()).isFalse();
        assertThat(carol.roles()).isEmpty();
    }

    @Test
    void nobodySignedInAnonymousOrForeignPrincipalsAreNotRecognised() {
        assertThat(authenticator.authenticate(ApiRequest.of("GET", "/api/admin/alerts", Map.of()))).isEmpty();
        assertThat(callerOf(new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ADMIN")))).isEmpty();
        assertThat(callerOf(UsernamePasswordAuthenticationToken.unauthenticated("alice", "pw"))).isEmpty();
        assertThat(callerOf(() -> "container-user")).as("a container's principal carries no authorities").isEmpty();
        assertThat(callerOf(user("x".repeat(Caller.MAX_ID_LENGTH + 1), "ROLE_ADMIN"))).isEmpty();
    }

    @Test
    void blankAuthorityNameIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> SpringSecurityAuthenticator.of(Map.of(Role.READ, List.of(" "))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monitor.security.roles.read");
    }
}
