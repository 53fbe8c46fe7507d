package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Monitor;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionResult;
import dev.vigil.action.ActionSeverity;
import dev.vigil.audit.AuditEntry;
import dev.vigil.audit.AuditQuery;
import dev.vigil.incident.IncidentQuery;
import dev.vigil.security.BearerTokens;
import dev.vigil.security.Role;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Named tokens with roles against the real operations: what each may do, and who the audit says acted. */
class RolesTest {

    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger cacheClears = new AtomicInteger();
    private final AtomicInteger restarts = new AtomicInteger();
    private final Monitor monitor = Monitor.builder()
            .clock(MutableClock.atFixedStart())
            .adminAuthenticator(BearerTokens.builder()
                    .adminToken("shared-secret")
                    .token("deploy-bot", "ingest-secret", Role.INGEST)
                    .token("grafana", "read-secret", Role.READ)
                    .token("alice", "alice-secret", Role.OPERATOR)
                    .token("bob", "bob-secret", Role.OPERATOR)
                    .build())
            .bindSystemMeters(false)
            .systemMetrics(false, Path.of("."))
            .action(ActionRegistration.builder("clear_cache", context -> {
                cacheClears.incrementAndGet();
                return ActionResult.succeeded("cleared");
            }).build())
            .action(ActionRegistration.builder("restart_workers", context -> {
                restarts.incrementAndGet();
                return ActionResult.succeeded("restarted");
            }).severity(ActionSeverity.CRITICAL).build())
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

    @Test
    void anIngestTokenPostsErrorsAndNothingElse() throws Exception {
        ApiResponse accepted = call("ingest-secret", "POST", "/api/admin/errors",
                "{\"error\": {\"message\": \"NullPointerException in checkout\", \"type\": \"NPE\"}, \"service\": \"shop\"}");
        assertThat(accepted.status()).as(accepted.bodyText()).isEqualTo(202);
        assertThat(body(accepted).get("incidentId").asText()).isEqualTo(monitor.incidents().list(IncidentQuery.all(10)).get(0).id());

        JsonNode missing = body(call("ingest-secret", "POST", "/api/admin/errors", "{\"error\": {\"type\": \"NPE\"}}"));
        assertThat(missing.get("error").asText()).isEqualTo("missing_field");
        assertThat(missing.get("field").asText()).isEqualTo("error.message");

        for (Operation operation : monitor.api().operations().operations()) {
            if (operation.id().equals("errors.ingest") || operation.access().isPublic()) {
                continue;
            }
            ApiResponse refused = call("ingest-secret", operation.method(), AccessMatrix.samplePath(monitor.api(), operation), "{}");
            assertThat(refused.status()).as(operation.id()).isEqualTo(403);
        }
        assertThat(cacheClears).hasValue(0);
    }

    @Test
    void aReaderSeesButCannotTriggerAndAnOperatorCanAsHimself() throws Exception {
        assertThat(call("read-secret", "GET", "/api/admin/actions", "").status()).isEqualTo(200);
        ApiResponse refused = call("read-secret", "POST", "/api/admin/trigger-action", "{\"action\": \"clear_cache\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(body(refused).get("message").asText()).isEqualTo("trigger-action needs the role operator; grafana has the role(s) read");
        assertThat(call("read-secret", "POST", "/api/admin/errors", "{\"error\": {\"message\": \"x\"}}").status()).isEqualTo(403);
        assertThat(cacheClears).hasValue(0);

        ApiResponse ran = call("alice-secret", "POST", "/api/admin/trigger-action", "{\"action\": \"clear_cache\"}");

        assertThat(ran.status()).as(ran.bodyText()).isEqualTo(200);
        assertThat(body(ran).get("who").asText()).isEqualTo("alice");
        assertThat(cacheClears).hasValue(1);
        List<AuditEntry> audit = monitor.audit().query(AuditQuery.latest(10).ofType(AuditEntry.Type.ACTION));
        assertThat(audit).extracting(AuditEntry::who).containsExactly("alice");
        JsonNode listed = body(call("read-secret", "GET", "/api/admin/audit", "")).get("entries");
        assertThat(listed.get(0).get("who").asText()).isEqualTo("alice");
        assertThat(call("alice-secret", "PUT", "/api/admin/config/actions.max-per-hour", "{\"value\": 5}").status()).isEqualTo(200);
        assertThat(monitor.audit().query(AuditQuery.latest(1).ofType(AuditEntry.Type.CONFIG)).get(0).who()).isEqualTo("alice");
    }

    @Test
    void namedOperatorsAreTwoPeopleForTheSecondPersonRule() throws Exception {
        JsonNode pending = body(call("alice-secret", "POST", "/api/admin/trigger-action", "{\"action\": \"restart_workers\"}"));
        String approve = "{\"action\": \"restart_workers\", \"approvalToken\": \"" + pending.get("approvalToken").asText() + "\"}";

        ApiResponse self = call("alice-secret", "POST", "/api/admin/trigger-action", approve);
        assertThat(self.status()).isEqualTo(403);
        assertThat(body(self).get("reason").asText()).isEqualTo("approval_by_requester");
        assertThat(restarts).hasValue(0);

        ApiResponse approved = call("bob-secret", "POST", "/api/admin/trigger-action", approve);
        assertThat(approved.status()).as(approved.bodyText()).isEqualTo(200);
        assertThat(body(approved).has("approvalNote")).isFalse();
        assertThat(restarts).hasValue(1);
        AuditEntry audited = monitor.audit().query(AuditQuery.latest(1).ofType(AuditEntry.Type.ACTION)).get(0);
        assertThat(audited.details()).containsEntry("requestedBy", "alice").containsEntry("approvedBy", "bob");
    }

    @Test
    void healthDetailsNeedTheReadRole() throws Exception {
        assertThat(body(call("read-secret", "GET", "/api/health", "")).has("services")).isTrue();
        assertThat(body(call("ingest-secret", "GET", "/api/health", "")).has("services")).isFalse();
        assertThat(body(call("shared-secret", "GET", "/api/health", "")).has("services")).isTrue();
    }

    @Test
    void theListingShowsEachCallerItsOwnOperations() throws Exception {
        JsonNode reader = body(call("read-secret", "GET", "/api/admin/operations", "")).get("operations");
        List<String> readable = new java.util.ArrayList<>();
        reader.forEach(operation -> readable.add(operation.get("id").asText()));
        assertThat(readable).contains("health", "metrics", "alerts", "audit", "operations").doesNotContain("trigger-action",
                "errors.ingest", "run-query", "config.set");
        reader.forEach(operation -> assertThat(operation.get("changesState").asBoolean()
                && !operation.get("access").asText().equals("public")).as(operation.get("id").asText()).isFalse());

        JsonNode admin = body(call("shared-secret", "GET", "/api/admin/operations", "")).get("operations");
        assertThat(admin).hasSize(monitor.api().operations().operations().size());
        JsonNode trigger = null;
        for (JsonNode operation : admin) {
            if (operation.get("id").asText().equals("trigger-action")) {
                trigger = operation;
            }
        }
        assertThat(trigger.get("path").asText()).isEqualTo("/api/admin/trigger-action");
        assertThat(trigger.get("access").asText()).isEqualTo("operator");
        assertThat(trigger.get("changesState").asBoolean()).isTrue();
        JsonNode input = trigger.get("input").get("properties");
        assertThat(input.get("body").get("required").get(0).asText()).isEqualTo("action");
        assertThat(input.get("headers").get("properties").has("Idempotency-Key")).isTrue();
        assertThat(call("ingest-secret", "GET", "/api/admin/operations", "").status()).isEqualTo(403);
    }
}
