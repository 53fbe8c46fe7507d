package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Monitor;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthResult;
import dev.vigil.metrics.MetricSample;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdminApiTest {

    private static final Map<String, String> ADMIN = Map.of("Authorization", "Bearer t0k3n");
    private final MutableClock clock = MutableClock.atFixedStart();
    private final ObjectMapper json = new ObjectMapper();
    private final Monitor monitor = Monitor.builder()
            .clock(clock)
            .adminToken("t0k3n")
            .bindSystemMeters(false)
            .systemMetrics(true, Path.of("."))
            .healthCheck(HealthCheckRegistration.of("database", () -> HealthResult.up("query took 3 ms")
                    .withDetail("connections", 12).withDetail("maxConnections", 100)))
            .metricCollector("users", () -> List.of(MetricSample.of("users.total", 97),
                    MetricSample.of("users.active.today", 23)))
            .metricCollector("requests", () -> List.of(
                    MetricSample.of("http.route.error.ratio", 0.5, "route", "/media-upload", "platform", "tackle.io"),
                    MetricSample.of("http.route.error.ratio", 0.0, "route", "/bookings", "platform", "other.io")))
            .build();

    @AfterEach
    void stop() {
        monitor.close();
    }

    private JsonNode get(String path, Map<String, String> headers, int expectedStatus) throws Exception {
        String[] parts = path.split("\\?", 2);
        Map<String, List<String>> query = new java.util.HashMap<>();
        if (parts.length > 1) {
            for (String pair : parts[1].split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], List.of(kv[1]));
            }
        }
        ApiResponse response = monitor.api().handle(new ApiRequest("GET", parts[0], query, headers, new byte[0]));
        assertThat(response.status()).as(response.bodyText()).isEqualTo(expectedStatus);
        return json.readTree(response.body());
    }

    private void collectMinutes(int minutes) {
        for (int i = 0; i < minutes; i++) {
            monitor.metrics().collectNow().join();
            clock.advance(Duration.ofMinutes(1));
        }
    }

    @Test
    void adminEndpointsNeedTheToken() throws Exception {
        for (String path : List.of("/api/admin/metrics", "/api/admin/system-health", "/api/admin/anything")) {
            JsonNode anonymous = get(path, Map.of(), 401);
            assertThat(anonymous.get("error").asText()).isEqualTo("unauthorized");
            get(path, Map.of("Authorization", "Bearer wrong"), 401);
        }
        ApiResponse response = monitor.api().handle(ApiRequest.of("GET", "/api/admin/metrics", Map.of()));
        assertThat(response.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"vigil\"");
        assertThat(response.bodyText()).doesNotContain("t0k3n");
    }

    @Test
    void latestMetricsAreGroupedBySection() throws Exception {
        collectMinutes(1);

        JsonNode body = get("/api/admin/metrics", ADMIN, 200);

        assertThat(body.get("business").findValuesAsText("name")).contains("users.total", "users.active.today");
        assertThat(body.get("api").findValuesAsText("name")).contains("http.route.error.ratio");
        assertThat(body.get("system").findValuesAsText("name")).contains("jvm.memory.heap.usage", "disk.usage");
    }

    @Test
    void platformParameterFiltersLatestValuesAndSeries() throws Exception {
        collectMinutes(5);

        JsonNode latest = get("/api/admin/metrics?platform=tackle.io", ADMIN, 200);
        assertThat(latest.get("api")).hasSize(1);
        assertThat(latest.get("api").get(0).get("value").asDouble()).isEqualTo(0.5);

        JsonNode series = get("/api/admin/metrics?name=http.route.error.ratio&range=1h&step=1m&platform=tackle.io", ADMIN, 200);
        assertThat(series.get("series")).hasSize(1);
        assertThat(series.get("series").get(0).get("tags").get("route").asText()).isEqualTo("/media-upload");
        assertThat(series.get("series").get(0).get("points")).hasSize(5);
        assertThat(series.get("series").get(0).get("points").get(0).get(1).asDouble()).isEqualTo(0.5);
        assertThat(series.get("step").asText()).isEqualTo("1m");
    }

    @Test
    void badSeriesParametersAre400WithAReason() throws Exception {
        assertThat(get("/api/admin/metrics?name=x&range=forever", ADMIN, 400).get("message").asText())
                .contains("'forever' is not a duration");
        assertThat(get("/api/admin/metrics?name=x&range=90d", ADMIN, 400).get("message").asText())
                .contains("at most the retention");
        assertThat(get("/api/admin/metrics?name=x&range=30d&step=1s", ADMIN, 400).get("message").asText())
                .contains("at most 2000 points");
        assertThat(get("/api/admin/metrics?name=x&agg=median", ADMIN, 400).get("message").asText())
                .contains("agg must be one of");
    }

    @Test
    void registeredViewsAreServedToAdminsOnly() throws Exception {
        monitor.api().registerView("queries", () -> Map.of("top", List.of(Map.of("sql", "SELECT ?", "count", 3))));

        get("/api/admin/queries", Map.of(), 401);
        JsonNode body = get("/api/admin/queries", ADMIN, 200);

        assertThat(body.get("top").get(0).get("count").asInt()).isEqualTo(3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> monitor.api().registerView("metrics", Map::of))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void systemHealthListsJobsWithTheirChecks() throws Exception {
        monitor.jobs().expect("curation", dev.vigil.jobs.JobExpectation.maxAge(Duration.ofHours(2))
                .suggestedAction("start_curation"));
        monitor.jobs().run("curation", () -> { });
        clock.advance(Duration.ofHours(4));
        monitor.health().runDue().join();

        JsonNode job = get("/api/admin/system-health", ADMIN, 200).get("jobs").get(0);

        assertThat(job.get("name").asText()).isEqualTo("curation");
        assertThat(job.get("status").asText()).isEqualTo("idle");
        assertThat(job.get("check").get("status").asText()).isEqualTo("down");
        assertThat(job.get("check").get("error").asText()).isEqualTo("Curation hasn't run in 4.0 hours");
        assertThat(job.get("check").get("suggestedAction").asText()).isEqualTo("start_curation");
    }

    @Test
    void systemHealthHasDatabaseSystemAndBusinessSections() throws Exception {
        monitor.health().runDue().join();
        collectMinutes(2);

        JsonNode body = get("/api/admin/system-health", ADMIN, 200);

        assertThat(body.get("status").asText()).isEqualTo("healthy");
        assertThat(body.get("database").get("status").asText()).isEqualTo("healthy");
        assertThat(body.get("database").get("connections").asInt()).isEqualTo(12);
        assertThat(body.get("database").get("maxConnections").asInt()).isEqualTo(100);
        assertThat(body.get("users").get("total").asDouble()).isEqualTo(97);
        assertThat(body.get("users").get("activeToday").asDouble()).isEqualTo(23);
        assertThat(body.get("system").has("jvmMemoryHeapUsage")).isTrue();
        assertThat(body.has("requests")).isFalse(); // request metrics are not a business section
        assertThat(body.get("checks").get(0).get("name").asText()).isEqualTo("database");
    }
}
