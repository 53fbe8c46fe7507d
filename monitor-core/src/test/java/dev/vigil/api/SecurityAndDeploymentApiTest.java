package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Monitor;
import dev.vigil.deploy.DeploymentSettings;
import dev.vigil.security.BearerTokens;
import dev.vigil.security.Role;
import dev.vigil.security.event.SecurityEvent;
import dev.vigil.security.event.SecurityEventType;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /security-events}, {@code GET} and {@code POST /deployments} through the monitor's admin API. */
class SecurityAndDeploymentApiTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final ObjectMapper json = new ObjectMapper();
    private final Monitor monitor = Monitor.builder()
            .clock(clock)
            .instanceId("node-1")
            .version("2.4.0")
            .deploymentSettings(new DeploymentSettings(false, null, null))
            .adminAuthenticator(BearerTokens.builder().token("reader", "r3ad", java.util.Set.of(Role.READ))
                    .token("ops", "0ps", java.util.Set.of(Role.OPERATOR)).build())
            .bindSystemMeters(false)
            .systemMetrics(false, Path.of("."))
            .build();

    @AfterEach
    void stop() {
        monitor.close();
    }

    private JsonNode call(String token, String method, String path, String body, int expectedStatus) throws Exception {
        String[] parts = path.split("\\?", 2);
        Map<String, List<String>> query = new HashMap<>();
        if (parts.length > 1) {
            for (String pair : parts[1].split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], List.of(kv[1]));
            }
        }
        Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer " + token));
        if (!body.isEmpty()) {
            headers.put("Content-Type", "application/json");
        }
        ApiResponse response = monitor.api().handle(new ApiRequest(method, parts[0], query, headers,
                body.getBytes(StandardCharsets.UTF_8)));
        assertThat(response.status()).as(response.bodyText()).isEqualTo(expectedStatus);
        return json.readTree(response.body());
    }

    @Test
    void securityEventsAreListedNewestFirstAndFiltered() throws Exception {
        monitor.security().failedLogin("alice", "203.0.113.7");
        clock.advance(Duration.ofSeconds(1));
        monitor.security().rateLimited("198.51.100.1", "/api/login");
        clock.advance(Duration.ofSeconds(1));
        monitor.security().record(SecurityEvent.builder(SecurityEventType.SQL_INJECTION_ATTEMPT, clock.instant())
                .ip("203.0.113.7").route("/items").description("' or 1=1").build());
        monitor.security().drainTo(monitor.store().securityEvents());

        JsonNode all = call("r3ad", "GET", "/api/admin/security-events", "", 200).get("events");
        assertThat(all).extracting(event -> event.get("type").asText())
                .containsExactly("sql_injection_attempt", "rate_limited", "failed_login");
        assertThat(all.get(2).get("user").asText()).isEqualTo("alice");
        assertThat(all.get(2).get("instance").asText()).isEqualTo("node-1");
        assertThat(all.get(2).get("count").asLong()).isEqualTo(1);

        assertThat(call("r3ad", "GET", "/api/admin/security-events?ip=203.0.113.7", "", 200).get("events")).hasSize(2);
        assertThat(call("r3ad", "GET", "/api/admin/security-events?type=failed_login", "", 200).get("events")).hasSize(1);
        assertThat(call("r3ad", "GET", "/api/admin/security-events?severity=info", "", 200).get("events")).hasSize(1);
        assertThat(call("r3ad", "GET", "/api/admin/security-events?user=alice", "", 200).get("events")).hasSize(1);
        assertThat(call("r3ad", "GET", "/api/admin/security-events?limit=1", "", 200).get("events")).hasSize(1);
        assertThat(call("r3ad", "GET", "/api/admin/security-events?since=" + clock.instant(), "", 200).get("events"))
                .hasSize(1);

        assertThat(call("r3ad", "GET", "/api/admin/security-events?type=brute", "", 400).get("field").asText())
                .isEqualTo("type");
        assertThat(call("r3ad", "GET", "/api/admin/security-events?since=yesterday", "", 400).get("field").asText())
                .isEqualTo("since");
        assertThat(call("r3ad", "GET", "/api/admin/security-events?limit=0", "", 400).get("field").asText())
                .isEqualTo("limit");
    }

    @Test
    void ciRecordsADeploymentAndRecordingItAgainAddsNothingNew() throws Exception {
        JsonNode created = call("0ps", "POST", "/api/admin/deployments",
                "{\"version\": \"2.5.0\", \"commit\": \"9f3c2ab\", \"environment\": \"production\","
                        + " \"description\": \"faster uploads\", \"time\": \"2026-01-01T00:00:00Z\"}", 201);
        assertThat(created.get("version").asText()).isEqualTo("2.5.0");
        assertThat(created.get("source").asText()).isEqualTo("api");
        assertThat(created.get("instances")).isEmpty();
        JsonNode again = call("0ps", "POST", "/api/admin/deployments",
                "{\"version\": \"2.5.0\", \"commit\": \"9f3c2ab\", \"environment\": \"production\"}", 201);
        assertThat(again.get("id").asText()).isEqualTo(created.get("id").asText());
        assertThat(again.get("time").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(again.get("description").asText()).isEqualTo("faster uploads");
        clock.advance(Duration.ofHours(1));
        call("0ps", "POST", "/api/admin/deployments", "{\"version\": \"2.5.1\"}", 201);

        JsonNode listed = call("r3ad", "GET", "/api/admin/deployments", "", 200).get("deployments");
        assertThat(listed).extracting(d -> d.get("version").asText()).containsExactly("2.5.1", "2.5.0");
        assertThat(call("r3ad", "GET", "/api/admin/deployments?limit=1", "", 200).get("deployments")).hasSize(1);
        assertThat(monitor.deployments().latestBefore(clock.instant().minusSeconds(1)).orElseThrow().version())
                .isEqualTo("2.5.0");
        assertThat(monitor.deployments().between(clock.instant().minus(Duration.ofMinutes(1)), clock.instant().plusSeconds(1)))
                .extracting(d -> d.version()).containsExactly("2.5.1");
    }

    @Test
    void badDeploymentsAreRefusedWithTheirFieldAndNothingIsStored() throws Exception {
        assertThat(call("0ps", "POST", "/api/admin/deployments", "{}", 400).get("field").asText()).isEqualTo("version");
        assertThat(call("0ps", "POST", "/api/admin/deployments", "{\"version\": \"  \"}", 400).get("field").asText())
                .isEqualTo("version");
        assertThat(call("0ps", "POST", "/api/admin/deployments", "{\"version\": \"" + "v".repeat(101) + "\"}", 400)
                .get("field").asText()).isEqualTo("version");
        assertThat(call("0ps", "POST", "/api/admin/deployments", "{\"version\": \"1\", \"time\": \"soon\"}", 400)
                .get("field").asText()).isEqualTo("time");
        assertThat(call("0ps", "POST", "/api/admin/deployments",
                "{\"version\": \"1\", \"time\": \"" + clock.instant().plus(Duration.ofHours(1)) + "\"}", 400)
                .get("field").asText()).isEqualTo("time");
        assertThat(call("0ps", "POST", "/api/admin/deployments", "{\"version\": \"1\", \"branch\": \"main\"}", 400)
                .get("field").asText()).isEqualTo("branch");
        assertThat(call("0ps", "POST", "/api/admin/deployments", "{\"version\": 3}", 400).get("field").asText())
                .isEqualTo("version");
        call("r3ad", "POST", "/api/admin/deployments", "{\"version\": \"1\"}", 403);

        assertThat(monitor.deployments().recent(null, 10)).isEmpty();
    }

    @Test
    void startRecordsThisInstancesDeployment() {
        try (Monitor started = Monitor.builder().clock(clock).instanceId("node-7").version("3.0.0")
                .deploymentSettings(new DeploymentSettings(true, "abc123", "staging"))
                .bindSystemMeters(false).systemMetrics(false, Path.of(".")).build()) {
            started.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (started.deployments().recent(null, 10).isEmpty() && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L); // poll every 10 ms until the deadline
            }
            assertThat(started.deployments().recent(null, 10)).singleElement().satisfies(deployment -> {
                assertThat(deployment.version()).isEqualTo("3.0.0");
                assertThat(deployment.commit()).isEqualTo("abc123");
                assertThat(deployment.environment()).isEqualTo("staging");
                assertThat(deployment.instances()).containsExactly("node-7");
                assertThat(deployment.time()).isEqualTo(clock.instant());
                assertThat(deployment.source().jsonName()).isEqualTo("startup");
            });
        }
    }
}
