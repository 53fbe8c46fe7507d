package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Monitor;
import dev.vigil.health.HealthResult;
import dev.vigil.jobs.JobRun;
import dev.vigil.security.BearerTokens;
import dev.vigil.security.Role;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /jobs/runs} (the job timeline), {@code GET /checks/history} (per-check strips) and the service name. */
class JobRunsAndCheckHistoryApiTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicBoolean paymentsUp = new AtomicBoolean(true);
    private final Monitor monitor = Monitor.builder()
            .clock(clock)
            .version("2.4.0")
            .healthCheck("payments", () -> paymentsUp.get() ? HealthResult.up() : HealthResult.down("gateway refused"))
            .adminAuthenticator(BearerTokens.builder().token("reader", "r3ad", Set.of(Role.READ)).build())
            .bindSystemMeters(false)
            .systemMetrics(false, Path.of("."))
            .build();

    @AfterEach
    void stop() {
        monitor.close();
    }

    private ApiResponse get(String path, Map<String, List<String>> query, String token) {
        return monitor.api().handle(new ApiRequest("GET", path, query,
                token == null ? Map.of() : Map.of("Authorization", "Bearer " + token), new byte[0]));
    }

    private JsonNode read(String path, Map<String, List<String>> query) throws Exception {
        ApiResponse response = get(path, query, "r3ad");
        assertThat(response.status()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void jobRunsOfTheLastDayAreListedWithTheirOutcomeAndRunsInProgress() throws Exception {
        monitor.jobs().run("old", () -> { });
        clock.advance(Duration.ofHours(25));
        monitor.jobs().run("curation", () -> { });
        clock.advance(Duration.ofMinutes(1));
        JobRun failing = monitor.jobs().start("curation");
        clock.advance(Duration.ofSeconds(3));
        failing.failure(new IllegalStateException("quota exhausted"));
        monitor.jobs().start("reindex");
        clock.advance(Duration.ofSeconds(2));

        JsonNode body = read("/api/admin/jobs/runs", Map.of());
        JsonNode runs = body.get("runs");
        assertThat(runs).extracting(run -> run.get("job").asText() + ":" + run.get("outcome").asText())
                .containsExactly("curation:success", "curation:failure", "reindex:running");
        assertThat(runs.get(1).get("error").asText()).contains("quota exhausted");
        assertThat(runs.get(1).get("endedAt").asText()).isEqualTo(clock.instant().minusSeconds(2).toString());
        assertThat(runs.get(2).get("endedAt").isNull()).isTrue();
        assertThat(body.get("truncated").asBoolean()).isFalse();

        assertThat(read("/api/admin/jobs/runs", Map.of("since", List.of("3d"))).get("runs")).hasSize(4);
        assertThat(get("/api/admin/jobs/runs", Map.of("since", List.of("30d")), "r3ad").status()).isEqualTo(400);
        assertThat(get("/api/admin/jobs/runs", Map.of("since", List.of("yesterday")), "r3ad").status()).isEqualTo(400);
        assertThat(get("/api/admin/jobs/runs", Map.of(), null).status()).isEqualTo(401);
    }

    @Test
    void checkHistoryListsTheNewestRunsOfEachCheckOldestFirst() throws Exception {
        monitor.health().runNow("payments").join();
        clock.advance(Duration.ofSeconds(10));
        paymentsUp.set(false);
        monitor.health().runNow("payments").join();
        clock.advance(Duration.ofSeconds(10));
        paymentsUp.set(true);
        monitor.health().runNow("payments").join();

        JsonNode payments = null;
        for (JsonNode check : read("/api/admin/checks/history", Map.of()).get("checks")) {
            if (check.get("name").asText().equals("payments")) {
                payments = check;
            }
        }
        assertThat(payments).isNotNull();
        assertThat(payments.get("runs")).extracting(run -> run.get("status").asText()).containsExactly("up", "down", "up");
        assertThat(payments.get("runs").get(1).get("message").asText()).isEqualTo("gateway refused");
        JsonNode last = read("/api/admin/checks/history", Map.of("limit", List.of("1"))).get("checks");
        assertThat(last.findValues("runs")).allSatisfy(runs -> assertThat(runs.size()).isLessThanOrEqualTo(1));
        assertThat(get("/api/admin/checks/history", Map.of("limit", List.of("0")), "r3ad").status()).isEqualTo(400);
    }

    @Test
    void systemHealthNamesTheService() throws Exception {
        assertThat(read("/api/admin/system-health", Map.of()).get("service").asText()).isEqualTo("service");
        assertThat(read("/api/admin/system-health", Map.of()).get("version").asText()).isEqualTo("2.4.0");
    }
}
