package dev.vigil.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import dev.vigil.Monitor;
import dev.vigil.action.ActionStatus;
import dev.vigil.action.TriggerOutcome;
import dev.vigil.action.TriggerRequest;
import dev.vigil.audit.AuditEntry;
import dev.vigil.audit.AuditQuery;
import dev.vigil.config.ConfigEntry;
import dev.vigil.config.ConfigKey;
import dev.vigil.config.RuntimeConfig;
import dev.vigil.config.UnknownConfigKeyException;
import dev.vigil.internal.Json;
import dev.vigil.query.AdminQueryService;
import dev.vigil.query.QueryException;
import dev.vigil.security.Caller;

/**
 * The operations part of the admin API: read-only SQL, remediation actions behind their guardrails,
 * runtime switches, and the audit trail. Who acts is always the authenticated {@link Caller}.
 */
final class OperationsApi {

    /** {@code POST /run-query}. */
    static final BodySpec RUN_QUERY = BodySpec.of(
            BodyField.string("query").required().describedAs("one read-only SQL statement"),
            BodyField.integer("maxRows").between(1, Integer.MAX_VALUE)
                    .describedAs("rows wanted (default 100; the query service caps it)"));
    /** {@code POST /trigger-action}. */
    static final BodySpec TRIGGER_ACTION = BodySpec.of(
            BodyField.string("action").required().describedAs("the registered action's id"),
            BodyField.object("params").describedAs("the action's parameters, as it declares them"),
            BodyField.string("approvalToken").maxLength(200)
                    .describedAs("approves a critical action: the token its pending_approval outcome returned"));

    private final Monitor monitor;

    OperationsApi(Monitor monitor) {
        this.monitor = monitor;
    }

    static boolean handles(String endpoint) {
        return endpoint.equals("/run-query") || endpoint.equals("/trigger-action") || endpoint.equals("/actions") || endpoint.equals("/config")
                || endpoint.startsWith("/config/") || endpoint.equals("/audit");
    }

    ApiResponse handle(ApiRequest request, String endpoint, Caller caller) {
        boolean get = request.method().equals("GET") || request.method().equals("HEAD");
        try {
            if (endpoint.equals("/run-query")) {
                return request.method().equals("POST") ? runQuery(request, caller) : MonitorApi.methodNotAllowed("POST");
            }
            if (endpoint.equals("/trigger-action")) {
                return request.method().equals("POST") ? trigger(request, caller) : MonitorApi.methodNotAllowed("POST");
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
                return request.method().equals("PUT") ? setConfig(request, endpoint.substring("/config/".length()), caller)
                        : MonitorApi.methodNotAllowed("PUT");
            }
            return get ? audit(request) : MonitorApi.methodNotAllowed("GET, HEAD");
        } catch (NoSuchElementException e) { // unknown action or configuration key
            return MonitorApi.error(404, "not_found", e.getMessage());
        }
    }

    private ApiResponse runQuery(ApiRequest request, Caller caller) {
        AdminQueryService service = monitor.queryService().orElse(null);
        if (service == null) {
            return MonitorApi.error(404, "not_found", "run-query is disabled (monitor.query.enabled=false)");
        }
        JsonBody body = RUN_QUERY.read(request, MonitorApi.MAX_BODY_BYTES);
        try {
            return MonitorApi.json(200, service.run(body.string("query").orElseThrow(), body.integer("maxRows").orElse(100),
                    caller.id()));
        } catch (QueryException e) {
            return MonitorApi.error(e.kind().httpStatus(), e.code(), e.getMessage());
        }
    }

    private ApiResponse trigger(ApiRequest request, Caller caller) {
        JsonBody body = TRIGGER_ACTION.read(request, MonitorApi.MAX_BODY_BYTES);
        TriggerRequest trigger = TriggerRequest.of(body.string("action").orElseThrow(), body.object("params"), caller)
                .withIdempotencyKey(request.header("Idempotency-Key").orElse(null))
                .withApprovalToken(body.string("approvalToken").orElse(null));
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
                case APPROVAL_INVALID, APPROVAL_BY_REQUESTER, NEEDS_APPROVAL -> 403;
                case INVALID_PARAMETERS -> 400;
            };
        };
    }

    private ApiResponse setConfig(ApiRequest request, String key, Caller caller) {
        ConfigKey<?> configKey = RuntimeConfig.KEYS.stream().filter(known -> known.name().equals(key)).findFirst()
                .orElse(null);
        if (configKey == null) {
            try {
                monitor.runtimeConfig().set(key, null, caller.id()); // refused and audited like any refused change
            } catch (UnknownConfigKeyException e) {
                return MonitorApi.error(404, "not_found", e.getMessage());
            }
            throw new IllegalStateException("the runtime configuration accepted the unknown key " + key);
        }
        JsonBody body = configSpec(configKey).read(request, MonitorApi.MAX_BODY_BYTES);
        Object given = switch (configKey.typeName()) {
            case "boolean" -> body.bool("value").orElseThrow();
            case "integer" -> body.integer("value").orElseThrow();
            default -> body.string("value").orElseThrow();
        };
        Object value;
        try {
            value = monitor.runtimeConfig().set(key, given, caller.id());
        } catch (IllegalArgumentException e) { // out of range: the key's own message, e.g. "must be an integer 1..1000"
            throw ApiException.invalidField("value", e.getMessage());
        }
        return MonitorApi.json(200, Map.of("key", key, "value", value));
    }

    /** {@code PUT /config/{key}}: {@code {"value": ...}} of the key's type (a duration as text such as {@code "30s"}). */
    static BodySpec configSpec(ConfigKey<?> key) {
        String description = key.description() + " (" + key.allowed() + ")";
        BodyField value = switch (key.typeName()) {
            case "boolean" -> BodyField.bool("value");
            case "integer" -> BodyField.integer("value");
            default -> BodyField.string("value").maxLength(40);
        };
        return BodySpec.of(value.required().describedAs(description));
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
