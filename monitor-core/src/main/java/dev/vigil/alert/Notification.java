package dev.vigil.alert;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What a sink delivers: an alert that fires (first time or repeat) or that resolved, a report such as the
 * daily briefing (kind {@link Kind#BRIEFING}: its alert carries severity INFO and the report's text as message), or
 * a reply to a chat interaction (kind {@link Kind#REPLY}).
 *
 * @param id unique per notification; sinks may use it as an idempotency key
 * @param kind firing, resolved, or a briefing
 * @param alert the alert as it was when the notification was made
 * @param service the name of the service the alert is about (e.g. {@code spring.application.name})
 * @param createdAt when the notification was made
 */
public record Notification(String id, Kind kind, Alert alert, String service, Instant createdAt) {

    /** Whether an alert starts (or keeps) firing, or has resolved. */
    public enum Kind {
        /** The alert fires (first notification or a repeat). */
        FIRING,
        /** The alert resolved. */
        RESOLVED,
        /**
         * Not an alert but the daily briefing, sent to the sinks named by {@code monitor.briefing.deliver-to}: the
         * alert is rule {@code daily-briefing}, severity INFO, labelled with the date, its message the briefing's
         * chat text.
         */
        BRIEFING,
        /**
         * Not an alert but an answer to a chat interaction, e.g. the outcome of an action button pressed in Slack,
         * sent through the outbox (so it is retried) to the one sink that answers such interactions: the alert is
         * severity INFO, its message the answer, its labels say where it goes. Never routed to other sinks.
         */
        REPLY;

        /** Lower-case name as used in JSON. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
