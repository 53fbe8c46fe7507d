package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The demo's metrics end to end: real traffic in, /api/admin/metrics and Prometheus out. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "monitor.health.interval=1s", "monitor.metrics.collect-interval=1s", "monitor.admin.token=metrics-token",
        "monitor.jdbc.slow-query-threshold=200ms", "monitor.jobs.expect.curation.max-age=3s",
        "demo.curation.initial-delay=0s"})
@ExtendWith(OutputCaptureExtension.class)
class DemoMetricsTest {

    private static final int PORT = DemoClient.freePort();
    private static final int MANAGEMENT_PORT = DemoClient.freePort();

    private final DemoClient demo = new DemoClient(PORT, "metrics-token");

    @DynamicPropertySource
    static void ports(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("management.server.port", () -> MANAGEMENT_PORT);
    }

    @AfterEach
    void clearFaults() throws Exception {
        demo.clearFaults();
    }

    private JsonNode admin(String path) throws Exception {
        return demo.admin(path);
    }

    private void fault(String body) throws Exception {
        HttpResponse<String> response = demo.postFault(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static JsonNode find(JsonNode list, String name, String tag, String value) {
        for (JsonNode entry : list) {
            if (entry.get("name").asText().equals(name) && entry.has("tags")
                    && value.equals(entry.get("tags").path(tag).asText())) {
                return entry;
            }
        }
        return null;
    }

    @Test
    void halfFailingUploadsShowAsErrorRatioWithPercentilesAndRate() throws Exception {
        fault("{\"route\": \"/media-upload\", \"errorRate\": 0.5}");
        int failures = 0;
        for (int i = 0; i < 400; i++) {
            HttpResponse<String> response = demo.send(HttpRequest.newBuilder(demo.uri("/media-upload"))
                    .POST(HttpRequest.BodyPublishers.noBody()).header("X-Platform", "tackle.io"));
            failures += response.statusCode() == 500 ? 1 : 0;
        }
        double sentRatio = failures / 400.0;
        assertThat(sentRatio).isBetween(0.35, 0.65);

        // the sampler closes an interval every second: wait until every request of the burst is in the history
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(sum(admin(
                "/api/admin/metrics?name=http.route.requests&range=1h&step=1h&agg=sum&route=/media-upload")))
                .isEqualTo(400.0));

        // error ratio over the burst = per-interval ratios weighted by per-interval request counts
        JsonNode counts = points(admin("/api/admin/metrics?name=http.route.requests&range=10m&step=1s&route=/media-upload"));
        JsonNode ratios = points(admin("/api/admin/metrics?name=http.route.error.ratio&range=10m&step=1s&route=/media-upload"));
        assertThat(ratios).hasSameSizeAs(counts);
        double errors = 0;
        for (int i = 0; i < counts.size(); i++) {
            assertThat(ratios.get(i).get(0).asLong()).isEqualTo(counts.get(i).get(0).asLong());
            errors += ratios.get(i).get(1).asDouble() * counts.get(i).get(1).asDouble();
        }
        assertThat(errors / 400).isCloseTo(sentRatio, within(0.01));

        JsonNode api = admin("/api/admin/metrics").get("api");
        JsonNode p50 = find(api, "http.route.latency.p50", "route", "/media-upload");
        JsonNode p95 = find(api, "http.route.latency.p95", "route", "/media-upload");
        JsonNode p99 = find(api, "http.route.latency.p99", "route", "/media-upload");
        assertThat(find(api, "http.route.rps", "route", "/media-upload")).isNotNull();
        assertThat(p50.get("value").asDouble()).isPositive();
        assertThat(p95.get("value").asDouble()).isGreaterThanOrEqualTo(p50.get("value").asDouble());
        assertThat(p99.get("value").asDouble()).isGreaterThanOrEqualTo(p95.get("value").asDouble());
    }

    private static JsonNode points(JsonNode seriesResponse) {
        assertThat(seriesResponse.get("series")).hasSize(1);
        return seriesResponse.get("series").get(0).get("points");
    }

    private static double sum(JsonNode seriesResponse) {
        double sum = 0;
        for (JsonNode point : points(seriesResponse)) {
            sum += point.get(1).asDouble();
        }
        return sum;
    }

    @Test
    void platformParameterFiltersTheMetrics() throws Exception {
        for (int i = 0; i < 20; i++) {
            demo.send(HttpRequest.newBuilder(demo.uri("/portal")).header("X-Platform", "tackle.io"));
            demo.send(HttpRequest.newBuilder(demo.uri("/portal")).header("X-Platform", "other.io"));
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode api = admin("/api/admin/metrics?platform=tackle.io").get("api");
            assertThat(api).isNotEmpty();
            for (JsonNode entry : api) {
                assertThat(entry.get("tags").get("platform").asText()).isEqualTo("tackle.io");
            }
            assertThat(find(api, "http.route.rps", "route", "/portal")).isNotNull();
        });
    }

    @Test
    void tenThousandRandomPathsLeaveTheRouteCountCapped() throws Exception {
        Semaphore inFlight = new Semaphore(32);
        List<CompletableFuture<HttpResponse<Void>>> requests = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            inFlight.acquire();
            String path = "/scan/" + UUID.randomUUID().toString().substring(0, 8) + "/x" + i + "/probe.php";
            requests.add(demo.http().sendAsync(HttpRequest.newBuilder(demo.uri(path)).build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> inFlight.release()));
        }
        CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).join();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode routes = admin("/api/admin/metrics?name=http.route.requests&range=1h&step=1h&agg=sum").get("series");
            assertThat(routes.size()).isLessThanOrEqualTo(202);
            boolean notFoundSeen = false;
            for (JsonNode route : routes) {
                notFoundSeen |= route.get("tags").get("route").asText().equals("NOT_FOUND");
            }
            assertThat(notFoundSeen).isTrue();
        });
    }

    @Test
    void slowQueryIsCountedByShapeAndLoggedOnce(CapturedOutput output) throws Exception {
        fault("{\"route\": \"/bookings\", \"slowQueryMs\": 300}");
        for (int i = 0; i < 3; i++) {
            assertThat(demo.send(HttpRequest.newBuilder(demo.uri("/bookings"))).statusCode()).isEqualTo(200);
        }

        JsonNode queries = admin("/api/admin/queries");
        JsonNode slowShape = null;
        JsonNode bookingsShape = null;
        for (JsonNode shape : queries.get("statements")) {
            if (shape.get("sql").asText().equals("CALL SLEEP_MS(?)")) {
                slowShape = shape;
            }
            if (shape.get("sql").asText().startsWith("SELECT id, customer, slot FROM bookings")) {
                bookingsShape = shape;
            }
        }
        assertThat(slowShape).isNotNull();
        assertThat(slowShape.get("count").asLong()).isEqualTo(3);
        assertThat(slowShape.get("slow").asLong()).isEqualTo(3);
        assertThat(slowShape.get("p95Ms").asDouble()).isGreaterThan(250);
        assertThat(bookingsShape.get("count").asLong()).isGreaterThanOrEqualTo(1); // later reads come from the cache
        assertThat(output.getAll().split("CALL SLEEP_MS\\(\\?\\)", -1).length - 1).isEqualTo(1);
    }

    @Test
    void stoppedJobTurnsItsCheckRedWithTheSuggestedAction() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> admin("/api/admin/system-health").get("jobs").size() > 0
                && admin("/api/admin/system-health").get("jobs").get(0).get("totalRuns").asInt() >= 1);
        fault("{\"job\": \"curation\", \"paused\": true}");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode curation = null;
            for (JsonNode job : admin("/api/admin/system-health").get("jobs")) {
                if (job.get("name").asText().equals("curation")) {
                    curation = job;
                }
            }
            assertThat(curation).isNotNull();
            assertThat(curation.get("check").get("status").asText()).isEqualTo("down");
            assertThat(curation.get("check").get("error").asText()).startsWith("Curation hasn't run in");
            assertThat(curation.get("check").get("suggestedAction").asText()).isEqualTo("start_curation");
        });
    }

    @Test
    void prometheusExposesTheSameMeters() throws Exception {
        demo.send(HttpRequest.newBuilder(demo.uri("/bookings")));

        HttpResponse<String> scrape = demo.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/actuator/prometheus")));

        assertThat(scrape.statusCode()).isEqualTo(200);
        // Spring's http.server.requests times each request; Vigil does not add its own timer beside it
        assertThat(scrape.body()).contains("http_server_requests_seconds_count{", "uri=\"/bookings\"",
                "db_query_seconds_count{", "db_connection_acquire_seconds", "jobs_run_seconds_count{",
                "http_server_active", "vigil_health_status{check=\"database\"}", "vigil_health_overall")
                .doesNotContain("http_route_requests");
    }
}
