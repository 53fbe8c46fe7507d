package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Monitor;
import dev.vigil.alert.AlertRuleRegistration;
import dev.vigil.alert.AlertRules;
import dev.vigil.alert.Comparison;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;
import dev.vigil.metrics.MetricSample;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Alerting through the monitor and its admin API: rule → alert → notification → API. */
class AlertsApiTest {

    private static final Map<String, String> ADMIN = Map.of("Authorization", "Bearer t0k3n");
    private final MutableClock clock = MutableClock.atFixedStart();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicReference<Double> quota = new AtomicReference<>(0.5);
    private final List<Notification> delivered = new ArrayList<>();
    private final Monitor monitor = Monitor.builder()
            .clock(clock)
            .adminToken("t0k3n")
            .bindSystemMeters(false)
            .systemMetrics(false, Path.of("."))
            .defaultAlertRules(false, Map.of())
            .metricCollector("curation", () -> List.of(MetricSample.of("curation.api.quota.ratio", quota.get())))
            .alertRule(AlertRuleRegistration.builder("quota-high", AlertRules.threshold("curation.api.quota.ratio", Map.of(),
                    Duration.ofMinutes(1), dev.vigil.metrics.Aggregation.LAST, Comparison.ABOVE, 0.85,
                    "API quota at {value%}, above {limit%}")).severity(Severity.WARNING)
                    .forDuration(Duration.ofMinutes(2)).suggestedAction("pause_curation").build())
            .alertSink("webhook", batch -> {
                synchronized (delivered) {
                    delivered.addAll(batch);
                }
            })
            .build();

    @AfterEach
    void stop() {
        monitor.close();
    }

    /** Collects, evaluates and delivers once, then moves the clock a minute. */
    private void minute() {
        monitor.metrics().collectNow().join();
        monitor.alerts().evaluate();
        monitor.dispatcher().deliverDue();
        clock.advance(Duration.ofMinutes(1));
    }

    private JsonNode call(String method, String path, String body, int expectedStatus) throws Exception {
        String[] parts = path.split("\\?", 2);
        Map<String, List<String>> query = new HashMap<>();
        if (parts.length > 1) {
            for (String pair : parts[1].split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], List.of(kv[1]));
            }
        }
        Map<String, String> headers = new HashMap<>(ADMIN);
        if (!body.isEmpty()) {
            headers.put("Content-Type", "application/json");
        }
        ApiResponse response = monitor.api().handle(new ApiRequest(method, parts[0], query, headers,
                body.getBytes(StandardCharsets.UTF_8)));
        assertThat(response.status()).as(response.bodyText()).isEqualTo(expectedStatus);
        return response.body().length == 0 ? null : json.readTree(response.body());
    }

    @Test
    void alertFiresAfterItsForDurationAndIsListedAsAWarning() throws Exception {
        quota.set(0.9);
        minute();
        assertThat(call("GET", "/api/admin/alerts", "", 200).get("warnings").get(0).get("state").asText())
                .isEqualTo("pending");
        minute();
        minute();

        JsonNode warning = call("GET", "/api/admin/alerts", "", 200).get("warnings").get(0);
        assertThat(warning.get("state").asText()).isEqualTo("firing");
        assertThat(warning.get("rule").asText()).isEqualTo("quota-high");
        assertThat(warning.get("message").asText()).isEqualTo("API quota at 90%, above 85%");
        assertThat(warning.get("suggestedAction").asText()).isEqualTo("pause_curation");
        assertThat(warning.get("value").asDouble()).isEqualTo(0.9);
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).kind()).isEqualTo(Notification.Kind.FIRING);

        JsonNode notifications = call("GET", "/api/admin/notifications", "", 200);
        assertThat(notifications.get("sinks").get("webhook").get("status").asText()).isEqualToIgnoringCase("healthy");
        assertThat(notifications.get("recent").get(0).get("status").asText()).isEqualToIgnoringCase("sent");
    }

    @Test
    void resolvedAlertsAppearInTheHistoryAndAreNotifiedOnce() throws Exception {
        quota.set(0.95);
        minute();
        minute();
        minute();
        quota.set(0.2);
        minute();
        minute();

        assertThat(delivered).extracting(Notification::kind)
                .containsExactly(Notification.Kind.FIRING, Notification.Kind.RESOLVED);
        JsonNode history = call("GET", "/api/admin/alerts?state=resolved&since=2026-01-01T00:00:00Z", "", 200).get("history");
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("alert").get("rule").asText()).isEqualTo("quota-high");
        assertThat(call("GET", "/api/admin/alerts", "", 200).get("warnings")).isEmpty();
    }

    @Test
    void acknowledgedAlertStaysVisible() throws Exception {
        quota.set(0.95);
        minute();
        minute();
        minute();
        String id = call("GET", "/api/admin/alerts", "", 200).get("warnings").get(0).get("id").asText();

        assertThat(call("POST", "/api/admin/alerts/" + id + "/ack", "{\"by\": \"ops@example.com\"}", 400).get("field")
                .asText()).isEqualTo("by");
        JsonNode acked = call("POST", "/api/admin/alerts/" + id + "/ack", "", 200);

        assertThat(acked.get("acknowledged").asBoolean()).isTrue();
        JsonNode listed = call("GET", "/api/admin/alerts", "", 200).get("warnings").get(0);
        assertThat(listed.get("acknowledged").asBoolean()).isTrue();
        assertThat(listed.get("acknowledgedBy").asText()).isEqualTo("admin-token");
        call("POST", "/api/admin/alerts/nope/ack", "", 404);
    }

    @Test
    void silenceCanBeCreatedListedAndDeleted() throws Exception {
        JsonNode created = call("POST", "/api/admin/silences",
                "{\"matchers\": {\"rule\": \"quota-high\"}, \"duration\": \"2h\", \"reason\": \"known\"}", 201);
        assertThat(created.get("createdBy").asText()).isEqualTo("admin-token");
        quota.set(0.95);
        minute();
        minute();
        minute();

        assertThat(delivered).isEmpty();
        assertThat(call("GET", "/api/admin/alerts", "", 200).get("warnings").get(0).get("silenced").asBoolean()).isTrue();
        assertThat(call("GET", "/api/admin/silences", "", 200).get("silences")).hasSize(1);
        call("DELETE", "/api/admin/silences/" + created.get("id").asText(), "", 204);
        minute();
        assertThat(delivered).hasSize(1);
        call("DELETE", "/api/admin/silences/" + created.get("id").asText(), "", 404);
    }

    @Test
    void badInputGetsAPrecise400() throws Exception {
        assertThat(call("POST", "/api/admin/silences", "{not json", 400).get("message").asText()).startsWith("malformed JSON");
        assertThat(call("POST", "/api/admin/silences", "{\"matchers\": {}, \"duration\": \"1h\"}", 400)
                .get("message").asText()).contains("at least one matcher");
        assertThat(call("POST", "/api/admin/silences", "{\"matchers\": {\"rule\": \"x\"}}", 400)
                .get("message").asText()).contains("\"endsAt\" or \"duration\"");
        assertThat(call("POST", "/api/admin/silences", "{\"matchers\": {\"rule\": \"x\"}, \"duration\": \"soon\"}", 400)
                .get("field").asText()).isEqualTo("duration");
        assertThat(call("POST", "/api/admin/silences", "{\"matchers\": {\"rule\": 7}, \"duration\": \"1h\"}", 400)
                .get("message").asText()).isEqualTo("matchers must be a JSON object of strings; 'rule' is a number");
        assertThat(call("POST", "/api/admin/silences",
                "{\"matchers\": {\"rule\": \"x\"}, \"duration\": \"1h\", \"createdBy\": \"mallory\"}", 400)
                .get("field").asText()).isEqualTo("createdBy");
        assertThat(call("GET", "/api/admin/alerts?state=angry", "", 400).get("message").asText()).contains("state must be");
        call("PUT", "/api/admin/alerts", "", 405);
    }

    @Test
    void alertEndpointsNeedTheToken() {
        for (String path : List.of("/api/admin/alerts", "/api/admin/silences", "/api/admin/notifications")) {
            assertThat(monitor.api().handle(ApiRequest.of("GET", path, Map.of())).status()).isEqualTo(401);
        }
    }

}
