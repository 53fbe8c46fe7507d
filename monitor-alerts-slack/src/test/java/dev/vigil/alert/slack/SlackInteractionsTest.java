package dev.vigil.alert.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.Monitor;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionResult;
import dev.vigil.action.ActionSeverity;
import dev.vigil.api.ApiRequest;
import dev.vigil.api.ApiResponse;
import dev.vigil.audit.AuditEntry;
import dev.vigil.audit.AuditQuery;
import dev.vigil.internal.Json;
import dev.vigil.security.Role;
import dev.vigil.security.event.SecurityEventQuery;
import dev.vigil.security.event.SecurityEventType;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Button presses arriving at {@code POST /api/slack/interactions}, signed as Slack signs them, in Slack's
 * {@code block_actions} format: what runs, what is refused, and what is posted back to the response URL (WireMock
 * on loopback, allowed by the response-URL allow-list).
 */
class SlackInteractionsTest {

    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String OPERATOR = "U2CERLKJA";
    static final String SECOND_OPERATOR = "U0SECOND1";
    static final String READER = "U0READER1";
    static final String RESPONSE_PATH = "/actions/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-15T09:00:00Z"));
    private final AtomicInteger curations = new AtomicInteger();
    private final AtomicInteger restarts = new AtomicInteger();
    private WireMockServer slack;
    private Monitor monitor;
    private int triggers;

    @BeforeEach
    void start() {
        slack = new WireMockServer(options().dynamicPort());
        slack.start();
        slack.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("ok")));
        SlackInteractions interactions = SlackInteractions.builder()
                .signingSecret("a-newer-secret")
                .signingSecret(SECRET)
                .user(OPERATOR, Role.OPERATOR)
                .user(SECOND_OPERATOR, Role.ADMIN)
                .user(READER, Role.READ)
                .responseUrlPrefixes(List.of("http://127.0.0.1:" + slack.port() + "/actions/"))
                .clock(clock)
                .build();
        monitor = Monitor.builder().clock(clock).bindSystemMeters(false).systemMetrics(false, Path.of("."))
                .defaultAlertRules(false, Map.of())
                .replySink(SlackInteractions.REPLY_SINK, interactions.replySink())
                .action(ActionRegistration.builder("start_curation", context -> {
                    curations.incrementAndGet();
                    return ActionResult.succeeded("curation started, 42 sources queued");
                }).description("Starts a curation run now").build())
                .action(ActionRegistration.builder("restart_workers", context -> {
                    restarts.incrementAndGet();
                    return ActionResult.succeeded("workers restarted");
                }).description("Restarts the worker pool").severity(ActionSeverity.CRITICAL).build())
                .build();
        interactions.install(monitor);
    }

    @AfterEach
    void stop() {
        monitor.close();
        slack.stop();
    }

    // ---------------------------------------------------------------- helpers

    /** A {@code block_actions} payload as Slack sends it for a press of {@code actionId} with {@code value}. */
    String payload(String userId, String userName, String actionId, Map<String, Object> value, String responseUrl) {
        triggers++;
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "block_actions");
        payload.put("user", Map.of("id", userId, "username", userName, "name", userName, "team_id", "T1DC2JH3J"));
        payload.put("api_app_id", "A02");
        payload.put("token", "xyzz0WbapA4vBCDEFasx0q6G");
        payload.put("container", Map.of("type", "message", "message_ts", "1548261231.000200", "channel_id", "C0OPS"));
        payload.put("trigger_id", "398738663015.47445629121.803a0bc887a14d10d2c447fce8b670" + (10 + triggers));
        payload.put("team", Map.of("id", "T1DC2JH3J", "domain", "testteamnow"));
        payload.put("enterprise", null);
        payload.put("is_enterprise_install", false);
        payload.put("channel", Map.of("id", "C0OPS", "name", "ops"));
        payload.put("message", Map.of("type", "message", "text", "🔴 CRITICAL — curation-idle firing on shop",
                "ts", "1548261231.000200", "bot_id", "B01"));
        payload.put("state", Map.of("values", Map.of()));
        payload.put("response_url", responseUrl);
        payload.put("actions", List.of(Map.of("action_id", actionId, "block_id", "vigil-actions-a-1",
                "text", Map.of("type", "plain_text", "text", "Start Curation", "emoji", true),
                "value", new String(Json.write(value), StandardCharsets.UTF_8), "type", "button",
                "action_ts", "1548426417.840180")));
        return "payload=" + URLEncoder.encode(new String(Json.write(payload), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    String press(String userId, String action) {
        return payload(userId, "roadrunner", "vigil_action:" + action, Map.of("action", action, "params", Map.of(),
                "alert", "a-1"), responseUrl());
    }

    String responseUrl() {
        return "http://127.0.0.1:" + slack.port() + RESPONSE_PATH;
    }

    ApiResponse post(String body, String timestamp, String signature) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        if (timestamp != null) {
            headers.put("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            headers.put("X-Slack-Signature", signature);
        }
        return monitor.api().handle(new ApiRequest("POST", SlackInteractions.PATH, Map.of(), headers,
                body.getBytes(StandardCharsets.UTF_8)));
    }

    ApiResponse signed(String body) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        return post(body, timestamp, SlackSignature.sign(SECRET, timestamp, body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Delivers the outbox until {@code count} replies reached the response URL; returns them. */
    List<JsonNode> replies(int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            monitor.dispatcher().deliverDue();
            return slack.findAll(postRequestedFor(urlEqualTo(RESPONSE_PATH))).size() >= count;
        });
        return slack.findAll(postRequestedFor(urlEqualTo(RESPONSE_PATH))).stream()
                .map(LoggedRequest::getBodyAsString).map(SlackInteractionsTest::json).toList();
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    List<AuditEntry> audit() {
        return monitor.audit().query(AuditQuery.latest(100));
    }

    void assertNothingHappened() {
        monitor.dispatcher().deliverDue();
        assertThat(curations).hasValue(0);
        assertThat(restarts).hasValue(0);
        assertThat(audit()).isEmpty();
        assertThat(slack.getAllServeEvents()).isEmpty();
    }

    // ---------------------------------------------------------------- tests

    @Test
    void aSignedPressRunsTheActionAndPostsTheOutcomeToTheResponseUrl() {
        ApiResponse response = signed(press(OPERATOR, "start_curation"));

        assertThat(response.status()).isEqualTo(200);
        JsonNode reply = replies(1).get(0);
        assertThat(curations).hasValue(1);
        assertThat(reply.get("response_type").asText()).isEqualTo("in_channel");
        assertThat(reply.get("replace_original").asBoolean()).isFalse();
        assertThat(reply.get("text").asText()).contains("succeeded").contains("curation started, 42 sources queued")
                .contains("<@" + OPERATOR + ">");
        LoggedRequest posted = slack.findAll(postRequestedFor(urlEqualTo(RESPONSE_PATH))).get(0);
        assertThat(posted.getHeader("Content-Type")).startsWith("application/json");
        AuditEntry entry = audit().get(0);
        assertThat(entry.who()).isEqualTo("slack:" + OPERATOR + "(roadrunner)");
        assertThat(entry.subject()).isEqualTo("start_curation");
        assertThat(entry.outcome()).isEqualTo("succeeded");
        assertThat(entry.details().get("idempotencyKey").toString()).startsWith("slack:398738663015.");
    }

    @Test
    void anUnsignedPressIsRefusedAndNothingRuns() {
        assertThat(post(press(OPERATOR, "start_curation"), null, null).status()).isEqualTo(401);
        assertThat(post(press(OPERATOR, "start_curation"), Long.toString(clock.instant().getEpochSecond()), null).status())
                .isEqualTo(401);
        assertNothingHappened();
    }

    @Test
    void aStaleOrFuturePressIsRefusedAndNothingRuns() {
        String body = press(OPERATOR, "start_curation");
        for (Duration skew : List.of(Duration.ofMinutes(-6), Duration.ofMinutes(6))) {
            String timestamp = Long.toString(clock.instant().plus(skew).getEpochSecond());
            ApiResponse response = post(body, timestamp, SlackSignature.sign(SECRET, timestamp,
                    body.getBytes(StandardCharsets.UTF_8)));
            assertThat(response.status()).isEqualTo(401);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("invalid_signature");
        }
        assertNothingHappened();
    }

    @Test
    void aTamperedBodyIsRefusedAndNothingRuns() {
        String body = press(OPERATOR, "start_curation");
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String signature = SlackSignature.sign(SECRET, timestamp, body.getBytes(StandardCharsets.UTF_8));
        String tampered = body.replace("start_curation", "restart_workers");

        assertThat(post(tampered, timestamp, signature).status()).isEqualTo(401);
        assertThat(post(body, Long.toString(clock.instant().getEpochSecond() + 1), signature).status()).isEqualTo(401);
        assertNothingHappened();
    }

    @Test
    void aPressSignedWithAnotherSecretIsRefusedAndNothingRuns() {
        String body = press(OPERATOR, "start_curation");
        String timestamp = Long.toString(clock.instant().getEpochSecond());

        ApiResponse response = post(body, timestamp, SlackSignature.sign("not-the-secret", timestamp,
                body.getBytes(StandardCharsets.UTF_8)));

        assertThat(response.status()).isEqualTo(401);
        assertNothingHappened();
    }

    @Test
    void theNewerSecretOfARotationIsAcceptedToo() {
        String body = press(OPERATOR, "start_curation");
        String timestamp = Long.toString(clock.instant().getEpochSecond());

        ApiResponse response = post(body, timestamp, SlackSignature.sign("a-newer-secret", timestamp,
                body.getBytes(StandardCharsets.UTF_8)));

        assertThat(response.status()).isEqualTo(200);
        replies(1);
        assertThat(curations).hasValue(1);
    }

    @Test
    void aFormThatIsNotFormEncodedIsRefusedUnread() {
        String body = press(OPERATOR, "start_curation");
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        ApiResponse response = monitor.api().handle(new ApiRequest("POST", SlackInteractions.PATH, Map.of(),
                Map.of("Content-Type", "application/json", "X-Slack-Request-Timestamp", timestamp, "X-Slack-Signature",
                        SlackSignature.sign(SECRET, timestamp, body.getBytes(StandardCharsets.UTF_8))),
                body.getBytes(StandardCharsets.UTF_8)));

        assertThat(response.status()).isEqualTo(415);
        assertNothingHappened();
    }

    @Test
    void anUnknownSlackUserIsRefusedAuditedAndToldSoPrivately() {
        ApiResponse response = signed(press("U0STRANGER", "start_curation"));

        assertThat(response.status()).isEqualTo(200);
        JsonNode reply = replies(1).get(0);
        assertThat(reply.get("response_type").asText()).isEqualTo("ephemeral");
        assertThat(reply.get("text").asText()).contains("not allowed");
        assertThat(curations).hasValue(0);
        AuditEntry entry = audit().get(0);
        assertThat(entry.who()).isEqualTo("slack:U0STRANGER(roadrunner)");
        assertThat(entry.outcome()).isEqualTo("refused");
        assertThat(entry.problem()).get().asString().contains("not mapped");
        monitor.security().flush(monitor.store().securityEvents());
        assertThat(monitor.store().securityEvents().query(SecurityEventQuery.latest(100)))
                .anySatisfy(event -> {
                    assertThat(event.type()).isEqualTo(SecurityEventType.FORBIDDEN);
                    assertThat(event.user()).isEqualTo("slack:U0STRANGER(roadrunner)");
                });
    }

    @Test
    void aUserWithTheReadRoleMayNotRunActions() {
        assertThat(signed(press(READER, "start_curation")).status()).isEqualTo(200);

        assertThat(replies(1).get(0).get("text").asText()).contains("not allowed");
        assertThat(curations).hasValue(0);
        assertThat(audit()).singleElement().satisfies(entry -> assertThat(entry.outcome()).isEqualTo("refused"));
    }

    @Test
    void aCriticalActionRunsOnlyOnceASecondOperatorApproves() {
        assertThat(signed(press(OPERATOR, "restart_workers")).status()).isEqualTo(200);
        JsonNode request = replies(1).get(0);
        assertThat(restarts).hasValue(0);
        assertThat(request.get("response_type").asText()).isEqualTo("in_channel");
        assertThat(request.get("text").asText()).contains("<@" + OPERATOR + "> asks to run the critical action");
        JsonNode approve = request.get("blocks").get(1).get("elements").get(0);
        assertThat(approve.get("action_id").asText()).isEqualTo("vigil_approve:restart_workers");
        assertThat(approve.get("style").asText()).isEqualTo("primary");
        assertThat(approve.get("confirm").get("confirm").get("text").asText()).isEqualTo("Approve");
        Map<String, Object> value = Json.mapper().convertValue(json(approve.get("value").asText()), Map.class);

        // the requester cannot approve their own request
        signed(payload(OPERATOR, "roadrunner", "vigil_approve:restart_workers", value, responseUrl()));
        JsonNode own = replies(2).get(1);
        assertThat(own.get("response_type").asText()).isEqualTo("ephemeral");
        assertThat(own.get("text").asText()).contains("a different operator must approve it");
        assertThat(restarts).hasValue(0);

        signed(payload(SECOND_OPERATOR, "coyote", "vigil_approve:restart_workers", value, responseUrl()));
        JsonNode done = replies(3).get(2);
        assertThat(restarts).hasValue(1);
        assertThat(done.get("replace_original").asBoolean()).isTrue();
        assertThat(done.get("text").asText()).contains("succeeded").contains("approved by <@" + SECOND_OPERATOR + ">");
        assertThat(audit()).anySatisfy(entry -> {
            assertThat(entry.who()).isEqualTo("slack:" + SECOND_OPERATOR + "(coyote)");
            assertThat(entry.outcome()).isEqualTo("succeeded");
            assertThat(entry.details().get("requestedBy")).isEqualTo("slack:" + OPERATOR + "(roadrunner)");
        });
    }

    @Test
    void aRepeatedDeliveryOfOnePressRunsOnce() {
        String body = press(OPERATOR, "start_curation");

        assertThat(signed(body).status()).isEqualTo(200);
        replies(1);
        clock.advance(Duration.ofSeconds(30));
        ApiResponse again = signed(body);

        assertThat(again.status()).isEqualTo(200);
        assertThat(new String(again.body(), StandardCharsets.UTF_8)).contains("duplicate");
        monitor.dispatcher().deliverDue();
        assertThat(curations).hasValue(1);
        assertThat(slack.findAll(postRequestedFor(urlEqualTo(RESPONSE_PATH)))).hasSize(1);
    }

    @Test
    void aResponseUrlOutsideTheAllowListIsNeverPostedTo() {
        for (String url : List.of("https://evil.example/actions/T1/1/x", "http://127.0.0.1:" + slack.port() + "/other",
                "http://127.0.0.1:" + (slack.port() + 1) + "/actions/x", "http://127.0.0.1:" + slack.port() + "@evil.example/actions/x")) {
            String body = payload(OPERATOR, "roadrunner", "vigil_action:start_curation",
                    Map.of("action", "start_curation", "params", Map.of()), url);
            assertThat(signed(body).status()).as(url).isEqualTo(400);
        }
        assertNothingHappened();
    }

    @Test
    void otherInteractionsAreAcknowledgedAndIgnored() {
        String body = payload(OPERATOR, "roadrunner", "some_other_button", Map.of("action", "start_curation"), responseUrl());

        ApiResponse response = signed(body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("ignored");
        assertNothingHappened();
    }

    @Test
    void theOperationIsListedAsPublicAndPostOnly() {
        assertThat(monitor.api().operations().operations()).anySatisfy(operation -> {
            assertThat(operation.id()).isEqualTo("slack.interactions");
            assertThat(operation.access().isPublic()).isTrue();
            assertThat(operation.maxBodyBytes()).isEqualTo(SlackInteractions.MAX_BODY_BYTES);
        });
        ApiResponse get = monitor.api().handle(ApiRequest.of("GET", SlackInteractions.PATH, Map.of()));
        assertThat(get.status()).isEqualTo(405);
        assertThat(URI.create(responseUrl()).getPort()).isEqualTo(slack.port());
    }

    @Test
    void oneUserPressingTooFastIsSlowedDown() {
        int accepted = 0;
        ApiResponse last = null;
        for (int i = 0; i < SlackInteractions.PRESS_BURST + 1; i++) {
            last = signed(payload(READER, "reader", "vigil_action:start_curation",
                    Map.of("action", "start_curation", "params", Map.of()), responseUrl()));
            accepted += last.status() == 200 ? 1 : 0;
        }

        assertThat(accepted).isEqualTo(SlackInteractions.PRESS_BURST);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.headers()).containsEntry("Retry-After", "2");
        assertThat(curations).hasValue(0);
        clock.advance(Duration.ofSeconds(2));
        assertThat(signed(press(READER, "start_curation")).status()).isEqualTo(200);
    }

    @Test
    void aButtonWhoseIdAndValueDisagreeIsRefused() {
        String body = payload(OPERATOR, "roadrunner", "vigil_action:start_curation",
                Map.of("action", "restart_workers", "params", Map.of()), responseUrl());

        assertThat(signed(body).status()).isEqualTo(400);
        assertNothingHappened();
    }
}
