package dev.vigil.alert.sinks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.alert.AlertSink;
import dev.vigil.alert.DeliveryException;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;
import dev.vigil.alert.delivery.AlertDispatcher;
import dev.vigil.alert.delivery.AlertRouter;
import dev.vigil.alert.delivery.DeliverySettings;
import dev.vigil.alert.delivery.MemoryNotificationOutbox;
import dev.vigil.alert.delivery.OutboxEntry;
import dev.vigil.alert.delivery.OutboxStatus;
import dev.vigil.alert.delivery.TestNotifications;
import dev.vigil.internal.Json;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebhookAlertSinkTest {

    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String PATH = "/hooks/T0KEN-in-the-path";
    private static final String SECRET = "s3cr3t-signing-key";

    private final MutableClock clock = MutableClock.atFixedStart();
    private final Instant t0 = clock.instant();
    private final MemoryNotificationOutbox outbox = new MemoryNotificationOutbox();
    private final List<AlertDispatcher> dispatchers = new ArrayList<>();

    @AfterEach
    void close() {
        dispatchers.forEach(AlertDispatcher::close);
    }

    private WebhookAlertSink sink() {
        return WebhookAlertSink.builder(URI.create(server.baseUrl() + PATH)).secret(SECRET).clock(clock).build();
    }

    private AlertDispatcher dispatcherFor(AlertSink webhook) {
        AlertDispatcher dispatcher = new AlertDispatcher(clock, outbox, Map.of("webhook", webhook),
                AlertRouter.defaults(Set.of("webhook")), DeliverySettings.ofDefaults());
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    private OutboxEntry webhookEntry(Notification notification) {
        String id = OutboxEntry.idOf(notification, "webhook");
        return outbox.recent(100).stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<LoggedRequest> requests() {
        return server.findAll(postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void postsTheBatchAsVersionedJson() throws Exception {
        server.stubFor(post(PATH).willReturn(noContent()));
        Notification first = TestNotifications.firing(Severity.CRITICAL, Map.of("route", "/upload"), t0);
        Notification second = TestNotifications.firing(Severity.WARNING, t0);

        sink().send(List.of(first, second));

        LoggedRequest request = requests().get(0);
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        JsonNode body = Json.mapper().readTree(request.getBody());
        assertThat(body.get("version").asText()).isEqualTo("1");
        assertThat(body.get("service").asText()).isEqualTo("shop");
        assertThat(body.get("notifications")).hasSize(2);
        JsonNode notification = body.get("notifications").get(0);
        assertThat(notification.get("id").asText()).isEqualTo(first.id());
        assertThat(notification.get("kind").asText()).isEqualTo("firing");
        assertThat(notification.get("createdAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
        JsonNode alert = notification.get("alert");
        assertThat(alert.get("id").asText()).isEqualTo(first.alert().id());
        assertThat(alert.get("rule").asText()).isEqualTo("critical-rule");
        assertThat(alert.get("severity").asText()).isEqualTo("critical");
        assertThat(alert.get("state").asText()).isEqualTo("firing");
        assertThat(alert.get("message").asText()).isEqualTo("Error rate 12.4% above 10%");
        assertThat(alert.get("labels").get("route").asText()).isEqualTo("/upload");
        assertThat(alert.get("value").asDouble()).isEqualTo(0.124);
        assertThat(alert.get("since").asText()).isEqualTo("2025-12-31T23:59:00Z");
        assertThat(alert.get("firedAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(alert.get("resolvedAt").isNull()).isTrue();
        assertThat(alert.get("acknowledged").asBoolean()).isFalse();
        assertThat(alert.get("suggestedAction").isNull()).isTrue();
    }

    @Test
    void signatureVerifiesWithTheSecretOnlyWhileFresh() throws Exception {
        server.stubFor(post(PATH).willReturn(noContent()));

        sink().send(List.of(TestNotifications.firing(Severity.CRITICAL, t0)));

        LoggedRequest request = requests().get(0);
        String timestamp = request.getHeader(WebhookAlertSink.TIMESTAMP_HEADER);
        String signature = request.getHeader(WebhookAlertSink.SIGNATURE_HEADER);
        byte[] body = request.getBody();
        assertThat(timestamp).isEqualTo(Long.toString(t0.getEpochSecond()));
        assertThat(signature).matches("sha256=[0-9a-f]{64}");
        Duration tolerance = Duration.ofMinutes(5);

        assertThat(WebhookAlertSink.verify(SECRET, timestamp, body, signature, clock, tolerance)).isTrue();
        assertThat(WebhookAlertSink.verify("wrong-secret", timestamp, body, signature, clock, tolerance)).isFalse();
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("critical", "info")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookAlertSink.verify(SECRET, timestamp, tampered, signature, clock, tolerance)).isFalse();
        assertThat(WebhookAlertSink.verify(SECRET, null, body, signature, clock, tolerance)).isFalse();
        clock.advance(Duration.ofMinutes(6));
        assertThat(WebhookAlertSink.verify(SECRET, timestamp, body, signature, clock, tolerance)).isFalse();
    }

    @Test
    void withoutASecretRequestsAreUnsigned() throws Exception {
        server.stubFor(post(PATH).willReturn(noContent()));

        WebhookAlertSink.builder(URI.create(server.baseUrl() + PATH)).header("X-Team", "payments").build()
                .send(List.of(TestNotifications.firing(Severity.INFO, t0)));

        LoggedRequest request = requests().get(0);
        assertThat(request.containsHeader(WebhookAlertSink.SIGNATURE_HEADER)).isFalse();
        assertThat(request.getHeader("X-Team")).isEqualTo("payments");
    }

    @Test
    void serverErrorIsRetriedThenSent() {
        server.stubFor(post(PATH).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("recovered"));
        server.stubFor(post(PATH).inScenario("flaky").whenScenarioStateIs("recovered").willReturn(noContent()));
        AlertDispatcher dispatcher = dispatcherFor(sink());
        Notification critical = TestNotifications.firing(Severity.CRITICAL, t0);
        dispatcher.submit(critical);

        dispatcher.deliverDue();
        assertThat(webhookEntry(critical)).satisfies(e -> {
            assertThat(e.status()).isEqualTo(OutboxStatus.RETRYING);
            assertThat(e.lastError()).isEqualTo("webhook returned HTTP 500");
        });

        clock.advance(Duration.ofSeconds(2));
        dispatcher.deliverDue();

        assertThat(webhookEntry(critical).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(requests()).hasSize(2);
    }

    @Test
    void tooManyRequestsWaitsForRetryAfter() {
        server.stubFor(post(PATH).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("ok"));
        server.stubFor(post(PATH).inScenario("limited").whenScenarioStateIs("ok").willReturn(noContent()));
        AlertDispatcher dispatcher = dispatcherFor(sink());
        Notification critical = TestNotifications.firing(Severity.CRITICAL, t0);
        dispatcher.submit(critical);

        dispatcher.deliverDue();
        assertThat(webhookEntry(critical).nextAttemptAt()).isAfterOrEqualTo(t0.plusSeconds(7));
        clock.advance(Duration.ofMillis(6_999));
        dispatcher.deliverDue();
        assertThat(requests()).hasSize(1);

        clock.advance(Duration.ofMillis(1));
        dispatcher.deliverDue();
        assertThat(requests()).hasSize(2);
        assertThat(webhookEntry(critical).status()).isEqualTo(OutboxStatus.SENT);
    }

    @Test
    void badRequestIsDeadLettered() {
        server.stubFor(post(PATH).willReturn(aResponse().withStatus(400)));
        AlertDispatcher dispatcher = dispatcherFor(sink());
        Notification critical = TestNotifications.firing(Severity.CRITICAL, t0);
        dispatcher.submit(critical);

        dispatcher.deliverDue();
        clock.advance(Duration.ofHours(1));
        dispatcher.deliverDue();

        assertThat(requests()).hasSize(1);
        assertThat(webhookEntry(critical)).satisfies(e -> {
            assertThat(e.status()).isEqualTo(OutboxStatus.DEAD_LETTERED);
            assertThat(e.lastError()).isEqualTo("webhook returned HTTP 400");
        });
    }

    @Test
    void redirectIsNotFollowedAndIsPermanent() {
        server.stubFor(post(PATH).willReturn(aResponse().withStatus(302).withHeader("Location", "/elsewhere")));
        server.stubFor(post("/elsewhere").willReturn(noContent()));
        server.stubFor(get("/elsewhere").willReturn(noContent()));

        assertThatThrownBy(() -> sink().send(List.of(TestNotifications.firing(Severity.CRITICAL, t0))))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.isPermanent()).isTrue();
                    assertThat(e).hasMessage("webhook returned HTTP 302; redirects are not followed");
                });
        assertThat(server.getAllServeEvents()).hasSize(1);
    }

    @Test
    void secretsNeverAppearInMessagesOrTheOutbox() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        WebhookAlertSink unreachable = WebhookAlertSink.builder(URI.create("http://127.0.0.1:" + closedPort + PATH))
                .secret(SECRET).header("Authorization", "Bearer HEADER-T0KEN").clock(clock).build();
        server.stubFor(post(PATH).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> unreachable.send(List.of(TestNotifications.firing(Severity.CRITICAL, t0))))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.isPermanent()).isFalse();
                    assertThat(e.getMessage()).startsWith("webhook connection failed: ConnectException")
                            .doesNotContain("T0KEN", SECRET, String.valueOf(closedPort));
                });

        AlertDispatcher dispatcher = dispatcherFor(sink());
        Notification critical = TestNotifications.firing(Severity.CRITICAL, t0);
        dispatcher.submit(critical);
        dispatcher.deliverDue();
        assertThat(webhookEntry(critical).lastError()).isEqualTo("webhook returned HTTP 503")
                .doesNotContain("T0KEN", SECRET);
        assertThat(dispatcher.sinkStatus().get("webhook").lastError()).doesNotContain("T0KEN", SECRET);
        assertThat(unreachable.toString()).doesNotContain("T0KEN", SECRET);
        server.verify(postRequestedFor(anyUrl()).withHeader("Content-Type", equalTo("application/json")));
    }
}
