package dev.vigil.alert.delivery;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import dev.vigil.alert.Notification;
import org.jspecify.annotations.Nullable;

/**
 * One notification for one sink in the outbox, with its delivery state.
 *
 * @param id {@code <notification id>/<sink>}: stable, so storing the same entry twice is idempotent
 * @param sink the sink's name
 * @param notification what to deliver
 * @param status where delivery is
 * @param attempts attempts made so far
 * @param createdAt when the entry was stored
 * @param nextAttemptAt when it is due (first attempt after the group wait, or the next retry)
 * @param lastAttemptAt when it was last attempted, if it was
 * @param finishedAt when it was sent or dead-lettered, if it was
 * @param lastError the last failure's text (never a secret), if any
 */
public record OutboxEntry(
        String id,
        String sink,
        Notification notification,
        OutboxStatus status,
        int attempts,
        Instant createdAt,
        Instant nextAttemptAt,
        @Nullable Instant lastAttemptAt,
        @Nullable Instant finishedAt,
        @Nullable String lastError) {

    public OutboxEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative, was " + attempts);
        }
    }

    /** A new entry, due at {@code dueAt} (its creation time plus the route's group wait). */
    public static OutboxEntry pending(Notification notification, String sink, Instant createdAt, Instant dueAt) {
        return new OutboxEntry(idOf(notification, sink), sink, notification, OutboxStatus.PENDING, 0,
                createdAt, dueAt, null, null, null);
    }

    /** The entry id for a notification and a sink. */
    public static String idOf(Notification notification, String sink) {
        return notification.id() + "/" + sink;
    }

    /** This entry after a failed attempt, to be retried at {@code next}. */
    public OutboxEntry retrying(int attempts, Instant next, String error, Instant at) {
        return new OutboxEntry(id, sink, notification, OutboxStatus.RETRYING, attempts, createdAt, next, at, null, error);
    }

    /** This entry accepted by its sink at {@code at}. */
    public OutboxEntry sent(Instant at) {
        return new OutboxEntry(id, sink, notification, OutboxStatus.SENT, attempts + 1, createdAt, nextAttemptAt, at, at,
                lastError);
    }

    /** This entry given up on at {@code at}. */
    public OutboxEntry deadLettered(int attempts, String error, Instant at) {
        return new OutboxEntry(id, sink, notification, OutboxStatus.DEAD_LETTERED, attempts, createdAt, nextAttemptAt,
                at, at, error);
    }

    /**
     * A JSON-ready view for {@code GET /api/admin/notifications}: id, sink, status, attempts, lastError,
     * createdAt, nextAttemptAt, lastAttemptAt, finishedAt, notificationId, kind, alertId, rule, severity.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("sink", sink);
        json.put("status", status.jsonName());
        json.put("attempts", attempts);
        json.put("lastError", lastError);
        json.put("createdAt", createdAt);
        json.put("nextAttemptAt", status.isFinished() ? null : nextAttemptAt);
        json.put("lastAttemptAt", lastAttemptAt);
        json.put("finishedAt", finishedAt);
        json.put("notificationId", notification.id());
        json.put("kind", notification.kind().jsonName());
        json.put("alertId", notification.alert().id());
        json.put("rule", notification.alert().rule());
        json.put("severity", notification.alert().severity().jsonName());
        return json;
    }
}
