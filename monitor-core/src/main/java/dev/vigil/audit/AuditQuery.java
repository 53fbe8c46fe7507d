package dev.vigil.audit;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which audit entries to read, newest first: optionally only one type, one person, one subject, or
 * entries at or after an instant, at most {@code limit} of them.
 *
 * <pre>{@code
 * audit.query(AuditQuery.latest(50).ofType(AuditEntry.Type.ACTION).by("admin-token"));
 * }</pre>
 *
 * @param type only entries of this type, if given
 * @param who only entries by this person, if given
 * @param subject only entries about this subject (action id, config key...), if given
 * @param since only entries at or after this instant, if given
 * @param limit the most entries to return, 1..{@value #MAX_LIMIT}
 */
public record AuditQuery(AuditEntry.@Nullable Type type, @Nullable String who, @Nullable String subject,
        @Nullable Instant since, int limit) {

    /** The most entries one query returns. */
    public static final int MAX_LIMIT = 10_000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
    }

    /** The newest {@code limit} entries of any kind. */
    public static AuditQuery latest(int limit) {
        return new AuditQuery(null, null, null, null, limit);
    }

    /** This query, restricted to one type. */
    public AuditQuery ofType(AuditEntry.Type value) {
        return new AuditQuery(Objects.requireNonNull(value, "type"), who, subject, since, limit);
    }

    /** This query, restricted to entries by {@code value}. */
    public AuditQuery by(String value) {
        return new AuditQuery(type, Objects.requireNonNull(value, "who"), subject, since, limit);
    }

    /** This query, restricted to entries about {@code value}. */
    public AuditQuery about(String value) {
        return new AuditQuery(type, who, Objects.requireNonNull(value, "subject"), since, limit);
    }

    /** This query, restricted to entries at or after {@code value}. */
    public AuditQuery after(Instant value) {
        return new AuditQuery(type, who, subject, Objects.requireNonNull(value, "since"), limit);
    }

    /** Whether {@code entry} passes the filters (the limit aside). */
    public boolean matches(AuditEntry entry) {
        return (type == null || entry.type() == type)
                && (who == null || entry.who().equals(who))
                && (subject == null || entry.subject().equals(subject))
                && (since == null || !entry.time().isBefore(since));
    }
}
