package dev.vigil.demo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.alert.sinks.WebhookAlertSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo's alerting end to end: half the uploads fail, the upload-errors rule fires once to a real
 * webhook receiver (WireMock over loopback), does not repeat, and resolves once when the fault is off.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "monitor.admin.token=alerts-token", "monitor.metrics.collect-interval=1s", "monitor.alerts.evaluation-interval=1s",
        "monitor.alerts.rules.upload-errors.window=3s", "monitor.alerts.rules.upload-errors.for=2s",
        "monitor.alerts.webhook.secret=receiver-secret"})
class DemoAlertsTest {

    private static final int PORT = DemoClient.freePort();
    private static final int MANAGEMENT_PORT = DemoClient.freePort();
    private static final WireMockServer RECEIVER = startReceiver();

    private final DemoClient demo = new DemoClient(PORT, "alerts-token");

    private static WireMockServer startReceiver() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(post(urlEqualTo("/hooks/vigil")).willReturn(aResponse().withStatus(204)));
        return server;
    }

    @DynamicPropertySource
    static void ports(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("management.server.port", () -> MANAGEMENT_PORT);
        registry.add("monitor.alerts.webhook.url", () -> "http://localhost:" + RECEIVER.port() + "/hooks/vigil");
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.stop();
    }

    /** Notifications of the upload-errors rule the receiver got, as "firing" / "resolved", checking signatures. */
    private List<String> uploadNotifications() throws Exception {
        List<String> kinds = new ArrayList<>();
        for (LoggedRequest request : RECEIVER.findAll(postRequestedFor(urlEqualTo("/hooks/vigil")))) {
            String body = request.getBodyAsString();
            assertThat(WebhookAlertSink.verify("receiver-secret", request.getHeader("X-Vigil-Timestamp"), request.getBody(),
                    request.getHeader("X-Vigil-Signature"), Clock.systemUTC(), Duration.ofMinutes(5))).isTrue();
            for (JsonNode notification : demo.json(body).get("notifications")) {
                if (notification.get("alert").get("rule").asText().equals("upload-errors")) {
                    kinds.add(notification.get("kind").asText());
                }
            }
        }
        return kinds;
    }

    private void uploads(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            demo.send(HttpRequest.newBuilder(demo.uri("/media-upload")).POST(HttpRequest.BodyPublishers.noBody()));
        }
    }

    @Test
    void halfFailingUploadsFireOnceDoNotRepeatAndResolveOnce() throws Exception {
        assertThat(demo.postFault("{\"route\": \"/media-upload\", \"errorRate\": 0.5}").statusCode()).isEqualTo(200);
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            uploads(20);
            assertThat(uploadNotifications()).contains("firing");
        });
        Duration toFire = Duration.ofNanos(System.nanoTime() - start);
        // 'for' is 2 s, evaluation every 1 s, plus a 1 s collection interval and delivery: well within 10 s
        assertThat(toFire).isLessThan(Duration.ofSeconds(10));

        JsonNode upload = null;
        for (JsonNode alert : demo.admin("/api/admin/alerts").get("critical")) {
            if (alert.get("rule").asText().equals("upload-errors")) {
                upload = alert;
            }
        }
        assertThat(upload).isNotNull();
        assertThat(upload.get("state").asText()).isEqualTo("firing");
        assertThat(upload.get("message").asText()).startsWith("Upload failures at ").endsWith("on /media-upload, above 10%");

        // still failing for several more evaluations: no repeat before the 4 h repeat interval
        for (int i = 0; i < 10; i++) {
            uploads(10);
        }
        assertThat(uploadNotifications()).containsExactly("firing");

        demo.clearFaults();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            uploads(10);
            assertThat(uploadNotifications()).containsExactly("firing", "resolved");
        });
        uploads(30);
        assertThat(uploadNotifications()).containsExactly("firing", "resolved");
        JsonNode deliveries = demo.admin("/api/admin/notifications");
        assertThat(deliveries.get("sinks").get("webhook").get("status").asText()).isEqualToIgnoringCase("healthy");
        assertThat(deliveries.toString()).doesNotContain("receiver-secret");
    }
}
