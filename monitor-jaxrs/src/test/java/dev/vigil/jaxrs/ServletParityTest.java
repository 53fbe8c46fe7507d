package dev.vigil.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Monitor;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionResult;
import dev.vigil.action.ActionSeverity;
import dev.vigil.alert.Silence;
import dev.vigil.api.MonitorApi;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthResult;
import dev.vigil.servlet.BodyReadCounter;
import dev.vigil.servlet.TomcatHost;
import dev.vigil.servlet.MonitorServlet;
import dev.vigil.test.MutableClock;
import jakarta.ws.rs.Priorities;
import org.apache.catalina.startup.Tomcat;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same requests to {@link MonitorServlet} in an embedded Tomcat and to {@link MonitorFeature} in
 * Jersey, both serving one {@link Monitor} on one fixed clock under the context path {@code /shop}: each
 * request goes to Tomcat, then at once to Jersey, and the two answers must have the same status, the same
 * headers (all but the transport's own: date, framing, connection) and the same bytes.
 */
class ServletParityTest {

    /** Headers each server sets for itself, not from the API's answer. */
    private static final Set<String> TRANSPORT_HEADERS = Set.of("date", "content-length", "transfer-encoding",
            "connection", "keep-alive");

    private final MutableClock clock = MutableClock.atFixedStart();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private final BodyReadCounter servletReads = new BodyReadCounter();
    private final EntityReadCounter jaxrsReads = new EntityReadCounter();
    private final AtomicInteger cacheClears = new AtomicInteger();
    private Monitor monitor;
    private TomcatHost tomcat;
    private JerseyHost jersey;
    private String servletBase;

    @BeforeEach
    void start() throws Exception {
        monitor = Monitor.builder()
                .clock(clock)
                .version("9.9.9")
                .adminToken("t0ken")
                .healthCheck(HealthCheckRegistration.of("db", () -> HealthResult.up().withDetail("latencyMs", 2)))
                .healthCheck(HealthCheckRegistration.builder("search", () -> HealthResult.down("index missing"))
                        .critical(false).build())
                .action(ActionRegistration.builder("clear_cache", context -> {
                    cacheClears.incrementAndGet();
                    return ActionResult.succeeded("cleared");
                }).build())
                .action(ActionRegistration.builder("clear_connections", context -> ActionResult.succeeded("evicted"))
                        .severity(ActionSeverity.CRITICAL).build())
                .build();
        monitor.queryService((sql, maxRows, who) -> Map.of("rows", List.of(List.of(maxRows)), "who", who, "sql", sql));
        monitor.api().registerView("queries", () -> Map.of("statements", List.of(Map.of("sql", "SELECT ?", "count", 3))));
        monitor.api().registerView("broken", () -> {
            throw new IllegalStateException("view failed");
        });
        monitor.health().runDue().join();

        tomcat = TomcatHost.start("/shop", monitor.api(), servletReads);
        servletBase = tomcat.base();

        jersey = JerseyHost.start("/shop", new ResourceConfig()
                .register(jaxrsReads, Priorities.USER) // before Vigil's filter, as Tomcat's filter is
                .register(new MonitorFeature(monitor.api()))
                .property(ServerProperties.WADL_FEATURE_DISABLE, true));
    }

    @AfterEach
    void stop() throws Exception {
        jersey.close();
        tomcat.close();
        monitor.close();
    }

    /** What one server answered. */
    private record Answer(int status, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : String.join(", ", values);
        }

        /** The headers that come from the API's answer, names lower-cased (servers differ in case). */
        Map<String, List<String>> apiHeaders() {
            Map<String, List<String>> api = new TreeMap<>();
            headers.forEach((name, values) -> {
                if (!TRANSPORT_HEADERS.contains(name)) {
                    api.put(name, values);
                }
            });
            return api;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private Answer send(String base, String method, String pathAndQuery, HttpRequest.BodyPublisher body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(20))
                .method(method, body);
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, List<String>> names = new TreeMap<>();
        response.headers().map().forEach((name, values) -> names.put(name.toLowerCase(Locale.ROOT), values));
        return new Answer(response.statusCode(), names, response.body());
    }

    /**
     * Sends the request to Tomcat, then to Jersey, asserts that both answered alike and returns the answer.
     */
    private Answer same(String method, String pathAndQuery, HttpRequest.BodyPublisher body, String... headers)
            throws Exception {
        Answer servlet = send(servletBase, method, pathAndQuery, body, headers);
        Answer jaxrs = send(jersey.base(), method, pathAndQuery, body, headers);

        String request = method + " " + pathAndQuery;
        assertThat(jaxrs.status()).as("status of %s", request).isEqualTo(servlet.status());
        assertThat(jaxrs.apiHeaders()).as("headers of %s", request).isEqualTo(servlet.apiHeaders());
        assertThat(jaxrs.body()).as("body of %s: %s", request, servlet.text()).isEqualTo(servlet.body());
        if (servlet.header("content-length") != null && jaxrs.header("content-length") != null) {
            assertThat(jaxrs.header("content-length")).as("length of %s", request).isEqualTo(servlet.header("content-length"));
        }
        return servlet;
    }

    private Answer same(String method, String pathAndQuery, String... headers) throws Exception {
        return same(method, pathAndQuery, HttpRequest.BodyPublishers.noBody(), headers);
    }

    private Answer sameAdmin(String method, String pathAndQuery, String body) throws Exception {
        return same(method, pathAndQuery, HttpRequest.BodyPublishers.ofString(body),
                "Authorization", "Bearer t0ken", "Content-Type", "application/json");
    }

    /** A body of unknown length, which the client sends chunked. */
    private static HttpRequest.BodyPublisher chunked(byte[] bytes) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
    }

    private String error(Answer answer) throws Exception {
        return json.readTree(answer.body()).path("error").asText();
    }

    @Test
    void healthIsTheSameForEveryone() throws Exception {
        Answer summary = same("GET", "/api/health");
        assertThat(summary.status()).isEqualTo(200);
        assertThat(summary.header("content-type")).isEqualTo("application/json;charset=UTF-8");
        assertThat(summary.header("cache-control")).isEqualTo("no-store");
        assertThat(json.readTree(summary.body()).has("services")).isFalse();

        assertThat(json.readTree(same("GET", "/api/health", "Authorization", "Bearer t0ken").body())
                .path("services")).hasSize(2);
        assertThat(json.readTree(same("GET", "/api/health?verbose=1", "Authorization", "Bearer wrong").body())
                .has("services")).isFalse();

        Answer delete = same("DELETE", "/api/health");
        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.header("allow")).isEqualTo("GET, HEAD");
        assertThat(same("POST", "/api/health", HttpRequest.BodyPublishers.ofString("{}"),
                "Content-Type", "application/json").status()).isEqualTo(405);

        monitor.health().register(HealthCheckRegistration.of("payments", () -> HealthResult.down("gateway refused")));
        monitor.health().runDue().join();
        assertThat(same("GET", "/api/health").status()).isEqualTo(503);
        assertThat(servletReads.bytesRead()).isZero();
        assertThat(jaxrsReads.bytesRead()).isZero();
    }

    @Test
    void headAnswersWithTheLengthOfTheGetAndNoBody() throws Exception {
        for (String token : List.of("Bearer t0ken", "Bearer wrong")) {
            Answer get = same("GET", "/api/health", "Authorization", token);
            Answer head = same("HEAD", "/api/health", "Authorization", token);

            assertThat(head.status()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            for (String base : List.of(servletBase, jersey.base())) {
                assertThat(send(base, "HEAD", "/api/health", HttpRequest.BodyPublishers.noBody(), "Authorization", token)
                        .header("content-length")).as(base).isEqualTo(Integer.toString(get.body().length));
            }
        }
        assertThat(same("HEAD", "/api/admin/metrics", "Authorization", "Bearer t0ken").status()).isEqualTo(200);
        assertThat(same("HEAD", "/api/admin/metrics").status()).isEqualTo(401);
    }

    @Test
    void adminReadsAreTheSame() throws Exception {
        for (String path : List.of("/api/admin/metrics", "/api/admin/system-health", "/api/admin/actions",
                "/api/admin/config", "/api/admin/audit", "/api/admin/alerts", "/api/admin/alerts?state=resolved&since=24h",
                "/api/admin/silences", "/api/admin/notifications", "/api/admin/queries",
                "/api/admin/metrics?name=http.route.requests&range=1h&step=1m&agg=max&route=/orders/%7Bid%7D&platform=web")) {
            assertThat(same("GET", path, "Authorization", "Bearer t0ken").status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void queryStringsAreDecodedAlike() throws Exception {
        // The error messages quote the decoded values: '+' is a space, %-escapes are UTF-8.
        Answer plus = same("GET", "/api/admin/metrics?name=jvm.memory&agg=no+a%20agg", "Authorization", "Bearer t0ken");
        assertThat(plus.status()).isEqualTo(400);
        assertThat(json.readTree(plus.body()).path("message").asText()).contains("'no a agg'");

        Answer utf8 = same("GET", "/api/admin/audit?limit=%C3%A9t%C3%A9", "Authorization", "Bearer t0ken");
        assertThat(json.readTree(utf8.body()).path("message").asText()).isEqualTo("limit must be an integer 1..1000; got 'été'");

        Answer bare = same("GET", "/api/admin/audit?limit=3&&type", "Authorization", "Bearer t0ken"); // type is ""
        assertThat(bare.status()).isEqualTo(400);
        assertThat(same("GET", "/api/admin/metrics?range=forever&name=x", "Authorization", "Bearer t0ken").status()).isEqualTo(400);
        assertThat(same("GET", "/api/admin/audit?limit=2&limit=5000", "Authorization", "Bearer t0ken").status()).isEqualTo(200);
    }

    @Test
    void pathsOutsideTheEndpointsAreTheSame404s() throws Exception {
        for (String path : List.of("/api/admin/nope", "/api/admin/n%C3%A9pe", "/api/admin", "/api/admin/",
                "/api/admin/alerts/x/y")) {
            Answer answer = same("GET", path, "Authorization", "Bearer t0ken");
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(error(answer)).isEqualTo("not_found");
        }
        assertThat(same("GET", "/api/admin/nope").status()).isEqualTo(401);
        assertThat(same("PATCH", "/api/admin/metrics", HttpRequest.BodyPublishers.ofString("{}"),
                "Authorization", "Bearer t0ken", "Content-Type", "application/json").status()).isEqualTo(405);
        assertThat(same("OPTIONS", "/api/admin/silences", "Authorization", "Bearer t0ken").header("allow"))
                .isEqualTo("GET, HEAD, POST");
    }

    @Test
    void unauthorizedRequestsAre401WithTheBodyUnread() throws Exception {
        List<Answer> refused = List.of(
                same("POST", "/api/admin/trigger-action", HttpRequest.BodyPublishers.ofByteArray(new byte[MonitorApi.MAX_BODY_BYTES + 1]),
                        "Content-Type", "application/json"),
                same("POST", "/api/admin/trigger-action", chunked(new byte[256 * 1024]),
                        "Authorization", "Bearer wrong", "Content-Type", "application/json"),
                same("POST", "/api/admin/trigger-action", HttpRequest.BodyPublishers.ofString("action=clear_cache&x=" + "y".repeat(1000)),
                        "Content-Type", "application/x-www-form-urlencoded"),
                same("PUT", "/api/admin/config/actions.kill-switch", HttpRequest.BodyPublishers.ofString("{\"value\": true}"),
                        "Authorization", "Basic dDBrZW4=", "Content-Type", "application/json"),
                same("DELETE", "/api/admin/silences/abc", "Authorization", "Bearer"));

        for (Answer answer : refused) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.header("www-authenticate")).isEqualTo("Bearer realm=\"vigil\"");
            assertThat(error(answer)).isEqualTo("unauthorized");
        }
        assertThat(servletReads.bytesRead()).isZero();
        assertThat(jaxrsReads.bytesRead()).isZero();
        assertThat(cacheClears).hasValue(0);
        assertThat(monitor.runtimeConfig().all().get("actions.kill-switch")).isEqualTo(false);
    }

    @Test
    void refusedBodiesAreTheSame() throws Exception {
        Answer form = same("POST", "/api/admin/trigger-action", HttpRequest.BodyPublishers.ofString("action=clear_cache"),
                "Authorization", "Bearer t0ken", "Content-Type", "application/x-www-form-urlencoded");
        assertThat(form.status()).isEqualTo(415);
        assertThat(error(form)).isEqualTo("unsupported_media_type");

        Answer declared = same("POST", "/api/admin/trigger-action",
                HttpRequest.BodyPublishers.ofByteArray(new byte[MonitorApi.MAX_BODY_BYTES + 1]),
                "Authorization", "Bearer t0ken", "Content-Type", "application/json");
        assertThat(declared.status()).isEqualTo(413);
        assertThat(error(declared)).isEqualTo("payload_too_large");
        assertThat(servletReads.bytesRead()).isZero();
        assertThat(jaxrsReads.bytesRead()).isZero();

        assertThat(error(sameAdmin("POST", "/api/admin/trigger-action", "{\"action\": "))).isEqualTo("malformed_json");
        assertThat(error(sameAdmin("POST", "/api/admin/trigger-action", "{\"action\": \"clear_cache\"} trailing")))
                .isEqualTo("malformed_json");
        assertThat(sameAdmin("POST", "/api/admin/trigger-action", "{\"action\": \"clear_cache\", \"by\": \"ceo\"}").status())
                .isEqualTo(400);
        assertThat(error(sameAdmin("POST", "/api/admin/trigger-action",
                "{\"action\":\"clear_cache\",\"action\":\"clear_connections\"}"))).isEqualTo("duplicate_field");
        assertThat(sameAdmin("POST", "/api/admin/run-query", "{\"query\": \"SELECT 1\", \"maxRows\": 5.5}").status())
                .isEqualTo(400);
        assertThat(sameAdmin("POST", "/api/admin/trigger-action", "{\"action\": \"no_such_action\"}").status()).isEqualTo(404);
        assertThat(sameAdmin("PUT", "/api/admin/config/no.such.key", "{\"value\": 1}").status()).isEqualTo(404);
        assertThat(sameAdmin("PUT", "/api/admin/config/actions.max-per-hour", "{\"value\": \"many\"}").status()).isEqualTo(400);
        assertThat(sameAdmin("POST", "/api/admin/silences", "{\"matchers\": {}, \"duration\": \"forever\"}").status())
                .isEqualTo(400);
        assertThat(same("POST", "/api/admin/alerts/no-such-alert/ack", "Authorization", "Bearer t0ken").status())
                .isEqualTo(404);
        assertThat(same("DELETE", "/api/admin/silences/no-such-silence", "Authorization", "Bearer t0ken").status())
                .isEqualTo(404);
        assertThat(cacheClears).hasValue(0);
    }

    @Test
    void oversizedChunkedBodyIsReadNoFurtherThanTheCap() throws Exception {
        Answer answer = same("POST", "/api/admin/trigger-action", chunked(new byte[1024 * 1024]),
                "Authorization", "Bearer t0ken", "Content-Type", "application/json");

        assertThat(answer.status()).isEqualTo(413);
        assertThat(servletReads.bytesRead()).isPositive().isLessThanOrEqualTo(MonitorApi.MAX_BODY_BYTES + 1L);
        assertThat(jaxrsReads.bytesRead()).isPositive().isLessThanOrEqualTo(MonitorApi.MAX_BODY_BYTES + 1L);
    }

    @Test
    void acceptedBodiesGiveTheSameAnswers() throws Exception {
        String query = "{\"query\": \"SELECT 'caf\u00e9 \u20ac \ud83d\ude00' AS text\", \"maxRows\": 7}";
        Answer run = same("POST", "/api/admin/run-query?ignored=1", HttpRequest.BodyPublishers.ofString(query),
                "Authorization", "Bearer t0ken", "Content-Type", "application/json; charset=utf-8");
        assertThat(run.status()).isEqualTo(200);
        JsonNode result = json.readTree(run.body());
        assertThat(result.path("sql").asText()).isEqualTo("SELECT 'caf\u00e9 \u20ac \ud83d\ude00' AS text");
        assertThat(result.path("rows").get(0).get(0).asInt()).isEqualTo(7);
        assertThat(result.path("who").asText()).isEqualTo("admin-token");

        Answer chunkedRun = same("POST", "/api/admin/run-query", chunked(query.getBytes(StandardCharsets.UTF_8)),
                "Authorization", "Bearer t0ken", "Content-Type", "application/json");
        assertThat(chunkedRun.body()).isEqualTo(run.body());

        Answer config = sameAdmin("PUT", "/api/admin/config/actions.max-per-hour", "{\"value\": 20}");
        assertThat(config.status()).isEqualTo(200);
        assertThat(json.readTree(config.body()).path("value").asInt()).isEqualTo(20);
        assertThat(same("GET", "/api/admin/audit?subject=actions.max-per-hour", "Authorization", "Bearer t0ken").status())
                .isEqualTo(200);
    }

    @Test
    void deletedSilenceIs204WithoutABody() throws Exception {
        Silence first = Silence.of(Map.of("rule", "disk-critical"), clock.instant(), Duration.ofHours(1), "resizing", "test");
        Silence second = Silence.of(Map.of("rule", "disk-critical"), clock.instant(), Duration.ofHours(1), "resizing", "test");
        monitor.alerts().silence(first);
        monitor.alerts().silence(second);

        Answer servlet = send(servletBase, "DELETE", "/api/admin/silences/" + first.id(), HttpRequest.BodyPublishers.noBody(),
                "Authorization", "Bearer t0ken");
        Answer jaxrs = send(jersey.base(), "DELETE", "/api/admin/silences/" + second.id(), HttpRequest.BodyPublishers.noBody(),
                "Authorization", "Bearer t0ken");

        assertThat(servlet.status()).isEqualTo(204);
        assertThat(jaxrs.status()).isEqualTo(204);
        assertThat(jaxrs.apiHeaders()).isEqualTo(servlet.apiHeaders());
        assertThat(jaxrs.body()).isEmpty();
        assertThat(monitor.alerts().silences()).isEmpty();
    }

    @Test
    void failureInsideTheApiIsTheSameJson500() throws Exception {
        Answer broken = same("GET", "/api/admin/broken", "Authorization", "Bearer t0ken");

        assertThat(broken.status()).isEqualTo(500);
        assertThat(error(broken)).isEqualTo("internal_error");
    }
}
