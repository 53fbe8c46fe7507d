package dev.vigil.spring.security;

import static dev.vigil.testing.http.Browser.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.http.Browser;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A resource server configured by properties alone ({@code spring.security.oauth2.resourceserver.jwt.public-key-location}),
 * with no chain of its own: Spring Boot's resource-server chain still secures the host's routes beside Vigil's.
 */
@SpringBootTest(classes = JwtPropertiesOnlySecurityTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"monitor.checks.disk.enabled=false", "monitor.metrics.system=false",
                "monitor.admin.token=" + HostParts.ADMIN_TOKEN, "monitor.security.roles.admin=SCOPE_monitor.admin"})
class JwtPropertiesOnlySecurityTest {

    private static final KeyPair KEYS = TestJwts.rsaKeys();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(HostParts.class)
    static class App {
    }

    @DynamicPropertySource
    static void publicKey(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location",
                () -> TestJwts.publicKeyPem(KEYS).toUri().toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void bootsResourceServerChainKeepsTheHostsRoutesClosed() throws Exception {
        Browser script = Browser.script(port);
        String token = TestJwts.jwt("erin@example.com", "monitor.admin", KEYS);

        assertThat(context.getBeansOfType(SecurityFilterChain.class)).hasSizeGreaterThanOrEqualTo(2)
                .containsKey("vigilSecurityFilterChain");
        assertThat(script.get("/other").statusCode()).isEqualTo(401);
        assertThat(script.get("/other", bearer(HostParts.ADMIN_TOKEN)).statusCode()).isEqualTo(401);
        assertThat(script.get("/other", bearer(token)).body()).isEqualTo("host content");
        assertThat(script.get("/api/health").statusCode()).isEqualTo(200);
    }

    @Test
    void jwtAndVigilTokenBothReachVigil() throws Exception {
        Browser script = Browser.script(port);
        String token = TestJwts.jwt("erin@example.com", "monitor.admin", KEYS);

        HttpResponse<String> triggered = script.postJson("/api/admin/trigger-action", "{\"action\": \"clear_cache\"}",
                bearer(token));
        assertThat(triggered.statusCode()).isEqualTo(200);
        assertThat(triggered.body()).contains("\"who\":\"erin@example.com\"");
        assertThat(script.get("/api/admin/alerts", bearer(HostParts.ADMIN_TOKEN)).statusCode()).isEqualTo(200);
        assertThat(script.get("/api/admin/alerts", bearer("wrong-token")).statusCode()).isEqualTo(401);
    }
}
