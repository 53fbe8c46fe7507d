package dev.vigil.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerTokensTest {

    private final BearerTokens tokens = BearerTokens.builder()
            .adminToken("shared-secret")
            .token("grafana", "read-secret", Role.READ)
            .token("deploy-bot", "ingest-secret", Role.INGEST)
            .token("alice", "alice-secret", Role.OPERATOR)
            .build();

    private static AuthenticationRequest request(String authorization) {
        return new AuthenticationRequest() {
            @Override
            public String method() {
                return "GET";
            }

            @Override
            public String path() {
                return "/api/admin/metrics";
            }

            @Override
            public Optional<String> header(String name) {
                return name.equalsIgnoreCase("Authorization") ? Optional.ofNullable(authorization) : Optional.empty();
            }

            @Override
            public Optional<String> queryParam(String name) {
                return Optional.empty();
            }
        };
    }

    @Test
    void eachTokenIsItsCallerWithItsRoles() {
        Caller grafana = tokens.authenticate(request("Bearer read-secret")).orElseThrow();
        assertThat(grafana.id()).isEqualTo("grafana");
        assertThat(grafana.roles()).containsExactly(Role.READ);
        assertThat(grafana.identifiesPerson()).isTrue();
        assertThat(grafana.authenticatedBy()).isEqualTo(Caller.BY_BEARER_TOKEN);

        Caller shared = tokens.authenticate(request("bearer  shared-secret ")).orElseThrow();
        assertThat(shared.id()).isEqualTo(AdminAuthenticator.ADMIN_TOKEN_CALLER_ID);
        assertThat(shared.identifiesPerson()).isFalse();
        assertThat(shared.has(Role.INGEST)).isTrue();

        assertThat(tokens.authenticate(request("Bearer ingest-secret")).orElseThrow().roles()).containsExactly(Role.INGEST);
        assertThat(tokens.callers()).extracting(Caller::id).containsExactly("admin-token", "grafana", "deploy-bot", "alice");
    }

    @Test
    void wrongMissingOrMalformedCredentialsAreNobody() {
        for (String header : new String[] {"Bearer wrong", "Bearer read-secretx", "Basic read-secret", "read-secret",
                "Bearer ", "Bearer"}) {
            assertThat(tokens.authenticate(request(header))).as(header).isEmpty();
        }
        assertThat(tokens.authenticate(request(null))).isEmpty();
        assertThat(BearerTokens.builder().build().authenticate(request("Bearer anything"))).isEmpty();
    }

    @Test
    void badTokenSetsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> BearerTokens.builder().token("a", "same", Role.READ).token("b", "same", Role.ADMIN))
                .hasMessageContaining("monitor.admin.tokens.b.token is the same token as monitor.admin.tokens.a.token");
        assertThatThrownBy(() -> BearerTokens.builder().token("Bad Name", "x", Role.READ))
                .hasMessageContaining("monitor.admin.tokens.Bad Name");
        assertThatThrownBy(() -> BearerTokens.builder().token("admin-token", "x", Role.READ))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BearerTokens.builder().token("ci", "x"))
                .hasMessageContaining("monitor.admin.tokens.ci.roles");
        assertThatThrownBy(() -> BearerTokens.builder().token("ci", "  ", Role.READ))
                .hasMessageContaining("monitor.admin.tokens.ci.token must not be blank");
        assertThatThrownBy(() -> AdminAuthenticator.bearerToken(" "))
                .hasMessageContaining("monitor.admin.token must not be blank");
        assertThatThrownBy(() -> BearerTokens.builder().token("ci", "one", Role.READ).token("ci", "two", Role.READ))
                .hasMessageContaining("already set");
    }

    @Test
    void authenticatorsComposeWithOr() {
        AdminAuthenticator sso = request -> request.header("X-User").map(Caller::person);
        AdminAuthenticator both = tokens.or(sso);

        assertThat(both.authenticate(request("Bearer read-secret")).orElseThrow().id()).isEqualTo("grafana");
        assertThat(AdminAuthenticator.DENY_ALL.or(tokens).authenticate(request("Bearer alice-secret")).orElseThrow().id())
                .isEqualTo("alice");
        assertThat(both.authenticate(request(null))).isEmpty();
        assertThat(tokens.toString()).doesNotContain("secret");
        assertThat(Map.of("tokens", tokens).toString()).doesNotContain("secret");
    }
}
