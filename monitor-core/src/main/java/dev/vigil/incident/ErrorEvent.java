package dev.vigil.incident;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One reported error, in the shape the ingest API takes: the error ({@code message}, {@code type},
 * {@code stack}), its context ({@code application}, {@code endpoint} and any other string fields), and
 * optionally the reporter's severity, source and fingerprint. Many events group into one {@link Incident}.
 *
 * @param message what went wrong, 1..{@value #MAX_MESSAGE} characters
 * @param type the error's type or class, e.g. {@code TypeError}; empty when unknown
 * @param stack the stack trace, cut to {@value #MAX_STACK} characters; empty when none
 * @param context string facts: {@code application}, {@code endpoint}, user agent...; at most
 *        {@value #MAX_CONTEXT_ENTRIES} entries of {@value #MAX_CONTEXT_KEY}-character keys and
 *        {@value #MAX_CONTEXT_VALUE}-character values
 * @param severity the reporter's severity, which wins over classification, or null
 * @param source who reported it, e.g. {@code sentry}, {@code frontend}, {@code in-process}, or null
 * @param fingerprint the reporter's own grouping key, which wins over Vigil's, or null
 * @param at when it happened
 */
public record ErrorEvent(String message, String type, String stack, Map<String, String> context,
        @Nullable IncidentSeverity severity, @Nullable String source, @Nullable String fingerprint, Instant at) {

    /** The longest message accepted. */
    public static final int MAX_MESSAGE = 10_000;
    /** The longest type accepted. */
    public static final int MAX_TYPE = 200;
    /** Stacks are cut to this many characters. */
    public static final int MAX_STACK = 16_000;
    /** The most context entries accepted. */
    public static final int MAX_CONTEXT_ENTRIES = 30;
    /** The longest context key accepted. */
    public static final int MAX_CONTEXT_KEY = 100;
    /** The longest context value accepted. */
    public static final int MAX_CONTEXT_VALUE = 1_000;
    /** The longest source or fingerprint accepted. */
    public static final int MAX_TAG = 200;

    public ErrorEvent {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(at, "at");
        if (message.isBlank()) {
            throw new IllegalArgumentException("error.message must not be blank");
        }
        if (message.length() > MAX_MESSAGE) {
            throw new IllegalArgumentException("error.message must be at most " + MAX_MESSAGE + " characters; got "
                    + message.length());
        }
        if (type.length() > MAX_TYPE) {
            throw new IllegalArgumentException("error.type must be at most " + MAX_TYPE + " characters; got " + type.length());
        }
        if (stack.length() > MAX_STACK) {
            stack = stack.substring(0, MAX_STACK);
        }
        if (context.size() > MAX_CONTEXT_ENTRIES) {
            throw new IllegalArgumentException("context may have at most " + MAX_CONTEXT_ENTRIES + " entries; got "
                    + context.size());
        }
        Map<String, String> copy = new LinkedHashMap<>();
        context.forEach((key, value) -> {
            Objects.requireNonNull(key, "context key");
            Objects.requireNonNull(value, "context value");
            if (key.isEmpty() || key.length() > MAX_CONTEXT_KEY) {
                throw new IllegalArgumentException("context keys must be 1.." + MAX_CONTEXT_KEY + " characters");
            }
            if (value.length() > MAX_CONTEXT_VALUE) {
                throw new IllegalArgumentException("context." + key + " must be at most " + MAX_CONTEXT_VALUE
                        + " characters; got " + value.length());
            }
            copy.put(key, value);
        });
        context = Collections.unmodifiableMap(copy);
        source = tag("source", source);
        fingerprint = tag("fingerprint", fingerprint);
    }

    /** An event with only a message and a type, seen at {@code at}. */
    public static ErrorEvent of(String message, String type, Instant at) {
        return new ErrorEvent(message, type, "", Map.of(), null, null, null, at);
    }

    /**
     * The event for {@code error}, as the host's code reports it: its message (or its class name when it has
     * none), its class, its stack trace, and {@code context}; source {@code in-process}.
     */
    public static ErrorEvent of(Throwable error, Map<String, String> context, Instant at) {
        Objects.requireNonNull(error, "error");
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            message = error.getClass().getName();
        }
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE);
        }
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        String type = error.getClass().getName();
        return new ErrorEvent(message, type.length() > MAX_TYPE ? type.substring(0, MAX_TYPE) : type, trace.toString(),
                context, null, "in-process", null, at);
    }

    /** The application it happened in ({@code context.application}), if given. */
    public Optional<String> application() {
        return Optional.ofNullable(context.get("application")).filter(value -> !value.isBlank());
    }

    /** The endpoint it happened at ({@code context.endpoint}), if given. */
    public Optional<String> endpoint() {
        return Optional.ofNullable(context.get("endpoint")).filter(value -> !value.isBlank());
    }

    /** This event as the API shows it. */
    public Map<String, Object> toJson() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("stack", stack);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error", error);
        json.put("context", context);
        json.put("severity", severity == null ? null : severity.jsonName());
        json.put("source", source);
        json.put("fingerprint", fingerprint);
        json.put("at", at.toString());
        return json;
    }

    private static @Nullable String tag(String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TAG) {
            throw new IllegalArgumentException(name + " must be at most " + MAX_TAG + " characters; got " + value.length());
        }
        return value;
    }
}
