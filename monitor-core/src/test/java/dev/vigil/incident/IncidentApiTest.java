package dev.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Monitor;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionResult;
import dev.vigil.alert.Notification;
import dev.vigil.api.ApiRequest;
import dev.vigil.api.ApiResponse;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthResult;
import dev.vigil.security.BearerTokens;
import dev.vigil.security.Role;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Incidents through the monitor and its HTTP API: ingest, Sentry, transitions, alerts, checks and known fixes. */
class IncidentApiTest {

    static final String EXAMPLE_BODY = """
            {
              "error": {
                "message": "Test error from curl",
                "type": "TestError",
                "stack": "Error: Test error\\n    at test.js:10:5"
              },
              "context": {
                "application": "admin-console-frontend",
                "endpoint": "/api/test"
              },
              "severity": "HIGH",
              "source": "manual_test"
            }""";
    static final String SECRET = "sentry-client-secret";

    private final MutableClock clock = MutableClock.atFixedStart();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Notification> delivered = new ArrayList<>();
    private final AtomicInteger cacheClears = new AtomicInteger();
    private final AtomicInteger databaseUp = new AtomicInteger(1);
    private final Monitor monitor = Monitor.builder()
            .clock(clock)
            .adminAuthenticator(BearerTokens.builder()
                    .adminToken("admin-secret")
                    .token("frontend", "ingest-secret", Role.INGEST)
                    .token("alice", "alice-secret", Role.OPERATOR)
                    .build())
            .bindSystemMeters(false)
            .systemMetrics(false, Path.of("."))
            .defaultAlertRules(false, Map.of())
            .alertSink("pager", batch -> {
                synchronized (delivered) {
                    delivered.addAll(batch);
                }
            })
            .healthCheck(HealthCheckRegistration.builder("database", () -> databaseUp.get() == 1 ? HealthResult.up()
                    : HealthResult.down("connection refused")).critical(true).build())
            .action(ActionRegistration.builder("clear_cache", context -> {
                cacheClears.incrementAndGet();
                return ActionResult.succeeded("cleared");
            }).build())
            .incidentSettings(IncidentSettings.builder()
                    .maxBodyBytes(2048)
                    .rateLimit(5, 1)
                    .sentryClientSecret("old-secret")
                    .sentryClientSecret(SECRET)
                    .knownFix(KnownFix.of("cache", "clear_cache", null, "backend", "stale cache", false))
                    .build())
            .build();

    @AfterEach
    void stop() {
        monitor.close();
    }

    private ApiResponse post(String token, String path, String body) {
        return send(token, "POST", path, body, Map.of("Content-Type", "application/json"));
    }

    private ApiResponse send(String token, String method, String path, String body, Map<String, String> extra) {
        Map<String, String> headers = new HashMap<>(extra);
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        String[] parts = path.split("\\?", 2);
        return monitor.api().handle(new ApiRequest(method, parts[0], parts.length > 1 ? ApiRequest.parseQuery(parts[1])
                : Map.of(), headers, body.getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode body(ApiResponse response) throws Exception {
        return json.readTree(response.body());
    }

    private List<Incident> all() {
        return monitor.incidents().list(IncidentQuery.all(100));
    }

    @Test
    void readmeCurlExampleOpensAHighBackendIncident() throws Exception {
        ApiResponse response = post("ingest-secret", "/api/admin/errors", EXAMPLE_BODY);

        assertThat(response.status()).as(response.bodyText()).isEqualTo(202);
        JsonNode answer = body(response);
        assertThat(answer.get("created").asBoolean()).isTrue();
        assertThat(answer.get("severity").asText()).isEqualTo("HIGH");
        assertThat(answer.get("category").asText()).isEqualTo("backend");
        Incident incident = monitor.incidents().find(answer.get("incidentId").asText()).orElseThrow();
        assertThat(incident.title()).isEqualTo("Test error from curl");
        assertThat(incident.type()).isEqualTo("TestError");
        assertThat(incident.applications()).containsExactly("admin-console-frontend");
        assertThat(incident.endpoints()).containsExactly("/api/test");

        JsonNode detail = body(send("admin-secret", "GET", "/api/admin/incidents/" + incident.id(), "", Map.of()));
        assertThat(detail.get("events")).hasSize(1);
        assertThat(detail.get("events").get(0).get("source").asText()).isEqualTo("manual_test");
    }

    @Test
    void aThousandPostsOfOneErrorAreOneIncidentCountingAThousand() throws Exception {
        Monitor roomy = Monitor.builder().clock(clock).adminToken("admin-secret").bindSystemMeters(false)
                .systemMetrics(false, Path.of(".")).incidentSettings(IncidentSettings.builder().rateLimit(1000, 100).build())
                .build();
        try {
            String id = null;
            for (int i = 0; i < 1000; i++) {
                ApiResponse response = roomy.api().handle(new ApiRequest("POST", "/api/admin/errors", Map.of(),
                        Map.of("Authorization", "Bearer admin-secret", "Content-Type", "application/json"),
                        EXAMPLE_BODY.getBytes(StandardCharsets.UTF_8)));
                assertThat(response.status()).isEqualTo(202);
                id = body(response).get("incidentId").asText();
            }
            roomy.incidents().flush();

            List<Incident> incidents = roomy.incidents().list(IncidentQuery.all(10));
            assertThat(incidents).singleElement().satisfies(incident -> {
                assertThat(incident.count()).isEqualTo(1000);
            });
            assertThat(roomy.store().incidents().find(id).orElseThrow().count()).isEqualTo(1000);
        } finally {
            roomy.close();
        }
    }

    @Test
    void badInputGetsItsStatusAndStoresNothing() throws Exception {
        JsonNode malformed = body(post("ingest-secret", "/api/admin/errors", "{\"error\": {\"message\": \"x\"}"));
        assertThat(malformed.get("error").asText()).isEqualTo("malformed_json");

        JsonNode missing = body(post("ingest-secret", "/api/admin/errors", "{\"error\": {\"type\": \"E\"}}"));
        assertThat(missing.get("error").asText()).isEqualTo("missing_field");
        assertThat(missing.get("field").asText()).isEqualTo("error.message");

        JsonNode badContext = body(post("ingest-secret", "/api/admin/errors",
                "{\"error\": {\"message\": \"x\"}, \"context\": {\"user\": {\"id\": 1}}}"));
        assertThat(badContext.get("field").asText()).isEqualTo("context.user");

        JsonNode badSeverity = body(post("ingest-secret", "/api/admin/errors",
                "{\"error\": {\"message\": \"x\"}, \"severity\": \"URGENT\"}"));
        assertThat(badSeverity.get("field").asText()).isEqualTo("severity");

        clock.advance(Duration.ofSeconds(10)); // refused requests count against the caller's rate limit too
        ApiResponse text = send("ingest-secret", "POST", "/api/admin/errors", "error=x", Map.of("Content-Type", "text/plain"));
        assertThat(text.status()).isEqualTo(415);

        ApiResponse big = post("ingest-secret", "/api/admin/errors", "{\"error\": {\"message\": \"" + "x".repeat(3000) + "\"}}");
        assertThat(big.status()).isEqualTo(413);

        ApiResponse anonymous = post(null, "/api/admin/errors", EXAMPLE_BODY);
        assertThat(anonymous.status()).isEqualTo(401);

        monitor.incidents().flush();
        assertThat(all()).isEmpty();
        assertThat(monitor.store().incidents().list(IncidentQuery.all(10))).isEmpty();
    }

    @Test
    void aCallerOverTheRateLimitGets429WithRetryAfterAndNothingIsStored() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(post("ingest-secret", "/api/admin/errors", EXAMPLE_BODY).status()).isEqualTo(202);
        }
        ApiResponse limited = post("ingest-secret", "/api/admin/errors", EXAMPLE_BODY);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers()).containsEntry("Retry-After", "1");
        assertThat(body(limited).get("error").asText()).isEqualTo("too_many_requests");
        assertThat(all()).singleElement().extracting(Incident::count).isEqualTo(5L);
        assertThat(post("admin-secret", "/api/admin/errors", EXAMPLE_BODY).status()).as("another caller").isEqualTo(202);

        clock.advance(Duration.ofSeconds(1));
        assertThat(post("ingest-secret", "/api/admin/errors", EXAMPLE_BODY).status()).isEqualTo(202);
    }

    private ApiResponse sentry(String resource, String payload, String signature, String requestId) {
        return send(null, "POST", "/api/admin/errors/sentry", payload, Map.of("Content-Type", "application/json",
                "Sentry-Hook-Resource", resource, "Sentry-Hook-Signature", signature, "Request-ID", requestId));
    }

    static final String SENTRY_ERROR = """
            {"action": "created", "actor": {"id": "sentry", "name": "Sentry", "type": "application"},
             "data": {"error": {"_ref": 1293919, "_ref_version": 2,
               "contexts": {"browser": {"name": "Chrome", "type": "browser", "version": "75.0.3770"}},
               "culprit": "?(runner)", "datetime": "2019-08-19T20:58:37.391000Z", "dist": null,
               "event_id": "bb78c1407cea4519aa397afc059c793d",
               "exception": {"values": [{"mechanism": {"handled": false, "type": "onerror"},
                 "stacktrace": {"frames": [
                   {"abs_path": "https://example.com/static/app.js", "filename": "/static/app.js", "function": "main",
                    "in_app": true, "lineno": 12, "colno": 3},
                   {"abs_path": "https://example.com/static/app.js", "filename": "/static/app.js", "function": "runner",
                    "in_app": true, "lineno": 29, "colno": 7}]},
                 "type": "ReferenceError", "value": "blooopy is not defined"}]},
               "issue_id": "1170820242", "issue_url": "https://sentry.io/api/0/issues/1170820242/",
               "level": "error", "platform": "javascript", "project": 1,
               "request": {"url": "https://example.com/checkout", "headers": [["User-Agent", "Mozilla/5.0"]]},
               "tags": [["browser", "Chrome 75.0.3770"], ["environment", "production"], ["level", "error"]],
               "title": "ReferenceError: blooopy is not defined",
               "web_url": "https://sentry.io/organizations/example/issues/1170820242/events/bb78c1407cea4519aa397afc059c793d/"}},
             "installation": {"uuid": "a8e5d37a-696c-4c54-adb5-b3f28d64c7de"}}""";

    @Test
    void aSignedSentryErrorOpensAnIncidentAndATamperedOneIsRefused() throws Exception {
        byte[] bytes = SENTRY_ERROR.getBytes(StandardCharsets.UTF_8);

        ApiResponse tampered = sentry("error", SENTRY_ERROR.replace("blooopy", "bloopy"), SentryWebhook.sign(SECRET, bytes), "r1");
        ApiResponse unsigned = send(null, "POST", "/api/admin/errors/sentry", SENTRY_ERROR,
                Map.of("Content-Type", "application/json", "Sentry-Hook-Resource", "error"));
        ApiResponse wrongSecret = sentry("error", SENTRY_ERROR, SentryWebhook.sign("guess", bytes), "r1");
        assertThat(tampered.status()).isEqualTo(401);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(all()).isEmpty();

        ApiResponse accepted = sentry("error", SENTRY_ERROR, SentryWebhook.sign(SECRET, bytes), "r1");
        assertThat(accepted.status()).as(accepted.bodyText()).isEqualTo(202);
        Incident incident = monitor.incidents().find(body(accepted).get("incidentId").asText()).orElseThrow();
        assertThat(incident.title()).isEqualTo("blooopy is not defined");
        assertThat(incident.type()).isEqualTo("ReferenceError");
        assertThat(incident.fingerprint()).isEqualTo("reporter:sentry-issue:1170820242");
        assertThat(incident.endpoints()).containsExactly("https://example.com/checkout");
        assertThat(incident.stackSample()).startsWith("    at runner (/static/app.js:29)");

        ApiResponse redelivered = sentry("error", SENTRY_ERROR, SentryWebhook.sign(SECRET, bytes), "r1");
        assertThat(body(redelivered).get("status").asText()).isEqualTo("duplicate");
        ApiResponse rotated = sentry("error", SENTRY_ERROR, SentryWebhook.sign("old-secret", bytes), "r2");
        assertThat(rotated.status()).as("the old secret still works during a rotation").isEqualTo(202);
        assertThat(monitor.incidents().find(incident.id()).orElseThrow().count()).isEqualTo(2);
    }

    @Test
    void sentryIssuesAndEventAlertsBecomeEventsAndOtherResourcesAreIgnored() throws Exception {
        String issue = """
                {"action": "created", "data": {"issue": {"id": "1170820242", "shortId": "SHOP-1",
                  "title": "TypeError: Cannot read properties of undefined (reading 'price')", "culprit": "cart in total",
                  "level": "fatal", "platform": "javascript", "project": {"id": "2", "name": "shop", "slug": "shop"},
                  "metadata": {"type": "TypeError", "value": "Cannot read properties of undefined (reading 'price')"},
                  "firstSeen": "2026-01-01T00:00:00Z", "status": "unresolved"}}, "actor": {"type": "application"}}""";
        String alert = """
                {"action": "triggered", "data": {"event": {"event_id": "e1", "issue_id": "99", "level": "error",
                  "title": "Payment processing failed", "message": "Payment processing failed", "platform": "java",
                  "tags": [["transaction", "/api/payments"]], "datetime": "2026-01-01T00:00:01Z"},
                  "triggered_rule": "Payments failing"}}""";
        String resolved = issue.replace("\"action\": \"created\"", "\"action\": \"resolved\"");
        String installation = "{\"action\": \"created\", \"data\": {\"installation\": {\"uuid\": \"x\"}}}";

        JsonNode fromIssue = body(sentry("issue", issue, SentryWebhook.sign(SECRET, issue.getBytes(StandardCharsets.UTF_8)), "i1"));
        JsonNode fromAlert = body(sentry("event_alert", alert, SentryWebhook.sign(SECRET,
                alert.getBytes(StandardCharsets.UTF_8)), "a1"));
        JsonNode ignoredIssue = body(sentry("issue", resolved, SentryWebhook.sign(SECRET,
                resolved.getBytes(StandardCharsets.UTF_8)), "i2"));
        JsonNode ignored = body(sentry("installation", installation, SentryWebhook.sign(SECRET,
                installation.getBytes(StandardCharsets.UTF_8)), "n1"));

        assertThat(fromIssue.get("severity").asText()).as("fatal").isEqualTo("CRITICAL");
        assertThat(fromAlert.get("severity").asText()).isEqualTo("HIGH");
        assertThat(fromAlert.get("category").asText()).isEqualTo("backend");
        assertThat(ignoredIssue.get("status").asText()).isEqualTo("ignored");
        assertThat(ignored.get("status").asText()).isEqualTo("ignored");
        assertThat(all()).hasSize(2);
        assertThat(monitor.incidents().find(fromIssue.get("incidentId").asText()).orElseThrow().applications())
                .containsExactly("shop");
    }

    @Test
    void operatorsAcknowledgeAndResolveWithAuditAndTheCriticalAlertFollows() throws Exception {
        JsonNode posted = body(post("ingest-secret", "/api/admin/errors",
                "{\"error\": {\"message\": \"Cannot connect to database: connection refused\", \"type\": \"SQLException\"}}"));
        String id = posted.get("incidentId").asText();
        assertThat(posted.get("severity").asText()).isEqualTo("CRITICAL");
        assertThat(posted.get("category").asText()).isEqualTo("database");

        monitor.alerts().evaluate();
        monitor.dispatcher().deliverDue();
        assertThat(delivered).singleElement().satisfies(notification -> {
            assertThat(notification.kind()).isEqualTo(Notification.Kind.FIRING);
            assertThat(notification.alert().labels()).containsEntry("incident", id);
        });

        assertThat(post("ingest-secret", "/api/admin/incidents/" + id + "/ack", "{}").status()).as("ingest only").isEqualTo(403);
        ApiResponse acked = post("alice-secret", "/api/admin/incidents/" + id + "/ack", "{\"note\": \"on it\"}");
        assertThat(acked.status()).as(acked.bodyText()).isEqualTo(200);
        assertThat(body(acked).get("acknowledgedBy").asText()).isEqualTo("alice");

        clock.advance(Duration.ofMinutes(1));
        monitor.alerts().evaluate();
        monitor.dispatcher().deliverDue();
        assertThat(delivered).extracting(Notification::kind).containsExactly(Notification.Kind.FIRING,
                Notification.Kind.RESOLVED);

        assertThat(post("alice-secret", "/api/admin/incidents/" + id + "/resolve", "{\"note\": \"db restarted\"}").status())
                .isEqualTo(200);
        assertThat(post("alice-secret", "/api/admin/incidents/" + id + "/resolve", "{}").status()).isEqualTo(409);
        assertThat(post("alice-secret", "/api/admin/incidents/nope/ack", "{}").status()).isEqualTo(404);

        JsonNode detail = body(send("admin-secret", "GET", "/api/admin/incidents/" + id, "", Map.of()));
        assertThat(detail.get("status").asText()).isEqualTo("resolved");
        assertThat(detail.get("history")).extracting(entry -> entry.get("who").asText() + ":" + entry.get("outcome").asText())
                .containsExactly("alice:resolved", "alice:acknowledged");
        assertThat(body(send("admin-secret", "GET", "/api/admin/incidents?status=resolved", "", Map.of())).get("count")
                .asInt()).isEqualTo(1);
        clock.advance(Duration.ofHours(25));
        assertThat(body(send("admin-secret", "GET", "/api/admin/incidents", "", Map.of())).get("count").asInt()).isZero();
        assertThat(body(send("admin-secret", "GET", "/api/admin/incidents?status=all&severity=critical", "", Map.of()))
                .get("count").asInt()).isEqualTo(1);
        assertThat(send("admin-secret", "GET", "/api/admin/incidents?status=gone", "", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void aFailingCriticalCheckOpensAnIncidentThatResolvesWhenTheCheckRecovers() throws Exception {
        databaseUp.set(0);
        monitor.health().runNow("database").get();

        Incident open = monitor.incidents().list(monitor.incidents().activeQuery(10)).get(0);
        assertThat(open.category()).isEqualTo("infrastructure");
        assertThat(open.severity()).isEqualTo(IncidentSeverity.CRITICAL);
        assertThat(open.title()).contains("database", "connection refused");

        databaseUp.set(1);
        clock.advance(Duration.ofMinutes(1));
        monitor.health().runNow("database").get();

        assertThat(monitor.incidents().find(open.id()).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void aKnownFixIsSuggestedAndCountsASuccessWhenItsIncidentIsResolvedInTime() throws Exception {
        String stale = "{\"error\": {\"message\": \"stale cache entry for user 7\"}, \"context\": {\"endpoint\": \"/api/me\"}}";
        JsonNode first = body(post("ingest-secret", "/api/admin/errors", stale));
        String id = first.get("incidentId").asText();
        assertThat(first.get("suggestedFix").get("action").asText()).isEqualTo("clear_cache");

        JsonNode ran = body(post("alice-secret", "/api/admin/incidents/" + id + "/fix", ""));
        assertThat(ran.get("status").asText()).as(ran.toString()).isEqualTo("succeeded");
        assertThat(cacheClears).hasValue(1);
        clock.advance(Duration.ofMinutes(2));
        post("alice-secret", "/api/admin/incidents/" + id + "/resolve", "{\"note\": \"cache cleared\"}");
        monitor.incidents().flush();

        clock.advance(Duration.ofMinutes(1));
        JsonNode next = body(post("ingest-secret", "/api/admin/errors", stale.replace("7", "8")));
        assertThat(next.get("regression").asBoolean()).isTrue();
        assertThat(next.get("suggestedFix").get("successes").asInt()).isEqualTo(1);
        assertThat(next.get("suggestedFix").get("successRate").asDouble()).isEqualTo(1.0);
        assertThat(monitor.store().incidents().fixes()).singleElement().satisfies(fix -> {
            assertThat(fix.name()).isEqualTo("cache");
            assertThat(fix.successes()).isEqualTo(1);
        });
        JsonNode history = body(send("admin-secret", "GET", "/api/admin/incidents/" + id, "", Map.of())).get("history");
        assertThat(history).extracting(entry -> entry.get("who").asText() + ":" + entry.get("outcome").asText())
                .containsExactly("alice:resolved", "alice:fix-succeeded");
    }

    @Test
    void anOperatorBindsAKnownFixThatCountsAFailureWhenTheIncidentKeepsRecurring() throws Exception {
        String id = body(post("ingest-secret", "/api/admin/errors", EXAMPLE_BODY)).get("incidentId").asText();
        assertThat(body(post("alice-secret", "/api/admin/incidents/" + id + "/known-fix", "{\"action\": \"clear_cache\"}"))
                .get("name").asText()).startsWith("fix-");

        post("alice-secret", "/api/admin/incidents/" + id + "/fix", "");
        clock.advance(Duration.ofMinutes(1));
        post("ingest-secret", "/api/admin/errors", EXAMPLE_BODY);
        clock.advance(Duration.ofMinutes(30));
        monitor.incidents().flush();

        JsonNode detail = body(send("admin-secret", "GET", "/api/admin/incidents/" + id, "", Map.of()));
        assertThat(detail.get("suggestedFix").get("failures").asInt()).isEqualTo(1);
        assertThat(detail.get("suggestedFix").get("successes").asInt()).isZero();
    }

    @Test
    void theHostReportsItsOwnExceptionsInProcess() {
        ReportOutcome outcome = monitor.incidents().report(new IllegalStateException("cart total is negative"),
                Map.of("endpoint", "/cart"));

        assertThat(outcome.created()).isTrue();
        assertThat(outcome.incident().type()).isEqualTo("java.lang.IllegalStateException");
        assertThat(outcome.incident().stackSample()).contains("IncidentApiTest");
    }

    @Test
    void anAutomaticKnownFixRunsThroughTheGuardrailsOnlyWhileAutoFixIsOn() throws Exception {
        AtomicInteger restarts = new AtomicInteger();
        Monitor auto = Monitor.builder().clock(clock).adminToken("admin-secret").bindSystemMeters(false)
                .systemMetrics(false, Path.of("."))
                .action(ActionRegistration.builder("restart_workers", context -> {
                    restarts.incrementAndGet();
                    return ActionResult.succeeded("restarted");
                }).build())
                .incidentSettings(IncidentSettings.builder()
                        .knownFix(KnownFix.of("workers", "restart_workers", null, null, "worker pool exhausted", true))
                        .build())
                .build();
        try {
            ReportOutcome off = auto.incidents().report(ErrorEvent.of("Worker pool exhausted", "PoolError", clock.instant()));
            assertThat(off.fix()).get().extracting(FixSuggestion::auto).isEqualTo(true);

            auto.runtimeConfig().set("actions.auto-fix", true, "alice");
            auto.incidents().report(ErrorEvent.of("Other pool exhausted, worker pool exhausted", "PoolError",
                    clock.instant()));
            await().atMost(Duration.ofSeconds(60)).until(() -> restarts.get() > 0 && !auto.audit()
                    .query(dev.vigil.audit.AuditQuery.latest(10).ofType(dev.vigil.audit.AuditEntry.Type.INCIDENT)).isEmpty());
            assertThat(restarts).hasValue(1);
            auto.incidents().report(ErrorEvent.of("Other pool exhausted, worker pool exhausted", "PoolError",
                    clock.instant()));
            assertThat(restarts).as("a recurrence of an open incident runs nothing").hasValue(1);
            assertThat(auto.audit().query(dev.vigil.audit.AuditQuery.latest(10).ofType(dev.vigil.audit.AuditEntry.Type.INCIDENT)))
                    .as("one run, as auto-fix, none while the switch was off")
                    .extracting(entry -> entry.who() + ":" + entry.outcome())
                    .containsExactly("auto-fix:incident:fix-succeeded");
        } finally {
            auto.close();
        }
    }
}
