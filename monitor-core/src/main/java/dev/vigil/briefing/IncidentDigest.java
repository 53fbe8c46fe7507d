package dev.vigil.briefing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a briefing reports of incidents over its period, as an {@link IncidentDigestSource} tells it.
 *
 * @param opened incidents first seen in the period
 * @param open incidents not resolved at the end of the period
 * @param resolved incidents resolved in the period
 * @param items the incidents worth listing (the source chooses and bounds them)
 */
public record IncidentDigest(int opened, int open, int resolved, List<Item> items) {

    /** No incidents: what a briefing shows without an incident source. */
    public static final IncidentDigest NONE = new IncidentDigest(0, 0, 0, List.of());

    public IncidentDigest {
        if (opened < 0 || open < 0 || resolved < 0) {
            throw new IllegalArgumentException("incident counts must not be negative: " + opened + ", " + open + ", " + resolved);
        }
        items = List.copyOf(items);
    }

    /**
     * One incident.
     *
     * @param id its id
     * @param title what it is, e.g. the error's message
     * @param severity how serious ({@code critical}, {@code high}...)
     * @param status {@code detected}, {@code acknowledged} or {@code resolved}
     * @param lastSeen when it last occurred
     * @param knownFix a known fix or the id of an action that fixes it, if any; becomes a recommendation
     */
    public record Item(String id, String title, String severity, String status, Instant lastSeen, @Nullable String knownFix) {
        public Item {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(lastSeen, "lastSeen");
        }
    }
}
