package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The demo over real HTTP on a real port, as a user or a load balancer would see it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"monitor.health.interval=1s", "monitor.admin.token=test-token"})
class DemoServiceTest {

    private static final int PORT = freePort();
    private static final int MANAGEMENT_PORT = freePort();
    private static final String TOKEN = "Bearer test-token";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("management.server.port", () -> MANAGEMENT_PORT);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void clearFaults() throws Exception {
        send(HttpRequest.newBuilder(uri("/demo/faults")).DELETE().header("Authorization", TOKEN));
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + PORT + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> health(String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/health"));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    private HttpResponse<String> postFault(String body) throws Exception {
        return send(HttpRequest.newBuilder(uri("/demo/faults")).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", TOKEN));
    }

    @Test
    void publicHealthIsTheSeedShapeWithoutDetails() throws Exception {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> response = health();
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = json.readTree(response.body());
            assertThat(body.get("status").asText()).isEqualTo("healthy");
            assertThat(body.fieldNames()).toIterable().containsExactly("status", "timestamp", "uptime", "version");
            assertThat(body.get("version").asText()).isEqualTo("0.1.0-SNAPSHOT");
            assertThat(body.get("uptime").isIntegralNumber()).isTrue();
        });
    }

    @Test
    void adminSeesEveryServiceWithTimings() throws Exception {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode services = json.readTree(health("Authorization", TOKEN).body()).get("services");
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
        assertThat(postFault("{\"check\": \"payments-gateway\", \"status\": \"down\"}").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            HttpResponse<String> response = health();
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(json.readTree(response.body()).get("status").asText()).isEqualTo("down");
        });
    }

    @Test
    void forcingANonCriticalCheckDownOnlyDegrades() throws Exception {
        postFault("{\"check\": \"media-storage\", \"status\": \"down\"}");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            HttpResponse<String> response = health();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json.readTree(response.body()).get("status").asText()).isEqualTo("degraded");
        });
    }

    @Test
    void aFailingRouteTurnsItsHttpCheckDown() throws Exception {
        postFault("{\"route\": \"/portal\", \"errorRate\": 1.0}");

        assertThat(send(HttpRequest.newBuilder(uri("/portal"))).statusCode()).isEqualTo(500);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode services = json.readTree(health("Authorization", TOKEN).body()).get("services");
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
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("/demo/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"check\": \"database\", \"status\": \"down\"}"))
                .header("Content-Type", "application/json"));
        assertThat(anonymous.statusCode()).isEqualTo(401);

        assertThat(postFault("{\"route\": \"/portal\", \"errorRate\": 7}").statusCode()).isEqualTo(400);
        assertThat(postFault("{\"check\": \"database\", \"status\": \"sideways\"}").statusCode()).isEqualTo(400);
        assertThat(postFault("{not json").statusCode()).isEqualTo(400);
    }

    @Test
    void routesServeRealData() throws Exception {
        HttpResponse<String> bookings = send(HttpRequest.newBuilder(uri("/bookings")));
        assertThat(bookings.statusCode()).isEqualTo(200);
        assertThat(json.readTree(bookings.body())).hasSizeGreaterThanOrEqualTo(3);

        HttpResponse<String> upload = send(HttpRequest.newBuilder(uri("/media-upload")).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(json.readTree(upload.body()).get("status").asText()).isEqualTo("stored");
    }
}
