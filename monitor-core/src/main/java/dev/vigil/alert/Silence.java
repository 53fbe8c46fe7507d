package dev.vigil.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Mutes notifications of matching alerts for a while, e.g. during maintenance. Alerts keep their
 * lifecycle and stay visible (marked silenced); when the silence ends and an alert still fires, its
 * firing notification is sent then.
 *
 * <p>Matchers are label equalities, all of which must hold. Besides the alert's labels, two
 * pseudo-labels match the rule itself: {@code rule} (the rule's name) and {@code severity}
 * ({@code info}, {@code warning}, {@code critical}).
 *
 * @param id identifies the silence, e.g. for {@link AlertEngine#removeSilence(String)}
 * @param matchers label equalities; at least one
 * @param startsAt when it starts muting
 * @param endsAt when it stops muting (exclusive)
 * @param reason why, for the audit trail
 * @param createdBy who created it
 */
public record Silence(String id, Map<String, String> matchers, Instant startsAt, Instant endsAt, String reason,
        String createdBy) {

    public Silence {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(matchers, "matchers");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(createdBy, "createdBy");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a silence needs an id");
        }
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("a silence needs at least one matcher, e.g. rule=disk-critical");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("a silence must end after it starts: " + startsAt + " .. " + endsAt);
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        matchers.forEach((key, value) -> sorted.put(Objects.requireNonNull(key, "matcher key"),
                Objects.requireNonNull(value, () -> "matcher '" + key + "' has a null value")));
        matchers = Collections.unmodifiableMap(sorted);
    }

    /** A silence with a random id, from {@code startsAt} for {@code duration}. */
    public static Silence of(Map<String, String> matchers, Instant startsAt, Duration duration, String reason,
            String createdBy) {
        return new Silence(UUID.randomUUID().toString(), matchers, startsAt, startsAt.plus(duration), reason, createdBy);
    }

    /** Whether the silence mutes at {@code now}: from {@code startsAt} (inclusive) to {@code endsAt} (exclusive). */
    public boolean isActiveAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    /** Whether every matcher holds for an alert of rule {@code rule} with {@code severity} and {@code labels}. */
    public boolean matches(String rule, Severity severity, Map<String, String> labels) {
        for (Map.Entry<String, String> matcher : matchers.entrySet()) {
            String key = matcher.getKey();
            String expected = matcher.getValue();
            boolean holds = switch (key) {
                case "rule" -> expected.equals(rule);
                case "severity" -> expected.equalsIgnoreCase(severity.jsonName());
                default -> expected.equals(labels.get(key));
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    /** Whether every matcher holds for {@code alert}. */
    public boolean matches(Alert alert) {
        return matches(alert.rule(), alert.severity(), alert.labels());
    }
}
