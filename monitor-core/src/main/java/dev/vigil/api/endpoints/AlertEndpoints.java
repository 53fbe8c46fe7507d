package dev.vigil.api.endpoints;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import dev.vigil.action.ActionService;
import dev.vigil.alert.ActiveAlert;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertEngine;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.AlertTransition;
import dev.vigil.alert.Silence;
import dev.vigil.alert.delivery.AlertDispatcher;
import dev.vigil.alert.delivery.OutboxEntry;
import dev.vigil.alert.delivery.SinkStatus;
import dev.vigil.api.ApiException;
import dev.vigil.api.Arguments;
import dev.vigil.api.BodyField;
import dev.vigil.api.BodySpec;
import dev.vigil.api.InputSchema;
import dev.vigil.api.JsonBody;
import dev.vigil.api.Operation;
import dev.vigil.api.Result;
import dev.vigil.internal.HumanText;
import dev.vigil.security.Caller;
import dev.vigil.security.Role;

/**
 * Alerting: active alerts and history, acknowledgement, silences and notification deliveries.
 * Acknowledgements and silences are recorded as the caller's.
 */
public final class AlertEndpoints {

    private static final Duration MAX_SILENCE = Duration.ofDays(90);
    private static final BodyField ID = BodyField.string("id").maxLength(100);

    /** {@code POST /silences}. */
    static final BodySpec SILENCE = BodySpec.of(
            BodyField.stringMap("matchers").required()
                    .describedAs("label equalities, all of which must hold; 'rule' and 'severity' match the rule itself"),
            BodyField.string("startsAt").maxLength(40).describedAs("ISO-8601 instant; default now"),
            BodyField.string("endsAt").maxLength(40).describedAs("ISO-8601 instant; or give duration"),
            BodyField.string("duration").maxLength(20).describedAs("how long from startsAt, e.g. 2h; or give endsAt"),
            BodyField.string("reason").maxLength(500).describedAs("why, for the audit trail"));

    private final AlertEngine alerts;
    private final ActionService actions;
    private final AlertDispatcher dispatcher;
    private final Clock clock;

    private AlertEndpoints(AlertEngine alerts, ActionService actions, AlertDispatcher dispatcher, Clock clock) {
        this.alerts = alerts;
        this.actions = actions;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /**
     * The alerting operations: {@code alerts}, {@code alerts.ack}, {@code silences}, {@code silences.create},
     * {@code silences.delete} and {@code notifications}.
     *
     * @param alerts active alerts, history, acknowledgements, silences
     * @param actions the auto-fix outcome shown on an alert
     * @param dispatcher sink status and recent deliveries
     * @param clock when a silence starts by default
     */
    public static List<Operation> operations(AlertEngine alerts, ActionService actions, AlertDispatcher dispatcher,
            Clock clock) {
        AlertEndpoints endpoints = new AlertEndpoints(alerts, actions, dispatcher, clock);
        return List.of(
                Operation.get("alerts", "/alerts")
                        .role(Role.READ)
                        .description("Active alerts as {critical, warnings, info}; with state or since, the history of"
                                + " transitions")
                        .input(InputSchema.builder()
                                .query(BodyField.string("state").maxLength(20).describedAs("pending, firing or resolved"))
                                .query(Params.SINCE)
                                .query(Params.LIMIT)
                                .build())
                        .handler((caller, arguments) -> endpoints.alerts(arguments))
                        .build(),
                Operation.post("alerts.ack", "/alerts/{id}/ack")
                        .role(Role.OPERATOR)
                        .description("Acknowledges an active alert as the caller: no more repeats, still listed")
                        .input(InputSchema.builder().path(ID.describedAs("the alert's id")).body(BodySpec.NONE).build())
                        .handler((caller, arguments) -> endpoints.acknowledge(arguments.path("id"), caller))
                        .build(),
                Operation.get("silences", "/silences")
                        .role(Role.READ)
                        .description("The silences, current and future")
                        .handler((caller, arguments) -> Result.ok(Map.of("silences",
                                alerts.silences().stream().map(AlertEndpoints::silence).toList())))
                        .build(),
                Operation.post("silences.create", "/silences")
                        .role(Role.OPERATOR)
                        .description("Holds back notifications of alerts whose labels match, for a while; created by the caller")
                        .input(InputSchema.builder().body(SILENCE).build())
                        .handler((caller, arguments) -> endpoints.createSilence(arguments.body(), caller))
                        .build(),
                Operation.delete("silences.delete", "/silences/{id}")
                        .role(Role.OPERATOR)
                        .description("Ends a silence now")
                        .input(InputSchema.builder().path(ID.describedAs("the silence's id")).build())
                        .handler((caller, arguments) -> {
                            String id = arguments.path("id");
                            if (!alerts.removeSilence(id)) {
                                throw new ApiException(404, "not_found", "No silence with id " + id, null);
                            }
                            return Result.noContent();
                        })
                        .build(),
                Operation.get("notifications", "/notifications")
                        .role(Role.READ)
                        .description("Per sink status and the recent deliveries: sent, pending, retrying, dead_lettered")
                        .input(InputSchema.builder().query(Params.LIMIT).build())
                        .handler((caller, arguments) -> endpoints.notifications(arguments.integer("limit").orElse(100)))
                        .build());
    }

    private Result alerts(Arguments arguments) {
        Optional<String> state = arguments.string("state");
        Optional<String> since = arguments.string("since");
        if (state.isEmpty() && since.isEmpty()) {
            Map<String, Object> body = new LinkedHashMap<>();
            List<Object> critical = new ArrayList<>();
            List<Object> warnings = new ArrayList<>();
            List<Object> info = new ArrayList<>();
            for (ActiveAlert active : alerts.activeDetails()) {
                Map<String, Object> json = alert(active.alert());
                actions.autoFixOutcome(active.alert().id()).ifPresent(fix -> json.put("autoFix", fix.toJson()));
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
            return Result.ok(body);
        }
        Optional<AlertState> wanted = state.map(AlertEndpoints::state);
        Optional<Instant> from = since.map(Params::instant);
        int limit = arguments.integer("limit").orElse(100);
        List<Object> history = new ArrayList<>();
        for (AlertTransition transition : alerts.history(wanted, from, limit)) {
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
        return Result.ok(Map.of("history", history));
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

    private Result acknowledge(String id, Caller caller) {
        return alerts.acknowledge(id, caller.id())
                .map(alert -> Result.ok(alert(alert)))
                .orElseThrow(() -> new ApiException(404, "not_found", "No active alert with id " + id, null));
    }

    private Result createSilence(JsonBody body, Caller caller) {
        Map<String, String> matchers = body.stringMap("matchers");
        if (matchers.isEmpty()) {
            throw ApiException.invalidField("matchers", "a silence needs at least one matcher, e.g. {\"rule\": \"disk-critical\"}");
        }
        Instant startsAt = body.string("startsAt").map(text -> instant("startsAt", text)).orElse(clock.instant());
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
        Silence silence = new Silence(UUID.randomUUID().toString(), matchers, startsAt, endsAt,
                body.string("reason").orElse(""), caller.id());
        alerts.silence(silence);
        return Result.created(silence(silence));
    }

    private static Instant instant(String field, String text) {
        try {
            return Params.instant(text);
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

    private Result notifications(int limit) {
        Map<String, Object> sinks = new LinkedHashMap<>();
        for (SinkStatus status : dispatcher.sinkStatus().values()) {
            sinks.put(status.sink(), status.toJson());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sinks", sinks);
        body.put("recent", dispatcher.outbox().recent(limit).stream().map(OutboxEntry::toJson).toList());
        return Result.ok(body);
    }

    private static AlertState state(String text) {
        try {
            return AlertState.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state must be pending, firing or resolved; was '" + text + "'");
        }
    }
}
