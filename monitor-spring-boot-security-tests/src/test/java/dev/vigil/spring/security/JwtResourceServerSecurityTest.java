package dev.vigil.spring.security;

import static dev.vigil.testing.http.Browser.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.http.Browser;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A host that is an OAuth2 resource server: a JWT's scopes ({@code SCOPE_...} authorities) become Vigil roles
 * through {@code monitor.security.roles.*}; JWT calls need no CSRF token; Vigil's own bearer token still reaches
 * Vigil instead of being taken for a malformed JWT.
 */
@SpringBootTest(classes = JwtResourceServerSecurityTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"monitor.checks.disk.enabled=false", "monitor.metrics.system=false",
                "monitor.admin.token=" + HostParts.ADMIN_TOKEN,
                "monitor.security.roles.admin=SCOPE_monitor.admin", "monitor.security.roles.read=SCOPE_monitor.read"})
class JwtResourceServerSecurityTest {

    private static final KeyPair KEYS = TestJwts.rsaKeys();
    private static final KeyPair OTHER_KEYS = TestJwts.rsaKeys();
    private static final String TRIGGER = "{\"action\": \"clear_cache\"}";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(HostParts.class)
    static class App {

        @Bean
        SecurityFilterChain hostChain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()));
            return http.build();
        }

        @Bean
        JwtDecoder jwtDecoder() {
            return NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
        }
    }

    @LocalServerPort
    int port;

    @Test
    void healthIsPublicAndHostRoutesStayClosed() throws Exception {
        Browser script = Browser.script(port);

        assertThat(script.get("/api/health").statusCode()).isEqualTo(200);
        assertThat(script.get("/other").statusCode()).isEqualTo(401);
        assertThat(script.get("/other", bearer(HostParts.ADMIN_TOKEN)).statusCode()).isEqualTo(401);
        assertThat(script.get("/other", bearer(jwt("dana", "monitor.read", KEYS))).body()).isEqualTo("host content");
    }

    @Test
    void jwtWithMappedAdminScopeReadsAndTriggersWithoutCsrf() throws Exception {
        Browser script = Browser.script(port);
        String token = jwt("erin@example.com", "openid monitor.admin", KEYS);

        assertThat(script.get("/api/admin/alerts", bearer(token)).statusCode()).isEqualTo(200);
        HttpResponse<String> triggered = script.postJson("/api/admin/trigger-action", TRIGGER, bearer(token));

        assertThat(triggered.statusCode()).isEqualTo(200);
        assertThat(triggered.body()).contains("\"who\":\"erin@example.com\"");
        assertThat(script.get("/api/admin/audit?who=erin@example.com", bearer(token)).body())
                .contains("\"subject\":\"clear_cache\"");
    }

    @Test
    void jwtWithReadScopeReadsButVigilRefusesItsChanges() throws Exception {
        Browser script = Browser.script(port);
        String token = jwt("dana", "monitor.read", KEYS);

        assertThat(script.get("/api/admin/alerts", bearer(token)).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = script.postJson("/api/admin/trigger-action", TRIGGER, bearer(token));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"forbidden\"").contains("dana has");
    }

    @Test
    void jwtWithoutMappedScopeIsForbiddenByVigil() throws Exception {
        HttpResponse<String> refused = Browser.script(port).get("/api/admin/alerts", bearer(jwt("frank", "profile", KEYS)));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"forbidden\"");
    }

    @Test
    void jwtSignedByAnotherKeyIs401() throws Exception {
        HttpResponse<String> refused = Browser.script(port).get("/api/admin/alerts",
                bearer(jwt("erin@example.com", "monitor.admin", OTHER_KEYS)));

        assertThat(refused.statusCode()).isEqualTo(401);
    }

    @Test
    void vigilTokenReadsAndActsWithoutCsrfAndAWrongOneIs401() throws Exception {
        Browser script = Browser.script(port);

        assertThat(script.get("/api/admin/alerts", bearer(HostParts.ADMIN_TOKEN)).statusCode()).isEqualTo(200);
        HttpResponse<String> triggered = script.postJson("/api/admin/trigger-action", TRIGGER, bearer(HostParts.ADMIN_TOKEN));
        assertThat(triggered.statusCode()).isEqualTo(200);
        assertThat(triggered.body()).contains("\"who\":\"admin-token\"");

        assertThat(script.get("/api/admin/alerts", bearer("wrong-token")).statusCode()).isEqualTo(401);
        assertThat(script.postJson("/api/admin/trigger-action", TRIGGER, bearer("wrong-token")).statusCode()).isEqualTo(401);
    }

    private static String jwt(String subject, String scope, KeyPair keys) throws Exception {
        return TestJwts.jwt(subject, scope, keys);
    }
}
