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
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.Monitor;
import dev.vigil.alert.ActiveAlert;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.AlertTransition;
import dev.vigil.alert.Silence;
import dev.vigil.alert.delivery.OutboxEntry;
import dev.vigil.alert.delivery.SinkStatus;
import dev.vigil.internal.HumanText;
import dev.vigil.internal.Json;

/**
 * The alerting part of the admin API: active alerts and history, acknowledgement, silences and
 * notification deliveries.
 */
final class AlertsApi {

    private static final int MAX_HISTORY = 1000;

    private final Monitor monitor;

    AlertsApi(Monitor monitor) {
        this.monitor = monitor;
    }

    /** Whether {@code endpoint} (below the admin base path) belongs here. */
    static boolean handles(String endpoint) {
        return endpoint.equals("/alerts") || endpoint.startsWith("/alerts/") || endpoint.equals("/silences")
                || endpoint.startsWith("/silences/") || endpoint.equals("/notifications");
    }

    ApiResponse handle(ApiRequest request, String endpoint) {
        String method = request.method();
        boolean get = method.equals("GET") || method.equals("HEAD");
        if (endpoint.equals("/alerts")) {
            return get ? alerts(request) : MonitorApi.methodNotAllowed("GET, HEAD");
        }
        if (endpoint.startsWith("/alerts/") && endpoint.endsWith("/ack")) {
            String id = endpoint.substring("/alerts/".length(), endpoint.length() - "/ack".length());
            return method.equals("POST") ? acknowledge(request, id) : MonitorApi.methodNotAllowed("POST");
        }
        if (endpoint.equals("/silences")) {
            return switch (method) {
                case "GET", "HEAD" -> MonitorApi.json(200, Map.of("silences",
                        monitor.alerts().silences().stream().map(AlertsApi::silence).toList()));
                case "POST" -> createSilence(request);
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

    private ApiResponse acknowledge(ApiRequest request, String id) {
        String who = body(request).map(json -> json.path("by").asText("")).filter(s -> !s.isBlank()).orElse("admin");
        return monitor.alerts().acknowledge(id, who)
                .map(alert -> MonitorApi.json(200, alert(alert)))
                .orElseGet(() -> MonitorApi.error(404, "not_found", "No active alert with id " + id));
    }

    private ApiResponse createSilence(ApiRequest request) {
        JsonNode json = body(request).orElseThrow(() -> new IllegalArgumentException(
                "send {\"matchers\": {\"rule\": \"disk-critical\"}, \"duration\": \"2h\", \"reason\": \"...\"}"));
        Map<String, String> matchers = new LinkedHashMap<>();
        json.path("matchers").fields().forEachRemaining(entry -> {
            if (!entry.getValue().isTextual()) {
                throw new IllegalArgumentException("matcher '" + entry.getKey() + "' must be a string");
            }
            matchers.put(entry.getKey(), entry.getValue().asText());
        });
        Instant startsAt = json.hasNonNull("startsAt") ? instant(json.get("startsAt").asText()) : monitor.clock().instant();
        Instant endsAt;
        if (json.hasNonNull("endsAt")) {
            endsAt = instant(json.get("endsAt").asText());
        } else if (json.hasNonNull("duration")) {
            endsAt = startsAt.plus(HumanText.parseDuration(json.get("duration").asText()));
        } else {
            throw new IllegalArgumentException("a silence needs \"endsAt\" or \"duration\"");
        }
        if (Duration.between(startsAt, endsAt).compareTo(Duration.ofDays(90)) > 0) {
            throw new IllegalArgumentException("a silence may last at most 90 days");
        }
        String reason = json.path("reason").asText("");
        String createdBy = json.path("createdBy").asText("admin");
        Silence silence = new Silence(java.util.UUID.randomUUID().toString(), matchers, startsAt, endsAt,
                reason.length() > 500 ? reason.substring(0, 500) : reason, createdBy);
        monitor.alerts().silence(silence);
        return MonitorApi.json(201, silence(silence));
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

    private static Optional<JsonNode> body(ApiRequest request) {
        if (request.body().length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode json = Json.mapper().readTree(request.body());
            if (json == null || !json.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            return Optional.of(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("unreadable body");
        }
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
