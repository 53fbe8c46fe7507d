package dev.vigil.api.endpoints;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.action.TriggerOutcome;
import dev.vigil.api.Access;
import dev.vigil.api.ApiException;
import dev.vigil.api.Arguments;
import dev.vigil.api.BodyField;
import dev.vigil.api.BodySpec;
import dev.vigil.api.InputSchema;
import dev.vigil.api.JsonBody;
import dev.vigil.api.Operation;
import dev.vigil.api.Result;
import dev.vigil.audit.AuditEntry;
import dev.vigil.audit.AuditLog;
import dev.vigil.audit.AuditQuery;
import dev.vigil.incident.ErrorEvent;
import dev.vigil.incident.FixSuggestion;
import dev.vigil.incident.Incident;
import dev.vigil.incident.IncidentQuery;
import dev.vigil.incident.IncidentService;
import dev.vigil.incident.IncidentSeverity;
import dev.vigil.incident.IncidentStatus;
import dev.vigil.incident.ReportOutcome;
import dev.vigil.incident.SentryWebhook;
import dev.vigil.internal.HumanText;
import dev.vigil.internal.Json;
import dev.vigil.internal.KeyedRateLimiter;
import dev.vigil.security.Role;

/**
 * The incident operations: error ingest in Vigil's own shape ({@code POST /errors}) and from Sentry webhooks
 * ({@code POST /errors/sentry}), the incident list and detail, and the transitions and known fixes operators use.
 */
public final class IncidentEndpoints {

    /** Recent Sentry {@code Request-ID}s remembered to drop redeliveries. */
    static final int REMEMBERED_REQUEST_IDS = 10_000;
    /** Callers the ingest rate limiter keeps a bucket for. */
    static final int RATE_LIMITED_CALLERS = 10_000;

    static final BodySpec ERROR_EVENT = BodySpec.of(
            BodyField.object("error").required().describedAs("the error: message (required), and any of type, stack"),
            BodyField.object("context").describedAs("string facts: application, endpoint, and any others"),
            BodyField.string("severity").maxLength(20).describedAs("CRITICAL, HIGH, MEDIUM or LOW: wins over classification"),
            BodyField.string("source").maxLength(ErrorEvent.MAX_TAG).describedAs("who reports it, e.g. frontend"),
            BodyField.string("fingerprint").maxLength(ErrorEvent.MAX_TAG).describedAs("your own grouping key"),
            BodyField.string("timestamp").maxLength(40).describedAs("when it happened, ISO-8601 (default: now)"),
            BodyField.string("service").maxLength(200).describedAs("the application, when context.application is not given"),
            BodyField.string("environment").maxLength(100).describedAs("e.g. production"),
            BodyField.string("release").maxLength(200).describedAs("the version that raised it"));

    static final BodySpec NOTE = BodySpec.of(BodyField.string("note").maxLength(1000).describedAs("why, for the record"));
    static final BodySpec KNOWN_FIX = BodySpec.of(BodyField.string("action").required().maxLength(200)
            .describedAs("the id of the registered action that fixes this incident"));
    static final BodyField ID = BodyField.string("id").maxLength(36).describedAs("the incident's id");

    private IncidentEndpoints() {
    }

    /** Every incident operation, served from {@code incidents}, auditing to {@code audit}. */
    public static List<Operation> operations(IncidentService incidents, AuditLog audit, Clock clock) {
        KeyedRateLimiter limiter = new KeyedRateLimiter(clock, incidents.settings().rateLimitBurst(),
                incidents.settings().rateLimitPerSecond(), RATE_LIMITED_CALLERS);
        Operation.RateLimit rateLimit = caller -> limiter.acquire(caller.id());
        // anonymous webhook calls are not limited: one shared bucket would let anyone starve Sentry's deliveries
        Operation.RateLimit signedOnly = caller -> caller.isAnonymous() ? Duration.ZERO : limiter.acquire(caller.id());
        SentryWebhook sentry = new SentryWebhook(incidents.settings().sentryClientSecrets());
        RecentIds delivered = new RecentIds(REMEMBERED_REQUEST_IDS);
        int maxBody = incidents.settings().maxBodyBytes();
        return List.of(
                Operation.post("errors.ingest", "/errors")
                        .role(Role.INGEST)
                        .description("Reports an error event: classified, grouped into its incident; answers 202 with the"
                                + " incident, whether it is new, its severity and category and any known fix")
                        .input(InputSchema.builder().body(ERROR_EVENT).build())
                        .maxBodyBytes(maxBody)
                        .rateLimit(rateLimit)
                        .handler((caller, arguments) -> accepted(incidents.report(event(arguments.body(), clock))))
                        .build(),
                Operation.post("errors.sentry", "/errors/sentry")
                        .access(Access.PUBLIC)
                        .description("Sentry integration webhook: the Sentry-Hook-Signature (HMAC-SHA256 of the body with"
                                + " a client secret) authenticates it; error, issue (created) and event_alert resources"
                                + " become error events, others are acknowledged and ignored")
                        .input(InputSchema.builder()
                                .header("Sentry-Hook-Signature", "hex HMAC-SHA256 of the body with the client secret")
                                .header("Sentry-Hook-Resource", "error, issue, event_alert, installation, ...")
                                .header("Request-ID", "Sentry's delivery id; a repeat is ignored").build())
                        .maxBodyBytes(maxBody)
                        .rawJsonBody()
                        .rateLimit(signedOnly)
                        .handler((caller, arguments) -> sentry(incidents, sentry, delivered, arguments, clock))
                        .build(),
                Operation.get("incidents.list", "/incidents")
                        .role(Role.READ)
                        .description("Incidents, the latest seen first: the active ones by default (open, or resolved within"
                                + " the active retention); status=resolved or status=all for the history")
                        .input(InputSchema.builder()
                                .query(BodyField.string("status").maxLength(20)
                                        .describedAs("active (default), open, detected, acknowledged, resolved or all"))
                                .query(BodyField.string("severity").maxLength(20).describedAs("CRITICAL, HIGH, MEDIUM or LOW"))
                                .query(BodyField.string("category").maxLength(40).describedAs("e.g. database"))
                                .query(BodyField.string("application").maxLength(200).describedAs("seen in this application"))
                                .query(Params.SINCE)
                                .query(Params.LIMIT).build())
                        .handler((caller, arguments) -> list(incidents, arguments, clock))
                        .build(),
                Operation.get("incidents.get", "/incidents/{id}")
                        .role(Role.READ)
                        .description("One incident with its newest events, its known fix, and its audited transitions and"
                                + " fix runs")
                        .input(InputSchema.builder().path(ID).build())
                        .handler((caller, arguments) -> detail(incidents, audit, arguments.path("id")))
                        .build(),
                Operation.post("incidents.ack", "/incidents/{id}/ack")
                        .role(Role.OPERATOR)
                        .description("Acknowledges an incident: someone is on it, its alert resolves")
                        .input(InputSchema.builder().path(ID).body(NOTE).build())
                        .handler((caller, arguments) -> transition(() -> incidents.acknowledge(arguments.path("id"), caller,
                                arguments.body().string("note").orElse(null))))
                        .build(),
                Operation.post("incidents.resolve", "/incidents/{id}/resolve")
                        .role(Role.OPERATOR)
                        .description("Resolves an incident; it leaves the active list a day later and reopens if it recurs")
                        .input(InputSchema.builder().path(ID).body(NOTE).build())
                        .handler((caller, arguments) -> transition(() -> incidents.resolve(arguments.path("id"), caller,
                                arguments.body().string("note").orElse(null))))
                        .build(),
                Operation.post("incidents.known-fix", "/incidents/{id}/known-fix")
                        .role(Role.OPERATOR)
                        .description("Binds the incident's fingerprint to a remediation action as its known fix, suggested on"
                                + " every occurrence from now on")
                        .input(InputSchema.builder().path(ID).body(KNOWN_FIX).build())
                        .handler((caller, arguments) -> {
                            try {
                                FixSuggestion fix = incidents.bindFix(arguments.path("id"),
                                        arguments.body().string("action").orElseThrow(), caller);
                                return Result.ok(fix.toJson());
                            } catch (NoSuchElementException e) {
                                throw notFound(arguments.path("id"));
                            }
                        })
                        .build(),
                Operation.post("incidents.fix", "/incidents/{id}/fix")
                        .role(Role.OPERATOR)
                        .description("Runs the incident's best known fix now, through the action guardrails; Vigil then"
                                + " counts whether the incident is resolved within the fix window")
                        .input(InputSchema.builder().path(ID).body(BodySpec.NONE).build())
                        .handler((caller, arguments) -> {
                            try {
                                TriggerOutcome outcome = incidents.runFix(arguments.path("id"), caller);
                                return Result.ok(outcome.toJson());
                            } catch (NoSuchElementException e) {
                                throw notFound(arguments.path("id"));
                            } catch (IllegalStateException e) {
                                throw new ApiException(409, "conflict", e.getMessage(), null);
                            }
                        })
                        .build());
    }

    /** The event in {@code body}, or a 400 naming the field at fault. */
    static ErrorEvent event(JsonBody body, Clock clock) {
        Map<String, Object> error = body.object("error");
        Object message = error.get("message");
        if (!(message instanceof String text) || text.isBlank()) {
            throw new ApiException(400, message == null ? "missing_field" : "invalid_field",
                    "error.message is required: a non-blank string of at most " + ErrorEvent.MAX_MESSAGE + " characters",
                    "error.message");
        }
        String type = text(error, "type", "error.type");
        String stack = text(error, "stack", "error.stack");
        Map<String, String> context = new LinkedHashMap<>();
        body.object("context").forEach((key, value) -> {
            if (value instanceof Map || value instanceof List) {
                throw ApiException.invalidField("context." + key, "context." + key + " must be a string, number or boolean");
            }
            if (value != null) {
                context.put(key, String.valueOf(value));
            }
        });
        body.string("service").ifPresent(service -> context.putIfAbsent("application", service));
        body.string("environment").ifPresent(environment -> context.putIfAbsent("environment", environment));
        body.string("release").ifPresent(release -> context.putIfAbsent("release", release));
        IncidentSeverity severity = null;
        if (body.string("severity").isPresent()) {
            try {
                severity = IncidentSeverity.parse(body.string("severity").get());
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("severity", e.getMessage());
            }
        }
        Instant at = clock.instant();
        if (body.string("timestamp").isPresent()) {
            try {
                at = Instant.parse(body.string("timestamp").get());
            } catch (DateTimeParseException e) {
                throw ApiException.invalidField("timestamp", "timestamp must be an ISO-8601 instant such as"
                        + " 2026-01-31T12:00:00Z");
            }
        }
        try {
            return new ErrorEvent(text, type, stack, context, severity, body.string("source").orElse(null),
                    body.string("fingerprint").orElse(null), at);
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().startsWith("error.message") ? "error.message"
                    : e.getMessage().startsWith("error.type") ? "error.type" : "context";
            throw ApiException.invalidField(field, e.getMessage());
        }
    }

    private static String text(Map<String, Object> error, String key, String field) {
        Object value = error.get(key);
        if (value == null) {
            return "";
        }
        if (!(value instanceof String text)) {
            throw ApiException.invalidField(field, field + " must be a string");
        }
        return text;
    }

    private static Result accepted(ReportOutcome outcome) {
        Incident incident = outcome.incident();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", "accepted");
        json.put("incidentId", incident.id());
        json.put("created", outcome.created());
        json.put("regression", outcome.regression());
        json.put("severity", incident.severity().jsonName());
        json.put("category", incident.category());
        json.put("incidentStatus", incident.status().jsonName());
        json.put("count", incident.count());
        json.put("suggestedFix", outcome.fix().map(FixSuggestion::toJson).orElse(null));
        return Result.of(202, json);
    }

    private static Result sentry(IncidentService incidents, SentryWebhook sentry, RecentIds delivered, Arguments arguments,
            Clock clock) {
        byte[] body = arguments.rawBody();
        if (!sentry.configured() || !sentry.verify(body, arguments.header("Sentry-Hook-Signature").orElse(null))) {
            throw new ApiException(401, "invalid_signature", sentry.configured()
                    ? "Sentry-Hook-Signature is missing or is not the HMAC-SHA256 of the body with a configured client secret"
                    : "the Sentry webhook is off: set monitor.incidents.sentry.client-secrets", null);
        }
        String resource = arguments.header("Sentry-Hook-Resource").orElse("").strip();
        Optional<String> requestId = arguments.header("Request-ID").map(String::strip).filter(id -> !id.isEmpty());
        if (requestId.isPresent() && delivered.contains(requestId.get())) {
            return Result.of(202, Map.of("status", "duplicate", "requestId", requestId.get()));
        }
        JsonNode payload;
        try {
            payload = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new ApiException(400, "malformed_json", "the body is not valid JSON", null);
        }
        if (payload == null || !payload.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        Optional<ErrorEvent> event;
        try {
            event = sentry.toEvent(resource, payload, clock.instant());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (event.isEmpty()) {
            requestId.ifPresent(delivered::add);
            return Result.of(202, Map.of("status", "ignored", "resource", resource.isEmpty() ? "none" : resource));
        }
        Result result = accepted(incidents.report(event.get()));
        requestId.ifPresent(delivered::add);
        return result;
    }

    private static Result list(IncidentService incidents, Arguments arguments, Clock clock) {
        String status = arguments.string("status").orElse("active");
        int limit = arguments.integer("limit").orElse(100);
        Instant activeSince = null;
        Set<IncidentStatus> statuses;
        switch (status) {
            case "active" -> {
                statuses = Set.of();
                activeSince = clock.instant().minus(incidents.settings().activeRetention());
            }
            case "all" -> statuses = Set.of();
            case "open" -> statuses = EnumSet.of(IncidentStatus.DETECTED, IncidentStatus.ACKNOWLEDGED);
            default -> {
                try {
                    statuses = EnumSet.of(IncidentStatus.parse(status));
                } catch (IllegalArgumentException e) {
                    throw ApiException.invalidField("status", "status must be active, open, detected, acknowledged,"
                            + " resolved or all; was '" + status + "'");
                }
            }
        }
        IncidentSeverity severity = null;
        if (arguments.string("severity").isPresent()) {
            try {
                severity = IncidentSeverity.parse(arguments.string("severity").get());
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("severity", e.getMessage());
            }
        }
        Instant since = arguments.string("since").map(text -> since(text, clock)).orElse(null);
        IncidentQuery query = new IncidentQuery(statuses, activeSince, severity, arguments.string("category").orElse(null),
                arguments.string("application").orElse(null), since, limit);
        List<Map<String, Object>> found = incidents.list(query).stream().map(incident -> view(incidents, incident)).toList();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status);
        json.put("count", found.size());
        json.put("incidents", found);
        return Result.ok(json);
    }

    private static Instant since(String text, Clock clock) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                Duration back = HumanText.parseDuration(text);
                return clock.instant().minus(back);
            } catch (IllegalArgumentException notADuration) {
                throw ApiException.invalidField("since", "since must be an ISO-8601 instant or a duration like 24h; was '"
                        + text + "'");
            }
        }
    }

    private static Result detail(IncidentService incidents, AuditLog audit, String id) {
        Incident incident = incidents.find(id).orElseThrow(() -> notFound(id));
        Map<String, Object> json = view(incidents, incident);
        json.put("events", incidents.events(id, incidents.settings().eventsPerIncident()).stream().map(ErrorEvent::toJson)
                .toList());
        List<AuditEntry> history = audit.query(AuditQuery.latest(100).ofType(AuditEntry.Type.INCIDENT).about(id));
        json.put("history", history.stream().map(AuditEntry::toJson).toList());
        return Result.ok(json);
    }

    private static Map<String, Object> view(IncidentService incidents, Incident incident) {
        Map<String, Object> json = incident.toJson();
        json.put("suggestedFix", incidents.suggestedFix(incident).map(FixSuggestion::toJson).orElse(null));
        return json;
    }

    private static Result transition(java.util.function.Supplier<Incident> change) {
        try {
            return Result.ok(change.get().toJson());
        } catch (NoSuchElementException e) {
            throw new ApiException(404, "not_found", e.getMessage(), "id");
        } catch (IllegalStateException e) {
            throw new ApiException(409, "conflict", e.getMessage(), null);
        }
    }

    private static ApiException notFound(String id) {
        return new ApiException(404, "not_found", "no incident " + id, "id");
    }

    /** The most recent ids seen, at most {@code capacity}; the oldest is forgotten first. */
    static final class RecentIds {
        private final int capacity;
        private final LinkedHashMap<String, Boolean> ids = new LinkedHashMap<>();

        RecentIds(int capacity) {
            this.capacity = capacity;
        }

        synchronized boolean contains(String id) {
            return ids.containsKey(id);
        }

        synchronized void add(String id) {
            ids.put(id, Boolean.TRUE);
            if (ids.size() > capacity) {
                ids.remove(ids.keySet().iterator().next());
            }
        }
    }
}
