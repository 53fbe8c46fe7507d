package dev.vigil.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Monitor;
import dev.vigil.api.ApiRequest;
import dev.vigil.api.ApiResponse;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthResult;
import dev.vigil.test.MutableClock;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The servlet over real HTTP in an embedded Tomcat, with no Spring anywhere. */
class MonitorServletTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Monitor monitor;
    private Tomcat tomcat;
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
                .build();
        monitor.health().runDue().join();

        File baseDir = Files.createTempDirectory("vigil-tomcat").toFile();
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.getAbsolutePath());
        tomcat.setPort(0);
        Context context = tomcat.addContext("/shop", baseDir.getAbsolutePath());
        Tomcat.addServlet(context, "vigil", new MonitorServlet(monitor.api()));
        monitor.api().mappings().forEach(mapping -> context.addServletMappingDecoded(mapping, "vigil"));
        tomcat.start();
        base = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/shop";
    }

    @AfterEach
    void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
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

    @Test
    void oversizedBodyIsRefusedWith413() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/admin/anything"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[MonitorServlet.MAX_BODY_BYTES + 1]))
                .header("Content-Type", "application/json")
                .build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json.readTree(response.body()).get("error").asText()).isEqualTo("payload_too_large");
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
