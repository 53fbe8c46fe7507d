package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.Monitor;
import dev.vigil.action.ActionParameter;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionResult;
import dev.vigil.action.ActionSeverity;
import dev.vigil.alert.AlertRuleRegistration;
import dev.vigil.alert.AlertRules;
import dev.vigil.alert.Comparison;
import dev.vigil.alert.Severity;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthResult;
import dev.vigil.metrics.MetricSample;
import dev.vigil.query.QueryException;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The API's answers to one fixed story (checks, metrics, an alert, silences, actions, switches, audit,
 * queries, and the usual mistakes), compared with {@code golden-responses.txt}: status, headers and body
 * of every answer, so that a change in what any endpoint answers shows as a diff of that file.
 *
 * <p>Bodies are compared as JSON with sorted keys (two endpoints build small maps whose key order the
 * JVM does not fix), after masking what differs from run to run: random ids, approval tokens and
 * measured durations. To accept a deliberate change, run this test with {@code -Dvigil.golden.update=true}
 * and review the diff of the file.
 */
class ApiGoldenResponsesTest {

    private static final String GOLDEN = "golden-responses.txt";
    private static final Map<String, String> ADMIN = Map.of("Authorization", "Bearer t0k3n");

    private final MutableClock clock = MutableClock.atFixedStart();
    private final AtomicReference<Double> quota = new AtomicReference<>(0.95);
    private final ObjectMapper sorted = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private final StringBuilder transcript = new StringBuilder();
    private final Monitor monitor = Monitor.builder()
            .clock(clock)
            .version("3.1.4")
            .adminToken("t0k3n")
            .bindSystemMeters(false)
            .systemMetrics(false, Path.of("."))
            .defaultAlertRules(false, Map.of())
            .healthCheck(HealthCheckRegistration.of("database", () -> HealthResult.up("query took 3 ms")
                    .withDetail("connections", 12)))
            .healthCheck(HealthCheckRegistration.builder("search", () -> HealthResult.down("index missing")
                    .withSuggestedAction("rebuild_index")).critical(false).build())
            .metricCollector("curation", () -> List.of(MetricSample.of("curation.api.quota.ratio", quota.get()),
                    MetricSample.of("curation.runs", 4, "platform", "ios")))
            .alertRule(AlertRuleRegistration.builder("quota-high", AlertRules.threshold("curation.api.quota.ratio", Map.of(),
                    Duration.ofMinutes(1), dev.vigil.metrics.Aggregation.LAST, Comparison.ABOVE, 0.85,
                    "API quota at {value%}, above {limit%}")).severity(Severity.WARNING)
                    .forDuration(Duration.ofMinutes(2)).suggestedAction("start_curation").build())
            .alertSink("webhook", batch -> { })
            .action(ActionRegistration.builder("start_curation", context -> ActionResult.succeeded("curation started"))
                    .description("Starts a curation run now")
                    .parameter(ActionParameter.integer("limit").between(1, 500))
                    .build())
            .action(ActionRegistration.builder("restart_workers", context -> ActionResult.succeeded("restarted"))
                    .severity(ActionSeverity.CRITICAL).build())
            .build();

    @AfterEach
    void stop() {
        monitor.close();
    }

    @Test
    void everyEndpointAnswersAsRecorded() throws Exception {
        monitor.health().runDue().join();
        for (int i = 0; i < 4; i++) {
            monitor.metrics().collectNow().join();
            monitor.alerts().evaluate();
            monitor.dispatcher().deliverDue();
            clock.advance(Duration.ofMinutes(1));
        }

        // health and routing
        call("GET", "/api/health", "", Map.of());
        call("GET", "/api/health", "", ADMIN);
        call("GET", "/api/health/", "", Map.of("Authorization", "Bearer wrong"));
        call("POST", "/api/health", "", Map.of());
        call("GET", "/api/elsewhere", "", ADMIN);
        call("GET", "/api/admin/metrics", "", Map.of());
        call("GET", "/api/admin/metrics", "", Map.of("Authorization", "Bearer wrong"));
        call("GET", "/api/admin/nope", "", Map.of());
        call("GET", "/api/admin/nope", "", ADMIN);
        call("GET", "/api/admin//metrics", "", ADMIN);

        // metrics and system health
        call("GET", "/api/admin/metrics", "", ADMIN);
        call("GET", "/api/admin/metrics?platform=ios", "", ADMIN);
        call("GET", "/api/admin/metrics?name=curation.api.quota.ratio&range=1h&step=1m", "", ADMIN);
        call("GET", "/api/admin/metrics?name=curation.runs&range=10m&agg=max&platform=ios", "", ADMIN);
        call("GET", "/api/admin/metrics?name=x&range=forever", "", ADMIN);
        call("GET", "/api/admin/metrics?name=x&agg=median", "", ADMIN);
        call("POST", "/api/admin/metrics", "", ADMIN);
        call("GET", "/api/admin/system-health", "", ADMIN);

        // alerts, silences, notifications
        String alerts = call("GET", "/api/admin/alerts", "", ADMIN);
        String alertId = alerts.replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
        call("GET", "/api/admin/alerts?state=firing&since=2026-01-01T00:00:00Z", "", ADMIN);
        call("GET", "/api/admin/alerts?state=angry", "", ADMIN);
        call("GET", "/api/admin/alerts?since=2026-01-01T00:00:00Z&limit=abc", "", ADMIN);
        call("PUT", "/api/admin/alerts", "", ADMIN);
        call("GET", "/api/admin/alerts/" + alertId + "/ack", "", ADMIN);
        call("POST", "/api/admin/alerts/" + alertId + "/ack", "{\"by\": \"x\"}", ADMIN);
        call("POST", "/api/admin/alerts/" + alertId + "/ack", "", ADMIN);
        call("POST", "/api/admin/alerts/nope/ack", "{}", ADMIN);
        call("GET", "/api/admin/alerts", "", ADMIN);
        call("GET", "/api/admin/silences", "", ADMIN);
        String silence = call("POST", "/api/admin/silences",
                "{\"matchers\": {\"rule\": \"quota-high\"}, \"duration\": \"2h\", \"reason\": \"known\"}", ADMIN);
        call("POST", "/api/admin/silences", "{\"matchers\": {}, \"duration\": \"1h\"}", ADMIN);
        call("POST", "/api/admin/silences", "{\"matchers\": {\"rule\": \"x\"}}", ADMIN);
        call("POST", "/api/admin/silences", "{\"matchers\": {\"rule\": \"x\"}, \"duration\": \"soon\"}", ADMIN);
        call("POST", "/api/admin/silences", "{\"matchers\": {\"rule\": \"x\"}, \"endsAt\": \"2020-01-01T00:00:00Z\"}", ADMIN);
        call("POST", "/api/admin/silences", "{\"matchers\": {\"rule\": 7}, \"duration\": \"1h\"}", ADMIN);
        call("GET", "/api/admin/silences", "", ADMIN);
        call("PATCH", "/api/admin/silences", "", ADMIN);
        String silenceId = silence.replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
        call("GET", "/api/admin/silences/" + silenceId, "", ADMIN);
        call("DELETE", "/api/admin/silences/" + silenceId, "", ADMIN);
        call("DELETE", "/api/admin/silences/" + silenceId, "", ADMIN);
        call("GET", "/api/admin/notifications", "", ADMIN);
        call("GET", "/api/admin/notifications?limit=1", "", ADMIN);
        call("GET", "/api/admin/notifications?limit=0", "", ADMIN);

        // actions, switches, audit
        call("GET", "/api/admin/actions", "", ADMIN);
        call("POST", "/api/admin/trigger-action", "{\"action\": \"start_curation\", \"params\": {\"limit\": 50}}", ADMIN);
        call("POST", "/api/admin/trigger-action", "{\"action\": \"start_curation\"}",
                Map.of("Authorization", "Bearer t0k3n", "Idempotency-Key", "k-1"));
        call("POST", "/api/admin/trigger-action", "{\"action\": \"start_curation\"}",
                Map.of("Authorization", "Bearer t0k3n", "Idempotency-Key", "k-1"));
        call("POST", "/api/admin/trigger-action", "{\"action\": \"rm_rf\"}", ADMIN);
        call("POST", "/api/admin/trigger-action", "{\"action\": \"start_curation\", \"params\": {\"limit\": 9999}}", ADMIN);
        call("POST", "/api/admin/trigger-action", "{\"action\": \"start_curation\", \"by\": \"x\"}", ADMIN);
        call("GET", "/api/admin/trigger-action", "", ADMIN);
        String pending = call("POST", "/api/admin/trigger-action", "{\"action\": \"restart_workers\"}", ADMIN);
        String token = pending.replaceAll("(?s).*\"approvalToken\":\"([^\"]+)\".*", "$1");
        call("POST", "/api/admin/trigger-action", "{\"action\": \"restart_workers\", \"approvalToken\": \"" + token + "\"}", ADMIN);
        call("POST", "/api/admin/trigger-action", "{\"action\": \"restart_workers\", \"approvalToken\": \"" + token + "\"}", ADMIN);
        call("GET", "/api/admin/config", "", ADMIN);
        call("PUT", "/api/admin/config/actions.max-per-hour", "{\"value\": 1}", ADMIN);
        call("PUT", "/api/admin/config/actions.max-per-hour", "{\"value\": 5000}", ADMIN);
        call("PUT", "/api/admin/config/actions.max-per-hour", "{\"value\": \"5\"}", ADMIN);
        call("PUT", "/api/admin/config/health.interval", "{\"value\": \"30s\"}", ADMIN);
        call("PUT", "/api/admin/config/does.not.exist", "{\"value\": 1}", ADMIN);
        call("GET", "/api/admin/config/actions.max-per-hour", "", ADMIN);
        call("POST", "/api/admin/trigger-action", "{\"action\": \"start_curation\"}", ADMIN);
        call("PUT", "/api/admin/config/actions.kill-switch", "{\"value\": true}", ADMIN);
        call("POST", "/api/admin/trigger-action", "{\"action\": \"start_curation\"}", ADMIN);
        call("GET", "/api/admin/config", "", ADMIN);
        call("GET", "/api/admin/audit", "", ADMIN);
        call("GET", "/api/admin/audit?type=config&limit=2", "", ADMIN);
        call("GET", "/api/admin/audit?who=nobody", "", ADMIN);
        call("GET", "/api/admin/audit?limit=5000", "", ADMIN);

        // read-only SQL and registered views
        call("POST", "/api/admin/run-query", "{\"query\": \"SELECT 1\"}", ADMIN);
        monitor.queryService((sql, maxRows, who) -> {
            if (sql.contains("DROP")) {
                throw new QueryException(QueryException.Kind.REJECTED, "not_a_query", "only queries are allowed");
            }
            if (sql.contains("sleep")) {
                throw new QueryException(QueryException.Kind.TIMED_OUT, "timeout", "timed out after 5s");
            }
            Map<String, Object> result = new java.util.LinkedHashMap<>();
            result.put("columns", List.of("n"));
            result.put("rows", List.of(List.of(maxRows)));
            result.put("who", who);
            return result;
        });
        call("POST", "/api/admin/run-query", "{\"query\": \"SELECT 1\", \"maxRows\": 5}", ADMIN);
        call("POST", "/api/admin/run-query", "{\"query\": \"DROP TABLE users\"}", ADMIN);
        call("POST", "/api/admin/run-query", "{\"query\": \"SELECT sleep(9)\"}", ADMIN);
        call("POST", "/api/admin/run-query", "{\"query\": \"SELECT 1\", \"maxRows\": 5.5}", ADMIN);
        call("POST", "/api/admin/run-query", "{\"query\": \"SELECT 1\"}",
                Map.of("Authorization", "Bearer t0k3n", "Content-Type", "text/plain"));
        call("POST", "/api/admin/run-query", "{\"query\": ", ADMIN);
        call("GET", "/api/admin/run-query", "", ADMIN);
        monitor.api().registerView("queries", () -> Map.of("top", List.of(Map.of("sql", "SELECT ?"))));
        call("GET", "/api/admin/queries", "", ADMIN);
        call("GET", "/api/admin/queries", "", Map.of());
        call("POST", "/api/admin/queries", "", ADMIN);

        // the operation listing, error ingest, and a caller without the role
        call("GET", "/api/admin/operations", "", ADMIN);
        call("POST", "/api/admin/errors", "{\"error\": {\"message\": \"boom\"}}", ADMIN);
        call("POST", "/api/admin/errors", "{\"error\": {}}", ADMIN);
        call("POST", "/api/admin/errors", "{}", ADMIN);

        compare(transcript.toString());
    }

    /** Sends one request, records the answer, and returns its body (keys sorted). */
    private String call(String method, String pathAndQuery, String body, Map<String, String> headers) throws Exception {
        String[] parts = pathAndQuery.split("\\?", 2);
        Map<String, List<String>> query = new java.util.LinkedHashMap<>();
        if (parts.length > 1) {
            for (String pair : parts[1].split("&")) {
                String[] kv = pair.split("=", 2);
                query.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv[1]);
            }
        }
        Map<String, String> all = new HashMap<>(headers);
        if (!body.isEmpty()) {
            all.putIfAbsent("Content-Type", "application/json");
        }
        ApiResponse response = monitor.api().handle(new ApiRequest(method, parts[0], query, all,
                body.getBytes(StandardCharsets.UTF_8)));
        String text = response.body().length == 0 ? ""
                : sorted.writeValueAsString(sorted.readValue(response.body(), Object.class));
        transcript.append("### ").append(method).append(' ').append(mask(pathAndQuery))
                .append(headers.isEmpty() ? " (anonymous)" : headers.equals(ADMIN) ? "" : " " + new TreeMap<>(headers))
                .append('\n')
                .append(response.status()).append(' ').append(response.contentType()).append(' ')
                .append(new TreeMap<>(response.headers())).append('\n')
                .append(mask(text)).append("\n\n");
        return text;
    }

    private static String mask(String json) {
        return json.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>")
                .replaceAll("\"(approvalToken)\":\"[^\"]+\"", "\"$1\":\"<token>\"")
                .replaceAll("\"(durationMs|elapsedMs|responseTime|averageDurationMs)\":\\d+", "\"$1\":0");
    }

    private void compare(String actual) throws IOException {
        Path source = Path.of("src/test/resources/dev/vigil/api", GOLDEN);
        if (Boolean.getBoolean("vigil.golden.update")) {
            Files.createDirectories(source.getParent());
            Files.writeString(source, actual);
            return;
        }
        String expected;
        try (InputStream in = getClass().getResourceAsStream(GOLDEN)) {
            assertThat(in).as(GOLDEN + " is missing: run this test with -Dvigil.golden.update=true").isNotNull();
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!actual.equals(expected)) {
            Path written = Path.of("target", GOLDEN);
            Files.writeString(written, actual);
            String[] want = expected.split("\n", -1);
            String[] got = actual.split("\n", -1);
            int line = 0;
            while (line < Math.min(want.length, got.length) && want[line].equals(got[line])) {
                line++;
            }
            throw new AssertionError("an API answer changed at line " + (line + 1) + " (whole answer in " + written
                    + "); if on purpose, rerun with -Dvigil.golden.update=true and review " + source + "\n"
                    + (line > 0 ? want[line - 1] : "") + "\nexpected: " + (line < want.length ? want[line] : "<end>")
                    + "\nbut was:  " + (line < got.length ? got[line] : "<end>"));
        }
    }
}
