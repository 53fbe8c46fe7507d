package dev.vigil.alert.slack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import dev.vigil.alert.AlertSink;
import dev.vigil.alert.DeliveryException;
import dev.vigil.alert.Notification;
import dev.vigil.internal.HumanText;
import dev.vigil.internal.Json;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each batch of notifications as one Block Kit message to a Slack
 * <a href="https://api.slack.com/messaging/webhooks">incoming webhook</a>: a header with the
 * severity emoji and title, then per notification a colour bar (red critical, orange warning, blue
 * info, green resolved) with the message, severity, state, service, value, since and labels, the
 * alert id and the suggested action. Messages stay within Slack's limits (50 blocks, 3000 characters
 * per section, 150 per header) however large the batch or its messages.
 *
 * <p>Failures are classified for the dispatcher: HTTP 429 (with {@code Retry-After}), 408, 5xx,
 * timeouts and connection failures are {@linkplain DeliveryException#transientFailure transient};
 * any other answer that is not 2xx ({@code invalid_payload}, {@code channel_not_found},
 * {@code channel_is_archived}, {@code action_prohibited}, {@code no_service}...) is
 * {@linkplain DeliveryException#permanent permanent}, since sending the same message again cannot fix it.
 *
 * <p>The webhook URL is a secret (anyone holding it can post to the channel): it never appears in
 * exception messages, logs or {@link #toString()}, which show only its host. It must use https;
 * plain http is accepted for {@code localhost} only, so that tests can use a local stub.
 *
 * <pre>{@code
 * AlertSink slack = SlackAlertSink.builder()
 *         .webhookUrl(URI.create(System.getenv("SLACK_WEBHOOK_URL")))
 *         .mentionOnCritical("<!here>")
 *         .build();
 * }</pre>
 *
 * <p>With {@link Builder#interactions(SlackInteractions)}, messages carry Block Kit buttons for their suggested
 * actions and known fixes, which run the actions when pressed (see {@link SlackInteractions}).
 *
 * <p>Channel, username and icon overrides are not offered: incoming webhooks post as the app to the
 * channel chosen when the webhook was created and ignore them.
 */
public final class SlackAlertSink implements AlertSink {

    /** How long a post may take, connecting included, unless {@link Builder#timeout(Duration)} says otherwise: 10 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The minimum interval between two messages to one webhook that wiring code should give the
     * dispatcher for this sink: Slack allows about one message per second per incoming webhook and
     * answers bursts with HTTP 429. The sink itself does not throttle; batching and pacing are the
     * dispatcher's job.
     */
    public static final Duration RECOMMENDED_MIN_INTERVAL = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(SlackAlertSink.class);
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");
    /** Slack's error bodies are short codes such as {@code invalid_payload}; anything else is not repeated. */
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_ .-]{0,63}");
    private static final int MAX_BODY_READ = 256;

    private final URI webhookUrl;
    private final String redacted;
    private final Duration timeout;
    private final @Nullable String mentionOnCritical;
    private final Clock clock;
    private final @Nullable SlackInteractions interactions;
    private final HttpClient client;

    private SlackAlertSink(Builder builder, URI webhookUrl) {
        this.interactions = builder.interactions;
        this.webhookUrl = webhookUrl;
        this.redacted = webhookUrl.getHost() + (webhookUrl.getPort() == -1 ? "" : ":" + webhookUrl.getPort()) + "/…";
        this.timeout = builder.timeout;
        this.mentionOnCritical = builder.mentionOnCritical;
        this.clock = builder.clock;
        // One small request per second at most: HTTP/1.1 keeps it simple (no h2c upgrade on a plain-http stub).
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A builder; {@link Builder#webhookUrl(URI)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Posts the batch as one message and returns once Slack accepted it (HTTP 2xx).
     *
     * @throws DeliveryException permanent when Slack rejects the message, transient when retrying may help
     * @throws InterruptedException when the delivery thread is interrupted while waiting for Slack
     */
    @Override
    public void send(List<Notification> batch) throws DeliveryException, InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(webhookUrl)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(interactions == null
                        ? SlackMessage.render(batch, mentionOnCritical)
                        : SlackMessage.render(batch, mentionOnCritical, interactions::buttons))))
                .build();
        int status;
        HttpHeaders headers;
        String body;
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            headers = response.headers();
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(MAX_BODY_READ), StandardCharsets.UTF_8).strip();
            }
        } catch (HttpTimeoutException e) {
            throw DeliveryException.transientFailure(
                    "Slack webhook " + redacted + " did not answer within " + HumanText.duration(timeout), (Duration) null);
        } catch (IOException e) {
            // The cause is left out on purpose: an I/O message may quote the URL, which is a secret.
            throw DeliveryException.transientFailure(
                    "Slack webhook " + redacted + " unreachable: " + e.getClass().getSimpleName(), (Duration) null);
        }
        classify(status, headers, body, batch.size());
    }

    private void classify(int status, HttpHeaders headers, String body, int notifications) throws DeliveryException {
        String code = ERROR_CODE.matcher(body).matches() ? body : null;
        String answer = code == null ? "HTTP " + status : code + " (HTTP " + status + ")";
        if (status >= 200 && status < 300) {
            log.debug("Slack webhook {} accepted {} notification(s)", redacted, notifications);
            return;
        }
        if (status == 429) {
            throw DeliveryException.transientFailure("Slack rate-limited the webhook " + redacted + ": " + answer,
                    retryAfter(headers));
        }
        if (status == 408 || status >= 500) {
            throw DeliveryException.transientFailure("Slack webhook " + redacted + " unavailable: " + answer,
                    retryAfter(headers));
        }
        if (status >= 400) {
            throw DeliveryException.permanent("Slack rejected the message: " + answer);
        }
        throw DeliveryException.permanent("Unexpected answer from Slack webhook " + redacted + ": HTTP " + status
                + " (redirects are not followed)");
    }

    /** {@code Retry-After} as seconds (what Slack sends) or an HTTP date; null when absent or unreadable. */
    private @Nullable Duration retryAfter(HttpHeaders headers) {
        Optional<String> header = headers.firstValue("Retry-After").map(String::strip);
        if (header.isEmpty()) {
            return null;
        }
        String value = header.get();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration wait = Duration.between(clock.instant(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeException notADate) {
                return null;
            }
        }
    }

    /** The webhook's host only, e.g. {@code SlackAlertSink[hooks.slack.com/…]}: the rest of the URL is a secret. */
    @Override
    public String toString() {
        return "SlackAlertSink[" + redacted + "]";
    }

    /** Settings of a {@link SlackAlertSink}; {@link #build()} validates them. */
    public static final class Builder {

        private @Nullable String webhookUrl;
        private Duration timeout = DEFAULT_TIMEOUT;
        private @Nullable String mentionOnCritical;
        private Clock clock = Clock.systemUTC();
        private @Nullable SlackInteractions interactions;

        private Builder() {
        }

        /**
         * Adds buttons to the messages: firing alerts get one for their suggested action (or their incident's known
         * fix), the briefing one per action it recommends; a press runs the action through {@code interactions}.
         * Without it (the default) messages carry no buttons.
         */
        public Builder interactions(SlackInteractions interactions) {
            this.interactions = Objects.requireNonNull(interactions, "interactions");
            return this;
        }

        /** The incoming webhook, {@code https://hooks.slack.com/services/T…/B…/…} (required). */
        public Builder webhookUrl(URI webhookUrl) {
            this.webhookUrl = Objects.requireNonNull(webhookUrl, "webhookUrl").toString();
            return this;
        }

        /**
         * The incoming webhook as text, as it comes from configuration; {@link #build()} parses it
         * and, if it is not a valid URI, says so without repeating it.
         */
        public Builder webhookUrl(String webhookUrl) {
            this.webhookUrl = Objects.requireNonNull(webhookUrl, "webhookUrl");
            return this;
        }

        /** Maximum time to connect and get Slack's answer; default {@link #DEFAULT_TIMEOUT}. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Slack mrkdwn put before messages that contain a firing critical alert, e.g. {@code <!here>},
         * {@code <!channel>}, {@code <@U024BE7LH>} or {@code <!subteam^S0123ABC>}; blank means none
         * (the default).
         */
        public Builder mentionOnCritical(String mention) {
            String value = Objects.requireNonNull(mention, "mentionOnCritical").strip();
            this.mentionOnCritical = value.isEmpty() ? null : value;
            return this;
        }

        /** The clock used to read an HTTP-date {@code Retry-After}; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the sink.
         *
         * @throws IllegalArgumentException naming the setting that is missing or wrong (never its value)
         */
        public SlackAlertSink build() {
            if (webhookUrl == null || webhookUrl.isBlank()) {
                throw new IllegalArgumentException(
                        "webhookUrl (monitor.alerts.slack.webhook-url) is required: the Slack incoming webhook URL");
            }
            URI uri;
            try {
                uri = new URI(webhookUrl.strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(
                        "webhookUrl (monitor.alerts.slack.webhook-url) is not a valid URL (value not shown: it is a secret)");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            boolean https = scheme.equals("https");
            boolean localHttp = scheme.equals("http") && LOOPBACK_HOSTS.contains(host);
            if (host.isEmpty() || !(https || localHttp)) {
                throw new IllegalArgumentException("webhookUrl (monitor.alerts.slack.webhook-url) must be an https URL"
                        + " such as https://hooks.slack.com/services/…; plain http is accepted for localhost only");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            return new SlackAlertSink(this, uri);
        }
    }
}
