package dev.vigil.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A request the API refuses, with what to answer: the HTTP status and Vigil's one error body,
 * {@code {"error": "<code>", "message": "<human text>", "field": "<name>"}} ({@code field} only when one
 * field of the request body is at fault). Messages name fields and allowed values, never Java types.
 *
 * <p>Thrown by {@link BodySpec#read} and by endpoints; {@link MonitorApi} answers with
 * {@link #toResponse()}, and so can any host code that reads a body with a {@link BodySpec}.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final @Nullable String field;

    /**
     * @param status the HTTP status, 4xx
     * @param code a short machine-readable reason, e.g. {@code unknown_field}
     * @param message the human reason
     * @param field the body field at fault, if one is
     */
    public ApiException(int status, String code, String message, @Nullable String field) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("an ApiException is a client error (4xx), not " + status);
        }
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
    }

    /** 400 {@code invalid_field}: {@code field}'s value is not acceptable. */
    public static ApiException invalidField(String field, String message) {
        return new ApiException(400, "invalid_field", message, Objects.requireNonNull(field, "field"));
    }

    /** 400 {@code bad_request}: the request is wrong as a whole, not in one field. */
    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message, null);
    }

    /** 413 {@code payload_too_large}: the body is longer than {@code maxBytes}. */
    public static ApiException payloadTooLarge(int maxBytes) {
        return new ApiException(413, "payload_too_large", "Request bodies are limited to " + maxBytes + " bytes", null);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The machine-readable reason. */
    public String code() {
        return code;
    }

    /** The body field at fault, if one is. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** The error as the API answers it. */
    public ApiResponse toResponse() {
        return MonitorApi.error(status, code, getMessage(), field);
    }

    /** The error body: {@code error}, {@code message} and, when set, {@code field}. */
    static Map<String, Object> body(String code, String message, @Nullable String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        if (field != null) {
            body.put("field", field);
        }
        return body;
    }
}
