package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The demo over real HTTP on a real port, as a user or a load balancer would see it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"monitor.health.interval=1s", "monitor.admin.token=test-token"})
class DemoServiceTest {

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
    void publicHealthIsTheSeedShapeWithoutDetails() throws Exception {
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
