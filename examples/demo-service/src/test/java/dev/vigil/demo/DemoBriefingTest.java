package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The curation-idle critical alert: with the curation job paused (as if idle since yesterday) nothing is screened today, so "Curation system idle —
 * 0 videos screened today" fires as critical with start_curation; the chat briefing shows it with its button, and
 * running start_curation clears it on the next evaluation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "monitor.admin.token=briefing-token", "monitor.metrics.collect-interval=1s", "monitor.alerts.evaluation-interval=1s",
        "monitor.alerts.rules.curation-idle.for=0s"})
class DemoBriefingTest {

    private static final int PORT = DemoClient.freePort();
    private static final int MANAGEMENT_PORT = DemoClient.freePort();
    private static final String IDLE = "Curation system idle — 0 videos screened today";

    private final DemoClient demo = new DemoClient(PORT, "briefing-token");

    @DynamicPropertySource
    static void ports(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("management.server.port", () -> MANAGEMENT_PORT);
    }

    private JsonNode curationIdle() throws Exception {
        for (JsonNode alert : demo.admin("/api/admin/alerts").get("critical")) {
            if (alert.get("rule").asText().equals("curation-idle")) {
                return alert;
            }
        }
        return null;
    }

    @Test
    void pausedCurationFiresTheCriticalAlertShownInTheBriefingAndStartCurationClearsIt() throws Exception {
        assertThat(demo.postFault("{\"job\": \"curation\", \"paused\": true}").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(curationIdle()).isNotNull());
        JsonNode alert = curationIdle();
        assertThat(alert.get("state").asText()).isEqualTo("firing");
        assertThat(alert.get("message").asText()).isEqualTo(IDLE);
        assertThat(alert.get("suggestedAction").asText()).isEqualTo("start_curation");

        HttpResponse<String> text = demo.get("/api/admin/briefing/now", "Authorization", demo.authorization(),
                "Accept", "text/markdown");
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/markdown"));
        assertThat(text.body()).startsWith("# 📋 Briefing so far — ")
                .contains("**🚨 CRITICAL ALERTS (1)**\n• " + IDLE + " [Start Curation] → start_curation\n")
                .contains("• [Start Curation] → start_curation (suggested)");
        JsonNode rules = demo.admin("/api/admin/rules").get("rules");
        JsonNode rule = null;
        for (JsonNode candidate : rules) {
            if (candidate.get("name").asText().equals("curation-idle")) {
                rule = candidate;
            }
        }
        assertThat(rule).isNotNull();
        assertThat(rule.get("kind").asText()).isEqualTo("threshold");
        assertThat(rule.get("state").asText()).isEqualTo("firing");
        assertThat(rule.at("/parameters/metric").asText()).isEqualTo("curation.screened.today");

        HttpResponse<String> started = demo.send(HttpRequest.newBuilder(demo.uri("/api/admin/trigger-action"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\": \"start_curation\"}"))
                .header("Content-Type", "application/json").header("Authorization", demo.authorization()));
        assertThat(started.statusCode()).as(started.body()).isBetween(200, 202);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(curationIdle()).isNull());
        assertThat(demo.get("/api/admin/briefing/now?format=text", "Authorization", demo.authorization()).body())
                .contains("**🚨 CRITICAL ALERTS (0)**\n• None\n");
    }
}
