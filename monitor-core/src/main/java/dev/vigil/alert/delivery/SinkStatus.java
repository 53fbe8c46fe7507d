package dev.vigil.alert.delivery;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one sink is doing, for {@code /api/admin/system-health}: degraded after a dead letter or
 * several consecutive failed sends, healthy again after the next successful one.
 *
 * @param sink the sink's name
 * @param health healthy or degraded
 * @param consecutiveFailures failed sends since the last successful one
 * @param deadLettered entries dead-lettered since the dispatcher was created
 * @param pending entries waiting for delivery (pending or retrying) in the outbox
 * @param lastError the last failure's text (never a secret), if any
 * @param lastErrorAt when the last failure happened, if any
 * @param lastSuccessAt when the last successful send happened, if any
 */
public record SinkStatus(
        String sink,
        Health health,
        int consecutiveFailures,
        long deadLettered,
        long pending,
        @Nullable String lastError,
        @Nullable Instant lastErrorAt,
        @Nullable Instant lastSuccessAt) {

    /** Whether a sink delivers as expected. */
    public enum Health {
        /** Delivering, or failing only briefly. */
        HEALTHY,
        /** Dead-lettered notifications or failing repeatedly since its last success. */
        DEGRADED;

        /** Lower-case name as used in JSON. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SinkStatus {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(health, "health");
    }

    /** Whether the sink is healthy. */
    public boolean healthy() {
        return health == Health.HEALTHY;
    }

    /** A JSON-ready view: sink, status, consecutiveFailures, deadLettered, pending, lastError, lastErrorAt, lastSuccessAt. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sink", sink);
        json.put("status", health.jsonName());
        json.put("consecutiveFailures", consecutiveFailures);
        json.put("deadLettered", deadLettered);
        json.put("pending", pending);
        json.put("lastError", lastError);
        json.put("lastErrorAt", lastErrorAt);
        json.put("lastSuccessAt", lastSuccessAt);
        return json;
    }
}
