package dev.vigil.alert.sinks;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertSink;
import dev.vigil.alert.DeliveryException;
import dev.vigil.alert.Notification;
import dev.vigil.internal.Json;
import org.jspecify.annotations.Nullable;

/**
 * Hands alerts to a Prometheus Alertmanager, for teams that already route, silence and page with one:
 * {@code POST <url>/api/v2/alerts} with a JSON array of alerts.
 *
 * <pre>{@code
 * [{"labels": {"alertname": "<rule>", "severity": "critical", "service": "shop", ...alert labels},
 *   "annotations": {"summary": "<message>", "suggested_action": "restart", "value": "0.124"},
 *   "startsAt": "<firedAt or since>", "endsAt": "<resolvedAt, or now + resolve timeout while firing>",
 *   "generatorURL": "<optional>"}]
 * }</pre>
 *
 * <p>Alertmanager considers a firing alert resolved once {@code endsAt} passes without an update.
 * Vigil notifies on firing, on each repeat and on resolution, so a firing alert's {@code endsAt} is
 * now + {@link #DEFAULT_RESOLVE_TIMEOUT} (keep it above the rules' repeat interval); with
 * {@link Builder#resolveTimeout(Duration) resolveTimeout(Duration.ZERO)} it is omitted and
 * Alertmanager's own {@code resolve_timeout} applies. Label names are made valid for Alertmanager
 * (other characters become {@code _}); {@code alertname}, {@code severity} and {@code service} win
 * over alert labels of the same name. HTTP outcomes are classified as in {@link WebhookAlertSink}.
 */
public final class AlertmanagerAlertSink implements AlertSink {

    /** Requests time out after 10 seconds by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** A firing alert ends 24 hours after its last notification unless updated, by default. */
    public static final Duration DEFAULT_RESOLVE_TIMEOUT = Duration.ofHours(24);

    private final Clock clock;
    private final Duration resolveTimeout;
    private final @Nullable URI generatorUrl;
    private final HttpDelivery http;
    private final String host;

    private AlertmanagerAlertSink(Builder builder) {
        this.clock = builder.clock;
        this.resolveTimeout = builder.resolveTimeout;
        this.generatorUrl = builder.generatorUrl;
        this.host = builder.url.getHost();
        this.http = new HttpDelivery("alertmanager", endpoint(builder.url), builder.timeout, builder.clock,
                builder.headers, List.of());
    }

    /** Starts building a sink for the Alertmanager at {@code url} (e.g. {@code http://alertmanager:9093}). */
    public static Builder builder(URI url) {
        return new Builder(url);
    }

    private static URI endpoint(URI base) {
        String text = base.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text + "/api/v2/alerts");
    }

    @Override
    public void send(List<Notification> batch) throws DeliveryException {
        if (batch.isEmpty()) {
            return;
        }
        http.post(Json.write(payload(batch)), Map.of());
    }

    /** The JSON array for a batch, as maps and lists. */
    List<Map<String, Object>> payload(List<Notification> batch) {
        Instant now = clock.instant();
        List<Map<String, Object>> alerts = new ArrayList<>(batch.size());
        for (Notification notification : batch) {
            Alert alert = notification.alert();
            Map<String, String> labels = new LinkedHashMap<>();
            alert.labels().forEach((name, value) -> labels.put(labelName(name), value));
            labels.put("alertname", alert.rule());
            labels.put("severity", alert.severity().jsonName());
            labels.put("service", notification.service());
            Map<String, String> annotations = new LinkedHashMap<>();
            annotations.put("summary", alert.message());
            alert.suggestedActionId().ifPresent(action -> annotations.put("suggested_action", action));
            if (Double.isFinite(alert.value())) {
                annotations.put("value", Double.toString(alert.value()));
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("labels", labels);
            json.put("annotations", annotations);
            json.put("startsAt", alert.firedAt() != null ? alert.firedAt() : alert.since());
            if (notification.kind() == Notification.Kind.RESOLVED) {
                json.put("endsAt", alert.resolvedAt() != null ? alert.resolvedAt() : notification.createdAt());
            } else if (!resolveTimeout.isZero()) {
                json.put("endsAt", now.plus(resolveTimeout));
            }
            if (generatorUrl != null) {
                json.put("generatorURL", generatorUrl.toString());
            }
            alerts.add(json);
        }
        return alerts;
    }

    /** A label name Alertmanager accepts: {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
    static String labelName(String name) {
        StringBuilder valid = new StringBuilder(name.length() + 1);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            boolean digit = c >= '0' && c <= '9';
            if (i == 0 && digit) {
                valid.append('_');
            }
            valid.append(letter || digit ? c : '_');
        }
        return valid.length() == 0 ? "_" : valid.toString();
    }

    @Override
    public String toString() {
        return "AlertmanagerAlertSink[" + host + "]";
    }

    /** Builds an {@link AlertmanagerAlertSink}. */
    public static final class Builder {
        private final URI url;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration resolveTimeout = DEFAULT_RESOLVE_TIMEOUT;
        private @Nullable URI generatorUrl;
        private Clock clock = Clock.systemUTC();
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder(URI url) {
            this.url = HttpDelivery.validate("alertmanager", Objects.requireNonNull(url, "url"));
        }

        /** How long to wait for connecting and for the response (default 10 s). */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("alertmanager timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** How long after a firing notification Alertmanager may consider it resolved (default 24 h; zero omits endsAt). */
        public Builder resolveTimeout(Duration resolveTimeout) {
            Objects.requireNonNull(resolveTimeout, "resolveTimeout");
            if (resolveTimeout.isNegative()) {
                throw new IllegalArgumentException("alertmanager resolve timeout must not be negative, was " + resolveTimeout);
            }
            this.resolveTimeout = resolveTimeout;
            return this;
        }

        /** A link back to Vigil (e.g. the dashboard) shown by Alertmanager as the alert's source. */
        public Builder generatorUrl(URI generatorUrl) {
            this.generatorUrl = Objects.requireNonNull(generatorUrl, "generatorUrl");
            return this;
        }

        /** Adds a header to every request (e.g. {@code Authorization} for a proxy); its value never appears in messages. */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            HttpDelivery.validateHeader(url, name, value);
            headers.put(name, value);
            return this;
        }

        /** The clock for {@code endsAt} of firing alerts (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Builds the sink. */
        public AlertmanagerAlertSink build() {
            return new AlertmanagerAlertSink(this);
        }
    }
}
