package dev.vigil.alert.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.vigil.alert.AlertSink;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;
import dev.vigil.alert.delivery.AlertDispatcher;
import dev.vigil.alert.delivery.AlertRouter;
import dev.vigil.alert.delivery.DeliverySettings;
import dev.vigil.alert.delivery.MemoryNotificationOutbox;
import dev.vigil.alert.delivery.OutboxEntry;
import dev.vigil.alert.delivery.OutboxStatus;
import dev.vigil.alert.delivery.SinkStatus;
import dev.vigil.alert.delivery.TestNotifications;
import dev.vigil.internal.Json;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery to Slack through the dispatcher (outbox, retries, backoff, Retry-After, dead letters, rate
 * limit) against a real HTTP receiver: WireMock on loopback. The dispatcher is driven with
 * {@link AlertDispatcher#deliverDue()} and a test clock; jitter is off so the retry schedule is exact.
 */
class SlackDeliveryTest {

    /** The secret part of a webhook URL: it must never show up in what the dispatcher records. */
    private static final String SECRET = "XsEcReTtOkEn42";
    private static final String PATH = "/services/T000/B000/" + SECRET;
    private static final String FLAKY = "flaky";

    private final MutableClock clock = MutableClock.atFixedStart();
    private final Instant t0 = clock.instant();
    private final MemoryNotificationOutbox outbox = new MemoryNotificationOutbox();
    private final List<AlertDispatcher> dispatchers = new ArrayList<>();
    private WireMockServer slack;

    @BeforeEach
    void startSlack() {
        slack = new WireMockServer(options().dynamicPort());
        slack.start();
    }

    @AfterEach
    void stop() {
        dispatchers.forEach(AlertDispatcher::close);
        slack.stop();
    }

    @Test
    void serverErrorsAreRetriedWithBackoffUntilSlackAcceptsTheMessage() {
        answerInTurn(
                aResponse().withStatus(500).withBody("internal_error"),
                aResponse().withStatus(500).withBody("internal_error"),
                aResponse().withStatus(200).withBody("ok"));
        AlertDispatcher dispatcher = dispatcher(settings().build());
        Notification critical = TestNotifications.firing(Severity.CRITICAL, t0);
        dispatcher.submit(critical);

        dispatcher.deliverDue();

        assertThat(slackEntry(critical)).satisfies(e -> {
            assertThat(e.status()).isEqualTo(OutboxStatus.RETRYING);
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.nextAttemptAt()).isEqualTo(t0.plusSeconds(1));
            assertThat(e.lastError()).contains("internal_error (HTTP 500)").doesNotContain(SECRET).doesNotContain(PATH);
        });
        assertThat(posts()).isEqualTo(1);

        clock.advance(Duration.ofMillis(999));
        dispatcher.deliverDue();
        assertThat(posts()).as("not retried before the backoff").isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        dispatcher.deliverDue();
        assertThat(posts()).isEqualTo(2);
        assertThat(slackEntry(critical)).satisfies(e -> {
            assertThat(e.status()).isEqualTo(OutboxStatus.RETRYING);
            assertThat(e.attempts()).isEqualTo(2);
            assertThat(e.nextAttemptAt()).as("the backoff doubles").isEqualTo(t0.plusSeconds(1 + 2));
        });

        clock.advance(Duration.ofSeconds(2));
        assertThat(dispatcher.deliverDue()).isEqualTo(1);

        assertThat(slackEntry(critical)).satisfies(e -> {
            assertThat(e.status()).isEqualTo(OutboxStatus.SENT);
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.finishedAt()).isEqualTo(t0.plusSeconds(3));
        });
        slack.verify(3, postRequestedFor(urlEqualTo(PATH)));
        assertThat(dispatcher.sinkStatus().get("slack")).satisfies(s -> {
            assertThat(s.health()).isEqualTo(SinkStatus.Health.HEALTHY);
            assertThat(s.consecutiveFailures()).isZero();
            assertThat(s.pending()).isZero();
            assertThat(s.lastSuccessAt()).isEqualTo(t0.plusSeconds(3));
        });
    }

    @Test
    void rateLimitedMessageIsRetriedOnlyAfterSlacksRetryAfter() {
        answerInTurn(
                aResponse().withStatus(429).withHeader("Retry-After", "30").withBody("rate_limited"),
                aResponse().withStatus(200).withBody("ok"));
        AlertDispatcher dispatcher = dispatcher(settings().build());
        Notification critical = TestNotifications.firing(Severity.CRITICAL, t0);
        dispatcher.submit(critical);

        dispatcher.deliverDue();

        assertThat(slackEntry(critical)).satisfies(e -> {
            assertThat(e.status()).isEqualTo(OutboxStatus.RETRYING);
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.nextAttemptAt()).as("Retry-After beats the 1 s backoff").isEqualTo(t0.plusSeconds(30));
            assertThat(e.lastError()).contains("rate_limited (HTTP 429)").doesNotContain(SECRET);
        });

        clock.advance(Duration.ofSeconds(10));
        dispatcher.deliverDue();
        assertThat(posts()).as("no request before Retry-After has passed").isEqualTo(1);
        assertThat(slackEntry(critical).status()).isEqualTo(OutboxStatus.RETRYING);

        clock.advance(Duration.ofSeconds(21));
        dispatcher.deliverDue();

        assertThat(posts()).isEqualTo(2);
        assertThat(slackEntry(critical)).satisfies(e -> {
            assertThat(e.status()).isEqualTo(OutboxStatus.SENT);
            assertThat(e.attempts()).isEqualTo(2);
        });
    }

    @Test
    void rejectedPayloadIsDeadLetteredAfterOneRequestAndDegradesTheSink() {
        slack.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(400).withBody("invalid_payload")));
        AlertDispatcher dispatcher = dispatcher(settings().build());
        Notification critical = TestNotifications.firing(Severity.CRITICAL, t0);
        dispatcher.submit(critical);

        dispatcher.deliverDue();

        assertThat(slackEntry(critical)).satisfies(e -> {
            assertThat(e.status()).isEqualTo(OutboxStatus.DEAD_LETTERED);
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.lastError()).contains("invalid_payload").doesNotContain(SECRET).doesNotContain(PATH);
        });

        clock.advance(Duration.ofHours(1));
        dispatcher.deliverDue();

        slack.verify(1, postRequestedFor(urlEqualTo(PATH)));
        SinkStatus status = dispatcher.sinkStatus().get("slack");
        assertThat(status.health()).isEqualTo(SinkStatus.Health.DEGRADED);
        assertThat(status.deadLettered()).isEqualTo(1);
        assertThat(status.pending()).isZero();
        assertThat(status.lastError()).contains("invalid_payload").doesNotContain(SECRET).doesNotContain(PATH);
        assertThat(status.toJson().toString()).doesNotContain(SECRET);
        assertThat(slackEntry(critical).toJson().toString()).doesNotContain(SECRET);
    }

    @Test
    void notificationsSubmittedAtTheSameInstantGoOutAsOneMessage() throws Exception {
        slack.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));
        AlertDispatcher dispatcher = dispatcher(settings().build());
        Notification first = TestNotifications.firing(Severity.CRITICAL, t0);
        Notification second = TestNotifications.firing(Severity.CRITICAL, t0);
        dispatcher.submit(first);
        dispatcher.submit(second);

        dispatcher.deliverDue();

        slack.verify(1, postRequestedFor(urlEqualTo(PATH)));
        JsonNode payload = Json.mapper().readTree(
                slack.findAll(postRequestedFor(urlEqualTo(PATH))).get(0).getBodyAsString());
        assertThat(payload.path("attachments")).hasSize(2);
        assertThat(slackEntry(first).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(slackEntry(second).status()).isEqualTo(OutboxStatus.SENT);
    }

    @Test
    void messagesToOneWebhookAreAtLeastTheRecommendedIntervalApart() {
        slack.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));
        AlertDispatcher dispatcher = dispatcher(settings().build());
        Notification first = TestNotifications.firing(Severity.CRITICAL, t0);
        dispatcher.submit(first);
        dispatcher.deliverDue();
        assertThat(posts()).isEqualTo(1);

        clock.advance(Duration.ofMillis(200));
        Notification second = TestNotifications.firing(Severity.CRITICAL, clock.instant());
        dispatcher.submit(second);
        dispatcher.deliverDue();
        assertThat(posts()).as("held back by the rate limit").isEqualTo(1);
        assertThat(slackEntry(second).status()).isEqualTo(OutboxStatus.PENDING);

        clock.advance(Duration.ofMillis(799));
        dispatcher.deliverDue();
        assertThat(posts()).isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        dispatcher.deliverDue();

        assertThat(posts()).isEqualTo(2);
        assertThat(Duration.between(slackEntry(first).finishedAt(), slackEntry(second).finishedAt()))
                .isEqualTo(SlackAlertSink.RECOMMENDED_MIN_INTERVAL);
    }

    @Test
    void withBatchesOfOneSimultaneousNotificationsArePostedOneSecondApart() {
        slack.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));
        AlertDispatcher dispatcher = dispatcher(settings().maxBatchSize(1).build());
        Notification first = TestNotifications.firing(Severity.CRITICAL, t0);
        Notification second = TestNotifications.firing(Severity.CRITICAL, t0);
        dispatcher.submit(first);
        dispatcher.submit(second);

        dispatcher.deliverDue();
        assertThat(posts()).isEqualTo(1);
        clock.advance(Duration.ofMillis(999));
        dispatcher.deliverDue();
        assertThat(posts()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        dispatcher.deliverDue();

        assertThat(posts()).isEqualTo(2);
        assertThat(List.of(slackEntry(first), slackEntry(second)))
                .allSatisfy(e -> assertThat(e.status()).isEqualTo(OutboxStatus.SENT))
                .extracting(OutboxEntry::finishedAt)
                .containsExactlyInAnyOrder(t0, t0.plusSeconds(1));
    }

    // ---- helpers ----

    /** The settings under test: Slack's recommended rate limit; no jitter, so the schedule is exact. */
    private static DeliverySettings.Builder settings() {
        return DeliverySettings.builder()
                .minSendInterval("slack", SlackAlertSink.RECOMMENDED_MIN_INTERVAL)
                .jitter(0);
    }

    private AlertDispatcher dispatcher(DeliverySettings settings) {
        SlackAlertSink sink = SlackAlertSink.builder()
                .webhookUrl(URI.create("http://localhost:" + slack.port() + PATH))
                .timeout(Duration.ofSeconds(5))
                .build();
        Map<String, AlertSink> sinks = Map.of("slack", sink);
        AlertDispatcher dispatcher = new AlertDispatcher(clock, outbox, sinks, AlertRouter.defaults(Set.of("slack")), settings);
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    /** Answers the n-th post with the n-th response and every later one with the last. */
    private void answerInTurn(ResponseDefinitionBuilder... responses) {
        for (int i = 0; i < responses.length; i++) {
            var stub = post(urlEqualTo(PATH)).inScenario(FLAKY)
                    .whenScenarioStateIs(i == 0 ? STARTED : "answered " + i)
                    .willReturn(responses[i]);
            if (i < responses.length - 1) {
                stub = stub.willSetStateTo("answered " + (i + 1));
            }
            slack.stubFor(stub);
        }
    }

    private int posts() {
        return slack.findAll(postRequestedFor(urlEqualTo(PATH))).size();
    }

    private OutboxEntry slackEntry(Notification notification) {
        String id = OutboxEntry.idOf(notification, "slack");
        return outbox.recent(1_000).stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }
}
