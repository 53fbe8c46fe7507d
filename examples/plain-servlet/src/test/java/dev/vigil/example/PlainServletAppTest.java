package dev.vigil.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The example over real HTTP: its own routes, and Vigil's API reporting on them. */
class PlainServletAppTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private PlainServletApp app;
    private String base;

    @BeforeEach
    void start() throws Exception {
        app = PlainServletApp.start(0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        return send(request(path, headers).GET().build());
    }

    private HttpResponse<String> admin(String path) throws Exception {
        return get(path, "Authorization", "Bearer " + app.adminToken());
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    /** Polls {@code value} until it is non-null, for at most 60 s (generous: the machine may be loaded). */
    private static <T> T await(String what, Supplier<T> value) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            T current = value.get();
            if (current != null) {
                return current;
            }
            if (System.nanoTime() > deadline) {
                fail("not within 60 s: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.path(field).asText()));
        return values;
    }

    @Test
    void noticesAndTheirScriptAreServedPublicly() throws Exception {
        HttpResponse<String> notice = get("/api/notices?path=/orders/42");
        assertThat(notice.statusCode()).isEqualTo(200);
        assertThat(notice.headers().firstValue("Cache-Control")).contains("public, max-age=5");
        assertThat(body(notice).path("active").asBoolean(true)).isFalse();
        assertThat(get("/api/notices?path=orders").statusCode()).isEqualTo(400);
        HttpResponse<String> script = get("/api/notices.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("/beacon");
    }

    @Test
    void theDashboardIsServedWithItsSecurityHeaders() throws Exception {
        HttpResponse<String> page = get("/admin/monitoring");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).contains("script-src 'self'", "frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.body()).contains("id=\"login-form\"");
        assertThat(get("/admin/monitoring/dashboard.js").statusCode()).isEqualTo(200);
        assertThat(get("/admin/monitoring-lib/chart.umd.min.js").body()).contains("Chart.js v4.5.1");
        assertThat(get("/orders").statusCode()).as("the example's own servlets still answer").isEqualTo(200);
    }

    @Test
    void publicHealthIsASummaryAndTheTokenShowsEveryCheck() throws Exception {
        HttpResponse<String> summary = get("/api/health");

        assertThat(summary.statusCode()).isEqualTo(200);
        assertThat(body(summary).path("status").asText()).isIn("healthy", "degraded");
        assertThat(body(summary).has("services")).isFalse();

        app.monitor().health().runNow("database").join();
        JsonNode services = body(admin("/api/health")).path("services");
        assertThat(texts(services, "name")).contains("database", "disk", "order-backlog");
        JsonNode database = services.get(texts(services, "name").indexOf("database"));
        assertThat(database.path("status").asText()).isIn("up", "degraded"); // degraded: slower than 100 ms
        assertThat(database.path("details").path("database").asText()).isEqualTo("H2");
    }

    @Test
    void ordersAreServedFromTheDatabase() throws Exception {
        assertThat(body(get("/orders"))).hasSize(3);
        assertThat(body(get("/orders/2")).path("customer").asText()).isEqualTo("Grace");
        assertThat(get("/orders/999").statusCode()).isEqualTo(404);

        HttpResponse<String> created = send(request("/orders", "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customer\": \"Margaret\", \"amount\": 12.5}")).build());

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/orders/4");
        assertThat(body(get("/orders/4")).path("customer").asText()).isEqualTo("Margaret");
        assertThat(send(request("/orders").POST(HttpRequest.BodyPublishers.ofString("{\"amount\": -1}")).build())
                .statusCode()).isEqualTo(400);
    }

    @Test
    void requestsAreRecordedByRouteTemplateAndPlatform() throws Exception {
        assertThat(get("/orders/1", "X-Platform", "ios").statusCode()).isEqualTo(200);
        assertThat(get("/orders/2", "X-Platform", "web").statusCode()).isEqualTo(200);
        assertThat(get("/orders/999", "X-Platform", "web").statusCode()).isEqualTo(404);

        // The filter records a request when the container has completed it, which may be just after the
        // client has its answer: wait until the exported timers (cumulative) count all three.
        MeterRegistry registry = app.monitor().meterRegistry();
        double requests = await("three /orders/{id} requests counted", () -> {
            double count = registry.find("http.route.requests").tag("route", "/orders/{id}").timers().stream()
                    .mapToDouble(Timer::count).sum();
            return count >= 3 ? count : null;
        });
        assertThat(requests).as("the 404 of a missing order counts under its route too").isEqualTo(3);
        assertThat(registry.find("http.route.requests").tag("route", "/orders/{id}").tag("status", "4xx")
                .tag("platform", "web").timer()).isNotNull();

        // and the history has the route's series per platform
        app.monitor().metrics().collectNow().join();
        List<String> platforms = new ArrayList<>();
        for (JsonNode each : body(admin("/api/admin/metrics?name=http.route.requests&range=1h&step=1m&agg=sum"
                + "&route=/orders/%7Bid%7D")).path("series")) {
            assertThat(each.path("tags").path("route").asText()).isEqualTo("/orders/{id}");
            platforms.add(each.path("tags").path("platform").asText());
        }
        assertThat(platforms).containsExactlyInAnyOrder("ios", "web");
    }

    @Test
    void asyncReportIsMeasuredUntilItCompletes() throws Exception {
        HttpResponse<String> report = get("/slow-report");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(body(report).path("report").asText()).isEqualTo("ready");

        // The filter records an async request when the container has completed it, which may be just
        // after the client has its answer: collect until the route shows up.
        JsonNode series = await("a /slow-report latency sample", () -> {
            app.monitor().metrics().collectNow().join();
            try {
                JsonNode found = body(admin("/api/admin/metrics?name=http.route.latency.p50&range=1h&step=1m&route=/slow-report"))
                        .path("series");
                return found.isEmpty() ? null : found;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(series).hasSize(1);
        assertThat(series.get(0).path("tags").path("platform").asText()).isEqualTo("unknown");
        JsonNode points = series.get(0).path("points");
        assertThat(points).isNotEmpty();
        points.forEach(point -> assertThat(point.get(1).asDouble()).as("p50 in ms").isGreaterThanOrEqualTo(50));
    }

    @Test
    void queriesViewListsTheOrdersStatementsWithCounts() throws Exception {
        get("/orders");
        get("/orders/1");
        get("/orders/3");

        JsonNode statements = body(admin("/api/admin/queries")).path("statements");

        assertThat(texts(statements, "sql")).contains(OrdersServlet.LIST_SQL, OrdersServlet.FIND_SQL);
        for (JsonNode statement : statements) {
            if (statement.path("sql").asText().equals(OrdersServlet.FIND_SQL)) {
                assertThat(statement.path("count").asLong()).isEqualTo(2);
                assertThat(statement.path("errors").asLong()).isZero();
            }
            if (statement.path("sql").asText().equals(OrdersServlet.LIST_SQL)) {
                assertThat(statement.path("count").asLong()).isEqualTo(1);
            }
        }
    }

    @Test
    void adminEndpointsNeedTheToken() throws Exception {
        assertThat(get("/api/admin/metrics").statusCode()).isEqualTo(401);
        assertThat(get("/api/admin/queries", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(admin("/api/admin/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void systemHealthHasTheDatabaseAndTheOrdersSections() throws Exception {
        get("/orders");
        app.monitor().health().runNow("database").join();
        app.monitor().metrics().collectNow().join();

        JsonNode systemHealth = body(admin("/api/admin/system-health"));

        JsonNode database = systemHealth.path("database");
        assertThat(database.path("status").asText()).isIn("healthy", "degraded");
        assertThat(database.path("database").asText()).isEqualTo("H2");
        assertThat(database.has("poolMax")).as("pool collector: %s", database).isTrue();
        assertThat(systemHealth.path("orders").path("total").asDouble()).isEqualTo(3);
        assertThat(systemHealth.path("orders").path("pending").asDouble()).isEqualTo(2);
    }

    @Test
    void unknownPathsAreMeasuredAsNotFound() throws Exception {
        assertThat(get("/wp-admin/setup.php").statusCode()).isEqualTo(404);

        app.monitor().metrics().collectNow().join();
        JsonNode series = body(admin("/api/admin/metrics?name=http.route.requests&range=1h&step=1m&route=NOT_FOUND"))
                .path("series");

        assertThat(series).hasSize(1);
    }

    @Test
    void runQueryReadsThroughTheReaderRoleAndIsAudited() throws Exception {
        HttpResponse<String> rows = runQuery("{\"query\": \"SELECT customer FROM orders ORDER BY id\"}");

        assertThat(rows.statusCode()).as(rows.body()).isEqualTo(200);
        assertThat(body(rows).path("rowCount").asInt()).isEqualTo(3);
        assertThat(body(rows).path("rows").get(0).get(0).asText()).isEqualTo("Ada");
        HttpResponse<String> write = runQuery("{\"query\": \"DELETE FROM orders\"}");
        assertThat(write.statusCode()).as(write.body()).isEqualTo(400);
        assertThat(body(get("/orders"))).hasSize(3);
        JsonNode audit = body(admin("/api/admin/audit?type=query")).path("entries");
        assertThat(texts(audit, "who")).containsOnly("admin-token");
        assertThat(audit).hasSize(2);
    }

    @Test
    void anAssistantRunsAQueryThroughTheMcpEndpointAsTheTokensCaller() throws Exception {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base)
                .endpoint("/api/mcp")
                .jsonMapper(new JacksonMcpJsonMapper(json))
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + app.adminToken()))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
        try {
            client.initialize();
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("vigil_run_query", "vigil_queries");
            McpSchema.CallToolResult rows = client.callTool(McpSchema.CallToolRequest.builder("vigil_run_query")
                    .arguments(Map.of("query", "SELECT customer FROM orders ORDER BY id")).build());
            assertThat(rows.isError()).isFalse();
            JsonNode result = json.readTree(((McpSchema.TextContent) rows.content().get(0)).text());
            assertThat(result.path("rows").get(0).get(0).asText()).isEqualTo("Ada");
        } finally {
            client.closeGracefully();
        }
        JsonNode audit = body(admin("/api/admin/audit?type=tool")).path("entries");
        assertThat(texts(audit, "subject")).contains("vigil_run_query");
        assertThat(texts(audit, "who")).containsOnly("admin-token");
        assertThat(texts(body(admin("/api/admin/audit?type=query")).path("entries"), "who")).containsOnly("admin-token");
    }

    private HttpResponse<String> runQuery(String body) throws Exception {
        return send(request("/api/admin/run-query", "Authorization", "Bearer " + app.adminToken(), "Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void namedTokensFromTheEnvironmentHaveTheirRoles() throws Exception {
        app.close();
        app = PlainServletApp.start(0, Map.of("MONITOR_READ_TOKEN", "read-only", "MONITOR_INGEST_TOKEN", "errors-only"));
        base = "http://127.0.0.1:" + app.port();

        assertThat(get("/api/admin/metrics", "Authorization", "Bearer read-only").statusCode()).isEqualTo(200);
        assertThat(send(request("/api/admin/trigger-action", "Authorization", "Bearer read-only", "Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"action\": \"x\"}")).build()).statusCode())
                .isEqualTo(403);
        assertThat(get("/api/admin/metrics", "Authorization", "Bearer errors-only").statusCode()).isEqualTo(403);
        HttpResponse<String> error = send(request("/api/admin/errors", "Authorization", "Bearer errors-only", "Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"error\": {\"message\": \"boom\"}}")).build());
        assertThat(error.statusCode()).as(error.body()).isEqualTo(202);
        assertThat(admin("/api/admin/metrics").statusCode()).isEqualTo(200);
    }
}
