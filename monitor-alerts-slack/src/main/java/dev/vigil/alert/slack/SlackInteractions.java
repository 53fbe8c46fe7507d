package dev.vigil.alert.slack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.Monitor;
import dev.vigil.action.ActionParameter;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.TriggerOutcome;
import dev.vigil.action.TriggerRequest;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertSink;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;
import dev.vigil.api.Access;
import dev.vigil.api.ApiException;
import dev.vigil.api.ApiRequest;
import dev.vigil.api.Arguments;
import dev.vigil.api.InputSchema;
import dev.vigil.api.Operation;
import dev.vigil.api.Result;
import dev.vigil.audit.AuditEntry;
import dev.vigil.briefing.BriefingService;
import dev.vigil.incident.FixSuggestion;
import dev.vigil.incident.Incident;
import dev.vigil.internal.Json;
import dev.vigil.internal.KeyedRateLimiter;
import dev.vigil.security.Caller;
import dev.vigil.security.Role;
import dev.vigil.security.event.SecurityEvent;
import dev.vigil.security.event.SecurityEventType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Action buttons in Slack: alert messages and the briefing carry Block Kit buttons for their suggested actions and
 * known fixes, and a press runs the action through Vigil's guardrails as the Slack user who pressed it.
 *
 * <p>Slack posts each press to the app's Interactivity Request URL, {@code POST /api/slack/interactions}
 * ({@link #operation()}), form-encoded with one field {@code payload}. The operation is public at the
 * authentication layer: the request's signature authenticates it. In order:
 * <ol>
 * <li>the raw body (at most {@link #MAX_BODY_BYTES}) is checked against {@code X-Slack-Signature} and
 *     {@code X-Slack-Request-Timestamp} ({@link SlackSignature}: one of the signing secrets, timestamp within 5
 *     minutes of the monitor's clock either way); otherwise 401 and nothing else happens;</li>
 * <li>only then is the form decoded and the payload's JSON read; one Slack user may press
 *     {@value #PRESS_BURST} buttons in a burst, then one every 2 seconds (429 beyond); a press whose
 *     {@code trigger_id} was seen in the last 10 minutes is acknowledged and ignored (Slack retries, replays);</li>
 * <li>the {@code response_url} must lie below an allowed prefix (default {@code https://hooks.slack.com/}): Vigil
 *     never posts to a URL a payload chose;</li>
 * <li>the Slack user must be mapped to a role ({@code monitor.alerts.slack.users.<user id>: operator}) that allows
 *     triggering actions; otherwise the request is still answered 200 (it is genuine: Slack is not to retry it), the
 *     refusal is audited and recorded as a {@code forbidden} security event, and the user gets an ephemeral
 *     "not allowed" answer;</li>
 * <li>the action is triggered without waiting, through the same guardrails as {@code POST /trigger-action} (kill
 *     switch, hourly limit, cooldown), with {@code slack:<trigger_id>} as idempotency key, as caller
 *     {@code slack:<user id>(<user name>)}; the request is answered 200 at once, within Slack's 3 seconds;</li>
 * <li>the outcome is posted to the {@code response_url} through the alert outbox (sink {@link #REPLY_SINK}), so it
 *     is retried like any notification.</li>
 * </ol>
 *
 * <p>A critical action (when approval is required) is not run by the first press: the outcome is a request for
 * approval posted to the channel with an Approve button, which a <em>different</em> mapped Slack user presses to
 * run it (the approval token rides in the button's value and is worth nothing without an operator's press).
 *
 * <pre>{@code
 * SlackInteractions slack = SlackInteractions.builder()
 *         .signingSecret(System.getenv("SLACK_SIGNING_SECRET"))
 *         .user("U024BE7LH", Role.OPERATOR)
 *         .build();
 * Monitor monitor = Monitor.builder()
 *         .alertSink("slack", SlackAlertSink.builder().webhookUrl(webhook).interactions(slack).build())
 *         .replySink(SlackInteractions.REPLY_SINK, slack.replySink())
 *         .build();
 * slack.install(monitor); // serves POST /api/slack/interactions
 * }</pre>
 */
public final class SlackInteractions {

    /** Where Slack posts interactions, at the application's root. */
    public static final String PATH = "/api/slack/interactions";
    /** The name of the sink that posts answers to response URLs; register {@link #replySink()} under it. */
    public static final String REPLY_SINK = "slack-replies";
    /** The largest interaction body read: 256 KiB (a payload repeats the whole message that carried the button). */
    public static final int MAX_BODY_BYTES = 256 * 1024;
    /** How long a {@code trigger_id} is remembered to drop repeats; beyond it the timestamp check refuses them. */
    static final Duration REMEMBER = Duration.ofMinutes(10);
    /** Presses one Slack user may make in a burst, and how fast the allowance comes back: one every 2 seconds. */
    static final int PRESS_BURST = 10;
    static final double PRESSES_PER_SECOND = 0.5;

    private static final Logger log = LoggerFactory.getLogger(SlackInteractions.class);
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9]{1,40}");
    private static final Pattern TRIGGER_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final int MAX_REMEMBERED = 10_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<String> secrets;
    private final Map<String, Role> users;
    private final ResponseUrls responseUrls;
    private final SlackReplySink replySink;
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>(); // guarded by itself
    private volatile @Nullable Monitor monitor;
    private volatile @Nullable KeyedRateLimiter limiter;

    private SlackInteractions(Builder builder) {
        this.secrets = List.copyOf(builder.secrets);
        this.users = Map.copyOf(builder.users);
        this.responseUrls = new ResponseUrls(builder.responseUrlPrefixes);
        this.replySink = new SlackReplySink(responseUrls, builder.timeout, builder.clock);
    }

    /** A builder; at least one signing secret is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The sink that posts answers to Slack's response URLs; register it with {@code Monitor.Builder.replySink} under
     * {@link #REPLY_SINK}.
     */
    public AlertSink replySink() {
        return replySink;
    }

    /**
     * Serves {@link #PATH} on {@code monitor}'s API and offers its actions as buttons: {@link #operation()} and
     * {@link #bind(Monitor)} in one.
     *
     * @throws IllegalStateException if {@link #replySink()} is not one of the monitor's sinks
     */
    public void install(Monitor monitor) {
        bind(monitor);
        monitor.api().register(operation());
    }

    /**
     * Lets presses reach {@code monitor}'s actions and the Slack sink offer them as buttons (until then a press is
     * answered 503 and messages carry no buttons).
     *
     * @throws IllegalStateException if {@link #replySink()} is not one of the monitor's sinks
     */
    public void bind(Monitor monitor) {
        if (!monitor.dispatcher().sinkNames().contains(REPLY_SINK)) {
            throw new IllegalStateException("Slack interactions answer through the alert sink '" + REPLY_SINK
                    + "': register SlackInteractions.replySink() with Monitor.Builder.replySink under that name");
        }
        this.limiter = new KeyedRateLimiter(monitor.clock(), PRESS_BURST, PRESSES_PER_SECOND, MAX_REMEMBERED);
        this.monitor = monitor;
    }

    /** The {@code slack.interactions} operation, {@code POST /api/slack/interactions}. */
    public Operation operation() {
        return Operation.post("slack.interactions", PATH)
                .atRoot()
                .access(Access.PUBLIC)
                .description("Slack interactivity callback: the X-Slack-Signature (HMAC-SHA256 of the form body with the"
                        + " signing secret) authenticates it; a button press runs its Vigil action as the mapped Slack"
                        + " user through the guardrails and the outcome is posted to the response_url")
                .input(InputSchema.builder()
                        .header("X-Slack-Signature", "v0= and the hex HMAC-SHA256 of v0:<timestamp>:<body>")
                        .header("X-Slack-Request-Timestamp", "Unix seconds; at most 5 minutes from now")
                        .build())
                .maxBodyBytes(MAX_BODY_BYTES)
                .rawFormBody()
                .handler((caller, arguments) -> handle(arguments))
                .build();
    }

    // ---------------------------------------------------------------- presses

    private Result handle(Arguments arguments) {
        Monitor bound = monitor;
        if (bound == null) {
            throw new ApiException(503, "unavailable", "Slack interactions are not ready yet", null);
        }
        byte[] body = arguments.rawBody();
        Instant now = bound.clock().instant();
        if (!SlackSignature.verify(secrets, arguments.header("X-Slack-Request-Timestamp").orElse(null),
                arguments.header("X-Slack-Signature").orElse(null), body, now)) {
            throw new ApiException(401, "invalid_signature", "X-Slack-Signature is missing or is not the signature of the"
                    + " body with a configured signing secret, or X-Slack-Request-Timestamp is more than 5 minutes off", null);
        }
        List<String> payloads = ApiRequest.parseQuery(new String(body, StandardCharsets.UTF_8)).getOrDefault("payload", List.of());
        if (payloads.size() != 1) {
            throw ApiException.badRequest("the form must carry exactly one field 'payload'");
        }
        JsonNode payload;
        try {
            payload = Json.mapper().readTree(payloads.get(0));
        } catch (IOException e) {
            throw new ApiException(400, "malformed_json", "the payload is not valid JSON", null);
        }
        if (payload == null || !payload.isObject()) {
            throw ApiException.badRequest("the payload must be a JSON object");
        }
        if (!"block_actions".equals(payload.path("type").asText())) {
            String type = payload.path("type").asText("none");
            return ignored("type " + (type.length() > 40 ? type.substring(0, 40) : type));
        }
        String userId = payload.path("user").path("id").asText("");
        if (!USER_ID.matcher(userId).matches()) {
            throw ApiException.badRequest("user.id is missing or not a Slack user id");
        }
        KeyedRateLimiter presses = limiter;
        Duration wait = presses == null ? Duration.ZERO : presses.acquire(userId);
        if (!wait.isZero() && !wait.isNegative()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            return Result.error(429, "too_many_requests", "Slack user " + userId + " pressed too many buttons; retry in "
                    + seconds + " s").withHeader("Retry-After", Long.toString(seconds));
        }
        String userName = payload.path("user").path("username").asText(payload.path("user").path("name").asText(""));
        Optional<java.net.URI> responseUrl = responseUrls.allowed(payload.path("response_url").asText(""));
        if (responseUrl.isEmpty()) {
            throw ApiException.badRequest("response_url is missing or not below an allowed Slack URL"
                    + " (monitor.alerts.slack.response-url-hosts)");
        }
        JsonNode pressed = payload.path("actions").path(0);
        String actionId = pressed.path("action_id").asText("");
        int colon = actionId.indexOf(':');
        String kind = colon < 0 ? "" : actionId.substring(0, colon);
        if (!kind.equals(SlackButton.RUN) && !kind.equals(SlackButton.APPROVE)) {
            return ignored("action " + (actionId.length() > 60 ? actionId.substring(0, 60) : actionId));
        }
        String triggerId = payload.path("trigger_id").asText("");
        String pressId = TRIGGER_ID.matcher(triggerId).matches() ? triggerId
                : userId + "-" + pressed.path("action_ts").asText("");
        if (!firstTime(pressId, now)) {
            log.info("Slack press {} by {} was delivered again; it is not run again", pressId, userId);
            return Result.ok(Map.of("status", "duplicate"));
        }
        Press press;
        try {
            press = Press.of(kind, pressed.path("value").asText(""));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the button's value is not what Vigil put there: " + e.getMessage());
        }
        if (!press.action().equals(actionId.substring(colon + 1))) {
            throw ApiException.badRequest("the button's action_id and value name different actions");
        }
        String url = responseUrl.get().toString();
        String who = callerId(userId, userName);
        Role role = users.get(userId);
        if (role == null || !role.implies(Role.OPERATOR)) {
            refuse(bound, who, userId, press, role, url, now);
            return Result.ok(Map.of("status", "refused"));
        }
        Caller caller = new Caller(who, who, Caller.Kind.PERSON, Set.of(role), "slack-signature");
        if (press.kind().equals(SlackButton.APPROVE) && userId.equals(press.requester())) {
            reply(bound, url, ephemeral(":no_entry: You asked for *" + SlackText.mrkdwn(press.action(), 200)
                    + "*: a different operator must approve it."), now);
            return Result.ok(Map.of("status", "approval_by_requester"));
        }
        String key = TRIGGER_ID.matcher(triggerId).matches() ? "slack:" + triggerId : null;
        CompletableFuture<TriggerOutcome> outcome;
        try {
            outcome = press.incident() != null
                    ? bound.incidents().runFixAsync(press.incident(), caller, key, press.token())
                    : bound.actions().triggerAsync(new TriggerRequest(press.action(), press.params(), caller, key,
                            press.token()));
        } catch (RuntimeException e) { // unknown action, invalid parameters (audited), incident gone or fixed
            reply(bound, url, ephemeral(":warning: *" + SlackText.mrkdwn(press.action(), 200) + "* was not run: "
                    + SlackText.mrkdwn(String.valueOf(e.getMessage()), 1000)), now);
            return Result.ok(Map.of("status", "not_run"));
        }
        outcome.whenComplete((result, error) -> {
            Instant at = bound.clock().instant();
            if (error != null) {
                log.warn("Slack press of '{}' by {} ended without an outcome", press.action(), who, error);
                reply(bound, url, ephemeral(":warning: *" + press.action() + "* ended without an outcome: "
                        + error.getClass().getSimpleName()), at);
            } else {
                reply(bound, url, answer(result, press, userId), at);
            }
        });
        return Result.ok(Map.of("status", "accepted"));
    }

    private static Result ignored(String what) {
        return Result.ok(Map.of("status", "ignored", "reason", what));
    }

    /** Whether {@code pressId} is new; remembers it for {@link #REMEMBER}. */
    private boolean firstTime(String pressId, Instant now) {
        synchronized (seen) {
            Iterator<Instant> oldest = seen.values().iterator();
            while (oldest.hasNext()) {
                Instant at = oldest.next();
                if (at.plus(REMEMBER).isAfter(now) && seen.size() < MAX_REMEMBERED) {
                    break;
                }
                oldest.remove();
            }
            return seen.putIfAbsent(pressId, now) == null;
        }
    }

    private void refuse(Monitor bound, String who, String userId, Press press, @Nullable Role role, String url, Instant now) {
        String why = role == null ? "Slack user " + userId + " is not mapped to a Vigil role (monitor.alerts.slack.users)"
                : "Slack user " + userId + " has the role " + role.jsonName() + ", which may not trigger actions (operator)";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("params", press.params());
        details.put("via", "slack");
        try {
            bound.audit().add(new AuditEntry(AuditEntry.newId(), now, AuditEntry.Type.ACTION, who, press.action(), details,
                    "refused", why));
        } catch (RuntimeException e) {
            log.warn("Could not audit a refused Slack press by {}: {}", who, e.toString());
        }
        bound.security().record(SecurityEvent.builder(SecurityEventType.FORBIDDEN, now)
                .user(who).route(PATH).description(why + "; pressed " + press.action()).build());
        log.info("Slack press of '{}' refused: {}", press.action(), why);
        reply(bound, url, ephemeral(":no_entry: You are not allowed to run Vigil actions from Slack. Ask an admin to map"
                + " your Slack user (" + userId + ") to the operator role."), now);
    }

    /** The answer to post for {@code outcome}: the channel sees runs and approval requests, the presser refusals. */
    private ObjectNode answer(TriggerOutcome outcome, Press press, String userId) {
        String action = "*" + SlackText.mrkdwn(BriefingService.label(outcome.actionId()), 100) + "* (`"
                + SlackText.mrkdwn(outcome.actionId(), 100) + "`)";
        String message = SlackText.mrkdwn(outcome.message(), 1500);
        String repeat = outcome.replayed() ? " (a repeated press: the first run's outcome)" : "";
        String approvedBy = press.kind().equals(SlackButton.APPROVE) ? ", approved by <@" + userId + ">" : "";
        return switch (outcome.status()) {
            case SUCCEEDED -> inChannel(":white_check_mark: " + action + " succeeded" + repeat + " — pressed by <@"
                    + (press.requester() != null ? press.requester() : userId) + ">" + approvedBy + ": " + message
                    + "\nAudit id `" + outcome.auditId() + "`", press.kind().equals(SlackButton.APPROVE));
            case FAILED -> inChannel(":x: " + action + " failed" + repeat + " — pressed by <@"
                    + (press.requester() != null ? press.requester() : userId) + ">" + approvedBy + ": " + message
                    + "\nAudit id `" + outcome.auditId() + "`", press.kind().equals(SlackButton.APPROVE));
            case REJECTED -> ephemeral(":no_entry: " + action + " was not run ("
                    + outcome.rejectionReason().map(TriggerOutcome.Rejection::jsonName).orElse("rejected") + "): " + message);
            case PENDING_APPROVAL -> approvalRequest(outcome, press, userId, action);
        };
    }

    private ObjectNode approvalRequest(TriggerOutcome outcome, Press press, String userId, String action) {
        String text = ":warning: <@" + userId + "> asks to run the critical action " + action
                + ". A different operator must approve it before " + outcome.approvalExpiresAt() + ".";
        ObjectNode json = inChannel(text, false);
        ObjectNode section = json.putArray("blocks").addObject();
        section.put("type", "section");
        ObjectNode mrkdwn = section.putObject("text");
        mrkdwn.put("type", "mrkdwn");
        mrkdwn.put("text", text);
        SlackButton approve = SlackButton.approve(outcome.actionId(), BriefingService.label(outcome.actionId()),
                press.params(), press.incident(), Objects.requireNonNull(outcome.approvalToken()), userId);
        ((com.fasterxml.jackson.databind.node.ArrayNode) json.get("blocks"))
                .add(SlackButton.block("vigil-approval-" + outcome.auditId(), List.of(approve)));
        return json;
    }

    private static ObjectNode inChannel(String text, boolean replaceOriginal) {
        ObjectNode json = NODES.objectNode();
        json.put("response_type", "in_channel");
        json.put("replace_original", replaceOriginal);
        json.put("text", text);
        return json;
    }

    private static ObjectNode ephemeral(String text) {
        ObjectNode json = NODES.objectNode();
        json.put("response_type", "ephemeral");
        json.put("replace_original", false);
        json.put("text", text);
        return json;
    }

    /** Puts {@code json} in the outbox for {@code url}; the reply sink posts it. */
    private void reply(Monitor bound, String url, ObjectNode json, Instant now) {
        String id = "slack-reply-" + UUID.randomUUID();
        Alert alert = new Alert(id, "slack-reply", id, Severity.INFO, AlertState.FIRING,
                new String(Json.write(json), StandardCharsets.UTF_8), Map.of(SlackReplySink.URL_LABEL, url), Double.NaN, now,
                now, null, false, null);
        try {
            bound.dispatcher().submitTo(new Notification(id, Notification.Kind.REPLY, alert, "slack", now), List.of(REPLY_SINK));
        } catch (RuntimeException e) {
            log.warn("The answer to a Slack press could not be put in the outbox: {}", e.toString());
        }
    }

    private static String callerId(String userId, String userName) {
        String name = userName.replaceAll("[^\\p{L}\\p{N}._-]", "");
        String id = "slack:" + userId + (name.isEmpty() ? "" : "(" + name + ")");
        return id.length() <= Caller.MAX_ID_LENGTH ? id : id.substring(0, Caller.MAX_ID_LENGTH - 1) + ")";
    }

    // ---------------------------------------------------------------- buttons

    /**
     * The buttons for {@code notification}: for a firing alert its suggested action, or the known fix of the
     * incident it is about; for the briefing the actions its critical alerts suggest and its incidents' known fixes.
     * Only registered actions whose parameters are all optional, at most {@link SlackButton#MAX_PER_BLOCK}; none
     * before {@link #bind}.
     */
    List<SlackButton> buttons(Notification notification) {
        Monitor bound = monitor;
        if (bound == null) {
            return List.of();
        }
        try {
            Map<String, SlackButton> byAction = new LinkedHashMap<>();
            Alert alert = notification.alert();
            switch (notification.kind()) {
                case FIRING -> {
                    alert.suggestedActionId().ifPresent(action -> offer(bound, byAction, action, alert.id(), null));
                    String incident = alert.labels().get("incident");
                    if (incident != null) {
                        knownFix(bound, incident).ifPresent(action -> offer(bound, byAction, action, alert.id(), incident));
                    }
                }
                case BRIEFING -> briefingButtons(bound, alert, byAction);
                default -> {
                }
            }
            return byAction.values().stream().filter(SlackButton::fits).limit(SlackButton.MAX_PER_BLOCK).toList();
        } catch (RuntimeException e) {
            log.warn("Slack message for {} goes without buttons: {}", notification.id(), e.toString());
            return List.of();
        }
    }

    private void briefingButtons(Monitor bound, Alert alert, Map<String, SlackButton> byAction) {
        LocalDate date;
        try {
            date = LocalDate.parse(alert.labels().getOrDefault("date", ""));
        } catch (DateTimeParseException e) {
            return;
        }
        Optional<dev.vigil.briefing.StoredBriefing> stored = bound.briefings().stored(date);
        if (stored.isEmpty()) {
            return;
        }
        JsonNode briefing;
        try {
            briefing = Json.mapper().readTree(stored.get().json());
        } catch (IOException e) {
            return;
        }
        for (JsonNode critical : briefing.path("alerts").path("critical")) {
            String action = critical.path("suggestedAction").asText("");
            if (!action.isEmpty()) {
                offer(bound, byAction, action, critical.path("id").asText(null), null);
            }
        }
        for (JsonNode recommendation : briefing.path("recommendations")) {
            String action = recommendation.path("action").asText("");
            String source = recommendation.path("source").asText("");
            if (!action.isEmpty()) {
                offer(bound, byAction, action, null, source.startsWith("incident:") ? source.substring(9) : null);
            }
        }
        for (JsonNode available : briefing.path("actions")) {
            if (available.path("suggested").asBoolean()) {
                offer(bound, byAction, available.path("id").asText(""), null, null);
            }
        }
    }

    private static Optional<String> knownFix(Monitor bound, String incidentId) {
        Optional<Incident> incident = bound.incidents().find(incidentId);
        return incident.filter(Incident::open).flatMap(bound.incidents()::suggestedFix).map(FixSuggestion::action);
    }

    private static void offer(Monitor bound, Map<String, SlackButton> byAction, String action, @Nullable String alertId,
            @Nullable String incidentId) {
        if (byAction.containsKey(action)) {
            return;
        }
        Optional<ActionRegistration> registration = bound.actions().registration(action);
        if (registration.isEmpty() || registration.get().parameters().stream().anyMatch(ActionParameter::required)) {
            return;
        }
        byAction.put(action, SlackButton.run(action, BriefingService.label(action), registration.get().description(),
                alertId, incidentId, registration.get().critical()));
    }

    // ---------------------------------------------------------------- the button's value

    /** What a pressed button's value says. */
    private record Press(String kind, String action, Map<String, Object> params, @Nullable String alert,
            @Nullable String incident, @Nullable String token, @Nullable String requester) {

        static Press of(String kind, String value) {
            if (value.isEmpty() || value.length() > SlackButton.MAX_VALUE) {
                throw new IllegalArgumentException("no value");
            }
            JsonNode json;
            try {
                json = Json.mapper().readTree(value);
            } catch (IOException e) {
                throw new IllegalArgumentException("not JSON");
            }
            if (json == null || !json.isObject() || !json.path("action").isTextual()) {
                throw new IllegalArgumentException("no action");
            }
            Map<String, Object> params = new LinkedHashMap<>();
            if (json.has("params")) {
                if (!json.get("params").isObject()) {
                    throw new IllegalArgumentException("params is not an object");
                }
                json.get("params").fields().forEachRemaining(field ->
                        params.put(field.getKey(), Json.mapper().convertValue(field.getValue(), Object.class)));
            }
            String requester = text(json, "requester");
            String token = text(json, "token");
            if (kind.equals(SlackButton.APPROVE) && (token == null || requester == null)) {
                throw new IllegalArgumentException("an approval without token or requester");
            }
            return new Press(kind, json.get("action").asText(), params, text(json, "alert"), text(json, "incident"),
                    kind.equals(SlackButton.APPROVE) ? token : null, requester);
        }

        private static @Nullable String text(JsonNode json, String field) {
            JsonNode node = json.get(field);
            return node == null || !node.isTextual() || node.asText().isBlank() ? null : node.asText();
        }
    }

    // ---------------------------------------------------------------- builder

    /** Settings of {@link SlackInteractions}; {@link #build()} validates them. */
    public static final class Builder {

        private final Set<String> secrets = new LinkedHashSet<>();
        private final Map<String, Role> users = new LinkedHashMap<>();
        private List<String> responseUrlPrefixes = List.of(ResponseUrls.SLACK);
        private Duration timeout = SlackAlertSink.DEFAULT_TIMEOUT;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** A signing secret of the Slack app (Basic Information → App Credentials); add the old one too while rotating. */
        public Builder signingSecret(String secret) {
            if (secret == null || secret.isBlank()) {
                throw new IllegalArgumentException("monitor.alerts.slack.signing-secret must not be blank");
            }
            secrets.add(secret.strip());
            return this;
        }

        /** Maps a Slack user id (e.g. {@code U024BE7LH}) to the Vigil role its presses have. */
        public Builder user(String slackUserId, Role role) {
            Objects.requireNonNull(role, "role");
            if (slackUserId == null || !USER_ID.matcher(slackUserId.strip()).matches()) {
                throw new IllegalArgumentException("monitor.alerts.slack.users: '" + slackUserId
                        + "' is not a Slack user id such as U024BE7LH");
            }
            users.put(slackUserId.strip(), role);
            return this;
        }

        /**
         * The URL prefixes a payload's {@code response_url} must start with (default {@code https://hooks.slack.com/});
         * a bare host stands for {@code https://<host>/}. Tests point it at a local stub, e.g. {@code http://127.0.0.1:8089/}.
         */
        public Builder responseUrlPrefixes(List<String> prefixes) {
            this.responseUrlPrefixes = List.copyOf(prefixes);
            return this;
        }

        /** How long a post to a response URL may take; default {@link SlackAlertSink#DEFAULT_TIMEOUT}. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The clock the reply sink judges a response URL's age by (the monitor's clock judges requests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the interactions.
         *
         * @throws IllegalArgumentException naming the setting that is missing or wrong (never a secret's value)
         */
        public SlackInteractions build() {
            if (secrets.isEmpty()) {
                throw new IllegalArgumentException("monitor.alerts.slack.signing-secret is required for Slack buttons");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            return new SlackInteractions(this);
        }
    }

    @Override
    public String toString() {
        return "SlackInteractions[secrets=" + secrets.size() + ", users=" + users.size() + "]";
    }
}
