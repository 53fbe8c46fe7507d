package dev.vigil.health.checks;

import dev.vigil.internal.HumanText;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import dev.vigil.health.HealthCheck;
import dev.vigil.health.HealthResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes an HTTP endpoint with a {@code GET} and checks the status, the response time and
 * optionally the body, using the JDK's {@link HttpClient}.
 *
 * <ul>
 *   <li>a status other than {@link #expectedStatus()} is DOWN ({@code expected HTTP 200, got 503});
 *       redirects are not followed by the default client, so the status compared is exactly the
 *       endpoint's;</li>
 *   <li>no response within {@link #requestTimeout()} is DOWN ({@code timed out after 5s}), and so
 *       is a refused or unreachable connection (with the exception's text);</li>
 *   <li>with {@link Builder#bodyContains(String)}, a body (its first {@value #MAX_BODY_BYTES}
 *       bytes, read as UTF-8) without that text is DOWN; larger bodies are never read in full;</li>
 *   <li>a response that is otherwise fine but slower than {@link #maxResponseTime()} is DEGRADED
 *       ({@code responded in 2.4s, above 2s}).</li>
 * </ul>
 *
 * <p>Response time runs from sending the request to receiving the headers, plus reading the body
 * when its content is checked. Keep {@link #requestTimeout()} below the registration's timeout, so
 * the check's own, more precise result is reported.
 *
 * <p>Headers set with {@link Builder#header(String, String)} (e.g. {@code Authorization}) may be
 * secrets: their values never appear in results, logs, exception messages or {@link #toString()}.
 * The URL in results and logs is {@code scheme://host:port/path} only, without the query string,
 * which may carry a token.
 *
 * <pre>{@code
 * HealthCheck inventory = HttpEndpointCheck.builder(URI.create("https://inventory.internal/health"))
 *         .bodyContains("\"status\":\"UP\"")
 *         .header("Authorization", "Bearer " + token)
 *         .maxResponseTime(Duration.ofMillis(500))
 *         .build();
 * }</pre>
 *
 * <p>Details: {@code url}, {@code statusCode} (when a response arrived), {@code responseTimeMs}.
 */
public final class HttpEndpointCheck implements HealthCheck {

    /** HTTP 200 is expected unless configured otherwise. */
    public static final int DEFAULT_EXPECTED_STATUS = 200;
    /** A response slower than 2 seconds is DEGRADED unless configured otherwise. */
    public static final Duration DEFAULT_MAX_RESPONSE_TIME = Duration.ofSeconds(2);
    /** No response within 5 seconds is DOWN unless configured otherwise. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** At most this many bytes of the body are read to look for {@link Builder#bodyContains(String)}: 64 KB. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(HttpEndpointCheck.class);
    private static final String SETTING = "monitor.checks.http";

    private final URI url;
    private final String safeUrl;
    private final int expectedStatus;
    private final Duration maxResponseTime;
    private final Duration requestTimeout;
    private final @Nullable String bodyContains;
    private final Set<String> headerNames;
    private final HttpClient client;
    private final HttpRequest request;
    private final LongSupplier nanoTime;

    private HttpEndpointCheck(Builder builder, String safeUrl, HttpRequest request) {
        this.url = builder.url;
        this.safeUrl = safeUrl;
        this.expectedStatus = builder.expectedStatus;
        this.maxResponseTime = builder.maxResponseTime;
        this.requestTimeout = builder.requestTimeout;
        this.bodyContains = builder.bodyContains;
        this.headerNames = Collections.unmodifiableSet(new LinkedHashSet<>(builder.headers.keySet()));
        this.client = builder.client != null ? builder.client : HttpClient.newBuilder()
                .connectTimeout(builder.requestTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.request = request;
        this.nanoTime = builder.nanoTime;
    }

    /** A check of {@code url} with the defaults: expects 200 within 2 s, times out after 5 s. */
    public static HttpEndpointCheck of(URI url) {
        return builder(url).build();
    }

    /** Starts a check of {@code url}, an absolute {@code http} or {@code https} URL. */
    public static Builder builder(URI url) {
        return new Builder(url);
    }

    /** The URL probed, as configured (including any query string). */
    public URI url() {
        return url;
    }

    /** The status the endpoint must answer with. */
    public int expectedStatus() {
        return expectedStatus;
    }

    /** Response time above which the check is DEGRADED. */
    public Duration maxResponseTime() {
        return maxResponseTime;
    }

    /** Time after which a request without response is DOWN. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Text the response body must contain, if configured. */
    public Optional<String> bodyContains() {
        return Optional.ofNullable(bodyContains);
    }

    /** Names of the headers sent with the request; their values are not exposed. */
    public Set<String> headerNames() {
        return headerNames;
    }

    /**
     * Sends the request and judges the response.
     *
     * @throws InterruptedException if the thread is interrupted, e.g. because the run timed out
     */
    @Override
    public HealthResult check() throws InterruptedException {
        long start = nanoTime.getAsLong();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            return failed("connect timed out after " + HumanText.duration(requestTimeout), start);
        } catch (HttpTimeoutException e) {
            return failed("timed out after " + HumanText.duration(requestTimeout), start);
        } catch (IOException e) {
            log.debug("HTTP health check of {} failed", safeUrl, e);
            return failed(describe(e), start);
        }
        int status = response.statusCode();
        String bodyProblem = null;
        try (InputStream body = response.body()) { // closing unread abandons the body instead of downloading it
            if (bodyContains != null && status == expectedStatus) {
                bodyProblem = findBodyProblem(body, bodyContains);
            }
        } catch (IOException e) {
            log.debug("HTTP health check of {} failed reading the body", safeUrl, e);
            return failed("reading the response body failed: " + describe(e), start).withDetail("statusCode", status);
        }
        Duration took = elapsedSince(start);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("url", safeUrl);
        details.put("statusCode", status);
        details.put("responseTimeMs", took.toMillis());
        HealthResult result;
        if (status != expectedStatus) {
            result = HealthResult.down("expected HTTP " + expectedStatus + ", got " + status);
        } else if (bodyProblem != null) {
            result = HealthResult.down(bodyProblem);
        } else if (took.compareTo(maxResponseTime) > 0) {
            result = HealthResult.degraded("responded in " + HumanText.duration(took)
                    + ", above " + HumanText.duration(maxResponseTime));
        } else {
            result = HealthResult.up("HTTP " + status + " in " + HumanText.duration(took));
        }
        return result.withDetails(details);
    }

    private static @Nullable String findBodyProblem(InputStream body, String expected) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        boolean truncated = bytes.length > MAX_BODY_BYTES;
        String text = new String(bytes, 0, Math.min(bytes.length, MAX_BODY_BYTES), StandardCharsets.UTF_8);
        if (text.contains(expected)) {
            return null;
        }
        return truncated
                ? "the first " + HumanText.bytes(MAX_BODY_BYTES) + " of the response body do not contain '" + expected + "'"
                : "response body does not contain '" + expected + "'";
    }

    private HealthResult failed(String message, long start) {
        return HealthResult.down(message)
                .withDetail("url", safeUrl)
                .withDetail("responseTimeMs", elapsedSince(start).toMillis());
    }

    private Duration elapsedSince(long start) {
        return Duration.ofNanos(Math.max(0, nanoTime.getAsLong() - start));
    }

    /** The exception's type with the first message found along its causes: {@code ConnectException: Connection refused}. */
    private static String describe(Throwable error) {
        Throwable withMessage = error;
        while (isBlank(withMessage.getMessage()) && withMessage.getCause() != null && withMessage.getCause() != withMessage) {
            withMessage = withMessage.getCause();
        }
        String type = error.getClass().getSimpleName();
        String text = withMessage.getMessage();
        return isBlank(text) ? type : type + ": " + text;
    }

    private static boolean isBlank(@Nullable String text) {
        return text == null || text.isBlank();
    }

    /** {@code scheme://host:port/path}: no user info, query or fragment, which may carry credentials. */
    static String safeText(URI uri) {
        StringBuilder text = new StringBuilder();
        if (uri.getScheme() != null) {
            text.append(uri.getScheme()).append(':');
        }
        if (uri.getHost() != null) {
            text.append("//").append(uri.getHost());
            if (uri.getPort() != -1) {
                text.append(':').append(uri.getPort());
            }
        }
        if (uri.getRawPath() != null) {
            text.append(uri.getRawPath());
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "HttpEndpointCheck[GET " + safeUrl + ", expectedStatus=" + expectedStatus
                + ", maxResponseTime=" + HumanText.duration(maxResponseTime)
                + ", requestTimeout=" + HumanText.duration(requestTimeout) + "]";
    }

    /** Builds an {@link HttpEndpointCheck}. */
    public static final class Builder {
        private final URI url;
        private int expectedStatus = DEFAULT_EXPECTED_STATUS;
        private Duration maxResponseTime = DEFAULT_MAX_RESPONSE_TIME;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private @Nullable String bodyContains;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private @Nullable HttpClient client;
        private LongSupplier nanoTime = System::nanoTime;

        private Builder(URI url) {
            this.url = Objects.requireNonNull(url, "url");
        }

        /** The status the endpoint must answer with (default 200). */
        public Builder expectedStatus(int expectedStatus) {
            this.expectedStatus = expectedStatus;
            return this;
        }

        /** Response time above which a correct response is DEGRADED (default 2 s). */
        public Builder maxResponseTime(Duration maxResponseTime) {
            this.maxResponseTime = Objects.requireNonNull(maxResponseTime, "maxResponseTime");
            return this;
        }

        /** Time after which a request without response is DOWN; also the default client's connect timeout (default 5 s). */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
            return this;
        }

        /** Text the response body must contain (within its first 64 KB), else DOWN; not checked by default. */
        public Builder bodyContains(String text) {
            this.bodyContains = Objects.requireNonNull(text, "bodyContains");
            return this;
        }

        /** A header to send, e.g. {@code Authorization}; replaces an earlier value for the same name. Never shown. */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(value, () -> "value of header '" + name + "'");
            headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            headers.put(name, value);
            return this;
        }

        /** Headers to send, added to those set before. Never shown. */
        public Builder headers(Map<String, String> headers) {
            Objects.requireNonNull(headers, "headers").forEach(this::header);
            return this;
        }

        /**
         * A client to share with other checks instead of one per check. Its own settings apply:
         * connect timeout, proxy, TLS and redirect policy (use {@link HttpClient.Redirect#NEVER} to
         * compare the endpoint's own status).
         */
        public Builder httpClient(HttpClient client) {
            this.client = Objects.requireNonNull(client, "httpClient");
            return this;
        }

        /** The monotonic nanosecond source response times are measured with (default {@link System#nanoTime()}). */
        public Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException if a setting is invalid; the message names it
         */
        public HttpEndpointCheck build() {
            String safeUrl = safeText(url);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                throw new IllegalArgumentException(SETTING + ".url must be an absolute http or https URL with a host, was '"
                        + safeUrl + "'");
            }
            if (url.getRawUserInfo() != null) {
                throw new IllegalArgumentException(SETTING + ".url must not contain user info ('" + safeUrl
                        + "'): send credentials in a header such as Authorization");
            }
            if (expectedStatus < 100 || expectedStatus > 599) {
                throw new IllegalArgumentException(SETTING + ".expected-status must be an HTTP status 100..599, was "
                        + expectedStatus);
            }
            requirePositive("max-response-time", maxResponseTime);
            requirePositive("request-timeout", requestTimeout);
            if (bodyContains != null && bodyContains.isEmpty()) {
                throw new IllegalArgumentException(SETTING + ".body-contains must not be empty");
            }
            return new HttpEndpointCheck(this, safeUrl, request());
        }

        private HttpRequest request() {
            HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(requestTimeout);
            headers.forEach((name, value) -> {
                try {
                    HttpRequest.newBuilder(url).setHeader(name, "x"); // the JDK's message names only the header
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(SETTING + ".headers: " + e.getMessage());
                }
                try {
                    request.setHeader(name, value);
                } catch (IllegalArgumentException e) { // the JDK's message would show the value, which may be a secret
                    throw new IllegalArgumentException(SETTING + ".headers: the value of header '" + name
                            + "' is not a valid header value (not shown)");
                }
            });
            return request.build();
        }

        private static void requirePositive(String setting, Duration value) {
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(SETTING + "." + setting + " must be positive, was " + HumanText.duration(value));
            }
        }
    }
}
