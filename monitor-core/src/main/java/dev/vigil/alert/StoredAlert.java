package dev.vigil.alert;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A pending or firing alert as an {@link AlertStore} keeps it, shared by every instance that evaluates
 * the same rules. Its id is derived from the fingerprint and the activation time, so the first instance
 * to see the condition names the alert and the others adopt it.
 *
 * @param id the alert's id
 * @param rule the rule's name
 * @param fingerprint rule + labels; at most one active alert per fingerprint
 * @param labels the alert's labels
 * @param state {@link AlertState#PENDING} or {@link AlertState#FIRING}
 * @param message the condition's text when the alert was last changed
 * @param since when the condition was first seen (the activation)
 * @param firedAt when it started firing, if it does
 * @param lastSeenAt when any instance last saw its condition hold
 * @param silenced whether a silence held its notifications back when last evaluated
 * @param acknowledgedBy who acknowledged it, if someone did
 * @param acknowledgedAt when it was acknowledged, if it was
 * @param notifiedAt when its last firing notification was made, if one was
 * @param notifications firing notifications made so far
 * @param version incremented by every change, for compare-and-set between instances
 */
public record StoredAlert(String id, String rule, String fingerprint, Map<String, String> labels, AlertState state,
        String message, Instant since, @Nullable Instant firedAt, Instant lastSeenAt, boolean silenced, @Nullable String acknowledgedBy,
        @Nullable Instant acknowledgedAt, @Nullable Instant notifiedAt, int notifications, long version) {

    public StoredAlert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        if (state == AlertState.RESOLVED) {
            throw new IllegalArgumentException("a stored alert is pending or firing; a resolved one is removed");
        }
        if (notifications < 0) {
            throw new IllegalArgumentException("notifications must not be negative, was " + notifications);
        }
        labels = Objects.requireNonNull(labels, "labels") instanceof SortedLabels ? labels : new SortedLabels(labels);
    }

    /** Whether someone acknowledged it. */
    public boolean acknowledged() {
        return acknowledgedBy != null;
    }

    /** This alert firing from {@code at}. */
    public StoredAlert firing(Instant at) {
        return new StoredAlert(id, rule, fingerprint, labels, AlertState.FIRING, message, since, at, lastSeenAt, silenced,
                acknowledgedBy, acknowledgedAt, notifiedAt, notifications, version);
    }

    /** This alert with {@code text} as its message. */
    public StoredAlert withMessage(String text) {
        return new StoredAlert(id, rule, fingerprint, labels, state, text, since, firedAt, lastSeenAt, silenced,
                acknowledgedBy, acknowledgedAt, notifiedAt, notifications, version);
    }

    /** This alert with its silenced flag set to {@code value}. */
    public StoredAlert withSilenced(boolean value) {
        return new StoredAlert(id, rule, fingerprint, labels, state, message, since, firedAt, lastSeenAt, value,
                acknowledgedBy, acknowledgedAt, notifiedAt, notifications, version);
    }

    /** This alert acknowledged by {@code who} at {@code at}. */
    public StoredAlert acknowledgedBy(String who, Instant at) {
        return new StoredAlert(id, rule, fingerprint, labels, state, message, since, firedAt, lastSeenAt, silenced,
                Objects.requireNonNull(who, "who"), at, notifiedAt, notifications, version);
    }

    /** This alert after one more firing notification made at {@code at}. */
    public StoredAlert notified(Instant at) {
        return new StoredAlert(id, rule, fingerprint, labels, state, message, since, firedAt, lastSeenAt, silenced,
                acknowledgedBy, acknowledgedAt, at, notifications + 1, version);
    }

    /** This alert with {@code lastSeenAt} moved to {@code at} (if later). */
    public StoredAlert seen(Instant at) {
        Instant last = at.isAfter(lastSeenAt) ? at : lastSeenAt;
        return new StoredAlert(id, rule, fingerprint, labels, state, message, since, firedAt, last, silenced,
                acknowledgedBy, acknowledgedAt, notifiedAt, notifications, version);
    }

    /** This alert with {@code value} as its version, as the store sets it after a change. */
    public StoredAlert withVersion(long value) {
        return new StoredAlert(id, rule, fingerprint, labels, state, message, since, firedAt, lastSeenAt, silenced,
                acknowledgedBy, acknowledgedAt, notifiedAt, notifications, value);
    }

    /**
     * The labels as a stored alert keeps them: a sorted copy nobody can change. Every evaluation derives
     * new records from the cached ones ({@link #seen}, {@link #withVersion}), so they share this copy
     * instead of copying the labels again each time.
     */
    private static final class SortedLabels extends AbstractMap<String, String> {

        private final Map<String, String> sorted;

        SortedLabels(Map<String, String> labels) {
            this.sorted = Collections.unmodifiableMap(new TreeMap<>(labels));
        }

        @Override
        public Set<Map.Entry<String, String>> entrySet() {
            return sorted.entrySet();
        }

        @Override
        public @Nullable String get(Object key) {
            return sorted.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return sorted.containsKey(key);
        }

        @Override
        public int size() {
            return sorted.size();
        }
    }
}
