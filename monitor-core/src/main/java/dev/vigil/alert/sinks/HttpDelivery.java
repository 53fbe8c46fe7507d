package dev.vigil.alert.sinks;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import dev.vigil.alert.DeliveryException;
import dev.vigil.internal.HumanText;

/**
 * Posts a JSON body with the JDK client and turns the outcome into {@link DeliveryException}s whose
 * messages never contain the URL, its path or query, or header values (they may carry tokens).
 * Not API.
 */
final class HttpDelivery {

    private static final String REDACTED = "[redacted]";

    private final String what;
    private final URI url;
    private final Duration timeout;
    private final Clock clock;
    private final Map<String, String> headers;
    private final HttpClient client;
    private final List<String> secrets;

    HttpDelivery(String what, URI url, Duration timeout, Clock clock, Map<String, String> headers,
            Collection<String> extraSecrets) {
        this.what = what;
        this.url = url;
        this.timeout = timeout;
        this.clock = clock;
        this.headers = Map.copyOf(headers);
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
        List<String> hidden = new ArrayList<>();
        hidden.add(url.toString());
        if (url.getRawPath() != null && url.getRawPath().length() > 1) {
            hidden.add(url.getRawPath());
        }
        if (url.getRawQuery() != null && !url.getRawQuery().isEmpty()) {
            hidden.add(url.getRawQuery());
        }
        if (url.getRawUserInfo() != null) {
            hidden.add(url.getRawUserInfo());
        }
        this.headers.values().forEach(value -> {
            if (!value.isBlank()) {
                hidden.add(value);
            }
        });
        extraSecrets.forEach(secret -> {
            if (!secret.isEmpty()) {
                hidden.add(secret);
            }
        });
        hidden.sort((a, b) -> Integer.compare(b.length(), a.length()));
        this.secrets = List.copyOf(hidden);
    }

    /** Checks that a URL can be used as a sink target, with a message that never repeats it. */
    static URI validate(String what, URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(what + " URL must start with http:// or https://");
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw new IllegalArgumentException(what + " URL must name a host");
        }
        return url;
    }

    /** Checks that a header can be sent (the JDK client refuses some, e.g. Host or Content-Length). */
    static void validateHeader(URI url, String name, String value) {
        try {
            HttpRequest.newBuilder(url).header(name, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("header '" + name + "' cannot be set on an alert sink request");
        }
    }

    /** Posts {@code body} with the configured and the given headers; returns normally on a 2xx response. */
    void post(byte[] body, Map<String, String> moreHeaders) throws DeliveryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "vigil")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        moreHeaders.forEach(request::header);
        HttpResponse<Void> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            throw DeliveryException.transientFailure(what + " timed out after " + HumanText.duration(timeout), (Duration) null);
        } catch (ConnectException e) {
            throw DeliveryException.transientFailure(what + " connection failed: " + describe(e), (Duration) null);
        } catch (IOException e) {
            throw DeliveryException.transientFailure(what + " request failed: " + describe(e), (Duration) null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.transientFailure(what + " request interrupted", (Duration) null);
        }
        check(response.statusCode(), response.headers());
    }

    /** Turns a status into success (2xx) or a permanent or transient failure. */
    void check(int status, HttpHeaders responseHeaders) throws DeliveryException {
        if (status >= 200 && status < 300) {
            return;
        }
        String text = what + " returned HTTP " + status;
        if (status >= 300 && status < 400) {
            throw DeliveryException.permanent(text + "; redirects are not followed");
        }
        if (status == 429 || status == 408 || status >= 500) {
            Duration retryAfter = responseHeaders.firstValue("Retry-After")
                    .flatMap(value -> retryAfter(value, clock.instant()))
                    .orElse(null);
            throw DeliveryException.transientFailure(
                    retryAfter == null ? text : text + ", retry after " + HumanText.duration(retryAfter), retryAfter);
        }
        throw DeliveryException.permanent(text);
    }

    /** Parses a {@code Retry-After} value: delay seconds or an HTTP date; empty when neither. */
    static Optional<Duration> retryAfter(String value, Instant now) {
        String text = value.strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The exception's class and message (or its first cause's), with the URL and every secret removed. */
    String describe(Throwable error) {
        String message = error.getMessage();
        for (Throwable cause = error.getCause(); (message == null || message.isBlank()) && cause != null
                && cause != cause.getCause(); cause = cause.getCause()) {
            message = cause.getMessage();
        }
        String text = error.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
        return redact(text);
    }

    String redact(String text) {
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, REDACTED);
        }
        return result;
    }
}
