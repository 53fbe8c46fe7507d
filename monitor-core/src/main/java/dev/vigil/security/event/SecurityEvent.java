package dev.vigil.security.event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import dev.vigil.alert.Severity;
import org.jspecify.annotations.Nullable;

/**
 * One security event: a failed login, a refused request (401, 403, 429), a request carrying an attack
 * signature, or anything the host records itself. Repeats of the same event (same type, address, user and
 * route) within the recorder's aggregation window are stored once with their {@code count}.
 *
 * <pre>{@code
 * monitor.security().record(SecurityEvent.builder(SecurityEventType.CUSTOM, clock.instant())
 *         .ip(request.getRemoteAddr()).user(name).description("password reset token reused").build());
 * }</pre>
 *
 * @param id unique id, 1..100 characters
 * @param time when it happened (for an aggregated event: the first of its repeats)
 * @param type what happened
 * @param severity how much it matters
 * @param sourceIp the client's address, if known (at most 64 characters)
 * @param user the user name involved, if known (at most 200 characters)
 * @param route the route template requested, if any (at most 300 characters)
 * @param description what was seen, e.g. the signature that matched (at most 1,000 characters)
 * @param instance the instance that saw it; empty until the recorder stamps its own
 * @param count how many times it happened, at least 1
 */
public record SecurityEvent(String id, Instant time, SecurityEventType type, Severity severity, @Nullable String sourceIp,
        @Nullable String user, @Nullable String route, String description, String instance, long count) {

    /** Longest source address kept. */
    public static final int MAX_IP = 64;
    /** Longest user name kept. */
    public static final int MAX_USER = 200;
    /** Longest route kept. */
    public static final int MAX_ROUTE = 300;
    /** Longest description kept. */
    public static final int MAX_DESCRIPTION = 1_000;
    /** Longest instance id kept. */
    public static final int MAX_INSTANCE = 100;

    /** Validates lengths and the count. */
    public SecurityEvent {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > 100) {
            throw new IllegalArgumentException("a security event id must be 1-100 characters, was '" + id + "'");
        }
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(instance, "instance");
        checkLength("sourceIp", sourceIp, MAX_IP);
        checkLength("user", user, MAX_USER);
        checkLength("route", route, MAX_ROUTE);
        checkLength("description", description, MAX_DESCRIPTION);
        checkLength("instance", instance, MAX_INSTANCE);
        if (count < 1) {
            throw new IllegalArgumentException("a security event's count must be at least 1, was " + count);
        }
    }

    private static void checkLength(String field, @Nullable String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException("a security event's " + field + " must be at most " + max
                    + " characters, was " + value.length());
        }
    }

    /** Starts an event of {@code type} at {@code time}, with its type's default severity and a random id. */
    public static Builder builder(SecurityEventType type, Instant time) {
        return new Builder(type, time);
    }

    /**
     * A random version-4 UUID from {@link ThreadLocalRandom}: events are made on request threads, sometimes in floods,
     * where {@link UUID#randomUUID()}'s shared {@code SecureRandom} would be a point of contention. Ids need to be
     * unique, not unguessable.
     */
    static String randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(most, least).toString();
    }

    /** This event, seen by {@code instanceId}. */
    public SecurityEvent withInstance(String instanceId) {
        return new SecurityEvent(id, time, type, severity, sourceIp, user, route, description, instanceId, count);
    }

    /** This event as it is served: {@code {id, time, type, severity, ip, user, route, description, instance, count}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("time", time.toString());
        json.put("type", type.jsonName());
        json.put("severity", severity.jsonName());
        json.put("ip", sourceIp);
        json.put("user", user);
        json.put("route", route);
        json.put("description", description);
        json.put("instance", instance);
        json.put("count", count);
        return json;
    }

    /** Builds a {@link SecurityEvent}; text longer than its field allows is cut, never refused. */
    public static final class Builder {
        private final SecurityEventType type;
        private final Instant time;
        private Severity severity;
        private String id = randomId();
        private @Nullable String ip;
        private @Nullable String user;
        private @Nullable String route;
        private String description = "";
        private String instance = "";
        private long count = 1;

        private Builder(SecurityEventType type, Instant time) {
            this.type = Objects.requireNonNull(type, "type");
            this.time = Objects.requireNonNull(time, "time");
            this.severity = type.defaultSeverity();
        }

        /** The id (default: a random UUID). */
        public Builder id(String id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        /** The severity (default: the type's). */
        public Builder severity(Severity severity) {
            this.severity = Objects.requireNonNull(severity, "severity");
            return this;
        }

        /** The client's address. */
        public Builder ip(@Nullable String ip) {
            this.ip = cut(ip, MAX_IP);
            return this;
        }

        /** The user name involved. */
        public Builder user(@Nullable String user) {
            this.user = cut(user, MAX_USER);
            return this;
        }

        /** The route template requested. */
        public Builder route(@Nullable String route) {
            this.route = cut(route, MAX_ROUTE);
            return this;
        }

        /** What was seen. */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(cut(Objects.requireNonNull(description, "description"), MAX_DESCRIPTION));
            return this;
        }

        /** The instance that saw it (default: empty, stamped by the recorder). */
        public Builder instance(String instance) {
            this.instance = Objects.requireNonNull(cut(Objects.requireNonNull(instance, "instance"), MAX_INSTANCE));
            return this;
        }

        /** How many times it happened (default 1). */
        public Builder count(long count) {
            this.count = count;
            return this;
        }

        /** Validates and builds. */
        public SecurityEvent build() {
            return new SecurityEvent(id, time, type, severity, ip, user, route, description, instance, count);
        }

        private static @Nullable String cut(@Nullable String text, int max) {
            if (text == null) {
                return null;
            }
            String clean = text.strip();
            if (clean.isEmpty()) {
                return null;
            }
            return clean.length() <= max ? clean : clean.substring(0, max);
        }
    }
}
