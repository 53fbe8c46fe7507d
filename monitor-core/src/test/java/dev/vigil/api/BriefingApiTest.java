package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Monitor;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionResult;
import dev.vigil.action.TriggerRequest;
import dev.vigil.alert.AlertCondition;
import dev.vigil.alert.AlertRuleRegistration;
import dev.vigil.alert.AlertRules;
import dev.vigil.alert.Comparison;
import dev.vigil.alert.Severity;
import dev.vigil.briefing.BriefingSettings;
import dev.vigil.metrics.Aggregation;
import dev.vigil.metrics.MetricSample;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /briefing}, {@code GET /briefing/now} and {@code GET /rules} through the API. */
class BriefingApiTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);

    private final ObjectMapper json = new ObjectMapper();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-14T10:00:00Z"));
    private final AtomicBoolean idle = new AtomicBoolean(true);
    private final Monitor monitor = Monitor.builder()
            .clock(clock)
            .adminToken("t0k3n")
            .bindSystemMeters(false)
            .systemMetrics(false, Path.of("."))
            .defaultAlertRules(false, Map.of())
            .briefingSettings(BriefingSettings.builder().zone(ZoneOffset.UTC).build())
            .action(ActionRegistration.of("start_curation", "Screens new videos now", context -> {
                idle.set(false);
                return ActionResult.succeeded("started");
            }))
            .alertRule(AlertRuleRegistration.builder("curation-idle", context -> idle.get()
                            ? List.of(AlertCondition.of("Curation system idle — 0 videos screened today"))
                            : List.of())
                    .severity(Severity.CRITICAL).suggestedAction("start_curation").build())
            .alertRule(AlertRuleRegistration.builder("error-ratio", AlertRules.threshold("http.error.ratio", Map.of(),
                    Duration.ofMinutes(5), Aggregation.AVG, Comparison.ABOVE, 0.10)).forDuration(Duration.ofMinutes(2)).build())
            .build();

    @AfterEach
    void stop() {
        monitor.close();
    }

    private ApiResponse get(String path, String... headers) {
        String[] parts = path.split("\\?", 2);
        Map<String, List<String>> query = parts.length > 1 ? ApiRequest.parseQuery(parts[1]) : Map.of();
        Map<String, String> all = new HashMap<>(Map.of("Authorization", "Bearer t0k3n"));
        for (int i = 0; i < headers.length; i += 2) {
            all.put(headers[i], headers[i + 1]);
        }
        return monitor.api().handle(new ApiRequest("GET", parts[0], query, all, new byte[0]));
    }

    private JsonNode body(ApiResponse response) throws Exception {
        return json.readTree(response.body());
    }

    private void storeTheDay() {
        monitor.alerts().evaluate();
        clock.set(Instant.parse("2026-03-15T08:00:00Z"));
        monitor.briefings().runIfDue(Runnable::run);
    }

    @Test
    void theLatestBriefingIsJsonByDefault() throws Exception {
        storeTheDay();

        ApiResponse response = get("/api/admin/briefing");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo(ApiResponse.JSON);
        JsonNode briefing = body(response);
        assertThat(briefing.get("date").asText()).isEqualTo("2026-03-14");
        assertThat(briefing.get("live").asBoolean()).isFalse();
        assertThat(briefing.at("/alerts/critical/0/message").asText()).isEqualTo("Curation system idle — 0 videos screened today");
        assertThat(briefing.at("/alerts/critical/0/suggestedAction").asText()).isEqualTo("start_curation");
        assertThat(body(get("/api/admin/briefing?date=2026-03-14"))).isEqualTo(briefing);
        assertThat(body(get("/api/admin/briefing?format=json", "Accept", "text/markdown"))).isEqualTo(briefing);
    }

    @Test
    void formatTextAndAcceptMarkdownAnswerTheChatText() {
        storeTheDay();

        ApiResponse byQuery = get("/api/admin/briefing?format=text");
        ApiResponse byHeader = get("/api/admin/briefing", "Accept", "text/markdown, application/json;q=0.5");

        assertThat(byQuery.status()).isEqualTo(200);
        assertThat(byQuery.contentType()).isEqualTo("text/markdown; charset=utf-8");
        assertThat(byQuery.headers()).containsEntry("Cache-Control", "no-store");
        assertThat(byQuery.bodyText()).startsWith("# 📋 Daily briefing — 2026-03-14")
                .contains("• Curation system idle — 0 videos screened today [Start Curation] → start_curation");
        assertThat(byHeader.contentType()).isEqualTo(byQuery.contentType());
        assertThat(byHeader.bodyText()).isEqualTo(byQuery.bodyText());
        assertThat(new String(byQuery.body(), StandardCharsets.UTF_8)).isEqualTo(monitor.briefings().stored(DAY)
                .orElseThrow().text());
    }

    @Test
    void aDateWithoutABriefingIs404AndAMalformedDate400() throws Exception {
        ApiResponse none = get("/api/admin/briefing");
        assertThat(none.status()).isEqualTo(404);
        assertThat(body(none).get("error").asText()).isEqualTo("not_found");
        assertThat(body(none).get("message").asText()).startsWith("No briefing is stored yet.")
                .contains("'0 0 8 * * *'").contains("briefing/now");

        storeTheDay();
        ApiResponse missing = get("/api/admin/briefing?date=2026-03-01");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(body(missing).get("message").asText()).startsWith("No briefing is stored for 2026-03-01.");
        assertThat(body(missing).get("field").asText()).isEqualTo("date");

        ApiResponse malformed = get("/api/admin/briefing?date=14-03-2026");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(body(malformed).get("error").asText()).isEqualTo("invalid_field");
        assertThat(body(malformed).get("field").asText()).isEqualTo("date");
        assertThat(get("/api/admin/briefing?format=pdf").status()).isEqualTo(400);
        assertThat(get("/api/admin/briefing?date=2026-02-30").status()).isEqualTo(400);
    }

    @Test
    void theLiveBriefingIsBuiltOnEachCall() throws Exception {
        monitor.alerts().evaluate();

        JsonNode live = body(get("/api/admin/briefing/now"));
        assertThat(live.get("live").asBoolean()).isTrue();
        assertThat(live.get("to").asText()).isEqualTo("2026-03-14T10:00:00Z");
        assertThat(live.at("/alerts/critical").size()).isEqualTo(1);
        assertThat(get("/api/admin/briefing/now?format=text").bodyText()).startsWith("# 📋 Briefing so far — 2026-03-14");

        monitor.actions().trigger(TriggerRequest.of("start_curation", Map.of(), "ops"));
        await().atMost(Duration.ofSeconds(60)).until(() -> !idle.get()); // the action runs on Vigil's action pool
        monitor.alerts().evaluate();
        assertThat(body(get("/api/admin/briefing/now")).at("/alerts/critical").size()).isZero();
    }

    @Test
    void briefingsNeedTheReadRole() {
        ApiResponse anonymous = monitor.api().handle(ApiRequest.of("GET", "/api/admin/briefing/now", Map.of()));
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void rulesListKindParametersStateAndTheLastEvaluation() throws Exception {
        monitor.metrics().store().add(clock.instant(), MetricSample.of("http.error.ratio", 0.2, "route", "/upload"));
        monitor.alerts().evaluate();

        JsonNode rules = body(get("/api/admin/rules")).get("rules");

        assertThat(rules).hasSize(3); // the two above and incidents' own critical-incident rule
        assertThat(rules.get(2).get("name").asText()).isEqualTo("critical-incident");
        JsonNode idleRule = rules.get(0);
        assertThat(idleRule.get("name").asText()).isEqualTo("curation-idle");
        assertThat(idleRule.get("kind").asText()).isEqualTo("custom");
        assertThat(idleRule.get("severity").asText()).isEqualTo("critical");
        assertThat(idleRule.get("state").asText()).isEqualTo("firing");
        assertThat(idleRule.get("suggestedAction").asText()).isEqualTo("start_curation");
        assertThat(idleRule.at("/lastEvaluation/at").asText()).isEqualTo("2026-03-14T10:00:00Z");
        assertThat(idleRule.at("/lastEvaluation/conditions").asInt()).isEqualTo(1);
        JsonNode threshold = rules.get(1);
        assertThat(threshold.get("kind").asText()).isEqualTo("threshold");
        assertThat(threshold.get("parameters").toString()).isEqualTo("{\"metric\":\"http.error.ratio\",\"tags\":{},"
                + "\"window\":\"5m\",\"aggregation\":\"avg\",\"comparison\":\"above\",\"threshold\":0.1}");
        assertThat(threshold.get("for").asText()).isEqualTo("2m");
        assertThat(threshold.get("state").asText()).isEqualTo("pending");
        assertThat(threshold.at("/alerts/0/labels/route").asText()).isEqualTo("/upload");
        assertThat(threshold.at("/alerts/0/state").asText()).isEqualTo("pending");
        assertThat(threshold.at("/lastEvaluation/values/0/value").asDouble()).isEqualTo(0.2);
        assertThat(threshold.at("/current/0/value").asDouble()).isEqualTo(0.2);
        assertThat(threshold.at("/current/0/limit").asDouble()).isEqualTo(0.1);
    }
}
