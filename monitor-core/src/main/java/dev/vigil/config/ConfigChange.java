package dev.vigil.config;

import java.time.Instant;
import java.util.Objects;

/**
 * A runtime switch that changed, as {@link RuntimeConfig#onAnyChange} listeners receive it. Values are
 * JSON-friendly: a boolean, an integer, or a duration as text such as {@code 30s}.
 *
 * @param key the key, e.g. {@code actions.kill-switch}
 * @param from the value before
 * @param to the value now
 * @param who who changed it
 * @param at when
 */
public record ConfigChange(String key, Object from, Object to, String who, Instant at) {

    public ConfigChange {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(at, "at");
    }
}
