package dev.vigil.mcp;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.ApiRequest;
import dev.vigil.api.ApiResponse;
import dev.vigil.api.MonitorApi;
import dev.vigil.api.RequestBody;
import dev.vigil.audit.AuditEntry;
import dev.vigil.audit.AuditLog;
import dev.vigil.security.Caller;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a tool call as the operation's own HTTP request through {@link MonitorApi#handle}, with the caller's
 * {@code Authorization} header: authentication, roles, validation, rate limits, guardrails and the operation's
 * own audit apply exactly as over HTTP. Every call also leaves an audit entry of type {@code tool} with the
 * caller, the tool and how it ended (argument names only: values may be SQL or parameters).
 */
final class McpDispatcher {

    /** Key of the {@code Authorization} header in the transport context. */
    static final String AUTHORIZATION = "authorization";
    /** Key of the client's address in the transport context. */
    static final String REMOTE_ADDRESS = "remoteAddress";

    private static final Logger log = LoggerFactory.getLogger(McpDispatcher.class);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    private final MonitorApi api;
    private final AuditLog audit;
    private final Clock clock;
    private final ObjectMapper json;

    McpDispatcher(MonitorApi api, AuditLog audit, Clock clock, ObjectMapper json) {
        this.api = Objects.requireNonNull(api, "api");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.json = Objects.requireNonNull(json, "json");
    }

    /** The caller whose {@code Authorization} header the transport context carries. */
    Caller caller(McpTransportContext context) {
        return api.authenticate(request(context, "GET", api.settings().adminBasePath(), Map.of(), Map.of(), null));
    }

    /** Calls {@code tool} with {@code arguments} as the context's caller. */
    McpSchema.CallToolResult call(OperationTool tool, McpTransportContext context, @Nullable Map<String, Object> arguments) {
        Map<String, Object> given = arguments == null ? Map.of() : arguments;
        Caller caller = caller(context);
        ApiResponse response;
        try {
            response = api.handle(toRequest(tool, context, given));
        } catch (RefusedArgument e) {
            audit(caller, tool.name(), tool.operation().id(), given, 400, "refused", e.getMessage());
            return error("Vigil refused the call: " + e.getMessage(), null);
        } catch (RuntimeException e) {
            log.error("Vigil MCP tool {} failed", tool.name(), e);
            audit(caller, tool.name(), tool.operation().id(), given, 500, "failed", "internal error");
            return error("Vigil could not answer this call; see the service's log", null);
        }
        Map<String, Object> body = parseObject(response);
        int status = response.status();
        if (status >= 400) {
            String message = errorMessage(response, body);
            audit(caller, tool.name(), tool.operation().id(), given, status, "refused", message);
            return error("Vigil refused the call (HTTP " + status + "): " + message, body);
        }
        if ("pending_approval".equals(body == null ? null : body.get("status"))) {
            audit(caller, tool.name(), tool.operation().id(), given, status, "pending_approval", null);
            return McpSchema.CallToolResult.builder()
                    .addTextContent(pendingApproval(body))
                    .addTextContent(response.bodyText())
                    .structuredContent(body)
                    .isError(false)
                    .build();
        }
        audit(caller, tool.name(), tool.operation().id(), given, status, "ok", null);
        McpSchema.CallToolResult.Builder result = McpSchema.CallToolResult.builder()
                .addTextContent(response.body().length == 0 ? "done (HTTP " + status + ")" : response.bodyText())
                .isError(false);
        if (body != null) {
            result.structuredContent(body);
        }
        return result.build();
    }

    /**
     * Reads data for a resource or prompt through an operation's GET, as the context's caller, audited like a
     * tool call under {@code subject}.
     *
     * @throws RefusedRead with the API's message when the API refuses
     */
    ApiResponse read(McpTransportContext context, String subject, String path, Map<String, String> query) {
        Caller caller = caller(context);
        Map<String, List<String>> params = new LinkedHashMap<>();
        query.forEach((name, value) -> params.put(name, List.of(value)));
        ApiResponse response = api.handle(request(context, "GET", path, params, Map.of(), null));
        Map<String, Object> body = response.contentType().startsWith(ApiResponse.JSON) ? parseObject(response) : null;
        if (response.status() >= 400) {
            String message = errorMessage(response, body);
            audit(caller, subject, path, Map.of(), response.status(), "refused", message);
            throw new RefusedRead(message);
        }
        audit(caller, subject, path, Map.of(), response.status(), "ok", null);
        return response;
    }

    private ApiRequest toRequest(OperationTool tool, McpTransportContext context, Map<String, Object> given) {
        String path = tool.fullPath();
        Map<String, List<String>> query = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, Object> body = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : given.entrySet()) {
            OperationTool.Argument argument = tool.arguments().get(entry.getKey());
            if (argument == null) {
                if (OperationTool.WITHHELD_FIELDS.getOrDefault(tool.operation().id(), java.util.Set.of())
                        .contains(entry.getKey())) {
                    throw new RefusedArgument(entry.getKey() + " cannot be given here: a critical action is approved by a"
                            + " different person through Vigil's admin API or dashboard, never by an assistant");
                }
                throw new RefusedArgument("unknown argument '" + entry.getKey() + "'; " + tool.name() + " takes "
                        + (tool.arguments().isEmpty() ? "no arguments" : String.join(", ", tool.arguments().keySet())));
            }
            Object value = entry.getValue();
            if (value == null) {
                continue;
            }
            switch (argument.target()) {
                case PATH -> path = path.replace("{" + argument.wireName() + "}", pathValue(argument, value));
                case QUERY -> {
                    if (argument.name().equals(tool.tagsArgument())) {
                        if (!(value instanceof Map<?, ?> tags)) {
                            throw new RefusedArgument(argument.name() + " must be an object of tag names to values");
                        }
                        tags.forEach((name, tag) -> query.put(String.valueOf(name), List.of(String.valueOf(tag))));
                    } else {
                        query.put(argument.wireName(), List.of(text(argument, value)));
                    }
                }
                case HEADER -> headers.put(argument.wireName(), text(argument, value));
                case BODY -> body.put(argument.wireName(), value);
            }
        }
        for (OperationTool.Argument argument : tool.arguments().values()) {
            if (argument.target() == OperationTool.Target.PATH && path.contains("{" + argument.wireName() + "}")) {
                throw new RefusedArgument(argument.name() + " is required: " + argument.field().expected());
            }
        }
        byte[] bytes = null;
        if (tool.operation().input().body() != null) {
            try {
                bytes = json.writeValueAsBytes(body);
            } catch (JsonProcessingException e) {
                throw new RefusedArgument("the arguments cannot be written as JSON: " + e.getOriginalMessage());
            }
        }
        return request(context, tool.operation().method(), path, query, headers, bytes);
    }

    private ApiRequest request(McpTransportContext context, String method, String path, Map<String, List<String>> query,
            Map<String, String> extraHeaders, byte @Nullable [] body) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        if (context.get(AUTHORIZATION) instanceof String authorization) {
            headers.put("Authorization", authorization);
        }
        if (body != null) {
            headers.put("Content-Type", ApiResponse.JSON);
        }
        Object address = context.get(REMOTE_ADDRESS);
        return new ApiRequest(method, path, query, headers, body == null ? RequestBody.EMPTY : RequestBody.of(body),
                address instanceof String text ? text : "");
    }

    private static String pathValue(OperationTool.Argument argument, Object value) {
        String text = text(argument, value);
        if (text.isEmpty() || text.contains("/") || text.contains("?") || text.contains("#")) {
            throw new RefusedArgument(argument.name() + " must be a non-empty id without '/', '?' or '#'");
        }
        return text;
    }

    private static String text(OperationTool.Argument argument, Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            String text = String.valueOf(value);
            if (value instanceof Double number && number == Math.rint(number) && !number.isInfinite()) {
                text = Long.toString(number.longValue()); // 5.0 from a client that writes every number as a double
            }
            return text;
        }
        throw new RefusedArgument(argument.name() + " must be " + argument.field().expected());
    }

    private @Nullable Map<String, Object> parseObject(ApiResponse response) {
        if (response.body().length == 0 || response.body()[0] != '{') {
            return null;
        }
        try {
            return json.readValue(response.body(), MAP);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String errorMessage(ApiResponse response, @Nullable Map<String, Object> body) {
        if (body != null && body.get("message") instanceof String message) {
            Object reason = body.containsKey("error") ? body.get("error") : body.get("reason");
            String field = body.get("field") instanceof String name ? " (field: " + name + ")" : "";
            return (reason != null ? reason + ": " : "") + message + field;
        }
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String pendingApproval(Map<String, Object> outcome) {
        return "NOT RUN: the action '" + outcome.get("action") + "' is critical and awaits approval by another person."
                + " It runs only when a different person approves it; you cannot approve it, and neither can anyone"
                + " through this assistant connection. Tell the user: approval token " + outcome.get("approvalToken")
                + " (valid until " + outcome.get("approvalExpiresAt") + "). The approver sends POST"
                + " <admin base>/trigger-action with the same action and params and this approvalToken, with their own"
                + " token.";
    }

    private static McpSchema.CallToolResult error(String message, @Nullable Map<String, Object> body) {
        McpSchema.CallToolResult.Builder result = McpSchema.CallToolResult.builder().addTextContent(message).isError(true);
        if (body != null) {
            result.structuredContent(body);
        }
        return result.build();
    }

    private void audit(Caller caller, String subject, String operation, Map<String, Object> arguments, int status,
            String outcome, @Nullable String error) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("operation", operation);
        details.put("status", status);
        details.put("arguments", new ArrayList<>(new TreeSet<>(arguments.keySet())));
        details.put("authenticatedBy", caller.authenticatedBy());
        try {
            audit.add(new AuditEntry(AuditEntry.newId(), clock.instant(), AuditEntry.Type.TOOL, caller.id(), subject, details,
                    outcome, error));
        } catch (RuntimeException e) {
            log.warn("Could not write the audit entry of MCP call {} by {}: {}", subject, caller.id(), e.toString());
        }
    }

    /** An argument the tool cannot turn into a request; answered as a tool error naming it. */
    static final class RefusedArgument extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RefusedArgument(String message) {
            super(message, null, false, false);
        }
    }

    /** A read the API refused; its message is the API's. */
    static final class RefusedRead extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RefusedRead(String message) {
            super(message, null, false, false);
        }
    }
}
