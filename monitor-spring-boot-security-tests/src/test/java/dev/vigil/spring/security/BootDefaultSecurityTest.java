package dev.vigil.spring.security;

import static dev.vigil.testing.http.Browser.basic;
import static dev.vigil.testing.http.Browser.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.http.Browser;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import dev.vigil.spring.boot.VigilHttpSecurityCustomizer;

/**
 * A host with no chain of its own: Spring Boot's default security (one user from {@code spring.security.user.*})
 * and Actuator's chain stay in force beside Vigil's, and a {@link VigilHttpSecurityCustomizer} changes Vigil's
 * chain only.
 */
@SpringBootTest(classes = BootDefaultSecurityTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"monitor.checks.disk.enabled=false", "monitor.metrics.system=false",
                "monitor.admin.token=" + HostParts.ADMIN_TOKEN, "monitor.security.roles.operator=ADMIN",
                "spring.security.user.name=ops", "spring.security.user.password=" + HostParts.PASSWORD,
                "spring.security.user.roles=ADMIN"})
class BootDefaultSecurityTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(HostParts.class)
    static class App {

        @Bean
        VigilHttpSecurityCustomizer markVigilResponses() {
            return http -> http.headers(headers -> headers.addHeaderWriter(new StaticHeadersWriter("X-Vigil-Chain", "yes")));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void vigilsChainStandsBesideBootsAndActuatorsChains() {
        Map<String, SecurityFilterChain> chains = context.getBeansOfType(SecurityFilterChain.class);

        assertThat(chains).containsKey("vigilSecurityFilterChain").containsKey("managementSecurityFilterChain");
    }

    @Test
    void hostAndActuatorRulesStayAsBootMadeThem() throws Exception {
        Browser script = Browser.script(port);

        assertThat(script.get("/other").statusCode()).isEqualTo(401);
        assertThat(script.get("/other", bearer(HostParts.ADMIN_TOKEN)).statusCode()).isEqualTo(401);
        assertThat(script.get("/other", basic("ops", HostParts.PASSWORD)).body()).isEqualTo("host content");
        assertThat(script.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(script.get("/actuator/env").statusCode()).isEqualTo(401);
    }

    @Test
    void customizerChangesVigilsChainOnly() throws Exception {
        Browser script = Browser.script(port);

        HttpResponse<String> health = script.get("/api/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("X-Vigil-Chain")).hasValue("yes");
        assertThat(script.get("/other", basic("ops", HostParts.PASSWORD)).headers().firstValue("X-Vigil-Chain")).isEmpty();
    }

    @Test
    void bootsUserGetsTheMappedRoleAndTokensStillWork() throws Exception {
        Browser script = Browser.script(port);

        HttpResponse<String> operations = script.get("/api/admin/operations", basic("ops", HostParts.PASSWORD));
        assertThat(operations.statusCode()).isEqualTo(200);
        assertThat(operations.body()).contains("\"trigger-action\"");
        assertThat(script.get("/api/admin/alerts", bearer(HostParts.ADMIN_TOKEN)).statusCode()).isEqualTo(200);
        assertThat(script.get("/api/admin/alerts", bearer("wrong-token")).statusCode()).isEqualTo(401);
    }
}
