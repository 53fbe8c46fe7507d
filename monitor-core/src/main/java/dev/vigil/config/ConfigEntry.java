package dev.vigil.config;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One runtime switch with everything an admin page shows about it.
 *
 * @param key the key, e.g. {@code actions.max-per-hour}
 * @param type {@code boolean}, {@code integer} or {@code duration}
 * @param value the current value (JSON-friendly)
 * @param defaultValue the value when nobody set it (JSON-friendly)
 * @param allowed the accepted values as text, e.g. {@code 1..1000}
 * @param description what the switch does
 * @param updatedAt when someone last set it, if anyone did
 * @param updatedBy who last set it, if anyone did
 */
public record ConfigEntry(String key, String type, Object value, Object defaultValue, String allowed, String description,
        @Nullable Instant updatedAt, @Nullable String updatedBy) {

    public ConfigEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(allowed, "allowed");
        Objects.requireNonNull(description, "description");
    }

    /** This entry as the admin API shows it. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", key);
        json.put("type", type);
        json.put("value", value);
        json.put("default", defaultValue);
        json.put("allowed", allowed);
        json.put("description", description);
        json.put("updatedAt", updatedAt == null ? null : updatedAt.toString());
        json.put("updatedBy", updatedBy);
        return json;
    }
}
