package dev.vigil.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Monitor;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionResult;
import dev.vigil.action.ActionSeverity;
import dev.vigil.api.ApiRequest;
import dev.vigil.api.ApiResponse;
import dev.vigil.audit.AuditEntry;
import dev.vigil.audit.AuditQuery;
import dev.vigil.health.HealthResult;
import dev.vigil.jdbc.JdbcMonitoring;
import dev.vigil.jdbc.MonitoredDataSource;
import dev.vigil.security.BearerTokens;
import dev.vigil.security.Role;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MCP endpoint over real HTTP, with the SDK's own client, in an embedded Tomcat wired as a plain servlet
 * host: tools per role, every read tool, actions through the guardrails and the audit, approvals by another
 * person, argument errors, and refused credentials.
 */
class VigilMcpTest {

    static final String ADMIN = "admin-secret";
    static final String READER = "reader-secret";
    static final String ASSISTANT = "assistant-secret";
    static final String ALICE = "alice-secret";
    static final String INGESTER = "ingest-secret";

    static final List<String> READ_TOOLS = List.of("vigil_health", "vigil_system_health", "vigil_alerts",
            "vigil_incidents_list", "vigil_incidents_get", "vigil_metrics", "vigil_queries", "vigil_rules",
            "vigil_briefing_now", "vigil_briefing", "vigil_audit", "vigil_actions", "vigil_silences");
    static final List<String> GUARDED_TOOLS = List.of("vigil_trigger_action", "vigil_alerts_ack", "vigil_silences_create");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger cacheClears = new AtomicInteger();
    private static final AtomicInteger restarts = new AtomicInteger();

    private static Monitor monitor;
    private static McpHost host;
    private static String incidentId;

    @BeforeAll
    static void start() throws Exception {
        monitor = Monitor.builder()
                .adminAuthenticator(BearerTokens.builder()
                        .adminToken(ADMIN)
                        .token("grafana", READER, Role.READ)
                        .token("claude", ASSISTANT, Role.OPERATOR)
                        .token("alice", ALICE, Role.OPERATOR)
                        .token("frontend", INGESTER, Role.INGEST)
                        .build())
                .bindSystemMeters(false)
                .systemMetrics(false, Path.of("."))
                .healthCheck("database", () -> HealthResult.up("connected"))
                .action(ActionRegistration.builder("clear_cache", context -> {
                    cacheClears.incrementAndGet();
                    return ActionResult.succeeded("cache cleared");
                }).description("Clears the product cache").build())
                .action(ActionRegistration.builder("restart_workers", context -> {
                    restarts.incrementAndGet();
                    return ActionResult.succeeded("workers restarted");
                }).description("Restarts every worker").severity(ActionSeverity.CRITICAL).build())
                .build();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:mcp-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcMonitoring.install(monitor, MonitoredDataSource.wrap(h2, monitor)); // statement statistics, no run-query
        monitor.start();
        ApiResponse ingested = monitor.api().handle(new ApiRequest("POST", "/api/admin/errors", Map.of(),
                Map.of("Authorization", "Bearer " + INGESTER, "Content-Type", "application/json"),
                "{\"error\": {\"message\": \"Checkout failed: card declined\", \"type\": \"PaymentError\"}}".getBytes()));
        assertThat(ingested.status()).as(ingested.bodyText()).isEqualTo(202);
        incidentId = JSON.readTree(ingested.body()).get("incidentId").asText();
        host = McpHost.start(monitor, VigilMcp.builder(monitor).build());
    }

    @AfterAll
    static void stop() throws Exception {
        if (host != null) {
            host.close();
        }
        if (monitor != null) {
            monitor.close();
        }
    }

    private static McpSyncClient connect(String token) {
        McpSyncClient client = host.client(token);
        client.initialize();
        return client;
    }

    private static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
    }

    private static String text(McpSchema.CallToolResult result) {
        StringBuilder text = new StringBuilder();
        result.content().forEach(content -> text.append(((McpSchema.TextContent) content).text()).append('\n'));
        return text.toString();
    }

    @Test
    void aReadTokenListsOnlyReadToolsAndAnOperatorTokenTheGuardedOnesToo() {
        McpSyncClient reader = connect(READER);
        McpSyncClient operator = connect(ASSISTANT);
        try {
            List<McpSchema.Tool> readTools = reader.listTools().tools();
            assertThat(readTools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrderElementsOf(READ_TOOLS);
            List<McpSchema.Tool> operatorTools = operator.listTools().tools();
            assertThat(operatorTools).extracting(McpSchema.Tool::name)
                    .containsAll(READ_TOOLS).containsAll(GUARDED_TOOLS)
                    .doesNotContain("vigil_run_query") // no query runner: the operation is not registered
                    .doesNotContain("vigil_errors_ingest", "vigil_errors_sentry", "vigil_notices_beacon");

            McpSchema.Tool alerts = tool(operatorTools, "vigil_alerts");
            assertThat(alerts.annotations().readOnlyHint()).isTrue();
            assertThat(alerts.annotations().destructiveHint()).isFalse();
            assertThat(alerts.annotations().openWorldHint()).isFalse();
            assertThat(alerts.description()).contains("Active alerts").contains("Read-only").contains("role read");
            assertThat(properties(alerts)).containsKeys("state", "since", "limit");

            McpSchema.Tool trigger = tool(operatorTools, "vigil_trigger_action");
            assertThat(trigger.annotations().readOnlyHint()).isFalse();
            assertThat(trigger.annotations().destructiveHint()).isTrue();
            assertThat(trigger.annotations().idempotentHint()).isFalse();
            assertThat(properties(trigger)).containsKeys("action", "params", "idempotencyKey")
                    .doesNotContainKey("approvalToken");
            assertThat(required(trigger)).containsExactly("action");
            assertThat(trigger.description()).contains("different person approves");

            McpSchema.Tool ack = tool(operatorTools, "vigil_alerts_ack");
            assertThat(ack.annotations().destructiveHint()).isFalse();
            assertThat(ack.annotations().idempotentHint()).isTrue();
            assertThat(required(ack)).containsExactly("id");

            // the reader may not call a guarded tool it does not see either: the API answers 403
            McpSchema.CallToolResult refused = call(reader, "vigil_trigger_action", Map.of("action", "clear_cache"));
            assertThat(refused.isError()).isTrue();
            assertThat(text(refused)).contains("403").contains("operator");
            assertThat(cacheClears.get()).isZero();
        } finally {
            reader.closeGracefully();
            operator.closeGracefully();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(McpSchema.Tool tool) {
        return (Map<String, Object>) tool.inputSchema().get("properties");
    }

    @SuppressWarnings("unchecked")
    private static List<String> required(McpSchema.Tool tool) {
        return (List<String>) tool.inputSchema().get("required");
    }

    private static McpSchema.Tool tool(List<McpSchema.Tool> tools, String name) {
        return tools.stream().filter(tool -> tool.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyReadToolAnswersWithTheOperationsJson() throws Exception {
        McpSyncClient client = connect(READER);
        try {
            Map<String, Map<String, Object>> arguments = Map.ofEntries(
                    Map.entry("vigil_health", Map.of()),
                    Map.entry("vigil_system_health", Map.of()),
                    Map.entry("vigil_alerts", Map.of()),
                    Map.entry("vigil_incidents_list", Map.of("status", "all")),
                    Map.entry("vigil_incidents_get", Map.of("id", incidentId)),
                    Map.entry("vigil_metrics", Map.of()),
                    Map.entry("vigil_queries", Map.of()),
                    Map.entry("vigil_rules", Map.of()),
                    Map.entry("vigil_briefing_now", Map.of()),
                    Map.entry("vigil_briefing", Map.of("date", "2020-01-01")),
                    Map.entry("vigil_audit", Map.of("limit", 5)),
                    Map.entry("vigil_actions", Map.of()),
                    Map.entry("vigil_silences", Map.of()));
            assertThat(arguments.keySet()).containsExactlyInAnyOrderElementsOf(READ_TOOLS);
            Map<String, String> expected = Map.ofEntries(
                    Map.entry("vigil_health", "\"services\""),
                    Map.entry("vigil_system_health", "\"database\""),
                    Map.entry("vigil_alerts", "\"critical\""),
                    Map.entry("vigil_incidents_list", incidentId),
                    Map.entry("vigil_incidents_get", "Checkout failed: card declined"),
                    Map.entry("vigil_metrics", "\"system\""),
                    Map.entry("vigil_queries", "["),
                    Map.entry("vigil_rules", "\"rules\""),
                    Map.entry("vigil_briefing_now", "\"date\""),
                    Map.entry("vigil_briefing", "2020-01-01"),
                    Map.entry("vigil_audit", "\"entries\""),
                    Map.entry("vigil_actions", "restart_workers"),
                    Map.entry("vigil_silences", "\"silences\""));
            for (Map.Entry<String, Map<String, Object>> entry : arguments.entrySet()) {
                String tool = entry.getKey();
                McpSchema.CallToolResult result = call(client, tool, entry.getValue());
                if (tool.equals("vigil_briefing")) { // no briefing stored for that date: the API's 404, as a tool error
                    assertThat(result.isError()).as(tool).isTrue();
                    assertThat(text(result)).as(tool).contains("404").contains(expected.get(tool));
                    continue;
                }
                assertThat(result.isError()).as(tool + ": " + text(result)).isFalse();
                assertThat(text(result)).as(tool).contains(expected.get(tool));
                JsonNode json = JSON.readTree(text(result));
                assertThat(json.isObject()).as(tool).isTrue();
                assertThat(result.structuredContent()).as(tool).isInstanceOf(Map.class);
            }
            McpSchema.CallToolResult health = call(client, "vigil_health", Map.of());
            assertThat(text(health)).as("details for a caller with role read").contains("database").contains("connected");
        } finally {
            client.closeGracefully();
        }
        List<AuditEntry> reads = monitor.audit().query(AuditQuery.latest(200).ofType(AuditEntry.Type.TOOL).by("grafana"));
        assertThat(reads).extracting(AuditEntry::subject).contains("vigil_health", "vigil_alerts", "vigil_incidents_get");
        assertThat(reads).filteredOn(entry -> entry.subject().equals("vigil_incidents_get")).first()
                .satisfies(entry -> {
                    assertThat(entry.outcome()).isEqualTo("ok");
                    assertThat(entry.details()).containsEntry("operation", "incidents.get")
                            .containsEntry("arguments", List.of("id"));
                });
    }

    @Test
    void anActionRunsAsTheCallerThroughTheGuardrailsAndIsAudited() {
        McpSyncClient client = connect(ASSISTANT);
        try {
            int before = cacheClears.get();
            McpSchema.CallToolResult result = call(client, "vigil_trigger_action", Map.of("action", "clear_cache"));
            assertThat(result.isError()).as(text(result)).isFalse();
            assertThat(text(result)).contains("\"status\":\"succeeded\"").contains("\"who\":\"claude\"");
            assertThat(cacheClears.get()).isEqualTo(before + 1);

            assertThat(monitor.audit().query(AuditQuery.latest(10).ofType(AuditEntry.Type.ACTION).by("claude")))
                    .extracting(AuditEntry::subject).contains("clear_cache");
            assertThat(monitor.audit().query(AuditQuery.latest(10).ofType(AuditEntry.Type.TOOL).by("claude")))
                    .anySatisfy(entry -> {
                        assertThat(entry.subject()).isEqualTo("vigil_trigger_action");
                        assertThat(entry.outcome()).isEqualTo("ok");
                    });
            McpSchema.CallToolResult audit = call(client, "vigil_audit", Map.of("who", "claude", "type", "action"));
            assertThat(text(audit)).contains("clear_cache").contains("claude");
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void aCriticalActionWaitsForAnotherPersonsApproval() throws Exception {
        McpSyncClient client = connect(ASSISTANT);
        String token;
        try {
            McpSchema.CallToolResult pending = call(client, "vigil_trigger_action", Map.of("action", "restart_workers"));
            assertThat(pending.isError()).isFalse();
            assertThat(text(pending)).contains("NOT RUN").contains("awaits approval by another person")
                    .contains("you cannot approve it");
            assertThat(restarts.get()).isZero();
            @SuppressWarnings("unchecked")
            Map<String, Object> outcome = (Map<String, Object>) pending.structuredContent();
            assertThat(outcome).containsEntry("status", "pending_approval");
            token = (String) outcome.get("approvalToken");
            assertThat(text(pending)).contains("approval token " + token);

            // the assistant cannot pass an approval token through its tools at all
            McpSchema.CallToolResult selfApproval = call(client, "vigil_trigger_action",
                    Map.of("action", "restart_workers", "approvalToken", token));
            assertThat(selfApproval.isError()).isTrue();
            assertThat(text(selfApproval)).contains("approvalToken");
            assertThat(restarts.get()).isZero();
        } finally {
            client.closeGracefully();
        }
        // nor with its own token over HTTP: the requester cannot approve its own request
        HttpResponse<String> byRequester = triggerOverHttp(ASSISTANT, token);
        assertThat(byRequester.statusCode()).isEqualTo(403);
        assertThat(byRequester.body()).contains("approval_by_requester");
        assertThat(restarts.get()).isZero();

        // a different person approves it through the HTTP API: it runs
        HttpResponse<String> byAlice = triggerOverHttp(ALICE, token);
        assertThat(byAlice.statusCode()).as(byAlice.body()).isEqualTo(200);
        JsonNode approved = JSON.readTree(byAlice.body());
        assertThat(approved.get("status").asText()).isEqualTo("succeeded");
        assertThat(restarts.get()).isEqualTo(1);
        assertThat(monitor.audit().query(AuditQuery.latest(10).ofType(AuditEntry.Type.ACTION).about("restart_workers")))
                .anySatisfy(entry -> assertThat(entry.details()).containsEntry("requestedBy", "claude")
                        .containsEntry("approvedBy", "alice"));
    }

    private static HttpResponse<String> triggerOverHttp(String bearer, String approvalToken) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(host.origin() + McpHost.CONTEXT + "/api/admin/trigger-action"))
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"action\": \"restart_workers\", \"approvalToken\": \"" + approvalToken + "\"}"))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void badArgumentsGiveAnErrorNamingTheField() {
        McpSyncClient client = connect(ASSISTANT);
        try {
            McpSchema.CallToolResult limit = callOrError(client, "vigil_alerts", Map.of("limit", 50_000));
            assertThat(limit.isError()).isTrue();
            assertThat(text(limit)).contains("limit");
            McpSchema.CallToolResult slash = idWithSlash(client);
            assertThat(slash.isError()).isTrue();
            assertThat(text(slash)).contains("id must be a non-empty id without '/'");

            McpSchema.CallToolResult state = callOrError(client, "vigil_alerts", Map.of("state", "burning"));
            assertThat(state.isError()).isTrue();
            assertThat(text(state)).contains("state");

            McpSchema.CallToolResult missing = callOrError(client, "vigil_trigger_action", Map.of());
            assertThat(missing.isError()).isTrue();
            assertThat(text(missing)).contains("action");

            McpSchema.CallToolResult unknown = callOrError(client, "vigil_rules", Map.of("verbose", true));
            assertThat(unknown.isError()).isTrue();
            assertThat(text(unknown)).contains("verbose");

            McpSchema.CallToolResult noSuchAction = call(client, "vigil_trigger_action", Map.of("action", "format_disk"));
            assertThat(noSuchAction.isError()).isTrue();
            assertThat(text(noSuchAction)).contains("404").contains("format_disk");

            McpSchema.CallToolResult noSuchIncident = call(client, "vigil_incidents_get", Map.of("id", "nope"));
            assertThat(noSuchIncident.isError()).isTrue();
            assertThat(text(noSuchIncident)).contains("404");
        } finally {
            client.closeGracefully();
        }
    }

    private static McpSchema.CallToolResult idWithSlash(McpSyncClient client) {
        return callOrError(client, "vigil_incidents_get", Map.of("id", "a/b"));
    }

    /** The result, or a JSON-RPC error turned into an error result with its message, whichever the SDK chose. */
    private static McpSchema.CallToolResult callOrError(McpSyncClient client, String tool, Map<String, Object> arguments) {
        try {
            return call(client, tool, arguments);
        } catch (RuntimeException e) {
            return McpSchema.CallToolResult.builder().addTextContent(String.valueOf(e.getMessage())).isError(true).build();
        }
    }

    @Test
    void aMissingOrWrongTokenIsRefusedWith401() throws Exception {
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(host.mcpUrl()))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                        + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"curl\",\"version\":\"1\"}}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value)
                .startsWith("Bearer"));
        assertThat(anonymous.body()).contains("unauthorized");

        McpSyncClient wrong = host.client("not-a-vigil-token");
        assertThatThrownBy(wrong::initialize).isInstanceOf(RuntimeException.class);
        wrong.close();
        McpSyncClient none = host.client(null);
        assertThatThrownBy(none::initialize).isInstanceOf(RuntimeException.class);
        none.close();

        HttpResponse<String> ingestOnly = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(host.mcpUrl()))
                .header("Authorization", "Bearer " + INGESTER)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ingestOnly.statusCode()).isEqualTo(403);
        assertThat(ingestOnly.body()).contains("role read");
    }

    @Test
    void theBriefingIsAResourceAndThePromptsEmbedVigilsData() {
        McpSyncClient client = connect(READER);
        try {
            McpSchema.ReadResourceResult today = client.readResource(new McpSchema.ReadResourceRequest(VigilMcp.BRIEFING_TODAY));
            McpSchema.TextResourceContents contents = (McpSchema.TextResourceContents) today.contents().get(0);
            assertThat(contents.mimeType()).isEqualTo("text/markdown");
            assertThat(contents.text()).isNotBlank().doesNotStartWith("{");
            assertThat(client.listResourceTemplates().resourceTemplates())
                    .extracting(McpSchema.ResourceTemplate::uriTemplate).containsExactly("vigil://briefing/{date}");
            assertThatThrownBy(() -> client.readResource(new McpSchema.ReadResourceRequest("vigil://briefing/yesterday")))
                    .hasMessageContaining("YYYY-MM-DD");

            McpSchema.GetPromptResult morning = client.getPrompt(new McpSchema.GetPromptRequest("morning_briefing", Map.of()));
            String morningText = ((McpSchema.TextContent) morning.messages().get(0).content()).text();
            assertThat(morningText).contains(contents.text().strip().lines().findFirst().orElseThrow())
                    .contains("Summarise");

            McpSchema.GetPromptResult investigate = client.getPrompt(
                    new McpSchema.GetPromptRequest("investigate_incident", Map.of("id", incidentId)));
            String investigateText = ((McpSchema.TextContent) investigate.messages().get(0).content()).text();
            assertThat(investigateText).contains(incidentId).contains("Checkout failed: card declined")
                    .contains("Investigate");
            assertThat(client.listPrompts().prompts()).extracting(McpSchema.Prompt::name)
                    .containsExactlyInAnyOrder("morning_briefing", "investigate_incident");
        } finally {
            client.closeGracefully();
        }
        assertThat(monitor.audit().query(AuditQuery.latest(50).ofType(AuditEntry.Type.TOOL).by("grafana")))
                .extracting(AuditEntry::subject).contains("resource:" + VigilMcp.BRIEFING_TODAY, "prompt:morning_briefing");
    }
}
