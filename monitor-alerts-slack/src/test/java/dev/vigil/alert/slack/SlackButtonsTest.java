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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.vigil.Monitor;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionResult;
import dev.vigil.action.ActionSeverity;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertCondition;
import dev.vigil.alert.AlertRuleRegistration;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;
import dev.vigil.api.ApiRequest;
import dev.vigil.briefing.BriefingSettings;
import dev.vigil.incident.ErrorEvent;
import dev.vigil.incident.ReportOutcome;
import dev.vigil.internal.Json;
import dev.vigil.security.Caller;
import dev.vigil.security.Role;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The buttons in what the Slack sink posts (WireMock as the incoming webhook): alert messages and the briefing carry
 * them when interactions are configured, and are exactly as before when they are not.
 */
class SlackButtonsTest {

    private static final String WEBHOOK = "/services/T000/B000/XXXX";
    private static final String RESPONSE_PATH = "/actions/T000/1/abc";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-15T08:00:00Z"));
    private final AtomicInteger curations = new AtomicInteger();
    private final WireMockServer slack = new WireMockServer(options().dynamicPort());
    private Monitor monitor;

    /** A monitor whose Slack sink has buttons when {@code buttons}, with a critical rule suggesting start_curation. */
    private SlackAlertSink start(boolean buttons) {
        slack.start();
        slack.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("ok")));
        SlackAlertSink.Builder sink = SlackAlertSink.builder().webhookUrl(URI.create("http://localhost:" + slack.port() + WEBHOOK));
        SlackInteractions interactions = SlackInteractions.builder().signingSecret("s3cr3t").user("U0OPS", Role.OPERATOR)
                .responseUrlPrefixes(List.of("http://127.0.0.1:" + slack.port() + "/actions/")).clock(clock).build();
        if (buttons) {
            sink.interactions(interactions);
        }
        SlackAlertSink built = sink.build();
        Monitor.Builder builder = Monitor.builder().clock(clock).bindSystemMeters(false).systemMetrics(false, Path.of("."))
                .defaultAlertRules(false, Map.of())
                .alertSink("slack", built)
                .briefingSettings(BriefingSettings.builder().zone(ZoneOffset.UTC).deliverTo(List.of("slack")).build())
                .alertRule(AlertRuleRegistration.builder("curation-idle",
                        context -> List.of(AlertCondition.of("Curation system idle — 0 videos screened today")))
                        .severity(Severity.CRITICAL).forDuration(Duration.ZERO).suggestedAction("start_curation").build())
                .action(ActionRegistration.builder("start_curation", context -> {
                    curations.incrementAndGet();
                    return ActionResult.succeeded("curation started");
                }).description("Starts a curation run now").build())
                .action(ActionRegistration.builder("clear_connections", context -> ActionResult.succeeded("cleared"))
                        .description("Evicts idle database connections").severity(ActionSeverity.CRITICAL).build());
        if (buttons) {
            builder.replySink(SlackInteractions.REPLY_SINK, interactions.replySink());
        }
        monitor = builder.build();
        if (buttons) {
            interactions.install(monitor);
        }
        return built;
    }

    @AfterEach
    void stop() {
        if (monitor != null) {
            monitor.close();
        }
        slack.stop();
    }

    private List<JsonNode> posted() {
        List<JsonNode> bodies = new ArrayList<>();
        slack.findAll(postRequestedFor(urlEqualTo(WEBHOOK))).forEach(request -> bodies.add(json(request.getBodyAsString())));
        return bodies;
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    private static Notification firing(String id, String action, Map<String, String> labels) {
        Instant at = Instant.parse("2026-03-15T07:55:00Z");
        Alert alert = new Alert(id, "curation-idle", "curation-idle{}", Severity.CRITICAL, AlertState.FIRING,
                "Curation system idle — 0 videos screened today", labels, 0, at, at, null, false, action);
        return new Notification("n-" + id, Notification.Kind.FIRING, alert, "shop", at);
    }

    private static JsonNode actionsBlock(JsonNode message) {
        for (JsonNode attachment : message.path("attachments")) {
            for (JsonNode block : attachment.path("blocks")) {
                if (block.path("type").asText().equals("actions")) {
                    return block;
                }
            }
        }
        return null;
    }

    @Test
    void aFiringAlertCarriesAButtonForItsSuggestedAction() throws Exception {
        SlackAlertSink sink = start(true);

        sink.send(List.of(firing("a-1", "start_curation", Map.of())));

        JsonNode block = actionsBlock(posted().get(0));
        assertThat(block).isNotNull();
        JsonNode button = block.get("elements").get(0);
        assertThat(button.get("type").asText()).isEqualTo("button");
        assertThat(button.get("text").get("text").asText()).isEqualTo("Start Curation");
        assertThat(button.get("action_id").asText()).isEqualTo("vigil_action:start_curation");
        assertThat(button.has("style")).isFalse();
        assertThat(button.get("confirm").get("title").get("text").asText()).isEqualTo("Run start_curation?");
        assertThat(button.get("confirm").get("text").get("text").asText()).contains("Starts a curation run now");
        JsonNode value = json(button.get("value").asText());
        assertThat(value.get("action").asText()).isEqualTo("start_curation");
        assertThat(value.get("alert").asText()).isEqualTo("a-1");
        assertThat(value.get("params").isObject()).isTrue();
        assertThat(button.get("value").asText().length()).isLessThanOrEqualTo(2000);
    }

    @Test
    void aCriticalActionsButtonIsRedAndItsConfirmationSaysApprovalIsNeeded() throws Exception {
        SlackAlertSink sink = start(true);

        sink.send(List.of(firing("a-2", "clear_connections", Map.of())));

        JsonNode button = actionsBlock(posted().get(0)).get("elements").get(0);
        assertThat(button.get("style").asText()).isEqualTo("danger");
        assertThat(button.get("confirm").get("style").asText()).isEqualTo("danger");
        assertThat(button.get("confirm").get("text").get("text").asText()).contains("a second operator must approve it");
    }

    @Test
    void unknownActionsAndResolvedAlertsGetNoButton() throws Exception {
        SlackAlertSink sink = start(true);

        sink.send(List.of(firing("a-3", "not_registered", Map.of())));

        assertThat(actionsBlock(posted().get(0))).isNull();
    }

    @Test
    void withoutSigningSecretMessagesCarryNoButtons() throws Exception {
        SlackAlertSink sink = start(false);

        sink.send(List.of(firing("a-1", "start_curation", Map.of())));

        String body = slack.findAll(postRequestedFor(urlEqualTo(WEBHOOK))).get(0).getBodyAsString();
        assertThat(body).doesNotContain("\"actions\"").doesNotContain("vigil_action").contains("Suggested action: start_curation");
    }

    @Test
    void theBriefingCarriesButtonsForTheActionsItRecommends() {
        start(true);
        monitor.alerts().evaluate();

        monitor.briefings().runIfDue(Runnable::run);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            monitor.dispatcher().deliverDue();
            return posted().stream().anyMatch(message -> message.toString().contains("daily-briefing"));
        });

        JsonNode briefing = posted().stream().filter(message -> message.toString().contains("daily-briefing")).findFirst()
                .orElseThrow();
        JsonNode button = actionsBlock(briefing).get("elements").get(0);
        assertThat(button.get("action_id").asText()).isEqualTo("vigil_action:start_curation");
        assertThat(json(button.get("value").asText()).get("alert").asText())
                .isEqualTo(monitor.alerts().active().get(0).id());
    }

    @Test
    void theBriefingCarriesNoButtonsWithoutSigningSecret() {
        start(false);
        monitor.alerts().evaluate();

        monitor.briefings().runIfDue(Runnable::run);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            monitor.dispatcher().deliverDue();
            return posted().stream().anyMatch(message -> message.toString().contains("daily-briefing"));
        });

        assertThat(posted()).allSatisfy(message -> assertThat(message.toString()).doesNotContain("vigil_action"));
    }

    @Test
    void anIncidentAlertOffersTheKnownFixAndItsPressRunsItForTheIncident() throws Exception {
        SlackAlertSink sink = start(true);
        ReportOutcome reported = monitor.incidents().report(ErrorEvent.of("Upload failed: quota exceeded", "TypeError",
                clock.instant()));
        String incident = reported.incident().id();
        monitor.incidents().bindFix(incident, "start_curation", Caller.person("ops"));

        sink.send(List.of(firing("a-4", null, Map.of("incident", incident))));
        JsonNode button = actionsBlock(posted().get(0)).get("elements").get(0);
        JsonNode value = json(button.get("value").asText());
        assertThat(value.get("incident").asText()).isEqualTo(incident);

        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "block_actions");
        payload.put("user", Map.of("id", "U0OPS", "username", "ops"));
        payload.put("trigger_id", "1.2.3");
        payload.put("response_url", "http://127.0.0.1:" + slack.port() + RESPONSE_PATH);
        payload.put("actions", List.of(Map.of("action_id", button.get("action_id").asText(), "value",
                button.get("value").asText(), "type", "button", "action_ts", "1.2")));
        String body = "payload=" + URLEncoder.encode(new String(Json.write(payload), StandardCharsets.UTF_8),
                StandardCharsets.UTF_8);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        int status = monitor.api().handle(new ApiRequest("POST", SlackInteractions.PATH, Map.of(), Map.of(
                "Content-Type", "application/x-www-form-urlencoded", "X-Slack-Request-Timestamp", timestamp,
                "X-Slack-Signature", SlackSignature.sign("s3cr3t", timestamp, body.getBytes(StandardCharsets.UTF_8))),
                body.getBytes(StandardCharsets.UTF_8))).status();

        assertThat(status).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            monitor.dispatcher().deliverDue();
            return !slack.findAll(postRequestedFor(urlEqualTo(RESPONSE_PATH))).isEmpty();
        });
        assertThat(curations).hasValue(1);
        assertThat(monitor.audit().query(dev.vigil.audit.AuditQuery.latest(20)))
                .anySatisfy(entry -> assertThat(entry.type()).isEqualTo(dev.vigil.audit.AuditEntry.Type.INCIDENT));
    }
}
