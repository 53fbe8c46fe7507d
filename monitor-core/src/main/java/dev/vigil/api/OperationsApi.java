package dev.vigil.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.Monitor;
import dev.vigil.action.ActionStatus;
import dev.vigil.action.TriggerOutcome;
import dev.vigil.action.TriggerRequest;
import dev.vigil.audit.AuditEntry;
import dev.vigil.audit.AuditQuery;
import dev.vigil.config.ConfigEntry;
import dev.vigil.internal.Json;
import dev.vigil.query.AdminQueryService;
import dev.vigil.query.QueryException;

/**
 * The operations part of the admin API: read-only SQL, remediation actions behind their guardrails,
 * runtime switches, and the audit trail.
 */
final class OperationsApi {

    private final Monitor monitor;

    OperationsApi(Monitor monitor) {
        this.monitor = monitor;
    }

    static boolean handles(String endpoint) {
        return endpoint.equals("/run-query") || endpoint.equals("/trigger-action") || endpoint.equals("/actions") || endpoint.equals("/config")
                || endpoint.startsWith("/config/") || endpoint.equals("/audit");
    }

    ApiResponse handle(ApiRequest request, String endpoint) {
        boolean get = request.method().equals("GET") || request.method().equals("HEAD");
        try {
            if (endpoint.equals("/run-query")) {
                return request.method().equals("POST") ? runQuery(request) : MonitorApi.methodNotAllowed("POST");
            }
            if (endpoint.equals("/trigger-action")) {
                return request.method().equals("POST") ? trigger(request) : MonitorApi.methodNotAllowed("POST");
            }
            if (endpoint.equals("/actions")) {
                return get ? MonitorApi.json(200, Map.of("actions",
                        monitor.actions().actions().stream().map(ActionStatus::toJson).toList()))
                        : MonitorApi.methodNotAllowed("GET, HEAD");
            }
            if (endpoint.equals("/config")) {
                if (!get) {
                    return MonitorApi.methodNotAllowed("GET, HEAD");
                }
                Map<String, Object> values = new LinkedHashMap<>(monitor.runtimeConfig().all());
                return MonitorApi.json(200, Map.of("config", values,
                        "keys", monitor.runtimeConfig().entries().stream().map(ConfigEntry::toJson).toList()));
            }
            if (endpoint.startsWith("/config/")) {
                return request.method().equals("PUT") ? setConfig(request, endpoint.substring("/config/".length()))
                        : MonitorApi.methodNotAllowed("PUT");
            }
            return get ? audit(request) : MonitorApi.methodNotAllowed("GET, HEAD");
        } catch (NoSuchElementException e) { // unknown action or configuration key
            return MonitorApi.error(404, "not_found", e.getMessage());
        }
    }

    private ApiResponse runQuery(ApiRequest request) {
        AdminQueryService service = monitor.queryService().orElse(null);
        if (service == null) {
            return MonitorApi.error(404, "not_found", "run-query is disabled (monitor.query.enabled=false)");
        }
        JsonNode body = body(request);
        JsonNode query = body.path("query");
        if (!query.isTextual() || query.asText().isBlank()) {
            throw new IllegalArgumentException("send {\"query\": \"SELECT ...\", \"maxRows\": 100}");
        }
        JsonNode maxRows = body.path("maxRows");
        if (!maxRows.isMissingNode() && !maxRows.canConvertToInt()) {
            throw new IllegalArgumentException("maxRows must be an integer");
        }
        try {
            return MonitorApi.json(200, service.run(query.asText(), maxRows.isMissingNode() ? 100 : maxRows.asInt(),
                    who(request, body)));
        } catch (QueryException e) {
            return MonitorApi.error(e.kind().httpStatus(), e.code(), e.getMessage());
        }
    }

    private ApiResponse trigger(ApiRequest request) {
        JsonNode body = body(request);
        String action = body.path("action").asText("");
        if (action.isBlank()) {
            throw new IllegalArgumentException("send {\"action\": \"<id>\", \"params\": {...}}");
        }
        JsonNode params = body.path("params");
        if (!params.isMissingNode() && !params.isNull() && !params.isObject()) {
            throw new IllegalArgumentException("params must be a JSON object");
        }
        Map<String, Object> values = params.isObject()
                ? Json.mapper().convertValue(params, new TypeReference<Map<String, Object>>() { })
                : Map.of();
        TriggerRequest trigger = TriggerRequest.of(action, values, who(request, body))
                .withIdempotencyKey(request.header("Idempotency-Key").orElse(null))
                .withApprovalToken(body.hasNonNull("approvalToken") ? body.get("approvalToken").asText() : null);
        TriggerOutcome outcome = monitor.actions().trigger(trigger);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        if (outcome.replayed()) {
            headers.put("Idempotent-Replayed", "true");
        }
        int status = status(outcome);
        if (status == 429 && outcome.nextAllowedAt() != null) {
            long seconds = Math.max(1, Duration.between(monitor.clock().instant(), outcome.nextAllowedAt()).toSeconds());
            headers.put("Retry-After", Long.toString(seconds));
        }
        return new ApiResponse(status, ApiResponse.JSON, headers, Json.write(outcome.toJson()));
    }

    /** How each outcome answers over HTTP: ran (either way) 200, waiting for approval 202, refused 4xx/503. */
    private static int status(TriggerOutcome outcome) {
        return switch (outcome.status()) {
            case SUCCEEDED, FAILED -> 200;
            case PENDING_APPROVAL -> 202;
            case REJECTED -> switch (outcome.rejectionReason().orElseThrow()) {
                case RATE_LIMITED, COOLDOWN -> 429;
                case KILL_SWITCH, BUSY -> 503;
                case ALREADY_RUNNING, IDEMPOTENCY_CONFLICT -> 409;
                case APPROVAL_INVALID, NEEDS_APPROVAL -> 403;
                case INVALID_PARAMETERS -> 400;
            };
        };
    }

    private ApiResponse setConfig(ApiRequest request, String key) {
        JsonNode body = body(request);
        if (!body.has("value")) {
            throw new IllegalArgumentException("send {\"value\": ...}");
        }
        Object value = monitor.runtimeConfig().set(key, body.get("value"), who(request, body));
        return MonitorApi.json(200, Map.of("key", key, "value", value));
    }

    private ApiResponse audit(ApiRequest request) {
        int limit = request.queryParam("limit").map(OperationsApi::limit).orElse(100);
        AuditQuery query = AuditQuery.latest(limit);
        Optional<String> type = request.queryParam("type");
        if (type.isPresent()) {
            query = query.ofType(AuditEntry.Type.fromJson(type.get()));
        }
        Optional<String> who = request.queryParam("who");
        if (who.isPresent()) {
            query = query.by(who.get());
        }
        Optional<String> subject = request.queryParam("subject");
        if (subject.isPresent()) {
            query = query.about(subject.get());
        }
        Optional<String> since = request.queryParam("since");
        if (since.isPresent()) {
            query = query.after(AlertsApi.instant(since.get()));
        }
        return MonitorApi.json(200, Map.of("entries",
                monitor.audit().query(query).stream().map(AuditEntry::toJson).toList()));
    }

    /** Who acts: the body's {@code by}, else "admin" (a bearer token names no person). */
    private static String who(ApiRequest request, JsonNode body) {
        String by = body.path("by").asText("").strip();
        return by.isEmpty() ? "admin" : by.length() > 100 ? by.substring(0, 100) : by;
    }

    static JsonNode body(ApiRequest request) {
        if (request.body().length == 0) {
            throw new IllegalArgumentException("a JSON object body is required");
        }
        try {
            JsonNode json = Json.mapper().readTree(request.body());
            if (json == null || !json.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("unreadable body");
        }
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit < 1 || limit > 1000) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be 1..1000, was '" + text + "'");
        }
    }

}
