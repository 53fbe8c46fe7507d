package dev.vigil.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import dev.vigil.Monitor;
import dev.vigil.alert.ActiveAlert;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.AlertTransition;
import dev.vigil.alert.Silence;
import dev.vigil.alert.delivery.OutboxEntry;
import dev.vigil.alert.delivery.SinkStatus;
import dev.vigil.internal.HumanText;
import dev.vigil.security.Caller;

/**
 * The alerting part of the admin API: active alerts and history, acknowledgement, silences and
 * notification deliveries. Acknowledgements and silences are recorded as the authenticated {@link Caller}'s.
 */
final class AlertsApi {

    private static final int MAX_HISTORY = 1000;
    private static final Duration MAX_SILENCE = Duration.ofDays(90);

    /** {@code POST /alerts/{id}/ack}: no body, or {@code {}}. */
    static final BodySpec ACKNOWLEDGE = BodySpec.NONE;
    /** {@code POST /silences}. */
    static final BodySpec SILENCE = BodySpec.of(
            BodyField.stringMap("matchers").required()
                    .describedAs("label equalities, all of which must hold; 'rule' and 'severity' match the rule itself"),
            BodyField.string("startsAt").maxLength(40).describedAs("ISO-8601 instant; default now"),
            BodyField.string("endsAt").maxLength(40).describedAs("ISO-8601 instant; or give duration"),
            BodyField.string("duration").maxLength(20).describedAs("how long from startsAt, e.g. 2h; or give endsAt"),
            BodyField.string("reason").maxLength(500).describedAs("why, for the audit trail"));

    private final Monitor monitor;

    AlertsApi(Monitor monitor) {
        this.monitor = monitor;
    }

    /** Whether {@code endpoint} (below the admin base path) belongs here. */
    static boolean handles(String endpoint) {
        return endpoint.equals("/alerts") || endpoint.startsWith("/alerts/") || endpoint.equals("/silences")
                || endpoint.startsWith("/silences/") || endpoint.equals("/notifications");
    }

    ApiResponse handle(ApiRequest request, String endpoint, Caller caller) {
        String method = request.method();
        boolean get = method.equals("GET") || method.equals("HEAD");
        if (endpoint.equals("/alerts")) {
            return get ? alerts(request) : MonitorApi.methodNotAllowed("GET, HEAD");
        }
        if (endpoint.startsWith("/alerts/") && endpoint.endsWith("/ack")) {
            String id = endpoint.substring("/alerts/".length(), endpoint.length() - "/ack".length());
            return method.equals("POST") ? acknowledge(request, id, caller) : MonitorApi.methodNotAllowed("POST");
        }
        if (endpoint.equals("/silences")) {
            return switch (method) {
                case "GET", "HEAD" -> MonitorApi.json(200, Map.of("silences",
                        monitor.alerts().silences().stream().map(AlertsApi::silence).toList()));
                case "POST" -> createSilence(request, caller);
                default -> MonitorApi.methodNotAllowed("GET, HEAD, POST");
            };
        }
        if (endpoint.startsWith("/silences/")) {
            String id = endpoint.substring("/silences/".length());
            if (!method.equals("DELETE")) {
                return MonitorApi.methodNotAllowed("DELETE");
            }
            return monitor.alerts().removeSilence(id)
                    ? new ApiResponse(204, ApiResponse.JSON, Map.of("Cache-Control", "no-store"), new byte[0])
                    : MonitorApi.error(404, "not_found", "No silence with id " + id);
        }
        if (endpoint.equals("/notifications")) {
            return get ? notifications(request) : MonitorApi.methodNotAllowed("GET, HEAD");
        }
        return MonitorApi.error(404, "not_found", "No Vigil admin endpoint at " + endpoint);
    }

    private ApiResponse alerts(ApiRequest request) {
        Optional<String> state = request.queryParam("state");
        Optional<String> since = request.queryParam("since");
        if (state.isEmpty() && since.isEmpty()) {
            Map<String, Object> body = new LinkedHashMap<>();
            List<Object> critical = new ArrayList<>();
            List<Object> warnings = new ArrayList<>();
            List<Object> info = new ArrayList<>();
            for (ActiveAlert active : monitor.alerts().activeDetails()) {
                Map<String, Object> json = alert(active.alert());
                monitor.actions().autoFixOutcome(active.alert().id()).ifPresent(fix -> json.put("autoFix", fix.toJson()));
                json.put("silenced", active.silenced());
                active.acknowledger().ifPresent(who -> json.put("acknowledgedBy", who));
                switch (active.alert().severity()) {
                    case CRITICAL -> critical.add(json);
                    case WARNING -> warnings.add(json);
                    case INFO -> info.add(json);
                }
            }
            body.put("critical", critical);
            body.put("warnings", warnings);
            body.put("info", info);
            return MonitorApi.json(200, body);
        }
        Optional<AlertState> wanted = state.map(AlertsApi::state);
        Optional<Instant> from = since.map(AlertsApi::instant);
        int limit = request.queryParam("limit").map(AlertsApi::limit).orElse(100);
        List<Object> history = new ArrayList<>();
        for (AlertTransition transition : monitor.alerts().history(wanted, from, limit)) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("at", transition.at().toString());
            json.put("change", transition.change().jsonName());
            json.put("from", transition.from() == null ? null : transition.from().jsonName());
            json.put("to", transition.to().jsonName());
            if (!transition.note().isEmpty()) {
                json.put("note", transition.note());
            }
            json.put("alert", alert(transition.alert()));
            history.add(json);
        }
        return MonitorApi.json(200, Map.of("history", history));
    }

    /** One alert as the API shows it. */
    static Map<String, Object> alert(Alert alert) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", alert.id());
        json.put("rule", alert.rule());
        json.put("type", alert.rule());
        json.put("severity", alert.severity().jsonName());
        json.put("state", alert.state().jsonName());
        json.put("message", alert.message());
        json.put("labels", alert.labels());
        json.put("value", Double.isFinite(alert.value()) ? alert.value() : null);
        json.put("since", alert.since().toString());
        json.put("firedAt", alert.firedAt() == null ? null : alert.firedAt().toString());
        json.put("resolvedAt", alert.resolvedAt() == null ? null : alert.resolvedAt().toString());
        json.put("acknowledged", alert.acknowledged());
        json.put("suggestedAction", alert.suggestedAction());
        return json;
    }

    private ApiResponse acknowledge(ApiRequest request, String id, Caller caller) {
        ACKNOWLEDGE.read(request, MonitorApi.MAX_BODY_BYTES);
        return monitor.alerts().acknowledge(id, caller.id())
                .map(alert -> MonitorApi.json(200, alert(alert)))
                .orElseGet(() -> MonitorApi.error(404, "not_found", "No active alert with id " + id));
    }

    private ApiResponse createSilence(ApiRequest request, Caller caller) {
        JsonBody body = SILENCE.read(request, MonitorApi.MAX_BODY_BYTES);
        Map<String, String> matchers = body.stringMap("matchers");
        if (matchers.isEmpty()) {
            throw ApiException.invalidField("matchers", "a silence needs at least one matcher, e.g. {\"rule\": \"disk-critical\"}");
        }
        Instant startsAt = body.string("startsAt").map(text -> instant("startsAt", text)).orElse(monitor.clock().instant());
        Optional<String> end = body.string("endsAt");
        Optional<String> duration = body.string("duration");
        if (end.isPresent() == duration.isPresent()) {
            throw ApiException.badRequest("a silence needs \"endsAt\" or \"duration\" (one of them)");
        }
        String endField = end.isPresent() ? "endsAt" : "duration";
        Instant endsAt;
        if (end.isPresent()) {
            endsAt = instant("endsAt", end.get());
        } else {
            try {
                endsAt = startsAt.plus(HumanText.parseDuration(duration.get()));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("duration", "duration must be a duration such as 30m or 2h; " + e.getMessage());
            }
        }
        if (!endsAt.isAfter(startsAt)) {
            throw ApiException.invalidField(endField, "a silence must end after it starts: " + startsAt + " .. " + endsAt);
        }
        if (Duration.between(startsAt, endsAt).compareTo(MAX_SILENCE) > 0) {
            throw ApiException.invalidField(endField, "a silence may last at most 90 days");
        }
        Silence silence = new Silence(java.util.UUID.randomUUID().toString(), matchers, startsAt, endsAt,
                body.string("reason").orElse(""), caller.id());
        monitor.alerts().silence(silence);
        return MonitorApi.json(201, silence(silence));
    }

    private static Instant instant(String field, String text) {
        try {
            return instant(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, field + " must be an ISO-8601 instant such as 2026-01-01T12:00:00Z; " + e.getMessage());
        }
    }

    private static Map<String, Object> silence(Silence silence) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", silence.id());
        json.put("matchers", silence.matchers());
        json.put("startsAt", silence.startsAt().toString());
        json.put("endsAt", silence.endsAt().toString());
        json.put("reason", silence.reason());
        json.put("createdBy", silence.createdBy());
        return json;
    }

    private ApiResponse notifications(ApiRequest request) {
        int limit = request.queryParam("limit").map(AlertsApi::limit).orElse(100);
        Map<String, Object> sinks = new LinkedHashMap<>();
        for (SinkStatus status : monitor.dispatcher().sinkStatus().values()) {
            sinks.put(status.sink(), status.toJson());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sinks", sinks);
        body.put("recent", monitor.dispatcher().outbox().recent(limit).stream().map(OutboxEntry::toJson).toList());
        return MonitorApi.json(200, body);
    }

    private static AlertState state(String text) {
        try {
            return AlertState.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state must be pending, firing or resolved; was '" + text + "'");
        }
    }

    static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return Instant.now().minus(HumanText.parseDuration(text)); // "since=24h" means the last 24 hours
            } catch (IllegalArgumentException notADuration) {
                throw new IllegalArgumentException("'" + text + "' is neither an ISO-8601 instant nor a duration like 24h");
            }
        }
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit < 1 || limit > MAX_HISTORY) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_HISTORY + ", was '" + text + "'");
        }
    }
}
