package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Monitor;
import dev.vigil.action.ActionParameter;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionResult;
import dev.vigil.action.ActionSeverity;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Actions, runtime switches and the audit trail through the monitor's admin API. */
class OperationsApiTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger curations = new AtomicInteger();
    private final AtomicInteger restarts = new AtomicInteger();
    private final Monitor monitor = Monitor.builder()
            .clock(clock)
            .adminToken("t0k3n")
            .bindSystemMeters(false)
            .systemMetrics(false, Path.of("."))
            .action(ActionRegistration.builder("start_curation", context -> {
                curations.incrementAndGet();
                return ActionResult.succeeded("curation started");
            }).description("Starts a curation run now")
                    .parameter(ActionParameter.integer("limit").between(1, 500))
                    .build())
            .action(ActionRegistration.builder("restart_workers", context -> {
                restarts.incrementAndGet();
                return ActionResult.succeeded("workers restarted");
            }).severity(ActionSeverity.CRITICAL).build())
            .build();

    @AfterEach
    void stop() {
        monitor.close();
    }

    private JsonNode call(String method, String path, String body, int expectedStatus, String... headers) throws Exception {
        String[] parts = path.split("\\?", 2);
        Map<String, List<String>> query = new HashMap<>();
        if (parts.length > 1) {
            for (String pair : parts[1].split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], List.of(kv[1]));
            }
        }
        Map<String, String> allHeaders = new HashMap<>(Map.of("Authorization", "Bearer t0k3n"));
        if (!body.isEmpty()) {
            allHeaders.put("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            allHeaders.put(headers[i], headers[i + 1]);
        }
        ApiResponse response = monitor.api().handle(new ApiRequest(method, parts[0], query, allHeaders,
                body.getBytes(StandardCharsets.UTF_8)));
        assertThat(response.status()).as(response.bodyText()).isEqualTo(expectedStatus);
        return json.readTree(response.body());
    }

    @Test
    void actionRunsAndIsAudited() throws Exception {
        JsonNode refused = call("POST", "/api/admin/trigger-action",
                "{\"action\": \"start_curation\", \"params\": {\"limit\": 50}, \"by\": \"ops@example.com\"}", 400);
        assertThat(refused.get("field").asText()).isEqualTo("by");
        assertThat(curations).hasValue(0);
        JsonNode outcome = call("POST", "/api/admin/trigger-action",
                "{\"action\": \"start_curation\", \"params\": {\"limit\": 50}}", 200);

        assertThat(outcome.get("status").asText()).isEqualTo("succeeded");
        assertThat(outcome.get("message").asText()).isEqualTo("curation started");
        assertThat(outcome.get("durationMs").isIntegralNumber()).isTrue();
        assertThat(curations).hasValue(1);
        JsonNode audit = call("GET", "/api/admin/audit?type=action", "", 200).get("entries");
        assertThat(audit.get(0).get("id").asText()).isEqualTo(outcome.get("auditId").asText());
        assertThat(audit.get(0).get("who").asText()).isEqualTo("admin-token");
    }

    @Test
    void unknownActionIs404AndBadParametersAre400() throws Exception {
        assertThat(call("POST", "/api/admin/trigger-action", "{\"action\": \"rm_rf\"}", 404).get("message").asText())
                .contains("no action 'rm_rf' is registered");
        assertThat(call("POST", "/api/admin/trigger-action",
                "{\"action\": \"start_curation\", \"params\": {\"limit\": 9999}}", 400).get("message").asText())
                .contains("limit");
        assertThat(call("POST", "/api/admin/trigger-action",
                "{\"action\": \"start_curation\", \"params\": {\"force\": true}}", 400).get("message").asText())
                .contains("unknown parameter 'force'");
        call("POST", "/api/admin/trigger-action", "{nope", 400);
        assertThat(curations).hasValue(0);
    }

    @Test
    void killSwitchSetAtRunTimeStopsEveryAction() throws Exception {
        call("PUT", "/api/admin/config/actions.kill-switch", "{\"value\": true}", 200);

        JsonNode outcome = call("POST", "/api/admin/trigger-action", "{\"action\": \"start_curation\"}", 503);

        assertThat(outcome.get("status").asText()).isEqualTo("rejected");
        assertThat(outcome.get("reason").asText()).isEqualTo("kill_switch");
        assertThat(curations).hasValue(0);
        assertThat(call("GET", "/api/admin/config", "", 200).get("config").get("actions.kill-switch").asBoolean()).isTrue();
        assertThat(call("GET", "/api/admin/audit?type=config", "", 200).get("entries").get(0).get("subject").asText())
                .isEqualTo("actions.kill-switch");
    }

    @Test
    void badOrUnknownConfigIsRejected() throws Exception {
        assertThat(call("PUT", "/api/admin/config/actions.max-per-hour", "{\"value\": 5000}", 400).get("message").asText())
                .contains("actions.max-per-hour must be an integer 1..1000");
        for (String notAnInteger : List.of("\"abc\"", "\"5\"", "5.5", "true")) {
            JsonNode refused = call("PUT", "/api/admin/config/actions.max-per-hour", "{\"value\": " + notAnInteger + "}", 400);
            assertThat(refused.get("field").asText()).isEqualTo("value");
            assertThat(refused.get("message").asText()).startsWith("value must be an integer; got ");
        }
        call("PUT", "/api/admin/config/actions.kill-switch", "{\"value\": \"true\"}", 400);
        call("PUT", "/api/admin/config/health.interval", "{\"value\": 30}", 400);
        assertThat(monitor.runtimeConfig().get("actions.max-per-hour")).isEqualTo(10);
        call("PUT", "/api/admin/config/does.not.exist", "{\"value\": 1}", 404);
        call("PUT", "/api/admin/config/actions.auto-fix", "{}", 400);
    }

    @Test
    void criticalActionNeedsASecondCallWithTheApprovalToken() throws Exception {
        JsonNode pending = call("POST", "/api/admin/trigger-action", "{\"action\": \"restart_workers\"}", 202);
        assertThat(pending.get("status").asText()).isEqualTo("pending_approval");
        assertThat(restarts).hasValue(0);

        String token = pending.get("approvalToken").asText();
        JsonNode approved = call("POST", "/api/admin/trigger-action",
                "{\"action\": \"restart_workers\", \"approvalToken\": \"" + token + "\"}", 200);

        assertThat(approved.get("status").asText()).isEqualTo("succeeded");
        assertThat(approved.get("approvalNote").asText()).isEqualTo("approved by a second request with the same shared"
                + " credential (admin-token); Vigil cannot tell two people apart with one shared credential");
        assertThat(restarts).hasValue(1);
        JsonNode audited = call("GET", "/api/admin/audit?type=action&limit=1", "", 200).get("entries").get(0);
        assertThat(audited.get("details").get("approvalNote").asText()).startsWith("approved by a second request");
        call("POST", "/api/admin/trigger-action", "{\"action\": \"restart_workers\", \"approvalToken\": \"" + token + "\"}", 403);
    }

    @Test
    void idempotencyKeyMakesADoubleSubmitRunOnce() throws Exception {
        call("POST", "/api/admin/trigger-action", "{\"action\": \"start_curation\"}", 200, "Idempotency-Key", "k-1");
        JsonNode second = call("POST", "/api/admin/trigger-action", "{\"action\": \"start_curation\"}", 200,
                "Idempotency-Key", "k-1");

        assertThat(second.get("replayed").asBoolean()).isTrue();
        assertThat(curations).hasValue(1);
    }

    @Test
    void maxPerHourAnswers429WithRetryAfter() throws Exception {
        call("PUT", "/api/admin/config/actions.max-per-hour", "{\"value\": 1}", 200);
        call("POST", "/api/admin/trigger-action", "{\"action\": \"start_curation\"}", 200);

        ApiResponse limited = monitor.api().handle(new ApiRequest("POST", "/api/admin/trigger-action", Map.of(),
                Map.of("Authorization", "Bearer t0k3n", "Content-Type", "application/json"),
                "{\"action\": \"start_curation\"}".getBytes(StandardCharsets.UTF_8)));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers()).containsKey("Retry-After");
        clock.advance(Duration.ofMinutes(61));
        call("POST", "/api/admin/trigger-action", "{\"action\": \"start_curation\"}", 200);
        assertThat(curations).hasValue(2);
    }

    @Test
    void healthIntervalSwitchReschedulesChecks() throws Exception {
        call("PUT", "/api/admin/config/health.interval", "{\"value\": \"15s\"}", 200);

        assertThat(monitor.health().defaultInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(call("GET", "/api/admin/actions", "", 200).get("actions")).hasSize(2);
    }

    @Test
    void runQueryIsOffUntilAServiceIsSetAndMapsItsFailures() throws Exception {
        assertThat(call("POST", "/api/admin/run-query", "{\"query\": \"SELECT 1\"}", 404).get("message").asText())
                .contains("monitor.query.enabled=false");

        monitor.queryService((sql, maxRows, who) -> {
            if (sql.contains("DROP")) {
                throw new dev.vigil.query.QueryException(dev.vigil.query.QueryException.Kind.REJECTED, "not_a_query",
                        "only SELECT, WITH ... SELECT, VALUES and EXPLAIN are allowed");
            }
            return Map.of("columns", List.of("n"), "rows", List.of(List.of(maxRows)), "rowCount", 1, "who", who);
        });

        JsonNode ok = call("POST", "/api/admin/run-query", "{\"query\": \"SELECT 1\", \"maxRows\": 5}", 200);
        assertThat(ok.get("rows").get(0).get(0).asInt()).isEqualTo(5);
        assertThat(ok.get("who").asText()).isEqualTo("admin-token");
        JsonNode rejected = call("POST", "/api/admin/run-query", "{\"query\": \"DROP TABLE users\"}", 400);
        assertThat(rejected.get("error").asText()).isEqualTo("not_a_query");
        call("POST", "/api/admin/run-query", "{\"query\": 42}", 400);
        call("POST", "/api/admin/run-query", "{\"query\": \"SELECT 1\", \"maxRows\": \"many\"}", 400);
    }

    @Test
    void operationsNeedTheToken() {
        for (String path : List.of("/api/admin/run-query", "/api/admin/trigger-action", "/api/admin/actions",
                "/api/admin/config", "/api/admin/audit")) {
            assertThat(monitor.api().handle(ApiRequest.of("GET", path, Map.of())).status()).isEqualTo(401);
        }
    }
}
