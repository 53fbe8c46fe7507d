package dev.vigil.incident;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.jspecify.annotations.Nullable;

/**
 * Sentry integration-platform webhooks: checks their signature and turns the {@code error}, {@code issue} (action
 * {@code created}) and {@code event_alert} resources into {@link ErrorEvent}s. Events are grouped by Sentry's issue
 * ({@code sentry-issue:<id>}) when the payload names one, so Vigil's incidents follow Sentry's grouping.
 */
public final class SentryWebhook {

    /** The resources that become error events. */
    public static final List<String> RESOURCES = List.of("error", "issue", "event_alert");

    private final List<byte[]> secrets;

    /** A webhook accepting payloads signed with any of {@code clientSecrets} (several during a rotation). */
    public SentryWebhook(List<String> clientSecrets) {
        this.secrets = Objects.requireNonNull(clientSecrets, "clientSecrets").stream()
                .map(secret -> secret.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Whether any secret is configured; without one every payload is refused. */
    public boolean configured() {
        return !secrets.isEmpty();
    }

    /**
     * Whether {@code signature} (the {@code Sentry-Hook-Signature} header) is the hex HMAC-SHA256 of {@code body},
     * the bytes as they came, under one of the secrets; compared in constant time.
     */
    public boolean verify(byte[] body, @Nullable String signature) {
        if (signature == null || signature.isBlank() || secrets.isEmpty()) {
            return false;
        }
        byte[] given = signature.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        boolean valid = false;
        for (byte[] secret : secrets) {
            byte[] expected = sign(secret, body).getBytes(StandardCharsets.US_ASCII);
            valid |= MessageDigest.isEqual(expected, given);
        }
        return valid;
    }

    /** The hex HMAC-SHA256 of {@code body} under {@code secret}, as Sentry signs it. */
    public static String sign(String secret, byte[] body) {
        return sign(secret.getBytes(StandardCharsets.UTF_8), body);
    }

    private static String sign(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * The error event a payload of {@code resource} describes, or empty for resources and actions that describe
     * none (installations, comments, metric alerts, issues resolved or assigned...).
     *
     * @param receivedAt the time for an event whose payload gives none
     * @throws IllegalArgumentException if a payload of an event resource lacks its {@code data} object
     */
    public Optional<ErrorEvent> toEvent(String resource, JsonNode payload, Instant receivedAt) {
        if (!RESOURCES.contains(resource)) {
            return Optional.empty();
        }
        if (resource.equals("issue") && !payload.path("action").asText("").equals("created")) {
            return Optional.empty();
        }
        String key = resource.equals("event_alert") ? "event" : resource;
        JsonNode data = payload.path("data").path(key);
        if (!data.isObject()) {
            throw new IllegalArgumentException("a Sentry '" + resource + "' payload has data." + key + " as an object");
        }
        JsonNode exception = lastException(data);
        String type = firstText(exception.path("type"), data.path("metadata").path("type"));
        String message = firstText(exception.path("value"), data.path("metadata").path("value"), data.path("message"),
                data.path("title"));
        if (message.isBlank()) {
            message = type.isBlank() ? "Sentry " + resource : type;
        }
        Map<String, String> context = new LinkedHashMap<>();
        String project = firstText(data.path("project").path("slug"), data.path("project_slug"), data.path("project"));
        if (!project.isBlank()) {
            context.put("application", cut(project, ErrorEvent.MAX_CONTEXT_VALUE));
        }
        Map<String, String> tags = tags(data.path("tags"));
        String endpoint = firstText(data.path("transaction"), tags.containsKey("transaction")
                ? TextNode.valueOf(tags.get("transaction")) : missing(),
                data.path("request").path("url"));
        if (!endpoint.isBlank()) {
            context.put("endpoint", cut(endpoint, ErrorEvent.MAX_CONTEXT_VALUE));
        }
        put(context, "culprit", data.path("culprit"));
        put(context, "level", data.path("level"));
        put(context, "platform", data.path("platform"));
        put(context, "environment", tags.containsKey("environment")
                ? TextNode.valueOf(tags.get("environment")) : data.path("environment"));
        put(context, "release", data.path("release"));
        put(context, "sentry_event_id", data.path("event_id"));
        String issueId = firstText(data.path("issue_id"), resource.equals("issue") ? data.path("id") : missing());
        put(context, "sentry_issue_id", TextNode.valueOf(issueId));
        put(context, "sentry_url", data.path("web_url"));
        String level = data.path("level").asText("");
        IncidentSeverity severity = level.equals("fatal") ? IncidentSeverity.CRITICAL : null;
        Instant at = time(firstText(data.path("datetime"), data.path("lastSeen"), data.path("firstSeen")), receivedAt);
        return Optional.of(new ErrorEvent(cut(message, ErrorEvent.MAX_MESSAGE), cut(type, ErrorEvent.MAX_TYPE),
                stack(exception), context, severity, "sentry", issueId.isBlank() ? null : cut("sentry-issue:" + issueId,
                        ErrorEvent.MAX_TAG), at));
    }

    private static JsonNode lastException(JsonNode data) {
        JsonNode values = data.path("exception").path("values");
        return values.isArray() && !values.isEmpty() ? values.get(values.size() - 1) : missing();
    }

    /** The frames, innermost first (Sentry lists them outermost first), as {@code at function (file:line)} lines. */
    private static String stack(JsonNode exception) {
        JsonNode frames = exception.path("stacktrace").path("frames");
        if (!frames.isArray()) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        for (int i = frames.size() - 1; i >= 0 && lines.size() < 100; i--) {
            JsonNode frame = frames.get(i);
            String function = firstText(frame.path("function"));
            String file = firstText(frame.path("filename"), frame.path("abs_path"), frame.path("module"));
            String line = frame.path("lineno").isNumber() ? ":" + frame.path("lineno").asInt() : "";
            lines.add("    at " + (function.isBlank() ? "?" : function) + " (" + file + line + ")");
        }
        return String.join("\n", lines);
    }

    private static Map<String, String> tags(JsonNode tags) {
        Map<String, String> found = new LinkedHashMap<>();
        if (tags.isArray()) {
            for (JsonNode tag : tags) {
                if (tag.isArray() && tag.size() == 2) {
                    found.put(tag.get(0).asText(), tag.get(1).asText());
                } else if (tag.isObject()) {
                    found.put(tag.path("key").asText(), tag.path("value").asText());
                }
            }
        }
        return found;
    }

    private static void put(Map<String, String> context, String key, JsonNode value) {
        String text = firstText(value);
        if (!text.isBlank() && context.size() < ErrorEvent.MAX_CONTEXT_ENTRIES) {
            context.put(key, cut(text, ErrorEvent.MAX_CONTEXT_VALUE));
        }
    }

    private static String firstText(JsonNode... nodes) {
        for (JsonNode node : nodes) {
            if (node != null && (node.isTextual() || node.isNumber()) && !node.asText().isBlank()) {
                return node.asText();
            }
        }
        return "";
    }

    private static Instant time(String text, Instant fallback) {
        try {
            return text.isBlank() ? fallback : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    private static JsonNode missing() {
        return MissingNode.getInstance();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
