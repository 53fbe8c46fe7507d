package dev.vigil.alert.slack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import dev.vigil.alert.AlertSink;
import dev.vigil.alert.DeliveryException;
import dev.vigil.alert.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the answers to Slack interactions ({@link Notification.Kind#REPLY} notifications, put in the outbox by
 * {@link SlackInteractions}) to their {@code response_url}: the JSON is the notification's message, the URL its
 * {@value #URL_LABEL} label, checked against the allow-list again before anything is sent. Slack accepts a
 * response URL 5 times within 30 minutes, so an answer older than that is given up on. Registered under
 * {@link SlackInteractions#REPLY_SINK}; not API.
 */
final class SlackReplySink implements AlertSink {

    /** The label that holds where a reply goes. */
    static final String URL_LABEL = "response_url";
    /** How long Slack accepts posts to a response URL. */
    static final Duration VALIDITY = Duration.ofMinutes(30);

    private static final Logger log = LoggerFactory.getLogger(SlackReplySink.class);
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_ .-]{0,63}");
    private static final int REMEMBERED = 1_000;

    private final ResponseUrls urls;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient client;
    /** Replies already posted, so that a batch retried after a later reply failed does not post them twice. */
    private final Map<String, Boolean> posted = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    SlackReplySink(ResponseUrls urls, Duration timeout, Clock clock) {
        this.urls = urls;
        this.timeout = timeout;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public void send(List<Notification> batch) throws DeliveryException, InterruptedException {
        for (Notification notification : batch) {
            if (notification.kind() != Notification.Kind.REPLY || posted.containsKey(notification.id())) {
                continue;
            }
            Optional<URI> url = urls.allowed(notification.alert().labels().getOrDefault(URL_LABEL, ""));
            if (url.isEmpty()) {
                throw DeliveryException.permanent("the reply's response_url is not an allowed Slack URL");
            }
            if (notification.createdAt().plus(VALIDITY).isBefore(clock.instant())) {
                throw DeliveryException.permanent("the reply's response_url expired (Slack accepts it for 30 minutes)");
            }
            post(url.get(), notification.alert().message());
            posted.put(notification.id(), Boolean.TRUE);
        }
    }

    private void post(URI url, String json) throws DeliveryException, InterruptedException {
        String where = ResponseUrls.redact(url);
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        int status;
        String body;
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(256), StandardCharsets.UTF_8).strip();
            }
        } catch (HttpTimeoutException e) {
            throw DeliveryException.transientFailure("Slack response URL " + where + " did not answer in time", (Duration) null);
        } catch (IOException e) {
            throw DeliveryException.transientFailure("Slack response URL " + where + " unreachable: "
                    + e.getClass().getSimpleName(), (Duration) null);
        }
        String answer = ERROR_CODE.matcher(body).matches() ? body + " (HTTP " + status + ")" : "HTTP " + status;
        if (status >= 200 && status < 300) {
            log.debug("Slack response URL {} accepted the reply", where);
            return;
        }
        if (status == 429 || status == 408 || status >= 500) {
            throw DeliveryException.transientFailure("Slack response URL " + where + " unavailable: " + answer, (Duration) null);
        }
        throw DeliveryException.permanent("Slack refused the reply: " + answer);
    }

    @Override
    public String toString() {
        return "SlackReplySink";
    }
}
