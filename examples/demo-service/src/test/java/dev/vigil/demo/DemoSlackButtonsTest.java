package dev.vigil.demo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.vigil.alert.slack.SlackSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo's Slack buttons over real HTTP: a press signed with the demo's signing secret, in Slack's
 * {@code block_actions} format, runs {@code start_curation} as the mapped Slack user and the outcome is posted to the
 * response URL (WireMock standing in for hooks.slack.com); unsigned, stale and tampered presses are refused and run
 * nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "monitor.admin.token=ops-token", "demo.curation.initial-delay=0s"})
class DemoSlackButtonsTest {

    private static final int PORT = DemoClient.freePort();
    private static final int MANAGEMENT_PORT = DemoClient.freePort();
    private static final String SECRET = "demo-signing-secret";
    private static final String RESPONSE_PATH = "/actions/T0DEMO/1234567890/responseSecret";
    private static final WireMockServer SLACK = new WireMockServer(options().dynamicPort());

    static {
        SLACK.start();
    }

    private final DemoClient demo = new DemoClient(PORT, "ops-token");
    private final ObjectMapper json = new ObjectMapper();
    private int presses;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("management.server.port", () -> MANAGEMENT_PORT);
        registry.add("monitor.alerts.slack.response-url-hosts", () -> "http://127.0.0.1:" + SLACK.port() + "/actions/");
    }

    @AfterAll
    static void stopSlack() {
        SLACK.stop();
    }

    @BeforeEach
    void resetSlack() {
        SLACK.resetAll();
        SLACK.stubFor(post(urlEqualTo(RESPONSE_PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    /** The form body Slack posts when {@code user} presses the demo's [Start Curation] button. */
    private String press(String user) throws Exception {
        presses++;
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "block_actions");
        payload.put("user", Map.of("id", user, "username", "demo.ops", "name", "demo.ops", "team_id", "T0DEMO"));
        payload.put("api_app_id", "A0DEMO");
        payload.put("container", Map.of("type", "message", "message_ts", "1767225600.000100", "channel_id", "C0OPS"));
        payload.put("trigger_id", "13345224609.738474920.8088930838d88f008e0" + System.nanoTime() + presses);
        payload.put("team", Map.of("id", "T0DEMO", "domain", "vigil-demo"));
        payload.put("channel", Map.of("id", "C0OPS", "name", "ops"));
        payload.put("response_url", "http://127.0.0.1:" + SLACK.port() + RESPONSE_PATH);
        payload.put("actions", List.of(Map.of("action_id", "vigil_action:start_curation", "block_id", "vigil-actions-a1",
                "type", "button", "action_ts", "1767225601.000200",
                "text", Map.of("type", "plain_text", "text", "Start Curation", "emoji", true),
                "value", json.writeValueAsString(Map.of("action", "start_curation", "params", Map.of())))));
        return "payload=" + URLEncoder.encode(json.writeValueAsString(payload), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(String body, String timestamp, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(demo.uri("/api/slack/interactions"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (timestamp != null) {
            request.header("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-Slack-Signature", signature);
        }
        return demo.send(request);
    }

    private HttpResponse<String> signed(String body, Instant at) throws Exception {
        String timestamp = Long.toString(at.getEpochSecond());
        return send(body, timestamp, SlackSignature.sign(SECRET, timestamp, body.getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode curationJob() throws Exception {
        for (JsonNode job : demo.admin("/api/admin/system-health").get("jobs")) {
            if (job.get("name").asText().equals("curation")) {
                return job;
            }
        }
        return null;
    }

    private List<JsonNode> slackPresses() throws Exception {
        return List.of(demo.admin("/api/admin/audit?limit=200").get("entries")).stream()
                .flatMap(entries -> java.util.stream.StreamSupport.stream(entries.spliterator(), false))
                .filter(entry -> entry.get("who").asText().startsWith("slack:")).toList();
    }

    @Test
    void aSignedPressRunsStartCurationAndPostsTheOutcomeBack() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> curationJob() != null && curationJob().get("totalRuns").asInt() >= 1);
        int runsBefore = curationJob().get("totalRuns").asInt();

        HttpResponse<String> response = signed(press("U0DEMOOPS"), Instant.now());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> !SLACK.findAll(postRequestedFor(urlEqualTo(RESPONSE_PATH))).isEmpty());
        JsonNode reply = json.readTree(SLACK.findAll(postRequestedFor(urlEqualTo(RESPONSE_PATH))).get(0).getBodyAsString());
        assertThat(reply.get("text").asText()).contains("Start Curation").contains("succeeded").contains("<@U0DEMOOPS>");
        assertThat(curationJob().get("totalRuns").asInt()).isEqualTo(runsBefore + 1);
        assertThat(slackPresses()).anySatisfy(entry -> {
            assertThat(entry.get("who").asText()).isEqualTo("slack:U0DEMOOPS(demo.ops)");
            assertThat(entry.get("subject").asText()).isEqualTo("start_curation");
            assertThat(entry.get("outcome").asText()).isEqualTo("succeeded");
        });
    }

    @Test
    void unsignedStaleAndTamperedPressesAreRefusedAndRunNothing() throws Exception {
        List<JsonNode> before = slackPresses();
        String body = press("U0DEMOOPS");
        String now = Long.toString(Instant.now().getEpochSecond());
        String signature = SlackSignature.sign(SECRET, now, body.getBytes(StandardCharsets.UTF_8));

        assertThat(send(body, null, null).statusCode()).isEqualTo(401);
        assertThat(signed(body, Instant.now().minus(Duration.ofMinutes(6))).statusCode()).isEqualTo(401);
        assertThat(send(body.replace("start_curation", "clear_connections"), now, signature).statusCode()).isEqualTo(401);
        assertThat(send(body, now, SlackSignature.sign("not-the-demo-secret", now, body.getBytes(StandardCharsets.UTF_8)))
                .statusCode()).isEqualTo(401);

        assertThat(slackPresses()).hasSameSizeAs(before);
        assertThat(SLACK.findAll(postRequestedFor(urlEqualTo(RESPONSE_PATH)))).isEmpty();
    }

    @Test
    void anUnmappedSlackUserIsToldNoAndNothingRuns() throws Exception {
        int before = (int) slackPresses().stream().filter(entry -> entry.get("outcome").asText().equals("succeeded")).count();

        HttpResponse<String> response = signed(press("U0STRANGER"), Instant.now());

        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> !SLACK.findAll(postRequestedFor(urlEqualTo(RESPONSE_PATH))).isEmpty());
        JsonNode reply = json.readTree(SLACK.findAll(postRequestedFor(urlEqualTo(RESPONSE_PATH))).get(0).getBodyAsString());
        assertThat(reply.get("response_type").asText()).isEqualTo("ephemeral");
        assertThat(reply.get("text").asText()).contains("not allowed");
        assertThat(slackPresses().stream().filter(entry -> entry.get("outcome").asText().equals("succeeded")).count())
                .isEqualTo(before);
        assertThat(slackPresses()).anySatisfy(entry -> assertThat(entry.get("outcome").asText()).isEqualTo("refused"));
    }
}
