package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Monitor;
import dev.vigil.action.ActionParameter;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionResult;
import dev.vigil.action.ActionSeverity;
import dev.vigil.security.BearerTokens;
import dev.vigil.security.Role;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/admin/approvals}: the critical actions waiting for a second caller, as operators see them. */
class ApprovalsApiTest {

    private final ObjectMapper json = new ObjectMapper();
    private final MutableClock clock = MutableClock.atFixedStart();
    private final AtomicInteger restarts = new AtomicInteger();
    private final Monitor monitor = Monitor.builder()
            .clock(clock)
            .adminAuthenticator(BearerTokens.builder()
                    .token("grafana", "read-secret", Role.READ)
                    .token("alice", "alice-secret", Role.OPERATOR)
                    .token("bob", "bob-secret", Role.OPERATOR)
                    .build())
            .bindSystemMeters(false)
            .systemMetrics(false, Path.of("."))
            .action(ActionRegistration.builder("restart_workers", context -> {
                restarts.incrementAndGet();
                return ActionResult.succeeded("restarted");
            }).severity(ActionSeverity.CRITICAL).parameter(ActionParameter.integer("node")).build())
            .build();

    @AfterEach
    void stop() {
        monitor.close();
    }

    private ApiResponse call(String token, String method, String path, String body) {
        Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer " + token));
        if (!body.isEmpty()) {
            headers.put("Content-Type", "application/json");
        }
        return monitor.api().handle(new ApiRequest(method, path, Map.of(), headers, body.getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode body(ApiResponse response) throws Exception {
        return json.readTree(response.body());
    }

    private JsonNode request(String token, int node) throws Exception {
        ApiResponse pending = call(token, "POST", "/api/admin/trigger-action",
                "{\"action\": \"restart_workers\", \"params\": {\"node\": " + node + "}}");
        assertThat(pending.status()).as(pending.bodyText()).isEqualTo(202);
        return body(pending);
    }

    private JsonNode approvals(String token) throws Exception {
        ApiResponse listed = call(token, "GET", "/api/admin/approvals", "");
        assertThat(listed.status()).as(listed.bodyText()).isEqualTo(200);
        return body(listed).get("approvals");
    }

    @Test
    void aCriticalTriggerIsListedWithoutItsToken() throws Exception {
        JsonNode pending = request("alice-secret", 3);

        JsonNode listed = approvals("bob-secret");

        assertThat(listed).hasSize(1);
        JsonNode approval = listed.get(0);
        assertThat(approval.get("action").asText()).isEqualTo("restart_workers");
        assertThat(approval.get("params").get("node").asInt()).isEqualTo(3);
        assertThat(approval.get("requestedBy").asText()).isEqualTo("alice");
        assertThat(approval.get("auditId").asText()).isEqualTo(pending.get("auditId").asText());
        assertThat(approval.get("expiresAt").asText()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)).toString());
        assertThat(approval.has("approvalToken")).isFalse();
        assertThat(listed.toString()).doesNotContain(pending.get("approvalToken").asText());
    }

    @Test
    void newestRequestComesFirst() throws Exception {
        request("alice-secret", 1);
        clock.advance(Duration.ofMinutes(1));
        request("bob-secret", 2);

        JsonNode listed = approvals("alice-secret");

        assertThat(listed).extracting(approval -> approval.get("requestedBy").asText()).containsExactly("bob", "alice");
    }

    @Test
    void aReaderMayNotSeeThem() throws Exception {
        request("alice-secret", 3);

        ApiResponse refused = call("read-secret", "GET", "/api/admin/approvals", "");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(body(refused).get("message").asText()).isEqualTo("approvals needs the role operator; grafana has the role(s) read");
    }

    @Test
    void anApprovedOneIsGone() throws Exception {
        JsonNode pending = request("alice-secret", 3);

        ApiResponse approved = call("bob-secret", "POST", "/api/admin/trigger-action", "{\"action\": \"restart_workers\","
                + " \"params\": {\"node\": 3}, \"approvalToken\": \"" + pending.get("approvalToken").asText() + "\"}");

        assertThat(approved.status()).as(approved.bodyText()).isEqualTo(200);
        assertThat(restarts).hasValue(1);
        assertThat(approvals("alice-secret")).isEmpty();
    }

    @Test
    void anExpiredOneIsNotListed() throws Exception {
        request("alice-secret", 3);
        clock.advance(Duration.ofMinutes(9));
        request("alice-secret", 4);
        clock.advance(Duration.ofMinutes(1));

        JsonNode listed = approvals("bob-secret");

        assertThat(listed).extracting(approval -> approval.get("params").get("node").asInt()).containsExactly(4);
    }
}
