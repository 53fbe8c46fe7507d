package dev.vigil.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Monitor;
import dev.vigil.api.ApiRequest;
import dev.vigil.api.ApiResponse;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthResult;
import dev.vigil.test.MutableClock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionResult;
import dev.vigil.action.ActionSeverity;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The servlet over real HTTP in an embedded Tomcat, with no Spring anywhere. */
class MonitorServletTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final BodyReadCounter bodies = new BodyReadCounter();
    private final AtomicInteger cacheClears = new AtomicInteger();
    private final AtomicInteger connectionClears = new AtomicInteger();
    private Monitor monitor;
    private TomcatHost tomcat;
    private String base;

    @BeforeEach
    void start() throws Exception {
        monitor = Monitor.builder()
                .clock(clock)
                .version("9.9.9")
                .adminToken("t0ken")
                .healthCheck(HealthCheckRegistration.of("db", () -> HealthResult.up().withDetail("latencyMs", 2)))
                .healthCheck(HealthCheckRegistration.builder("search", () -> HealthResult.down("index missing"))
                        .critical(false).build())
                .action(ActionRegistration.builder("clear_cache", context -> {
                    cacheClears.incrementAndGet();
                    return ActionResult.succeeded("cleared");
                }).build())
                .action(ActionRegistration.builder("clear_connections", context -> {
                    connectionClears.incrementAndGet();
                    return ActionResult.succeeded("evicted");
                }).severity(ActionSeverity.CRITICAL).build())
                .build();
        monitor.queryService((sql, maxRows, who) -> Map.of("rows", List.of(List.of(maxRows)), "who", who));
        monitor.health().runDue().join();

        tomcat = TomcatHost.start("/shop", monitor.api(), bodies);
        base = tomcat.base();
    }

    @AfterEach
    void stop() throws Exception {
        tomcat.close();
        monitor.close();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthSummaryOverRealHttp() throws Exception {
        HttpResponse<String> response = get("/api/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("status").asText()).isEqualTo("degraded");
        assertThat(body.get("version").asText()).isEqualTo("9.9.9");
        assertThat(body.has("services")).isFalse();
    }

    @Test
    void detailsWithTheAdminToken() throws Exception {
        HttpResponse<String> response = get("/api/health", "Authorization", "Bearer t0ken");

        JsonNode services = json.readTree(response.body()).get("services");
        assertThat(services).hasSize(2);
        assertThat(services.get(1).get("error").asText()).isEqualTo("index missing");
    }

    @Test
    void servletBytesAreTheApiBytes() throws Exception {
        HttpResponse<String> response = get("/api/health", "Authorization", "Bearer t0ken");
        ApiResponse direct = monitor.api().handle(ApiRequest.of("GET", "/api/health", Map.of("Authorization", "Bearer t0ken")));

        assertThat(response.body()).isEqualTo(direct.bodyText());
    }

    private HttpResponse<String> post(String path, HttpRequest.BodyPublisher body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).POST(body);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode adminPost(String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = post(path, HttpRequest.BodyPublishers.ofString(body),
                "Authorization", "Bearer t0ken", "Content-Type", "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return json.readTree(response.body());
    }

    /** A body of unknown length, which the client sends chunked. */
    private static HttpRequest.BodyPublisher chunked(int bytes) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[bytes]));
    }

    @Test
    void validActionRunsOverRealHttp() throws Exception {
        JsonNode outcome = adminPost("/api/admin/trigger-action", "{\"action\": \"clear_cache\"}", 200);

        assertThat(outcome.get("status").asText()).isEqualTo("succeeded");
        assertThat(outcome.get("who").asText()).isEqualTo("admin-token");
        assertThat(cacheClears).hasValue(1);
        assertThat(adminPost("/api/admin/run-query?ignored=1", "{\"query\": \"SELECT 1\", \"maxRows\": 5}", 200)
                .get("rows").get(0).get(0).asInt()).isEqualTo(5);
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        HttpResponse<String> response = post("/api/admin/trigger-action",
                HttpRequest.BodyPublishers.ofString("action=clear_cache"),
                "Authorization", "Bearer t0ken", "Content-Type", "application/x-www-form-urlencoded");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json.readTree(response.body()).get("error").asText()).isEqualTo("unsupported_media_type");
        assertThat(bodies.bytesRead()).isZero();
        assertThat(cacheClears).hasValue(0);
    }

    @Test
    void badJsonIs400WithTheFieldAtFault() throws Exception {
        assertThat(adminPost("/api/admin/trigger-action", "{\"action\": ", 400).get("error").asText()).isEqualTo("malformed_json");
        assertThat(adminPost("/api/admin/trigger-action", "{\"action\": \"clear_cache\"} trailing", 400).get("error").asText())
                .isEqualTo("malformed_json");
        JsonNode unknown = adminPost("/api/admin/trigger-action", "{\"action\": \"clear_cache\", \"by\": \"ceo\"}", 400);
        assertThat(unknown.get("field").asText()).isEqualTo("by");
        assertThat(unknown.get("message").asText()).isEqualTo("unknown field 'by'; allowed: action, params, approvalToken");
        JsonNode fraction = adminPost("/api/admin/run-query", "{\"query\": \"SELECT 1\", \"maxRows\": 5.5}", 400);
        assertThat(fraction.get("field").asText()).isEqualTo("maxRows");
        assertThat(fraction.fieldNames()).toIterable().containsExactly("error", "message", "field");
        assertThat(cacheClears).hasValue(0);
    }

    @Test
    void duplicateKeyIs400AndRunsNothing() throws Exception {
        JsonNode refused = adminPost("/api/admin/trigger-action", "{\"action\":\"clear_cache\",\"action\":\"clear_connections\"}", 400);

        assertThat(refused.get("error").asText()).isEqualTo("duplicate_field");
        assertThat(refused.get("field").asText()).isEqualTo("action");
        assertThat(cacheClears).hasValue(0);
        assertThat(connectionClears).hasValue(0);
    }

    @Test
    void oversizedBodyIsRefusedWith413Unread() throws Exception {
        HttpResponse<String> response = post("/api/admin/trigger-action",
                HttpRequest.BodyPublishers.ofByteArray(new byte[MonitorServlet.MAX_BODY_BYTES + 1]),
                "Authorization", "Bearer t0ken", "Content-Type", "application/json");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json.readTree(response.body()).get("error").asText()).isEqualTo("payload_too_large");
        assertThat(bodies.bytesRead()).isZero();
    }

    @Test
    void oversizedChunkedBodyIsReadNoFurtherThanTheCap() throws Exception {
        HttpResponse<String> response = post("/api/admin/trigger-action", chunked(1024 * 1024),
                "Authorization", "Bearer t0ken", "Content-Type", "application/json");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(bodies.bytesRead()).isPositive().isLessThanOrEqualTo(MonitorServlet.MAX_BODY_BYTES + 1L);
    }

    @Test
    void unauthenticatedRequestIs401WithTheBodyUnread() throws Exception {
        HttpResponse<String> declared = post("/api/admin/trigger-action",
                HttpRequest.BodyPublishers.ofByteArray(new byte[MonitorServlet.MAX_BODY_BYTES + 1]),
                "Content-Type", "application/json");
        HttpResponse<String> chunked = post("/api/admin/trigger-action", chunked(256 * 1024),
                "Authorization", "Bearer wrong", "Content-Type", "application/json");
        HttpResponse<String> form = post("/api/admin/trigger-action",
                HttpRequest.BodyPublishers.ofString("action=clear_cache&x=" + "y".repeat(1000)),
                "Content-Type", "application/x-www-form-urlencoded");

        for (HttpResponse<String> response : List.of(declared, chunked, form)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(json.readTree(response.body()).get("error").asText()).isEqualTo("unauthorized");
        }
        assertThat(bodies.bytesRead()).isZero();
        assertThat(cacheClears).hasValue(0);
    }

    @Test
    void acknowledgementNeedsNoBody() throws Exception {
        HttpResponse<String> response = post("/api/admin/alerts/no-such-alert/ack", HttpRequest.BodyPublishers.noBody(),
                "Authorization", "Bearer t0ken");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    }

    @Test
    void unknownAdminPathIsJson404AndWrongMethodIs405() throws Exception {
        assertThat(get("/api/admin/nope", "Authorization", "Bearer t0ken").statusCode()).isEqualTo(404);
        HttpResponse<String> delete = http.send(HttpRequest.newBuilder(URI.create(base + "/api/health")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(405);
    }

    @Test
    void criticalCheckDownMakesThe503() throws Exception {
        monitor.health().register(HealthCheckRegistration.of("payments", () -> HealthResult.down("gateway refused")));
        monitor.health().runDue().join();

        HttpResponse<String> response = get("/api/health");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json.readTree(response.body()).get("status").asText()).isEqualTo("down");
    }

}
