package dev.vigil.spring.boottests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Monitor;
import dev.vigil.servlet.RequestTracingFilter;
import dev.vigil.servlet.RouteStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * Vigil in a fresh Spring Boot application with Actuator and Prometheus, over real HTTP: the database check,
 * Vigil in /actuator/health and Actuator's indicators in Vigil without duplicates, Vigil's gauges in
 * /actuator/prometheus, one request timer per request, own paths out of the route statistics, and no meter
 * registered twice. The same scenarios run on Boot 4.1 (monitor-spring-boot4-tests) and on Boot 3.5.16
 * (monitor-spring-boot3-tests): each module's subclass names its application and the annotations its line needs.
 */
@ExtendWith(OutputCaptureExtension.class)
public abstract class ActuatorScenarios {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Value("${local.server.port}")
    int port;

    @Value("${monitor.admin.token}")
    String token;

    @Autowired
    Monitor monitor;

    @Autowired
    FilterRegistrationBean<RequestTracingFilter> vigilRequestTracingFilter;

    @Test
    void databaseCheckRunsAndIsReportedByTheHealthApi() {
        await().atMost(DEADLINE).untilAsserted(() -> {
            JsonNode health = json.readTree(get("/api/health", token).body());
            assertThat(service(health, "database")).as("database in %s", health).isNotNull();
            assertThat(service(health, "database").path("status").asText()).isEqualTo("up");
        });
    }

    @Test
    void actuatorHealthShowsVigilAndVigilImportsActuatorIndicatorsWithoutDuplicates() throws Exception {
        await().atMost(DEADLINE).until(() -> monitor.health().latest("database").isPresent()
                && monitor.health().latest("actuator.payments").isPresent()
                && get("/actuator/health", null).statusCode() == 200);
        HttpResponse<String> response = get("/actuator/health", null);
        JsonNode components = json.readTree(response.body()).path("components");
        JsonNode vigil = components.path("vigil");
        assertThat(vigil.path("status").asText()).isEqualTo("UP");
        assertThat(vigil.path("components").path("database").path("status").asText()).isEqualTo("UP");
        assertThat(vigil.path("components").path("database").path("details").path("status").asText()).isEqualTo("up");
        List<String> shown = new ArrayList<>();
        vigil.path("components").fieldNames().forEachRemaining(shown::add);
        assertThat(shown).contains("database", "disk").noneMatch(name -> name.startsWith("actuator."));
        assertThat(components.has("payments")).isTrue();

        assertThat(monitor.health().names()).contains("actuator.payments")
                .doesNotContain("actuator.db", "actuator.diskSpace", "actuator.vigil", "actuator.ping");
        assertThat(monitor.health().latest("actuator.payments").orElseThrow().details()).containsEntry("provider", "test");
    }

    @Test
    void prometheusHasVigilGaugesAndOneTimerPerRequest(CapturedOutput output) throws Exception {
        for (int i = 1; i <= 3; i++) {
            assertThat(get("/hello/" + i, null).statusCode()).isEqualTo(200);
        }
        await().atMost(DEADLINE).untilAsserted(() -> {
            String scrape = get("/actuator/prometheus", null).body();
            assertThat(scrape).contains("vigil_health_status{check=\"database\"} 1.0")
                    .contains("vigil_health_overall ")
                    .contains("vigil_alerts_active{severity=\"critical\",state=\"firing\"} ")
                    .contains("vigil_business_orders_open{collector=\"orders\",region=\"eu\"} 7.0");
            assertThat(count(scrape, "http_server_requests_seconds_count", "uri=\"/hello/{id}\"")).isEqualTo(3.0);
        });
        String scrape = get("/actuator/prometheus", null).body();
        assertThat(scrape).doesNotContain("http_route_requests");
        assertThat(scrape.lines().filter(line -> line.startsWith("jvm_gc_max_data_size_bytes ")).count()).isEqualTo(1);

        List<String> routes = vigilRequestTracingFilter.getFilter().statistics().snapshot().stream()
                .map(RouteStatistics::route).toList();
        assertThat(routes).contains("/hello/{id}").noneMatch(route -> route.startsWith("/actuator"))
                .noneMatch(route -> route.startsWith("/api/"));
        assertThat(output.getAll()).doesNotContain("has been already registered")
                .doesNotContain("registration has failed");
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode service(JsonNode health, String name) {
        for (JsonNode service : health.path("services")) {
            if (service.path("name").asText().equals(name)) {
                return service;
            }
        }
        return null;
    }

    /** The sum of the samples of {@code metric} whose labels contain {@code label}. */
    private static double count(String scrape, String metric, String label) {
        return scrape.lines()
                .filter(line -> line.startsWith(metric + "{") && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
