package dev.vigil.alert;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the alert history: an alert changed state (pending, firing, resolved) or something
 * happened to it (acknowledged, silenced, unsilenced).
 *
 * @param alert the alert as it was right after the change
 * @param from the state before; {@code null} when the alert was created by this change
 * @param to the state after (equal to {@code from} for an acknowledgement or a silence)
 * @param at when it happened
 * @param change what happened
 * @param note extra text, e.g. "acknowledged by alice" or "rule unregistered"; may be empty
 */
public record AlertTransition(Alert alert, @Nullable AlertState from, AlertState to, Instant at, Change change,
        String note) {

    /** What a history entry records. */
    public enum Change {
        /** The alert entered {@link AlertTransition#to()}: pending, firing or resolved. */
        STATE,
        /** Someone acknowledged the alert: repeats stop. */
        ACKNOWLEDGED,
        /** A silence started to match the alert: notifications are held back. */
        SILENCED,
        /** No silence matches the alert any more. */
        UNSILENCED;

        /** Lower-case name as used in JSON. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public AlertTransition {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(note, "note");
    }

    /** Whether this entry records the alert entering {@code state} (not an acknowledgement or a silence). */
    public boolean entered(AlertState state) {
        return change == Change.STATE && to == state;
    }
}
