package dev.vigil.api;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A transport-neutral HTTP response produced by {@link MonitorApi}.
 *
 * @param status the HTTP status code
 * @param contentType the {@code Content-Type} header
 * @param headers further headers
 * @param body the body bytes
 */
public record ApiResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    /** Content type of every JSON response. */
    public static final String JSON = "application/json";

    public ApiResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
