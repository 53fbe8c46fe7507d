package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The demo's remediation buttons over real HTTP, with their guardrails, audit trail and auto-fix. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "monitor.admin.token=ops-token", "monitor.health.interval=1s", "monitor.alerts.evaluation-interval=1s",
        "monitor.jobs.expect.curation.max-age=3s", "demo.curation.initial-delay=0s",
        "monitor.alerts.rules.curation-stale.kind=check", "monitor.alerts.rules.curation-stale.check=job:curation",
        "monitor.alerts.rules.curation-stale.severity=warning"})
class DemoActionsTest {

    private static final int PORT = DemoClient.freePort();
    private static final int MANAGEMENT_PORT = DemoClient.freePort();

    private final DemoClient demo = new DemoClient(PORT, "ops-token");

    @DynamicPropertySource
    static void ports(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("management.server.port", () -> MANAGEMENT_PORT);
    }

    @AfterEach
    void reset() throws Exception {
        demo.clearFaults();
        setConfig("actions.kill-switch", "false");
        setConfig("actions.auto-fix", "false");
    }

    private HttpResponse<String> trigger(String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(demo.uri("/api/admin/trigger-action"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", demo.authorization());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return demo.send(request);
    }

    private void setConfig(String key, String jsonValue) throws Exception {
        HttpResponse<String> response = demo.send(HttpRequest.newBuilder(demo.uri("/api/admin/config/" + key))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"value\": " + jsonValue + "}"))
                .header("Content-Type", "application/json").header("Authorization", demo.authorization()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private JsonNode curationJob() throws Exception {
        for (JsonNode job : demo.admin("/api/admin/system-health").get("jobs")) {
            if (job.get("name").asText().equals("curation")) {
                return job;
            }
        }
        return null;
    }

    @Test
    void startCurationReallyRunsTheJob() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> curationJob() != null && curationJob().get("totalRuns").asInt() >= 1);
        JsonNode before = curationJob();

        HttpResponse<String> response = trigger("{\"action\": \"start_curation\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(demo.json(response.body()).get("status").asText()).isEqualTo("succeeded");
        JsonNode after = curationJob();
        assertThat(after.get("totalRuns").asInt()).isEqualTo(before.get("totalRuns").asInt() + 1);
        assertThat(after.get("lastRun").asText()).isGreaterThan(before.get("lastRun").asText());
    }

    @Test
    void clearCacheEmptiesTheBookingsCache() throws Exception {
        demo.get("/bookings");

        JsonNode outcome = demo.json(trigger("{\"action\": \"clear_cache\"}").body());

        assertThat(outcome.get("message").asText()).isEqualTo("cleared 1 cached entries");
    }

    @Test
    void clearConnectionsIsCriticalAndNeedsApproval() throws Exception {
        HttpResponse<String> pending = trigger("{\"action\": \"clear_connections\"}");
        assertThat(pending.statusCode()).isEqualTo(202);
        String token = demo.json(pending.body()).get("approvalToken").asText();

        HttpResponse<String> approved = trigger("{\"action\": \"clear_connections\", \"approvalToken\": \"" + token + "\"}");

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        JsonNode outcome = demo.json(approved.body());
        assertThat(outcome.get("message").asText()).startsWith("evicted ");
        assertThat(outcome.get("details").has("idleBefore")).isTrue();
        assertThat(demo.get("/bookings").statusCode()).isEqualTo(200); // the pool serves new connections
    }

    @Test
    void killSwitchStopsActionsAndEverythingIsAudited() throws Exception {
        setConfig("actions.kill-switch", "true");

        HttpResponse<String> refused = trigger("{\"action\": \"clear_cache\"}");

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(demo.json(refused.body()).get("reason").asText()).isEqualTo("kill_switch");
        JsonNode entries = demo.admin("/api/admin/audit?limit=10").get("entries");
        assertThat(entries.get(0).get("type").asText()).isEqualTo("action");
        assertThat(entries.get(0).get("outcome").asText()).isEqualTo("rejected");
        assertThat(entries.get(1).get("type").asText()).isEqualTo("config");
        assertThat(trigger("{\"action\": \"unknown_button\"}").statusCode()).isEqualTo(404);
        assertThat(trigger("{not json").statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> query(String sql) throws Exception {
        return demo.send(HttpRequest.newBuilder(demo.uri("/api/admin/run-query"))
                .POST(HttpRequest.BodyPublishers.ofString(demo.json("{}").toString().replace("{}",
                        "{\"query\": " + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(sql) + "}")))
                .header("Content-Type", "application/json").header("Authorization", demo.authorization()));
    }

    @Test
    void readOnlyQueriesAnswerAndEverythingElseIsRejectedWithoutTouchingData() throws Exception {
        HttpResponse<String> count = query("SELECT COUNT(*) AS n FROM users");
        assertThat(count.statusCode()).as(count.body()).isEqualTo(200);
        long users = demo.json(count.body()).get("rows").get(0).get(0).asLong();
        assertThat(users).isPositive();

        JsonNode redacted = demo.json(query("SELECT email, password_hash FROM users ORDER BY id").body());
        assertThat(redacted.get("columns").toString()).contains("PASSWORD_HASH");
        assertThat(redacted.get("rows").get(0).get(1).asText()).isEqualTo("***");

        for (String attack : new String[] {"DROP TABLE users", "SELECT 1; DELETE FROM users", "DELETE FROM users",
                "SELECT * FROM users FOR UPDATE", "SELECT FILE_READ('/etc/passwd')", "CALL CSVWRITE('/tmp/x.csv', 'SELECT * FROM users')"}) {
            HttpResponse<String> rejected = query(attack);
            assertThat(rejected.statusCode()).as(attack + " -> " + rejected.body()).isEqualTo(400);
        }
        assertThat(demo.json(query("SELECT COUNT(*) AS n FROM users").body()).get("rows").get(0).get(0).asLong())
                .isEqualTo(users);
        JsonNode audit = demo.admin("/api/admin/audit?type=query&limit=20").get("entries");
        assertThat(audit.size()).isGreaterThanOrEqualTo(8);
        assertThat(demo.get("/bookings").statusCode()).isEqualTo(200); // the app's pool still works
    }

    @Test
    void autoFixRestartsAStoppedJobWhenSwitchedOn() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> curationJob() != null && curationJob().get("totalRuns").asInt() >= 1);
        setConfig("actions.auto-fix", "true");
        assertThat(demo.postFault("{\"job\": \"curation\", \"paused\": true}").statusCode()).isEqualTo(200);

        // the job misses its 3 s expectation, curation-stale fires with the check's suggested action, auto-fix runs it
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode fixes = demo.admin("/api/admin/audit?type=action&limit=50").get("entries");
            boolean autoFixed = false;
            for (JsonNode entry : fixes) {
                autoFixed |= entry.get("who").asText().equals("auto-fix:curation-stale")
                        && entry.get("outcome").asText().equals("succeeded");
            }
            assertThat(autoFixed).isTrue();
        });
        assertThat(curationJob().get("check").get("status").asText()).isIn("up", "down");
    }
}
