package dev.vigil.alert.sinks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertSink;
import dev.vigil.alert.DeliveryException;
import dev.vigil.alert.Notification;
import dev.vigil.internal.Json;
import org.jspecify.annotations.Nullable;

/**
 * Posts notifications as JSON to an HTTP endpoint, optionally signed with HMAC-SHA256.
 *
 * <p>Body ({@code Content-Type: application/json}, one request per batch):
 * <pre>{@code
 * {"version": "1", "service": "shop", "notifications": [
 *   {"id": "n-1", "kind": "firing", "createdAt": "2026-01-01T00:00:00Z",
 *    "alert": {"id", "rule", "fingerprint", "severity": "critical", "state": "firing", "message",
 *              "labels": {...}, "value": 0.124 (null when none), "since", "firedAt", "resolvedAt",
 *              "acknowledged": false, "suggestedAction": null}}]}
 * }</pre>
 *
 * <p>With a secret, each request carries {@code X-Vigil-Timestamp} (epoch seconds) and
 * {@code X-Vigil-Signature: sha256=<hex>}, the lower-case hex HMAC-SHA256, keyed with the secret's
 * UTF-8 bytes, of {@code "<timestamp>.<raw body>"}. A receiver verifies by (1) reading the raw body
 * bytes before parsing them, (2) rejecting a timestamp more than a few minutes from its own clock
 * (replays), (3) computing the same HMAC and comparing it with the header in constant time —
 * {@link #verify} does exactly this.
 *
 * <p>2xx is success. Redirects are not followed: a 3xx is a permanent failure, as is any other 4xx
 * (the payload or the URL is wrong); 408, 429 and 5xx, timeouts and connection failures are retried,
 * after the {@code Retry-After} the receiver sent (seconds or an HTTP date), if any. Failure messages
 * name the status ("webhook returned HTTP 500"), never the URL, which may carry a token.
 */
public final class WebhookAlertSink implements AlertSink {

    /** Requests time out after 10 seconds by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The request header carrying the signing time, in epoch seconds. */
    public static final String TIMESTAMP_HEADER = "X-Vigil-Timestamp";
    /** The request header carrying {@code sha256=<hex HMAC>}. */
    public static final String SIGNATURE_HEADER = "X-Vigil-Signature";
    /** The version of the JSON body. */
    public static final String PAYLOAD_VERSION = "1";

    private static final String HMAC = "HmacSHA256";
    private static final String PREFIX = "sha256=";

    private final @Nullable String secret;
    private final Clock clock;
    private final HttpDelivery http;
    private final String host;

    private WebhookAlertSink(Builder builder) {
        this.secret = builder.secret;
        this.clock = builder.clock;
        this.host = builder.url.getHost();
        this.http = new HttpDelivery("webhook", builder.url, builder.timeout, builder.clock, builder.headers,
                builder.secret == null ? List.of() : List.of(builder.secret));
    }

    /** Starts building a sink that posts to {@code url} (http or https). */
    public static Builder builder(URI url) {
        return new Builder(url);
    }

    @Override
    public void send(List<Notification> batch) throws DeliveryException {
        if (batch.isEmpty()) {
            return;
        }
        byte[] body = Json.write(payload(batch));
        Map<String, String> headers = new LinkedHashMap<>();
        if (secret != null) {
            long timestamp = clock.instant().getEpochSecond();
            headers.put(TIMESTAMP_HEADER, Long.toString(timestamp));
            headers.put(SIGNATURE_HEADER, sign(secret, timestamp, body));
        }
        http.post(body, headers);
    }

    /** The JSON body for a batch, as maps and lists. */
    static Map<String, Object> payload(List<Notification> batch) {
        List<Object> notifications = new ArrayList<>(batch.size());
        for (Notification notification : batch) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", notification.id());
            json.put("kind", notification.kind().jsonName());
            json.put("alert", alertJson(notification.alert()));
            json.put("createdAt", notification.createdAt());
            notifications.add(json);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("version", PAYLOAD_VERSION);
        payload.put("service", batch.get(0).service());
        payload.put("notifications", notifications);
        return payload;
    }

    private static Map<String, Object> alertJson(Alert alert) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", alert.id());
        json.put("rule", alert.rule());
        json.put("fingerprint", alert.fingerprint());
        json.put("severity", alert.severity().jsonName());
        json.put("state", alert.state().jsonName());
        json.put("message", alert.message());
        json.put("labels", alert.labels());
        json.put("value", Double.isFinite(alert.value()) ? alert.value() : null);
        json.put("since", alert.since());
        json.put("firedAt", alert.firedAt());
        json.put("resolvedAt", alert.resolvedAt());
        json.put("acknowledged", alert.acknowledged());
        json.put("suggestedAction", alert.suggestedAction());
        return json;
    }

    /** The {@value #SIGNATURE_HEADER} value for a body signed at {@code timestamp}: {@code sha256=<hex>}. */
    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            byte[] digest = mac.doFinal(body);
            StringBuilder hex = new StringBuilder(PREFIX.length() + digest.length * 2).append(PREFIX);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return hex.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * Verifies a request as a receiver should: the timestamp is within {@code tolerance} of the clock
     * and the signature header matches the HMAC of {@code "<timestamp>.<body>"} (compared in constant time).
     *
     * @param secret the shared secret
     * @param timestamp the {@value #TIMESTAMP_HEADER} header (may be null when absent)
     * @param body the raw request body
     * @param signatureHeader the {@value #SIGNATURE_HEADER} header (may be null when absent)
     * @param clock the receiver's clock
     * @param tolerance how far the timestamp may be from the clock, e.g. 5 minutes
     * @return whether the request is authentic and fresh
     */
    public static boolean verify(String secret, @Nullable String timestamp, byte[] body, @Nullable String signatureHeader,
            Clock clock, Duration tolerance) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(body, "body");
        if (timestamp == null || signatureHeader == null || secret.isEmpty()) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        long age = Math.abs(clock.instant().getEpochSecond() - seconds);
        if (age > tolerance.getSeconds()) {
            return false;
        }
        byte[] expected = sign(secret, seconds, body).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = signatureHeader.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }

    @Override
    public String toString() {
        return "WebhookAlertSink[" + host + (secret != null ? ", signed" : "") + "]";
    }

    /** Builds a {@link WebhookAlertSink}. */
    public static final class Builder {
        private final URI url;
        private @Nullable String secret;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Clock clock = Clock.systemUTC();
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder(URI url) {
            this.url = HttpDelivery.validate("webhook", Objects.requireNonNull(url, "url"));
        }

        /** Signs every request with this shared secret (HMAC-SHA256); blank means unsigned. */
        public Builder secret(@Nullable String secret) {
            this.secret = secret == null || secret.isBlank() ? null : secret;
            return this;
        }

        /** How long to wait for connecting and for the response (default 10 s); keep it within the send timeout. */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("webhook timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** Adds a header to every request (e.g. {@code Authorization}); its value never appears in messages. */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.equalsIgnoreCase(TIMESTAMP_HEADER) || name.equalsIgnoreCase(SIGNATURE_HEADER)
                    || name.equalsIgnoreCase("Content-Type")) {
                throw new IllegalArgumentException("header '" + name + "' is set by the webhook sink itself");
            }
            HttpDelivery.validateHeader(url, name, value);
            headers.put(name, value);
            return this;
        }

        /** The clock for signature timestamps (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Builds the sink. */
        public WebhookAlertSink build() {
            return new WebhookAlertSink(this);
        }
    }
}
