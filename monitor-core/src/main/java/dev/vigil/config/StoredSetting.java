package dev.vigil.config;

import java.time.Instant;
import java.util.Objects;

/**
 * A runtime switch as a {@link ConfigStore} keeps it (one row of a {@code system_config} table).
 *
 * @param key the key, e.g. {@code actions.kill-switch}
 * @param value the value as text, e.g. {@code true}, {@code 20}, {@code 30s}
 * @param updatedAt when it was last set
 * @param updatedBy who set it
 */
public record StoredSetting(String key, String value, Instant updatedAt, String updatedBy) {

    public StoredSetting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(updatedBy, "updatedBy");
    }
}
