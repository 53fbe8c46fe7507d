package dev.vigil.spring.security;

import static dev.vigil.testing.http.Browser.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.http.Browser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/** A host that defines {@code vigilSecurityFilterChain} itself: the starter's chain backs off and the host's rules apply. */
@SpringBootTest(classes = ReplacedVigilChainTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"monitor.checks.disk.enabled=false", "monitor.metrics.system=false",
                "monitor.admin.token=" + HostParts.ADMIN_TOKEN})
class ReplacedVigilChainTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(HostParts.class)
    static class App {

        /** Vigil's API for clients on the host's allow list only: here, nobody. */
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        SecurityFilterChain vigilSecurityFilterChain(HttpSecurity http) throws Exception {
            http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/api/**"))
                    .authorizeHttpRequests(requests -> requests.anyRequest().denyAll())
                    .httpBasic(basic -> { });
            return http.build();
        }

        /** A chain of its own switches Spring Boot's default off: the host then secures its other routes itself. */
        @Bean
        SecurityFilterChain hostChain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated()).httpBasic(basic -> { });
            return http.build();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void theHostsOwnVigilChainDecides() throws Exception {
        Browser script = Browser.script(port);

        assertThat(context.getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys("vigilSecurityFilterChain", "hostChain");
        assertThat(script.get("/api/health").statusCode()).as("denied to everyone by the host's rule").isEqualTo(401);
        assertThat(script.get("/api/admin/alerts", bearer(HostParts.ADMIN_TOKEN)).statusCode()).isEqualTo(401);
        assertThat(script.get("/other").statusCode()).isEqualTo(401);
    }
}
