package dev.vigil.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link Operation}'s handler answers, before any transport renders it: a status, a body of
 * JSON-friendly values (maps, lists, strings, numbers, booleans, records Jackson can write) or none, and
 * extra headers. {@link MonitorApi} writes it as JSON with {@code Cache-Control: no-store}; another
 * transport (an MCP tool call, say) may hand the body on as it is. A body that is a {@link Text}
 * ({@link #text}) is written as that text with its own content type instead.
 *
 * @param status the HTTP status
 * @param body the body, or null for none
 * @param headers extra headers, e.g. {@code Retry-After}
 */
public record Result(int status, @Nullable Object body, Map<String, String> headers) {

    public Result {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        headers = Map.copyOf(headers);
    }

    /** 200 with {@code body}. */
    public static Result ok(Object body) {
        return of(200, body);
    }

    /** 201 with {@code body}: something was created. */
    public static Result created(Object body) {
        return of(201, body);
    }

    /** 204 without a body. */
    public static Result noContent() {
        return new Result(204, null, Map.of());
    }

    /** {@code status} with {@code body}. */
    public static Result of(int status, Object body) {
        return new Result(status, Objects.requireNonNull(body, "body"), Map.of());
    }

    /** An error in Vigil's one shape, {@code {"error": code, "message": message}}, with any status (a 5xx too). */
    public static Result error(int status, String code, String message) {
        return of(status, ApiException.body(code, message, null));
    }

    /**
     * 200 with {@code content} as the body, written as UTF-8 text with {@code contentType} (e.g.
     * {@code text/markdown}) instead of JSON.
     */
    public static Result text(String contentType, String content) {
        return new Result(200, new Text(contentType, content), Map.of());
    }

    /**
     * A text body and its content type; {@code charset=utf-8} is added to the content type when written.
     *
     * @param contentType the media type, e.g. {@code text/markdown}
     * @param content the text
     */
    public record Text(String contentType, String content) {
        public Text {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(content, "content");
            if (contentType.isBlank() || contentType.contains(";") || contentType.contains("\n")) {
                throw new IllegalArgumentException("a text body's content type is a bare media type such as text/markdown,"
                        + " was '" + contentType + "'");
            }
        }
    }

    /** This result with one more header. */
    public Result withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new Result(status, body, more);
    }
}
