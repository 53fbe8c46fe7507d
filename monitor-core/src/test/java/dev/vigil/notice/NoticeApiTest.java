package dev.vigil.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Monitor;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertRules;
import dev.vigil.alert.AlertSettings;
import dev.vigil.api.ApiRequest;
import dev.vigil.api.ApiResponse;
import dev.vigil.api.MonitorApi;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthResult;
import dev.vigil.metrics.LatestValue;
import dev.vigil.metrics.MetricSample;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The public notice API, the beacon and the script, through a monitor. */
class NoticeApiTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicReference<HealthResult> storage = new AtomicReference<>(HealthResult.up());
    private final AtomicReference<Double> uploadErrors = new AtomicReference<>(0.0);
    private Monitor monitor = monitor(NoticeSettings.builder()
            .area(NoticeArea.of("media-upload", "/media-upload", "/api/uploads").withChecks("media-storage"))
            .sampleRate(0.5)
            .beaconRateLimit(3, 100)
            .build());

    private Monitor monitor(NoticeSettings settings) {
        return Monitor.builder()
                .clock(clock)
                .bindSystemMeters(false)
                .systemMetrics(false, Path.of("."))
                .alertSettings(AlertSettings.builder().evaluationInterval(Duration.ofSeconds(15)).build())
                .healthCheck(HealthCheckRegistration.of("media-storage", storage::get))
                .metricCollector("uploads", () -> List.of(
                        MetricSample.of("http.route.error.ratio", uploadErrors.get(), "route", "/api/uploads/{id}")))
                .notices(settings)
                .build();
    }

    @AfterEach
    void stop() {
        monitor.close();
    }

    private ApiResponse get(String path, String rawQuery) {
        return monitor.api().handle(new ApiRequest("GET", path, ApiRequest.parseQuery(rawQuery), Map.of(), new byte[0]));
    }

    private ApiResponse beacon(String body, String address) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        return monitor.api().handle(new ApiRequest("POST", "/api/notices/beacon", Map.of(), headers,
                body.getBytes(StandardCharsets.UTF_8)).withRemoteAddress(address));
    }

    private JsonNode body(ApiResponse response) throws Exception {
        return json.readTree(response.body());
    }

    @Test
    void inactiveAnswerIsMinimalPublicAndCachedForAFewSeconds() throws Exception {
        ApiResponse response = get("/api/notices", "path=/media-upload");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("Cache-Control", "public, max-age=5");
        assertThat(body(response).toString()).isEqualTo("{\"active\":false,\"sampleRate\":0.5}");
    }

    @Test
    void activeAnswerNamesAreaMessageAndSinceButNothingInternal() throws Exception {
        storage.set(HealthResult.down("bucket s3://media unreachable: Connection refused"));
        monitor.health().runNow("media-storage").join();
        monitor.alerts().evaluate();
        monitor.notices().refresh();

        ApiResponse response = get("/api/notices", "path=%2Fmedia-upload%2F42");

        JsonNode answer = body(response);
        assertThat(answer.get("active").asBoolean()).isTrue();
        assertThat(answer.get("area").asText()).isEqualTo("media-upload");
        assertThat(answer.get("message").asText()).isEqualTo(NoticeSettings.DEFAULT_MESSAGE);
        assertThat(answer.get("since").asText()).isEqualTo(clock.instant().toString());
        assertThat(answer.size()).isEqualTo(5); // active, area, message, since, sampleRate
        assertThat(response.bodyText()).doesNotContain("media-storage", "bucket", "refused", "down");
        assertThat(response.headers()).containsEntry("Cache-Control", "public, max-age=5");
        assertThat(body(get("/api/notices", "path=/media-uploads")).get("active").asBoolean()).isFalse();
    }

    @Test
    void badPathsAreRefusedWith400() throws Exception {
        assertThat(get("/api/notices", "").status()).isEqualTo(400);
        assertThat(body(get("/api/notices", "")).get("field").asText()).isEqualTo("path");
        ApiResponse relative = get("/api/notices", "path=media-upload");
        assertThat(relative.status()).isEqualTo(400);
        assertThat(body(relative).get("error").asText()).isEqualTo("invalid_field");
        assertThat(get("/api/notices", "path=/" + "a".repeat(dev.vigil.api.endpoints.NoticeEndpoints.MAX_PATH)).status()).isEqualTo(400);
        assertThat(get("/api/notices", "path=/a%0Ab").status()).isEqualTo(400);
    }

    @Test
    void noticeTurnsActiveWithinOneEvaluationIntervalAndInactiveAfterRecovery() {
        monitor.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> monitor.alerts().lastEvaluation().isPresent());

        storage.set(HealthResult.down("unreachable"));
        monitor.health().runNow("media-storage").join();
        assertThat(monitor.notices().notice("/media-upload")).as("not before the next evaluation").isEmpty();

        clock.advance(Duration.ofSeconds(15));
        await().atMost(Duration.ofSeconds(30)).until(() -> monitor.notices().notice("/media-upload").isPresent());

        storage.set(HealthResult.up());
        monitor.health().runNow("media-storage").join();
        clock.advance(Duration.ofSeconds(15));
        await().atMost(Duration.ofSeconds(30)).until(() -> monitor.notices().notice("/media-upload").isEmpty());
    }

    @Test
    void beaconRecordsPageLoadsUnderTheirTemplateIntoTheHistory() {
        assertThat(beacon("{\"path\":\"/media-upload/42?x=1\",\"loadMs\":4200}", "10.0.0.1").status()).isEqualTo(204);
        assertThat(beacon("{\"path\":\"/orders/123/items/550e8400-e29b-41d4-a716-446655440000\",\"loadMs\":800}", "10.0.0.1")
                .status()).isEqualTo(204);

        assertThat(monitor.pageLoads().pages()).containsExactlyInAnyOrder("/media-upload", "/orders/{id}/items/{id}");
        monitor.metrics().collectNow().join();
        List<LatestValue> p95 = monitor.metrics().store().latest(PageLoads.P95, Map.of("page", "/media-upload"));
        assertThat(p95).hasSize(1);
        assertThat(p95.get(0).value()).isBetween(4000.0, 4500.0);
        assertThat(monitor.meterRegistry().get(PageLoads.METER).tag("page", "/media-upload").timer().count()).isEqualTo(1);
    }

    @Test
    void slowPagesFireThePageLoadRule() {
        for (int i = 0; i < 3; i++) {
            assertThat(beacon("{\"path\":\"/media-upload\",\"loadMs\":5000}", "10.0.0." + i).status()).isEqualTo(204);
        }
        monitor.metrics().collectNow().join();
        monitor.alerts().evaluate();

        assertThat(monitor.alerts().active()).filteredOn(alert -> alert.rule().equals(AlertRules.PAGE_LOAD_WARNING))
                .singleElement().satisfies(alert -> {
                    assertThat(alert.labels()).containsEntry("page", "/media-upload");
                    assertThat(alert.message()).startsWith("p95 page load 5").endsWith("on /media-upload above 3s");
                });
    }

    @Test
    void beaconBodiesAreStrictlyValidated() throws Exception {
        assertThat(beacon("{\"path\":\"/a\"}", "a").status()).isEqualTo(400);
        assertThat(beacon("{\"path\":\"/a\",\"loadMs\":-1}", "a").status()).isEqualTo(400);
        assertThat(beacon("{\"path\":\"/a\",\"loadMs\":600001}", "a").status()).isEqualTo(400);
        assertThat(beacon("{\"path\":\"/a\",\"loadMs\":12.5}", "a").status()).isEqualTo(400);
        assertThat(beacon("{\"path\":\"a\",\"loadMs\":1}", "b").status()).isEqualTo(400);
        assertThat(beacon("{\"path\":\"/" + "a".repeat(200) + "\",\"loadMs\":1}", "b").status()).isEqualTo(400);
        assertThat(beacon("{\"path\":\"/a\",\"loadMs\":1,\"user\":\"x\"}", "c").status()).isEqualTo(400);
        ApiResponse huge = beacon("{\"path\":\"/a\",\"loadMs\":1,\"pad\":\"" + "x".repeat(MonitorApi.MAX_BODY_BYTES) + "\"}", "c");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(body(huge).get("error").asText()).isEqualTo("payload_too_large");
        assertThat(monitor.pageLoads().pages()).isEmpty();
    }

    @Test
    void beaconIsRateLimitedPerClientAddressWithRetryAfter() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(beacon("{\"path\":\"/a\",\"loadMs\":10}", "10.0.0.9").status()).isEqualTo(204);
        }
        ApiResponse limited = beacon("{\"path\":\"/a\",\"loadMs\":10}", "10.0.0.9");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers()).containsEntry("Retry-After", "20");
        assertThat(body(limited).get("error").asText()).isEqualTo("too_many_requests");
        assertThat(beacon("{\"path\":\"/a\",\"loadMs\":10}", "10.0.0.10").status()).as("another client").isEqualTo(204);
        clock.advance(Duration.ofSeconds(20));
        assertThat(beacon("{\"path\":\"/a\",\"loadMs\":10}", "10.0.0.9").status()).isEqualTo(204);
        assertThat(monitor.pageLoads().count("/a")).isEqualTo(5);
    }

    @Test
    void beaconHasAGlobalCapToo() {
        monitor.close();
        monitor = monitor(NoticeSettings.builder().beaconRateLimit(100, 2).build());
        assertThat(beacon("{\"path\":\"/a\",\"loadMs\":10}", "1").status()).isEqualTo(204);
        assertThat(beacon("{\"path\":\"/a\",\"loadMs\":10}", "2").status()).isEqualTo(204);
        ApiResponse limited = beacon("{\"path\":\"/a\",\"loadMs\":10}", "3");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers()).containsEntry("Retry-After", "1");
    }

    @Test
    void pageTemplatesAreCapped() {
        monitor.close();
        monitor = monitor(NoticeSettings.builder().maxPages(2).beaconRateLimit(100, 100).build());
        for (String page : List.of("/a", "/b", "/c", "/d")) {
            assertThat(beacon("{\"path\":\"" + page + "\",\"loadMs\":10}", "1").status()).isEqualTo(204);
        }
        assertThat(monitor.pageLoads().pages()).containsExactlyInAnyOrder("/a", "/b", PageLoads.OTHER);
        assertThat(monitor.pageLoads().count(PageLoads.OTHER)).isEqualTo(2);
    }

    @Test
    void disabledNoticesServeNothing() {
        monitor.close();
        monitor = monitor(NoticeSettings.builder().enabled(false).build());
        assertThat(get("/api/notices", "path=/a").status()).isEqualTo(404);
        assertThat(get("/api/notices.js", "").status()).isEqualTo(404);
        assertThat(beacon("{\"path\":\"/a\",\"loadMs\":10}", "1").status()).isEqualTo(404);
    }

    @Test
    void scriptIsServedAsJavaScriptWithoutEval() {
        ApiResponse script = get("/api/notices.js", "");

        assertThat(script.status()).isEqualTo(200);
        assertThat(script.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(script.headers()).containsEntry("X-Content-Type-Options", "nosniff");
        assertThat(script.bodyText()).contains("role", "aria-live", "sendBeacon", "keepalive", "getEntriesByType(\"navigation\")")
                .doesNotContain("eval(", "new Function", "innerHTML", "setAttribute(\"style\"", "cssText");
    }

    @Test
    void areaAlertSaysHowManyUsersWereAffected() {
        NoticeArea area = monitor.notices().settings().areas().get(0);
        for (String user : List.of("ann", "bob", "cid", "ann")) {
            monitor.notices().recordUser(area, user);
        }
        uploadErrors.set(0.25);
        monitor.metrics().collectNow().join();
        monitor.alerts().evaluate();
        monitor.notices().refresh();

        Alert alert = monitor.alerts().active().stream().filter(found -> found.rule().equals(AreaErrorRule.NAME))
                .findFirst().orElseThrow();
        assertThat(alert.message()).isEqualTo("API errors on /api/uploads/{id} have exceeded safe thresholds (error rate 25%"
                + " over 5m). Impact detected for 3 users.");
        assertThat(alert.labels()).containsEntry("area", "media-upload");
        assertThat(monitor.notices().notice("/media-upload")).isPresent();
    }
}
