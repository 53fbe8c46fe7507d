package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.servlet.BodyReadCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The demo over real HTTP on a real port, as a user or a load balancer would see it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"monitor.health.interval=1s", "monitor.admin.token=test-token"})
@ExtendWith(OutputCaptureExtension.class)
class DemoServiceTest {

    /** Counts the request body bytes anything reads, in front of every other filter. */
    @TestConfiguration
    static class CountBodies {
        @Bean
        BodyReadCounter bodyReadCounter() {
            return new BodyReadCounter();
        }

        @Bean
        FilterRegistrationBean<BodyReadCounter> bodyReadCounterRegistration(BodyReadCounter counter) {
            FilterRegistrationBean<BodyReadCounter> registration = new FilterRegistrationBean<>(counter);
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }

    @Autowired
    private BodyReadCounter bodies;

    private static final int PORT = DemoClient.freePort();
    private static final int MANAGEMENT_PORT = DemoClient.freePort();

    private final DemoClient demo = new DemoClient(PORT, "test-token");
    private final String token = demo.authorization();

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("management.server.port", () -> MANAGEMENT_PORT);
    }

    @AfterEach
    void clearFaults() throws Exception {
        demo.clearFaults();
    }

    private HttpResponse<String> health(String... headers) throws Exception {
        return demo.get("/api/health", headers);
    }

    @Test
    void publicHealthHasItsDocumentedShapeWithoutDetails() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> response = health();
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = demo.json(response.body());
            assertThat(body.get("status").asText()).isEqualTo("healthy");
            assertThat(body.fieldNames()).toIterable().containsExactly("status", "timestamp", "uptime", "version");
            assertThat(body.get("version").asText()).isEqualTo("0.1.0-SNAPSHOT");
            assertThat(body.get("uptime").isIntegralNumber()).isTrue();
        });
    }

    @Test
    void adminSeesEveryServiceWithTimings() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode services = demo.json(health("Authorization", token).body()).get("services");
            assertThat(services).isNotNull();
            assertThat(services.findValuesAsText("name"))
                    .contains("payments-gateway", "media-storage", "database", "disk", "memory", "portal");
            for (JsonNode service : services) {
                assertThat(service.get("lastCheck").isNull()).as(service.toString()).isFalse();
                assertThat(service.get("responseTime").isIntegralNumber()).isTrue();
                assertThat(service.get("status").asText()).isIn("up", "degraded");
            }
        });
    }

    @Test
    void vigilKeepsItsStateInTheJdbcStore() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode store = demo.admin("/api/admin/system-health").get("store");
            assertThat(store.get("status").asText()).isEqualTo("up");
            assertThat(store.get("capacity").asInt()).isEqualTo(50_000); // only a shared store has a write buffer
            assertThat(store.get("written").asLong()).isPositive();
        });
    }

    @Test
    void forcingACriticalCheckDownTurnsHealthInto503WithinOneInterval() throws Exception {
        assertThat(demo.postFault("{\"check\": \"payments-gateway\", \"status\": \"down\"}").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> response = health();
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(demo.json(response.body()).get("status").asText()).isEqualTo("down");
        });
    }

    @Test
    void forcingANonCriticalCheckDownOnlyDegrades() throws Exception {
        demo.postFault("{\"check\": \"media-storage\", \"status\": \"down\"}");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> response = health();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(demo.json(response.body()).get("status").asText()).isEqualTo("degraded");
        });
    }

    @Test
    void aFailingRouteTurnsItsHttpCheckDown() throws Exception {
        demo.postFault("{\"route\": \"/portal\", \"errorRate\": 1.0}");

        assertThat(demo.send(HttpRequest.newBuilder(demo.uri("/portal"))).statusCode()).isEqualTo(500);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode services = demo.json(health("Authorization", token).body()).get("services");
            JsonNode portal = null;
            for (JsonNode service : services) {
                if (service.get("name").asText().equals("portal")) {
                    portal = service;
                }
            }
            assertThat(portal).isNotNull();
            assertThat(portal.get("status").asText()).isEqualTo("down");
            assertThat(portal.get("error").asText()).isEqualTo("expected HTTP 200, got 500");
        });
    }

    @Test
    void faultSwitchNeedsTheAdminTokenAndValidInput() throws Exception {
        HttpResponse<String> anonymous = demo.send(HttpRequest.newBuilder(demo.uri("/demo/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"check\": \"database\", \"status\": \"down\"}"))
                .header("Content-Type", "application/json"));
        assertThat(anonymous.statusCode()).isEqualTo(401);

        assertThat(demo.postFault("{\"route\": \"/portal\", \"errorRate\": 7}").statusCode()).isEqualTo(400);
        assertThat(demo.postFault("{\"check\": \"database\", \"status\": \"sideways\"}").statusCode()).isEqualTo(400);
        assertThat(demo.postFault("{not json").statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> fault(HttpRequest.BodyPublisher body, String... headers) throws Exception {
        return demo.send(HttpRequest.newBuilder(demo.uri("/demo/faults")).POST(body).headers(headers));
    }

    private JsonNode refusedFault(String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = demo.postFault(body);
        assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(expectedStatus);
        assertThat(response.body()).doesNotContain("dev.vigil", "java.", "Exception", "No enum constant");
        return demo.json(response.body());
    }

    @Test
    void faultSwitchReadsItsBodyStrictly() throws Exception {
        JsonNode bogus = refusedFault("{\"check\":\"payments-gateway\",\"status\":\"BOGUS\"}", 400);
        assertThat(bogus.get("error").asText()).isEqualTo("invalid_field");
        assertThat(bogus.get("field").asText()).isEqualTo("status");
        assertThat(bogus.get("message").asText()).isEqualTo("status must be one of up, degraded, down; got 'BOGUS'");

        assertThat(refusedFault("{\"check\":\"payments-gateway\",\"status\":\"down\",\"status\":\"up\"}", 400)
                .get("error").asText()).isEqualTo("duplicate_field");
        assertThat(refusedFault("{\"check\":\"payments-gateway\",\"status\":\"down\"} trailing", 400)
                .get("error").asText()).isEqualTo("malformed_json");
        JsonNode unknown = refusedFault("{\"check\":\"payments-gateway\",\"status\":\"down\",\"force\":true}", 400);
        assertThat(unknown.get("field").asText()).isEqualTo("force");
        assertThat(unknown.get("message").asText()).contains("allowed: route, errorRate, latencyMs, slowQueryMs, check, status");
        assertThat(refusedFault("{\"route\":\"/portal\",\"latencyMs\":5.5}", 400).get("field").asText()).isEqualTo("latencyMs");
        assertThat(refusedFault("{\"route\":\"/portal\",\"check\":\"database\",\"status\":\"down\"}", 400)
                .get("message").asText()).startsWith("send one fault");
        assertThat(refusedFault("{\"check\":\"database\"}", 400).get("field").asText()).isEqualTo("status");
        HttpResponse<String> text = fault(HttpRequest.BodyPublishers.ofString("{\"check\":\"database\",\"status\":\"down\"}"),
                "Authorization", token, "Content-Type", "text/plain");
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(demo.json(text.body()).get("error").asText()).isEqualTo("unsupported_media_type");

        JsonNode state = demo.json(demo.get("/demo/faults", "Authorization", token).body());
        assertThat(state.get("checks").size()).isZero();
        assertThat(state.get("routes").size()).isZero();
    }

    @Test
    void faultSwitchChecksTheTokenBeforeReadingAndCapsTheBody(CapturedOutput output) throws Exception {
        bodies.reset();
        HttpResponse<String> anonymous = fault(HttpRequest.BodyPublishers.ofByteArray(new byte[1024 * 1024]),
                "Content-Type", "application/json");
        HttpResponse<String> anonymousBogus = fault(HttpRequest.BodyPublishers.ofString(
                "{\"check\":\"payments-gateway\",\"status\":\"BOGUS\"}"), "Content-Type", "application/json");
        HttpResponse<String> anonymousChunked = fault(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(new byte[512 * 1024])), "Content-Type", "application/json", "Authorization", "Bearer x");

        for (HttpResponse<String> response : List.of(anonymous, anonymousBogus, anonymousChunked)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(demo.json(response.body()).get("error").asText()).isEqualTo("unauthorized");
        }
        assertThat(bodies.bytesRead()).isZero();
        assertThat(output.getAll()).doesNotContain("BOGUS").doesNotContain("Resolved [").doesNotContain("HttpMessageNotReadable");

        HttpResponse<String> oversized = fault(HttpRequest.BodyPublishers.ofByteArray(new byte[FaultController.MAX_BODY_BYTES + 1]),
                "Authorization", token, "Content-Type", "application/json");
        assertThat(oversized.statusCode()).isEqualTo(413);
        assertThat(demo.json(oversized.body()).get("error").asText()).isEqualTo("payload_too_large");
        assertThat(bodies.bytesRead()).isZero();
        HttpResponse<String> chunked = fault(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(new byte[512 * 1024])), "Authorization", token, "Content-Type", "application/json");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(bodies.bytesRead()).isPositive().isLessThanOrEqualTo(FaultController.MAX_BODY_BYTES + 1L);
    }

    @Test
    void adminApiRunsNothingForADuplicatedActionKey() throws Exception {
        HttpResponse<String> response = demo.send(HttpRequest.newBuilder(demo.uri("/api/admin/trigger-action"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"clear_cache\",\"action\":\"clear_connections\"}"))
                .header("Content-Type", "application/json").header("Authorization", token));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(demo.json(response.body()).get("field").asText()).isEqualTo("action");
        assertThat(demo.admin("/api/admin/audit?type=action").get("entries").size()).isZero();
    }

    @Test
    void adminApiChecksTheTokenBeforeReadingTheBody() throws Exception {
        bodies.reset();
        HttpResponse<String> response = demo.send(HttpRequest.newBuilder(demo.uri("/api/admin/trigger-action"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1024 * 1024]))
                .header("Content-Type", "application/json"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(bodies.bytesRead()).isZero();
    }

    @Test
    void routesServeRealData() throws Exception {
        HttpResponse<String> bookings = demo.send(HttpRequest.newBuilder(demo.uri("/bookings")));
        assertThat(bookings.statusCode()).isEqualTo(200);
        assertThat(demo.json(bookings.body())).hasSizeGreaterThanOrEqualTo(3);

        HttpResponse<String> upload = demo.send(HttpRequest.newBuilder(demo.uri("/media-upload")).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(demo.json(upload.body()).get("status").asText()).isEqualTo("stored");
    }
}
