package dev.vigil.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionResult;
import dev.vigil.action.ActionSeverity;
import dev.vigil.servlet.BodyReadCounter;
import dev.vigil.servlet.MonitorServlet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** The admin API as the starter serves it, over real HTTP: strict bodies, read only after authentication. */
@SpringBootTest(classes = VigilApiHttpTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"monitor.admin.token=http-token", "monitor.checks.disk.enabled=false", "monitor.metrics.system=false"})
class VigilApiHttpTest {

    /** A host with two actions, and a filter in front of everything that counts the body bytes read. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        final AtomicInteger cacheClears = new AtomicInteger();
        final AtomicInteger connectionClears = new AtomicInteger();
        final BodyReadCounter bodies = new BodyReadCounter();

        @Bean
        FilterRegistrationBean<BodyReadCounter> bodyReadCounter() {
            FilterRegistrationBean<BodyReadCounter> registration = new FilterRegistrationBean<>(bodies);
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        @Bean
        ActionRegistration clearCache() {
            return ActionRegistration.builder("clear_cache", context -> {
                cacheClears.incrementAndGet();
                return ActionResult.succeeded("cleared");
            }).build();
        }

        @Bean
        ActionRegistration clearConnections() {
            return ActionRegistration.builder("clear_connections", context -> {
                connectionClears.incrementAndGet();
                return ActionResult.succeeded("evicted");
            }).severity(ActionSeverity.CRITICAL).build();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    App app;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void reset() {
        app.bodies.reset();
        app.cacheClears.set(0);
        app.connectionClears.set(0);
    }

    private HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).method(method, body);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode admin(String method, String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = send(method, path, HttpRequest.BodyPublishers.ofString(body),
                "Authorization", "Bearer http-token", "Content-Type", "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return json.readTree(response.body());
    }

    @Test
    void validTriggerRunsAsTheSharedTokenCaller() throws Exception {
        JsonNode outcome = admin("POST", "/api/admin/trigger-action", "{\"action\": \"clear_cache\"}", 200);

        assertThat(outcome.get("who").asText()).isEqualTo("admin-token");
        assertThat(app.cacheClears).hasValue(1);
        assertThat(app.bodies.bytesRead()).isEqualTo("{\"action\": \"clear_cache\"}".length()); // the counter sees reads
    }

    @Test
    void badBodiesAreRefusedPrecisely() throws Exception {
        HttpResponse<String> text = send("POST", "/api/admin/trigger-action",
                HttpRequest.BodyPublishers.ofString("{\"action\": \"clear_cache\"}"),
                "Authorization", "Bearer http-token", "Content-Type", "text/plain");
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(admin("POST", "/api/admin/trigger-action", "{\"action\": \"clear", 400).get("error").asText())
                .isEqualTo("malformed_json");
        assertThat(admin("POST", "/api/admin/trigger-action", "{\"action\": \"clear_cache\"}{}", 400).get("error").asText())
                .isEqualTo("malformed_json");
        assertThat(admin("POST", "/api/admin/trigger-action", "{\"action\": \"clear_cache\", \"by\": \"x\"}", 400)
                .get("field").asText()).isEqualTo("by");
        JsonNode fraction = admin("PUT", "/api/admin/config/actions.max-per-hour", "{\"value\": 5.5}", 400);
        assertThat(fraction.get("field").asText()).isEqualTo("value");
        assertThat(fraction.get("message").asText()).isEqualTo("value must be an integer; got 5.5");
        JsonNode duplicate = admin("POST", "/api/admin/trigger-action",
                "{\"action\":\"clear_cache\",\"action\":\"clear_connections\"}", 400);
        assertThat(duplicate.get("error").asText()).isEqualTo("duplicate_field");
        assertThat(duplicate.get("field").asText()).isEqualTo("action");
        assertThat(app.cacheClears).hasValue(0);
        assertThat(app.connectionClears).hasValue(0);
    }

    @Test
    void unauthenticatedRequestIs401WithItsBodyUnread() throws Exception {
        HttpResponse<String> oversized = send("POST", "/api/admin/trigger-action",
                HttpRequest.BodyPublishers.ofByteArray(new byte[MonitorServlet.MAX_BODY_BYTES + 1]),
                "Content-Type", "application/json");
        HttpResponse<String> chunked = send("PUT", "/api/admin/config/actions.kill-switch",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[100_000])),
                "Authorization", "Bearer nope", "Content-Type", "application/json");

        assertThat(oversized.statusCode()).isEqualTo(401);
        assertThat(chunked.statusCode()).isEqualTo(401);
        assertThat(app.bodies.bytesRead()).isZero();
    }

    @Test
    void oversizedBodyIs413Unread() throws Exception {
        HttpResponse<String> response = send("POST", "/api/admin/silences",
                HttpRequest.BodyPublishers.ofByteArray(new byte[MonitorServlet.MAX_BODY_BYTES + 1]),
                "Authorization", "Bearer http-token", "Content-Type", "application/json");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json.readTree(response.body()).get("error").asText()).isEqualTo("payload_too_large");
        assertThat(app.bodies.bytesRead()).isZero();
    }

    @Test
    void approvalWithTheSharedTokenSaysItCannotTellPeopleApart() throws Exception {
        JsonNode pending = admin("POST", "/api/admin/trigger-action", "{\"action\": \"clear_connections\"}", 202);

        JsonNode approved = admin("POST", "/api/admin/trigger-action", "{\"action\": \"clear_connections\", \"approvalToken\": \""
                + pending.get("approvalToken").asText() + "\"}", 200);

        assertThat(approved.get("approvalNote").asText()).contains("cannot tell two people apart");
        assertThat(app.connectionClears).hasValue(1);
    }
}
