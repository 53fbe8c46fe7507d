package dev.vigil.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A pending or firing alert with what the engine knows about it beyond the {@link Alert} itself: the
 * silences muting it, who acknowledged it, and its notifications so far. What the admin API and the
 * dashboard show.
 *
 * @param alert the alert
 * @param silencedBy ids of the active silences that match it (empty when not silenced)
 * @param acknowledgedBy who acknowledged it; {@code null} if nobody did
 * @param acknowledgedAt when it was acknowledged; {@code null} if it was not
 * @param lastNotifiedAt when its last firing notification was made; {@code null} if none was
 * @param notifications how many notifications were made for it
 */
public record ActiveAlert(Alert alert, List<String> silencedBy, @Nullable String acknowledgedBy,
        @Nullable Instant acknowledgedAt, @Nullable Instant lastNotifiedAt, int notifications) {

    public ActiveAlert {
        Objects.requireNonNull(alert, "alert");
        silencedBy = List.copyOf(silencedBy);
    }

    /** Whether an active silence mutes this alert's notifications. */
    public boolean silenced() {
        return !silencedBy.isEmpty();
    }

    /** Who acknowledged the alert, if anyone did. */
    public Optional<String> acknowledger() {
        return Optional.ofNullable(acknowledgedBy);
    }

    /** When the last firing notification was made, if any was. */
    public Optional<Instant> lastNotification() {
        return Optional.ofNullable(lastNotifiedAt);
    }
}
