package dev.vigil.security.event;

import java.time.Instant;
import java.util.Objects;
import dev.vigil.alert.Severity;
import org.jspecify.annotations.Nullable;

/**
 * Which security events to read, newest first: optionally one type, one severity, one address, one user,
 * events at or after an instant; at most {@code limit} of them.
 *
 * <pre>{@code
 * store.query(SecurityEventQuery.latest(50).ofType(SecurityEventType.FAILED_LOGIN).fromIp("203.0.113.7"));
 * }</pre>
 *
 * @param type only this type, if given
 * @param severity only this severity, if given
 * @param ip only from this address, if given
 * @param user only about this user, if given
 * @param since only at or after this instant, if given
 * @param limit the most events to return, 1..{@value #MAX_LIMIT}
 */
public record SecurityEventQuery(@Nullable SecurityEventType type, @Nullable Severity severity, @Nullable String ip,
        @Nullable String user, @Nullable Instant since, int limit) {

    /** The most events one query returns. */
    public static final int MAX_LIMIT = 10_000;

    /** Validates the limit. */
    public SecurityEventQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
    }

    /** The newest {@code limit} events of any kind. */
    public static SecurityEventQuery latest(int limit) {
        return new SecurityEventQuery(null, null, null, null, null, limit);
    }

    /** This query, restricted to one type. */
    public SecurityEventQuery ofType(SecurityEventType value) {
        return new SecurityEventQuery(Objects.requireNonNull(value, "type"), severity, ip, user, since, limit);
    }

    /** This query, restricted to one severity. */
    public SecurityEventQuery withSeverity(Severity value) {
        return new SecurityEventQuery(type, Objects.requireNonNull(value, "severity"), ip, user, since, limit);
    }

    /** This query, restricted to one source address. */
    public SecurityEventQuery fromIp(String value) {
        return new SecurityEventQuery(type, severity, Objects.requireNonNull(value, "ip"), user, since, limit);
    }

    /** This query, restricted to one user. */
    public SecurityEventQuery aboutUser(String value) {
        return new SecurityEventQuery(type, severity, ip, Objects.requireNonNull(value, "user"), since, limit);
    }

    /** This query, restricted to events at or after {@code value}. */
    public SecurityEventQuery after(Instant value) {
        return new SecurityEventQuery(type, severity, ip, user, Objects.requireNonNull(value, "since"), limit);
    }

    /** Whether {@code event} passes the filters (the limit aside). */
    public boolean matches(SecurityEvent event) {
        return (type == null || event.type() == type)
                && (severity == null || event.severity() == severity)
                && (ip == null || ip.equals(event.sourceIp()))
                && (user == null || user.equals(event.user()))
                && (since == null || !event.time().isBefore(since));
    }
}
