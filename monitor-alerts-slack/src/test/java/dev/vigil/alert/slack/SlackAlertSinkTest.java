package dev.vigil.alert.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.DeliveryException;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;
import dev.vigil.internal.Json;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackAlertSinkTest {

    private static final String PATH = "/services/T000/B000/XXXX";
    private static final Instant SINCE = Instant.parse("2026-01-01T00:00:00Z");

    private WireMockServer slack;

    @BeforeEach
    void startSlack() {
        slack = new WireMockServer(options().dynamicPort());
        slack.start();
    }

    @AfterEach
    void stopSlack() {
        slack.stop();
    }

    // ---- payload ----

    @Test
    void criticalAlertIsPostedAsHeaderSectionFieldsAndContextInARedAttachment() throws Exception {
        answer(aResponse().withStatus(200).withBody("ok"));

        sink().send(List.of(firing(Severity.CRITICAL, "error-ratio-critical", "Error rate 12.4% on /media-upload above 10%")));

        JsonNode payload = postedPayload();
        assertThat(headerText(payload)).isEqualTo("🔴 CRITICAL — error-ratio-critical firing on vigil-demo");
        assertThat(payload.path("text").asText())
                .startsWith("🔴 CRITICAL — error-ratio-critical firing on vigil-demo")
                .contains("Error rate 12.4% on /media-upload above 10%");

        assertThat(payload.path("attachments")).hasSize(1);
        JsonNode attachment = payload.path("attachments").get(0);
        assertThat(attachment.path("color").asText()).isEqualTo("danger");
        JsonNode section = attachment.path("blocks").get(0);
        assertThat(section.path("type").asText()).isEqualTo("section");
        assertThat(section.path("text").path("type").asText()).isEqualTo("mrkdwn");
        assertThat(section.path("text").path("text").asText()).isEqualTo("Error rate 12.4% on /media-upload above 10%");
        assertThat(texts(section.path("fields"))).containsExactly(
                "*Severity*\ncritical",
                "*State*\nfiring",
                "*Service*\nvigil-demo",
                "*Value*\n0.124",
                "*Since*\n<!date^1767225600^{date_short_pretty} {time}|2026-01-01 00:00 UTC>",
                "*Labels*\nplatform=ios, route=/media-upload");
        JsonNode context = attachment.path("blocks").get(1);
        assertThat(context.path("type").asText()).isEqualTo("context");
        assertThat(texts(context.path("elements"))).containsExactly("Alert id: alert-1", "Suggested action: start_curation");

        slack.verify(postRequestedFor(urlEqualTo(PATH)).withHeader("Content-Type", containing("application/json")));
    }

    @Test
    void eachNotificationGetsTheColourOfItsSeverityMostUrgentFirst() throws Exception {
        answer(aResponse().withStatus(200).withBody("ok"));

        sink().send(List.of(
                resolved(Severity.CRITICAL, "disk-space"),
                firing(Severity.INFO, "deploy-seen", "New version 1.4.2"),
                firing(Severity.WARNING, "latency-p99", "p99 1.2s on /bookings above 1s"),
                firing(Severity.CRITICAL, "error-ratio-critical", "Error rate 12.4%")));

        JsonNode payload = postedPayload();
        assertThat(headerText(payload)).isEqualTo("🔴 4 alerts on vigil-demo: 3 firing, 1 resolved");
        List<String> colours = new ArrayList<>();
        payload.path("attachments").forEach(a -> colours.add(a.path("color").asText()));
        assertThat(colours).containsExactly("danger", "warning", "#439FE0", "good");
        // with several notifications each section starts with its own title
        assertThat(payload.path("attachments").get(1).path("blocks").get(0).path("text").path("text").asText())
                .isEqualTo("*🟠 WARNING — latency-p99 firing on vigil-demo*\np99 1.2s on /bookings above 1s");
        assertThat(payload.path("text").asText()).contains("error-ratio-critical firing", "disk-space resolved");
    }

    @Test
    void resolvedAlertIsGreenWithACheckMarkAndItsResolutionTime() throws Exception {
        answer(aResponse().withStatus(200).withBody("ok"));

        sink().send(List.of(resolved(Severity.CRITICAL, "error-ratio-critical")));

        JsonNode payload = postedPayload();
        assertThat(headerText(payload)).isEqualTo("✅ RESOLVED — error-ratio-critical resolved on vigil-demo");
        JsonNode attachment = payload.path("attachments").get(0);
        assertThat(attachment.path("color").asText()).isEqualTo("good");
        assertThat(texts(attachment.path("blocks").get(0).path("fields")))
                .contains("*Severity*\ncritical", "*State*\nresolved")
                .anySatisfy(field -> assertThat(field).startsWith("*Resolved*\n<!date^"));
    }

    @Test
    void mentionIsAddedOnlyWhenACriticalAlertFires() throws Exception {
        answer(aResponse().withStatus(200).withBody("ok"));
        SlackAlertSink sink = builder().mentionOnCritical("<!here>").build();

        sink.send(List.of(firing(Severity.WARNING, "latency-p99", "slow")));
        sink.send(List.of(resolved(Severity.CRITICAL, "error-ratio-critical")));
        sink.send(List.of(firing(Severity.CRITICAL, "error-ratio-critical", "Error rate 12.4%")));

        List<JsonNode> payloads = postedPayloads();
        assertThat(payloads.get(0).toString()).doesNotContain("<!here>");
        assertThat(payloads.get(1).toString()).doesNotContain("<!here>");
        JsonNode critical = payloads.get(2);
        assertThat(critical.path("text").asText()).startsWith("<!here> 🔴 CRITICAL");
        assertThat(critical.path("blocks").get(1).path("text").path("text").asText()).isEqualTo("<!here> 1 critical alert firing");
    }

    @Test
    void userTextCannotPingOrLink() throws Exception {
        answer(aResponse().withStatus(200).withBody("ok"));

        sink().send(List.of(firing(Severity.WARNING, "rule", "<!channel> see <http://evil|here> & more")));

        assertThat(postedPayload().path("attachments").get(0).path("blocks").get(0).path("text").path("text").asText())
                .isEqualTo("&lt;!channel&gt; see &lt;http://evil|here&gt; &amp; more");
    }

    @Test
    void hugeBatchStaysWithinSlackLimitsAndIsValidJson() throws Exception {
        answer(aResponse().withStatus(200).withBody("ok"));
        String stackTrace = "java.lang.IllegalStateException: boom <&>\n" + "\tat dev.vigil.Foo.bar(Foo.java:42)\n".repeat(300);
        assertThat(stackTrace.length()).isGreaterThan(10_000);
        List<Notification> batch = IntStream.range(0, 100)
                .mapToObj(i -> firing(Severity.values()[i % 3], "rule-" + i + "-" + "x".repeat(200), stackTrace))
                .toList();

        sink().send(batch);

        String body = slack.findAll(postRequestedFor(urlEqualTo(PATH))).get(0).getBodyAsString();
        JsonNode payload = Json.mapper().readTree(body); // valid JSON
        int blocks = payload.path("blocks").size();
        for (JsonNode attachment : payload.path("attachments")) {
            blocks += attachment.path("blocks").size();
        }
        assertThat(blocks).isLessThanOrEqualTo(50);
        assertThat(payload.path("attachments").size()).isLessThanOrEqualTo(100);
        assertThat(headerText(payload).length()).isLessThanOrEqualTo(150);
        assertThat(payload.path("text").asText().length()).isLessThanOrEqualTo(3000);
        List<String> allTexts = new ArrayList<>();
        collectTextObjects(payload, allTexts);
        assertThat(allTexts).isNotEmpty().allSatisfy(text -> assertThat(text.length()).isBetween(1, 3000));
        for (JsonNode attachment : payload.path("attachments")) {
            for (JsonNode field : attachment.path("blocks").get(0).path("fields")) {
                assertThat(field.path("text").asText().length()).isLessThanOrEqualTo(2000);
            }
        }
        assertThat(allTexts).anySatisfy(text -> assertThat(text).endsWith("… (truncated)"));
        JsonNode last = payload.path("attachments").get(payload.path("attachments").size() - 1);
        int shown = payload.path("attachments").size() - 1;
        assertThat(last.path("blocks").get(0).path("text").path("text").asText())
                .isEqualTo("…and " + (100 - shown) + " more not shown (" + (100 - shown) + " firing, 0 resolved)");
    }

    @Test
    void longTitleIsCutToTheHeaderLimit() throws Exception {
        answer(aResponse().withStatus(200).withBody("ok"));

        sink().send(List.of(firing(Severity.CRITICAL, "r".repeat(400), "m")));

        String header = headerText(postedPayload());
        assertThat(header).hasSizeLessThanOrEqualTo(150).startsWith("🔴 CRITICAL — rrr").endsWith("…");
    }

    @Test
    void emptyBatchPostsNothing() throws Exception {
        sink().send(List.of());

        assertThat(slack.getAllServeEvents()).isEmpty();
    }

    // ---- answers ----

    @Test
    void rateLimitIsTransientWithRetryAfterSeconds() {
        answer(aResponse().withStatus(429).withHeader("Retry-After", "30").withBody("rate_limited"));

        DeliveryException e = sendAndCatch(sink());

        assertThat(e.isPermanent()).isFalse();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(e.getMessage()).contains("429").doesNotContain("XXXX").doesNotContain("/services");
    }

    @Test
    void retryAfterAsHttpDateIsReadAgainstTheClock() {
        MutableClock clock = MutableClock.atFixedStart();
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(120).atOffset(ZoneOffset.UTC));
        answer(aResponse().withStatus(429).withHeader("Retry-After", inTwoMinutes));

        DeliveryException e = sendAndCatch(builder().clock(clock).build());

        assertThat(e.isPermanent()).isFalse();
        assertThat(e.retryAfter()).contains(Duration.ofMinutes(2));
    }

    @Test
    void serverErrorIsTransient() {
        answer(aResponse().withStatus(500).withBody("internal_error"));

        DeliveryException e = sendAndCatch(sink());

        assertThat(e.isPermanent()).isFalse();
        assertThat(e.retryAfter()).isEmpty();
        assertThat(e.getMessage()).contains("internal_error", "500");
    }

    @Test
    void invalidPayloadIsPermanentAndNamed() {
        answer(aResponse().withStatus(400).withBody("invalid_payload"));

        DeliveryException e = sendAndCatch(sink());

        assertThat(e.isPermanent()).isTrue();
        assertThat(e.getMessage()).isEqualTo("Slack rejected the message: invalid_payload (HTTP 400)");
    }

    @Test
    void unknownChannelIsPermanent() {
        answer(aResponse().withStatus(404).withBody("channel_not_found"));

        DeliveryException e = sendAndCatch(sink());

        assertThat(e.isPermanent()).isTrue();
        assertThat(e.getMessage()).contains("channel_not_found");
    }

    @Test
    void bodyThatIsNotAnErrorCodeIsNotRepeated() {
        answer(aResponse().withStatus(403).withBody("<html><body>Forbidden: " + PATH + "</body></html>"));

        DeliveryException e = sendAndCatch(sink());

        assertThat(e.isPermanent()).isTrue();
        assertThat(e.getMessage()).isEqualTo("Slack rejected the message: HTTP 403");
    }

    @Test
    void slowAnswerIsATransientTimeout() {
        answer(aResponse().withStatus(200).withBody("ok").withFixedDelay(3_000));

        DeliveryException e = sendAndCatch(builder().timeout(Duration.ofMillis(200)).build());

        assertThat(e.isPermanent()).isFalse();
        assertThat(e.getMessage()).contains("did not answer within 200ms").doesNotContain("XXXX");
    }

    @Test
    void connectionFailureIsTransient() {
        SlackAlertSink sink = sink();
        slack.stop();

        DeliveryException e = sendAndCatch(sink);

        assertThat(e.isPermanent()).isFalse();
        assertThat(e.getCause()).isNull();
        assertThat(e.getMessage()).contains("unreachable").doesNotContain("XXXX").doesNotContain("/services");
    }

    // ---- configuration and secrecy ----

    @Test
    void toStringShowsOnlyTheHost() {
        assertThat(sink().toString()).isEqualTo("SlackAlertSink[localhost:" + slack.port() + "/…]");
        assertThat(SlackAlertSink.builder().webhookUrl("https://hooks.slack.com/services/T1/B2/SECRET").build())
                .hasToString("SlackAlertSink[hooks.slack.com/…]");
    }

    @Test
    void plainHttpIsRefusedExceptOnLocalhost() {
        assertThatThrownBy(() -> SlackAlertSink.builder().webhookUrl("http://hooks.slack.com/services/T1/B2/SECRET").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monitor.alerts.slack.webhook-url")
                .hasMessageContaining("https")
                .message().doesNotContain("SECRET");
        assertThat(SlackAlertSink.builder().webhookUrl("http://127.0.0.1:8089/services/T1/B2/SECRET").build()).isNotNull();
    }

    @Test
    void missingOrMalformedUrlIsNamedWithoutBeingRepeated() {
        assertThatThrownBy(() -> SlackAlertSink.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("webhookUrl (monitor.alerts.slack.webhook-url) is required");
        assertThatThrownBy(() -> SlackAlertSink.builder().webhookUrl("https://hooks.slack.com/services/T1/B2/SE CRET").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid URL")
                .message().doesNotContain("SE CRET").doesNotContain("T1/B2");
        assertThatThrownBy(() -> SlackAlertSink.builder().webhookUrl("https://hooks.slack.com/x").timeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout");
    }

    @Test
    void recommendedIntervalIsOneSecond() {
        assertThat(SlackAlertSink.RECOMMENDED_MIN_INTERVAL).isEqualTo(Duration.ofSeconds(1));
        assertThat(SlackAlertSink.DEFAULT_TIMEOUT).isEqualTo(Duration.ofSeconds(10));
    }

    // ---- helpers ----

    private void answer(ResponseDefinitionBuilder response) {
        slack.stubFor(post(urlEqualTo(PATH)).willReturn(response));
    }

    private SlackAlertSink.Builder builder() {
        return SlackAlertSink.builder().webhookUrl(URI.create("http://localhost:" + slack.port() + PATH));
    }

    private SlackAlertSink sink() {
        return builder().build();
    }

    private static DeliveryException sendAndCatch(SlackAlertSink sink) {
        return catchThrowableOfType(DeliveryException.class,
                () -> sink.send(List.of(firing(Severity.CRITICAL, "error-ratio-critical", "Error rate 12.4%"))));
    }

    private JsonNode postedPayload() throws IOException {
        List<JsonNode> payloads = postedPayloads();
        assertThat(payloads).hasSize(1);
        return payloads.get(0);
    }

    private List<JsonNode> postedPayloads() throws IOException {
        List<JsonNode> payloads = new ArrayList<>();
        for (var request : slack.findAll(postRequestedFor(urlEqualTo(PATH)))) {
            payloads.add(Json.mapper().readTree(request.getBodyAsString()));
        }
        return payloads;
    }

    private static String headerText(JsonNode payload) {
        JsonNode header = payload.path("blocks").get(0);
        assertThat(header.path("type").asText()).isEqualTo("header");
        assertThat(header.path("text").path("type").asText()).isEqualTo("plain_text");
        return header.path("text").path("text").asText();
    }

    private static List<String> texts(JsonNode textObjects) {
        return StreamSupport.stream(textObjects.spliterator(), false).map(node -> node.path("text").asText()).toList();
    }

    /** Every Block Kit text object ({@code {"type": "mrkdwn"|"plain_text", "text": ...}}) in the payload. */
    private static void collectTextObjects(JsonNode node, List<String> into) {
        if (node.isObject() && node.has("text") && node.path("text").isTextual() && node.has("type")) {
            into.add(node.path("text").asText());
        }
        node.forEach(child -> collectTextObjects(child, into));
    }

    private static Notification firing(Severity severity, String rule, String message) {
        Alert alert = new Alert("alert-1", rule, rule + "{route=/media-upload}", severity, AlertState.FIRING, message,
                Map.of("route", "/media-upload", "platform", "ios"), 0.124, SINCE, SINCE.plusSeconds(300), null, false,
                "start_curation");
        return new Notification("n-" + rule, Notification.Kind.FIRING, alert, "vigil-demo", SINCE.plusSeconds(300));
    }

    private static Notification resolved(Severity severity, String rule) {
        Alert alert = new Alert("alert-2", rule, rule + "{}", severity, AlertState.RESOLVED, "Back to normal",
                Map.of(), Double.NaN, SINCE, SINCE.plusSeconds(300), SINCE.plusSeconds(900), false, null);
        return new Notification("n-" + rule, Notification.Kind.RESOLVED, alert, "vigil-demo", SINCE.plusSeconds(900));
    }
}
