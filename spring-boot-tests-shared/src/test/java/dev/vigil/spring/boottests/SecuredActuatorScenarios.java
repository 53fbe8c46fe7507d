package dev.vigil.spring.boottests;

import static dev.vigil.testing.http.Browser.basic;
import static dev.vigil.testing.http.Browser.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testing.http.Browser;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionResult;
import dev.vigil.metrics.MetricCollector;
import dev.vigil.metrics.MetricSample;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Vigil in a fresh Spring Boot application with Spring Security, Actuator and Prometheus, over real HTTP. The host
 * secures its routes as a typical application does (form login and HTTP Basic for in-memory users, Actuator's
 * health endpoint open, everything else authenticated) and maps its role ADMIN to Vigil's admin. Vigil's health is
 * public, its token works without a CSRF token, host users get the Vigil role their role maps to, session changes
 * need the CSRF cookie's token, the host's routes stay protected, and the Prometheus scrape has Vigil's gauges and
 * one request timer per request. The same scenarios run on Boot 4.1 / Security 7.1 (monitor-spring-boot4-tests)
 * and on Boot 3.5.16 / Security 6.5.11 (monitor-spring-boot3-tests); each module's subclass builds the host's
 * chain with its line's {@code EndpointRequest} and imports {@link HostParts}.
 */
public abstract class SecuredActuatorScenarios {

    /** What the host has besides its security chain: users, a collector, an action and a route of its own. */
    @Configuration(proxyBeanMethods = false)
    public static class HostParts {

        /** alice has the host's role ADMIN (mapped to Vigil's admin), carol only GUEST (mapped to nothing). */
        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("alice").password("{noop}" + PASSWORD).roles("ADMIN").build(),
                    User.withUsername("carol").password("{noop}" + PASSWORD).roles("GUEST").build());
        }

        /** Exported as vigil.business.orders.open{collector="orders",region="eu"}. */
        @Bean
        MetricCollector orders() {
            return () -> List.of(MetricSample.of("orders.open", 7, "region", "eu"));
        }

        @Bean
        ActionRegistration clearCache() {
            return ActionRegistration.builder("clear_cache", context -> ActionResult.succeeded("cleared")).build();
        }

        @RestController
        static class Greetings {
            @GetMapping("/hello")
            String hello() {
                return "hello";
            }
        }
    }

    protected static final String PASSWORD = "s3cret-pass";
    private static final String TRIGGER = "{\"action\": \"clear_cache\"}";
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Value("${monitor.admin.token}")
    String token;

    @Test
    void healthApiIsPublicAndAsksForNoBasicCredentials() throws Exception {
        HttpResponse<String> health = Browser.script(port).get("/api/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json.readTree(health.body()).path("status").asText()).isIn("healthy", "degraded");
        assertThat(health.headers().allValues("WWW-Authenticate")).noneMatch(value -> value.startsWith("Basic"));
    }

    @Test
    void vigilTokenReadsAndActsWithoutCsrfTokenAndAWrongOneIs401() throws Exception {
        Browser script = Browser.script(port);

        assertThat(script.get("/api/admin/alerts", bearer(token)).statusCode()).isEqualTo(200);
        HttpResponse<String> triggered = script.postJson("/api/admin/trigger-action", TRIGGER, bearer(token));
        assertThat(triggered.statusCode()).as(triggered.body()).isEqualTo(200);
        assertThat(triggered.body()).contains("\"status\":\"succeeded\"").contains("\"who\":\"admin-token\"");

        HttpResponse<String> wrong = script.get("/api/admin/alerts", bearer("wrong-token"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"vigil\"");
        assertThat(script.postJson("/api/admin/trigger-action", TRIGGER, bearer("wrong-token")).statusCode())
                .isEqualTo(401);
        assertThat(script.get("/api/admin/alerts").statusCode()).as("no credentials").isEqualTo(401);
    }

    @Test
    void hostUsersGetTheVigilRoleTheirRoleMapsTo() throws Exception {
        Browser script = Browser.script(port);

        HttpResponse<String> alice = script.get("/api/admin/system-health", basic("alice", PASSWORD));
        assertThat(alice.statusCode()).as(alice.body()).isEqualTo(200);

        HttpResponse<String> carol = script.get("/api/admin/alerts", basic("carol", PASSWORD));
        assertThat(carol.statusCode()).isEqualTo(403);
        assertThat(carol.body()).contains("\"forbidden\"").contains("carol");

        assertThat(script.get("/api/admin/alerts", basic("alice", "wrong-password")).statusCode()).isEqualTo(401);
    }

    @Test
    void sessionChangesNeedTheCsrfCookiesToken() throws Exception {
        Browser alice = Browser.browser(port);
        HttpResponse<String> login = alice.logIn("alice", PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));

        assertThat(alice.get("/api/admin/alerts").statusCode()).isEqualTo(200);
        String csrf = alice.cookie("XSRF-TOKEN").orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));

        HttpResponse<String> withoutToken = alice.postJson("/api/admin/trigger-action", TRIGGER);
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withoutToken.body()).contains("\"error\":\"csrf_token_invalid\"");

        HttpResponse<String> triggered = alice.postJson("/api/admin/trigger-action", TRIGGER, "X-XSRF-TOKEN", csrf);
        assertThat(triggered.statusCode()).as(triggered.body()).isEqualTo(200);
        assertThat(triggered.body()).contains("\"status\":\"succeeded\"").contains("\"who\":\"alice\"");
    }

    @Test
    void hostRoutesStayProtectedAndActuatorHealthShowsVigil() throws Exception {
        Browser script = Browser.script(port);

        assertThat(script.get("/hello").statusCode()).isEqualTo(401);
        assertThat(script.get("/hello", bearer(token)).statusCode()).as("Vigil's token opens nothing of the host")
                .isEqualTo(401);
        assertThat(script.get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(script.get("/hello", basic("carol", PASSWORD)).body()).isEqualTo("hello");

        await().atMost(DEADLINE).untilAsserted(() -> {
            HttpResponse<String> health = script.get("/actuator/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            JsonNode vigil = json.readTree(health.body()).path("components").path("vigil");
            assertThat(vigil.path("status").asText()).isEqualTo("UP");
            assertThat(vigil.path("components").path("database").path("status").asText()).isEqualTo("UP");
        });
    }

    @Test
    void prometheusHasVigilGaugesAndOneTimerSeriesCountPerRequest() throws Exception {
        Browser script = Browser.script(port);
        String[] alice = basic("alice", PASSWORD);
        double before = count(script.get("/actuator/prometheus", alice).body(), "uri=\"/hello\"");

        for (int i = 0; i < 4; i++) {
            assertThat(script.get("/hello", alice).statusCode()).isEqualTo(200);
        }

        await().atMost(DEADLINE).untilAsserted(() -> {
            HttpResponse<String> scrape = script.get("/actuator/prometheus", alice);
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("vigil_health_status{check=\"database\"} 1.0")
                    .contains("vigil_health_overall ")
                    .contains("vigil_alerts_active{severity=\"critical\",state=\"firing\"} ")
                    .contains("vigil_business_orders_open{collector=\"orders\",region=\"eu\"} 7.0");
            assertThat(count(scrape.body(), "uri=\"/hello\"")).isEqualTo(before + 4);
        });
        String scrape = script.get("/actuator/prometheus", alice).body();
        assertThat(scrape).doesNotContain("http_route_requests");
        assertThat(scrape.lines().filter(line -> line.startsWith("http_server_requests_seconds_count{")
                && line.contains("uri=\"/hello\"") && line.contains("status=\"200\"")).count())
                .as("one series for the successful calls").isEqualTo(1);
    }

    /** The sum of the http_server_requests_seconds_count samples whose labels contain {@code label}, successful ones. */
    private static double count(String scrape, String label) {
        return scrape.lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{") && line.contains(label)
                        && line.contains("status=\"200\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
