package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Monitor;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionResult;
import dev.vigil.action.ActionSeverity;
import dev.vigil.audit.AuditEntry;
import dev.vigil.audit.AuditQuery;
import dev.vigil.security.AdminAuthenticator;
import dev.vigil.security.Caller;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every admin endpoint that takes a body reads it strictly, only after the caller is authenticated, and
 * records that caller (not anything the body says) as who acted.
 */
class StrictBodyApiTest {

    /** Every endpoint that takes a body: method, path and a valid body. */
    private static final List<String[]> ENDPOINTS = List.of(
            new String[] {"POST", "/api/admin/run-query", "{\"query\": \"SELECT 1\"}"},
            new String[] {"POST", "/api/admin/trigger-action", "{\"action\": \"clear_cache\"}"},
            new String[] {"PUT", "/api/admin/config/actions.kill-switch", "{\"value\": false}"},
            new String[] {"POST", "/api/admin/alerts/some-alert/ack", "{}"},
            new String[] {"POST", "/api/admin/silences", "{\"matchers\": {\"rule\": \"x\"}, \"duration\": \"1h\"}"});

    private final MutableClock clock = MutableClock.atFixedStart();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger cacheClears = new AtomicInteger();
    private final AtomicInteger connectionClears = new AtomicInteger();
    private final List<String> queriedBy = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The shared token, or one person per {@code X-User} header (as a host's sign-in would say). */
    private final AdminAuthenticator people = AdminAuthenticator.bearerToken("t0k3n")
            .or(request -> request.header("X-User").map(Caller::person));
    private final Monitor monitor = Monitor.builder()
            .clock(clock)
            .adminAuthenticator(people)
            .bindSystemMeters(false)
            .systemMetrics(false, Path.of("."))
            .action(ActionRegistration.builder("clear_cache", context -> {
                cacheClears.incrementAndGet();
                return ActionResult.succeeded("cleared");
            }).build())
            .action(ActionRegistration.builder("clear_connections", context -> {
                connectionClears.incrementAndGet();
                return ActionResult.succeeded("evicted");
            }).severity(ActionSeverity.CRITICAL).build())
            .build();

    StrictBodyApiTest() {
        monitor.queryService((sql, maxRows, who) -> {
            queriedBy.add(who);
            return Map.of("columns", List.of("n"), "rows", List.of(List.of(1)), "rowCount", 1);
        });
    }

    @AfterEach
    void stop() {
        monitor.close();
    }

    private static Map<String, String> headers(String... pairs) {
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.put(pairs[i], pairs[i + 1]);
        }
        return headers;
    }

    private ApiResponse send(String method, String path, String body, String... headers) {
        return monitor.api().handle(new ApiRequest(method, path, Map.of(), headers(headers),
                body.getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode admin(String method, String path, String body, int expectedStatus) throws Exception {
        ApiResponse response = send(method, path, body, "Authorization", "Bearer t0k3n", "Content-Type", "application/json");
        assertThat(response.status()).as(method + " " + path + " " + body + " -> " + response.bodyText()).isEqualTo(expectedStatus);
        return response.body().length == 0 ? null : json.readTree(response.body());
    }

    private JsonNode as(String user, String method, String path, String body, int expectedStatus) throws Exception {
        ApiResponse response = send(method, path, body, "X-User", user, "Content-Type", "application/json");
        assertThat(response.status()).as(response.bodyText()).isEqualTo(expectedStatus);
        return json.readTree(response.body());
    }

    @Test
    void everyBodyEndpointRefusesAWrongContentType() throws Exception {
        for (String[] endpoint : ENDPOINTS) {
            ApiResponse response = send(endpoint[0], endpoint[1], endpoint[2], "Authorization", "Bearer t0k3n",
                    "Content-Type", "text/plain");
            assertThat(response.status()).as(endpoint[1]).isEqualTo(415);
            JsonNode error = json.readTree(response.body());
            assertThat(error.get("error").asText()).isEqualTo("unsupported_media_type");
            assertThat(error.fieldNames()).toIterable().containsExactly("error", "message");
        }
    }

    @Test
    void everyBodyEndpointRefusesMalformedDuplicatedTrailingAndUnknownInput() throws Exception {
        for (String[] endpoint : ENDPOINTS) {
            String method = endpoint[0];
            String path = endpoint[1];
            String valid = endpoint[2];
            assertThat(admin(method, path, "{nope", 400).get("error").asText()).isEqualTo("malformed_json");
            assertThat(admin(method, path, valid + " {}", 400).get("error").asText()).isEqualTo("malformed_json");
            assertThat(admin(method, path, valid + "junk", 400).get("error").asText()).isEqualTo("malformed_json");
            String withBy = valid.equals("{}") ? "{\"by\": \"mallory\"}" : valid.replaceFirst("\\{", "{\"by\": \"mallory\", ");
            JsonNode unknown = admin(method, path, withBy, 400);
            assertThat(unknown.get("error").asText()).as(path).isEqualTo("unknown_field");
            assertThat(unknown.get("field").asText()).isEqualTo("by");
            if (!valid.equals("{}")) {
                String key = valid.substring(2, valid.indexOf('"', 2));
                String duplicated = valid.replaceFirst("\\{", "{\"" + key + "\": null, ");
                JsonNode duplicate = admin(method, path, duplicated, 400);
                assertThat(duplicate.get("error").asText()).as(path).isEqualTo("duplicate_field");
                assertThat(duplicate.get("field").asText()).isEqualTo(key);
                assertThat(duplicate.get("message").asText()).contains("'" + key + "'");
            }
        }
        assertThat(cacheClears).hasValue(0);
        assertThat(queriedBy).isEmpty();
        assertThat(monitor.alerts().silences()).isEmpty();
    }

    @Test
    void duplicateActionKeyRunsNothing() throws Exception {
        JsonNode refused = admin("POST", "/api/admin/trigger-action", "{\"action\":\"clear_cache\",\"action\":\"clear_connections\"}", 400);

        assertThat(refused.get("error").asText()).isEqualTo("duplicate_field");
        assertThat(refused.get("field").asText()).isEqualTo("action");
        assertThat(cacheClears).hasValue(0);
        assertThat(connectionClears).hasValue(0);
        assertThat(monitor.audit().query(AuditQuery.latest(10).ofType(AuditEntry.Type.ACTION))).isEmpty();
    }

    @Test
    void integerFieldRefusesAFraction() throws Exception {
        JsonNode refused = admin("POST", "/api/admin/run-query", "{\"query\": \"SELECT 1\", \"maxRows\": 5.5}", 400);

        assertThat(refused.get("error").asText()).isEqualTo("invalid_field");
        assertThat(refused.get("field").asText()).isEqualTo("maxRows");
        assertThat(refused.get("message").asText()).isEqualTo("maxRows must be an integer of at least 1; got 5.5");
        assertThat(queriedBy).isEmpty();
    }

    @Test
    void unauthenticatedRequestIsRefusedWithItsBodyUnread() {
        for (String[] endpoint : ENDPOINTS) {
            AtomicInteger opened = new AtomicInteger();
            RequestBody huge = RequestBody.lazy(MonitorApi.MAX_BODY_BYTES + 1L, () -> {
                opened.incrementAndGet();
                return new ByteArrayInputStream(new byte[MonitorApi.MAX_BODY_BYTES + 1]);
            });
            ApiResponse response = monitor.api().handle(new ApiRequest(endpoint[0], endpoint[1], Map.of(),
                    headers("Content-Type", "application/json", "Authorization", "Bearer wrong"), huge));

            assertThat(response.status()).as(endpoint[1]).isEqualTo(401);
            assertThat(opened).as(endpoint[1]).hasValue(0);
        }
    }

    @Test
    void oversizedBodyIsRefusedUnreadOnceAuthenticated() {
        for (String[] endpoint : ENDPOINTS) {
            AtomicInteger opened = new AtomicInteger();
            RequestBody huge = RequestBody.lazy(10L * 1024 * 1024, () -> {
                opened.incrementAndGet();
                return new ByteArrayInputStream(new byte[0]);
            });
            ApiResponse response = monitor.api().handle(new ApiRequest(endpoint[0], endpoint[1], Map.of(),
                    headers("Content-Type", "application/json", "Authorization", "Bearer t0k3n"), huge));

            assertThat(response.status()).as(endpoint[1]).isEqualTo(413);
            assertThat(response.bodyText()).contains("\"error\":\"payload_too_large\"");
            assertThat(opened).hasValue(0);
        }
    }

    @Test
    void bodylessEndpointsNeverReadTheBody() {
        AtomicInteger opened = new AtomicInteger();
        RequestBody body = RequestBody.lazy(-1, () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(new byte[10]);
        });
        for (String path : List.of("/api/admin/metrics", "/api/admin/audit", "/api/admin/config", "/api/admin/nope")) {
            monitor.api().handle(new ApiRequest("GET", path, Map.of(), headers("Authorization", "Bearer t0k3n"), body));
        }
        monitor.api().handle(new ApiRequest("POST", "/api/health", Map.of(), Map.of(), body));

        assertThat(opened).hasValue(0);
    }

    @Test
    void authenticatorsCannotReadTheBody() {
        Monitor nosy = Monitor.builder().clock(clock).bindSystemMeters(false).systemMetrics(false, Path.of("."))
                .adminAuthenticator(request -> {
                    ((ApiRequest) request).body().read(10);
                    return Optional.empty();
                }).build();
        try {
            assertThatThrownBy(() -> nosy.api().handle(new ApiRequest("POST", "/api/admin/silences", Map.of(), Map.of(),
                    "{}".getBytes(StandardCharsets.UTF_8))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("must not read the request body");
        } finally {
            nosy.close();
        }
    }

    @Test
    void whoActedIsTheAuthenticatedCaller() throws Exception {
        as("alice", "POST", "/api/admin/run-query", "{\"query\": \"SELECT 1\"}", 200);
        as("alice", "PUT", "/api/admin/config/actions.max-per-hour", "{\"value\": 20}", 200);
        JsonNode silence = as("alice", "POST", "/api/admin/silences", "{\"matchers\": {\"rule\": \"x\"}, \"duration\": \"1h\"}", 201);
        JsonNode outcome = as("alice", "POST", "/api/admin/trigger-action", "{\"action\": \"clear_cache\"}", 200);

        assertThat(queriedBy).containsExactly("alice");
        assertThat(silence.get("createdBy").asText()).isEqualTo("alice");
        assertThat(outcome.get("who").asText()).isEqualTo("alice");
        assertThat(monitor.audit().query(AuditQuery.latest(10))).extracting(AuditEntry::who).containsOnly("alice");
    }

    @Test
    void criticalActionNeedsASecondPersonToApprove() throws Exception {
        JsonNode pending = as("alice", "POST", "/api/admin/trigger-action", "{\"action\": \"clear_connections\"}", 202);
        String approve = "{\"action\": \"clear_connections\", \"approvalToken\": \"" + pending.get("approvalToken").asText() + "\"}";

        JsonNode self = as("alice", "POST", "/api/admin/trigger-action", approve, 403);
        assertThat(self.get("reason").asText()).isEqualTo("approval_by_requester");
        assertThat(self.get("message").asText()).contains("a different caller must approve it");
        assertThat(connectionClears).hasValue(0);

        JsonNode approved = as("bob", "POST", "/api/admin/trigger-action", approve, 200);

        assertThat(approved.get("status").asText()).isEqualTo("succeeded");
        assertThat(approved.get("who").asText()).isEqualTo("bob");
        assertThat(approved.has("approvalNote")).isFalse();
        assertThat(connectionClears).hasValue(1);
        AuditEntry audited = monitor.audit().query(AuditQuery.latest(1).ofType(AuditEntry.Type.ACTION)).get(0);
        assertThat(audited.details()).containsEntry("requestedBy", "alice").containsEntry("approvedBy", "bob");
    }
}
