package dev.vigil.mcp;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Monitor;
import dev.vigil.api.ApiResponse;
import dev.vigil.api.MonitorApi;
import dev.vigil.api.Operation;
import dev.vigil.audit.AuditLog;
import dev.vigil.security.Role;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;

/**
 * Vigil for AI assistants: an MCP (Model Context Protocol) endpoint whose tools are the admin API's own
 * operations, called through the API's dispatch as the caller whose token the assistant holds, so tokens,
 * roles, validation, rate limits, action guardrails and the audit trail apply exactly as over HTTP.
 *
 * <ul>
 *   <li>Tools: one per operation of {@link #DEFAULT_TOOLS} that is registered ({@code run-query} only while a query
 *       runner serves it), named {@code vigil_<id in snake case>}; {@code tools/list} shows a caller only the tools its
 *       roles allow. A critical action waits for a different person's approval; the tool never takes an
 *       approval token.</li>
 *   <li>Resources: {@code vigil://briefing/today} (today's briefing so far, chat text) and
 *       {@code vigil://briefing/{date}} (a stored daily briefing).</li>
 *   <li>Prompts: {@code morning_briefing} and {@code investigate_incident} (argument {@code id}).</li>
 * </ul>
 *
 * <p>Plain servlet hosts install it with one call; the Spring Boot starter registers it when
 * {@code monitor.mcp.enabled=true}:
 * <pre>{@code
 * VigilMcp.install(servletContext, monitor);                    // at /api/mcp
 * VigilMcp.builder(monitor).path("/ops/mcp").build().install(servletContext);
 * }</pre>
 */
public final class VigilMcp {

    /** Where the endpoint is served unless configured otherwise. */
    public static final String DEFAULT_PATH = "/api/mcp";

    /** Name the servlet is registered under. */
    public static final String SERVLET_NAME = "vigil-mcp";

    /**
     * The operations offered as tools, when registered: reads for investigating, and the guarded operations an
     * operator's assistant may ask for. Public ingest, webhook and beacon operations are never tools.
     */
    public static final List<String> DEFAULT_TOOLS = List.of(
            "health", "system-health", "alerts", "incidents.list", "incidents.get", "metrics", "queries", "rules",
            "briefing.now", "briefing", "audit", "actions", "approvals", "silences",
            "trigger-action", "alerts.ack", "silences.create", "run-query");

    /** URI of today's briefing as a resource. */
    public static final String BRIEFING_TODAY = "vigil://briefing/today";

    private static final String BRIEFING_TEMPLATE = "vigil://briefing/{date}";
    private static final String BRIEFING_PREFIX = "vigil://briefing/";
    private static final String MARKDOWN = "text/markdown";

    private final Monitor monitor;
    private final MonitorApi api;
    private final AuditLog audit;
    private final Clock clock;
    private final String version;
    private final String path;
    private final List<String> tools;
    private final ObjectMapper objectMapper = new ObjectMapper();
    private final JacksonMcpJsonMapper jsonMapper = new JacksonMcpJsonMapper(objectMapper);

    private VigilMcp(Builder builder) {
        this.monitor = builder.monitor;
        this.api = builder.monitor.api();
        this.audit = builder.monitor.audit();
        this.clock = builder.monitor.clock();
        this.version = builder.version;
        this.path = builder.path;
        this.tools = List.copyOf(builder.tools);
    }

    /** Starts an endpoint for {@code monitor}'s API. */
    public static Builder builder(Monitor monitor) {
        return new Builder(monitor);
    }

    /** The servlet of an endpoint at {@link #DEFAULT_PATH} with the default tools. */
    public static VigilMcpServlet servlet(Monitor monitor) {
        return builder(monitor).build().servlet();
    }

    /** Registers the endpoint at {@link #DEFAULT_PATH} with {@code context}, asynchronous; see {@link #install(ServletContext)}. */
    public static ServletRegistration.Dynamic install(ServletContext context, Monitor monitor) {
        return builder(monitor).build().install(context);
    }

    /** Registers {@link #servlet()} with {@code context} at {@link #path()}, with async support (the transport needs it). */
    public ServletRegistration.Dynamic install(ServletContext context) {
        ServletRegistration.Dynamic registration = context.addServlet(SERVLET_NAME, servlet());
        registration.setAsyncSupported(true);
        registration.addMapping(path);
        return registration;
    }

    /** A new servlet serving this endpoint. */
    public VigilMcpServlet servlet() {
        return new VigilMcpServlet(this);
    }

    /** The path the endpoint is served at, e.g. {@code /api/mcp}. */
    public String path() {
        return path;
    }

    /** The API whose operations the tools call. */
    MonitorApi api() {
        return api;
    }

    /** The names of the tools offered now: those of the allowed operations that are registered. */
    public List<String> toolNames() {
        return operationTools().stream().map(OperationTool::name).toList();
    }

    /**
     * The tools as a Markdown table (tool, operation, role, effect, description), in the order offered: what
     * the README shows.
     */
    public String markdownTable() {
        StringBuilder table = new StringBuilder("| tool | operation | role | effect | arguments |\n|---|---|---|---|---|\n");
        for (OperationTool tool : operationTools()) {
            String effect = tool.readOnly() ? "read-only" : tool.destructive() ? "changes state" : "changes state (additive)";
            String arguments = tool.arguments().isEmpty() ? "-" : String.join(", ", tool.arguments().values().stream()
                    .map(argument -> "`" + argument.name() + "`" + (argument.field().isRequired() ? " (required)" : ""))
                    .toList());
            table.append("| `").append(tool.name()).append("` | `").append(tool.operation().id()).append("` | ")
                    .append(tool.operation().access().jsonName()).append(" | ").append(effect).append(" | ")
                    .append(arguments).append(" |\n");
        }
        return table.toString();
    }

    List<OperationTool> operationTools() {
        List<OperationTool> found = new ArrayList<>();
        for (String id : tools) {
            if (id.equals("run-query") && monitor.queryService().isEmpty()) {
                continue; // registered always, but answers 404 until a query runner serves it
            }
            api.operations().find(id).filter(VigilMcp::offerable)
                    .ifPresent(operation -> found.add(OperationTool.of(operation, api.operations())));
        }
        return found;
    }

    /**
     * Whether an operation may be a tool at all: not public (but the health summary), not ingest-only, and not
     * one that takes its body as raw bytes (webhooks checking a signature).
     */
    private static boolean offerable(Operation operation) {
        if (operation.access().isPublic()) {
            return operation.id().equals("health");
        }
        return operation.access().role().filter(role -> role == Role.INGEST).isEmpty() && !operation.rawBody();
    }

    HttpServletStreamableServerTransportProvider transport() {
        return HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint(path)
                .jsonMapper(jsonMapper)
                .contextExtractor(request -> {
                    Map<String, Object> values = new HashMap<>();
                    String authorization = request.getHeader("Authorization");
                    if (authorization != null) {
                        values.put(McpDispatcher.AUTHORIZATION, authorization);
                    }
                    if (request.getRemoteAddr() != null) {
                        values.put(McpDispatcher.REMOTE_ADDRESS, request.getRemoteAddr());
                    }
                    return McpTransportContext.create(values);
                })
                .build();
    }

    McpSyncServer server(HttpServletStreamableServerTransportProvider transport) {
        McpDispatcher dispatcher = new McpDispatcher(api, audit, clock, objectMapper);
        Map<String, Operation> byTool = new LinkedHashMap<>();
        List<McpServerFeatures.SyncToolSpecification> specifications = new ArrayList<>();
        for (OperationTool tool : operationTools()) {
            byTool.put(tool.name(), tool.operation());
            specifications.add(McpServerFeatures.SyncToolSpecification.builder()
                    .tool(McpSchema.Tool.builder(tool.name(), tool.inputSchema())
                            .title(tool.title())
                            .description(tool.description())
                            .annotations(McpSchema.ToolAnnotations.builder()
                                    .title(tool.title())
                                    .readOnlyHint(tool.readOnly())
                                    .destructiveHint(tool.destructive())
                                    .idempotentHint(tool.idempotent())
                                    .openWorldHint(false)
                                    .build())
                            .build())
                    .callHandler((exchange, request) -> dispatcher.call(tool, exchange.transportContext(), request.arguments()))
                    .build());
        }
        return McpServer.sync(transport)
                .serverInfo("vigil", version)
                .jsonMapper(jsonMapper)
                .jsonSchemaValidator(new DefaultJsonSchemaValidator(objectMapper))
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).prompts(false).build())
                .instructions("Vigil monitors this service: health checks, metrics, alerts, incidents, a daily briefing and"
                        + " guarded remediation actions. Start with vigil_health or the morning_briefing prompt. Tools that"
                        + " change state act as the user whose token you hold and are audited: ask the user first. A critical"
                        + " action waits for a different person's approval.")
                .requestTimeout(Duration.ofSeconds(60))
                .tools(specifications)
                // tools/list per caller: only the tools whose operation the caller's roles allow
                .addToolFilter((context, tool) -> {
                    Operation operation = byTool.get(tool.name());
                    return operation != null && operation.access().allows(dispatcher.caller(context));
                })
                .resources(briefingToday(dispatcher))
                .resourceTemplates(briefingOfDate(dispatcher))
                .prompts(morningBriefing(dispatcher), investigateIncident(dispatcher))
                .build();
    }

    private String admin(String suffix) {
        return api.settings().adminBasePath() + suffix;
    }

    private McpServerFeatures.SyncResourceSpecification briefingToday(McpDispatcher dispatcher) {
        McpSchema.Resource resource = McpSchema.Resource.builder()
                .uri(BRIEFING_TODAY)
                .name("briefing-today")
                .title("Vigil briefing: today so far")
                .description("Today's briefing so far, as chat-ready text: alerts, incidents, uptime, key metrics and"
                        + " recommendations")
                .mimeType(MARKDOWN)
                .build();
        return new McpServerFeatures.SyncResourceSpecification(resource, (exchange, request) ->
                briefingText(dispatcher, exchange.transportContext(), request.uri(), null));
    }

    private McpServerFeatures.SyncResourceTemplateSpecification briefingOfDate(McpDispatcher dispatcher) {
        McpSchema.ResourceTemplate template = McpSchema.ResourceTemplate.builder()
                .uriTemplate(BRIEFING_TEMPLATE)
                .name("briefing-of-date")
                .title("Vigil daily briefing of a date")
                .description("The stored daily briefing of a date (YYYY-MM-DD), as chat-ready text; 'today' is today's so far")
                .mimeType(MARKDOWN)
                .build();
        return new McpServerFeatures.SyncResourceTemplateSpecification(template, (exchange, request) -> {
            String date = request.uri().startsWith(BRIEFING_PREFIX) ? request.uri().substring(BRIEFING_PREFIX.length()) : "";
            if (date.equals("today")) {
                return briefingText(dispatcher, exchange.transportContext(), request.uri(), null);
            }
            try {
                LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw invalidParams("the briefing's date must be YYYY-MM-DD or 'today', was '" + date + "'");
            }
            return briefingText(dispatcher, exchange.transportContext(), request.uri(), date);
        });
    }

    private McpSchema.ReadResourceResult briefingText(McpDispatcher dispatcher, McpTransportContext context, String uri,
            String date) {
        String text = date == null
                ? read(dispatcher, context, "resource:" + uri, admin("/briefing/now"), Map.of("format", "text"))
                : read(dispatcher, context, "resource:" + uri, admin("/briefing"), Map.of("format", "text", "date", date));
        return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(uri, MARKDOWN, text)));
    }

    private McpServerFeatures.SyncPromptSpecification morningBriefing(McpDispatcher dispatcher) {
        McpSchema.Prompt prompt = new McpSchema.Prompt("morning_briefing", "Vigil morning briefing",
                "Today's monitoring briefing with instructions to summarise it for the on-call engineer", List.of());
        return new McpServerFeatures.SyncPromptSpecification(prompt, (exchange, request) -> {
            String briefing = read(dispatcher, exchange.transportContext(), "prompt:morning_briefing", admin("/briefing/now"),
                    Map.of("format", "text"));
            String text = "You are helping the engineer on call for this service. Below is Vigil's monitoring briefing"
                    + " of today so far.\n\n" + briefing + "\n\nSummarise it in a few lines: what needs attention now,"
                    + " ordered by severity, and what is fine. For anything that needs attention, look closer with the"
                    + " vigil_* tools (vigil_alerts, vigil_incidents_get, vigil_metrics, vigil_system_health) and suggest"
                    + " next steps. Do not trigger actions, acknowledge alerts or create silences unless the user asks.";
            return new McpSchema.GetPromptResult("Vigil morning briefing",
                    List.of(new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.TextContent(text))));
        });
    }

    private McpServerFeatures.SyncPromptSpecification investigateIncident(McpDispatcher dispatcher) {
        McpSchema.Prompt prompt = new McpSchema.Prompt("investigate_incident", "Investigate a Vigil incident",
                "One incident with its newest events, known fix and history, with instructions to investigate it",
                List.of(new McpSchema.PromptArgument("id", "the incident's id, as vigil_incidents_list shows it", true)));
        return new McpServerFeatures.SyncPromptSpecification(prompt, (exchange, request) -> {
            Object id = request.arguments() == null ? null : request.arguments().get("id");
            if (!(id instanceof String text) || text.isBlank() || text.contains("/") || text.contains("?")
                    || text.contains("#")) {
                throw invalidParams("investigate_incident needs the argument id: an incident id as vigil_incidents_list"
                        + " shows it");
            }
            String incident = read(dispatcher, exchange.transportContext(), "prompt:investigate_incident",
                    admin("/incidents/" + text), Map.of());
            String message = "Investigate this incident of the service Vigil monitors. Here it is as Vigil's API returns"
                    + " it (JSON: the incident, its newest events, its known fix, its transitions and fix runs):\n\n"
                    + incident + "\n\nExplain what goes wrong and since when, how often and for whom, and the likely"
                    + " cause from the events. Check related signals with the vigil_* tools (vigil_alerts, vigil_metrics,"
                    + " vigil_queries, vigil_audit for recent actions and changes). If a known fix exists, say what it"
                    + " would do; run it only if the user asks (vigil_trigger_action; a critical action waits for a"
                    + " different person's approval).";
            return new McpSchema.GetPromptResult("Investigate incident " + text,
                    List.of(new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.TextContent(message))));
        });
    }

    private static String read(McpDispatcher dispatcher, McpTransportContext context, String subject, String path,
            Map<String, String> query) {
        try {
            ApiResponse response = dispatcher.read(context, subject, path, query);
            return response.bodyText();
        } catch (McpDispatcher.RefusedRead e) {
            throw invalidParams("Vigil refused: " + e.getMessage());
        }
    }

    private static McpError invalidParams(String message) {
        return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(message).build();
    }

    /** Builds a {@link VigilMcp}. */
    public static final class Builder {
        private final Monitor monitor;
        private String path = DEFAULT_PATH;
        private final Set<String> tools = new LinkedHashSet<>(DEFAULT_TOOLS);
        private String version;

        private Builder(Monitor monitor) {
            this.monitor = Objects.requireNonNull(monitor, "monitor");
            this.version = Optional.ofNullable(VigilMcp.class.getPackage().getImplementationVersion()).orElse("dev");
        }

        /** The path to serve at (default {@value VigilMcp#DEFAULT_PATH}): absolute, no trailing slash, no wildcard. */
        public Builder path(String path) {
            Objects.requireNonNull(path, "path");
            if (!path.matches("(/[A-Za-z0-9._~-]+)+")) {
                throw new IllegalArgumentException("monitor.mcp.path must be an absolute path such as /api/mcp, without"
                        + " trailing slash or wildcard; was '" + path + "'");
            }
            this.path = path;
            return this;
        }

        /**
         * The operation ids offered as tools (default {@link #DEFAULT_TOOLS}); ids not registered are skipped, and
         * public operations other than {@code health}, ingest-only ones and webhooks are never offered.
         */
        public Builder tools(List<String> operationIds) {
            tools.clear();
            operationIds.forEach(id -> tools.add(Objects.requireNonNull(id, "operation id")));
            return this;
        }

        /** The server version reported to clients (default: this module's). */
        public Builder version(String version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /** The endpoint. */
        public VigilMcp build() {
            return new VigilMcp(this);
        }
    }
}
