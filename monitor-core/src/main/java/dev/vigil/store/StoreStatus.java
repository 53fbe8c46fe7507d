package dev.vigil.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * How the store is doing, as system-health shows it: whether writes reach it, what waits in the buffer
 * and what the buffer had to refuse while the store was away.
 *
 * @param available whether the last write (or read) reached the store
 * @param failingSince when it started failing, if it is failing
 * @param lastError the last failure's text, if any
 * @param buffered writes waiting in the buffer
 * @param capacity the most writes the buffer holds
 * @param written writes that reached the store since start
 * @param overflowed writes the full buffer refused, by kind ({@code check-runs}, {@code alert-history}, {@code audit},
 *     {@code notifications}); each was logged
 */
public record StoreStatus(boolean available, @Nullable Instant failingSince, @Nullable String lastError, int buffered,
        int capacity, long written, Map<String, Long> overflowed) {

    public StoreStatus {
        overflowed = Map.copyOf(Objects.requireNonNull(overflowed, "overflowed"));
    }

    /** This status as system-health shows it. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", available ? "up" : "down");
        json.put("failingSince", failingSince);
        json.put("lastError", lastError);
        json.put("buffered", buffered);
        json.put("capacity", capacity);
        json.put("written", written);
        json.put("overflowed", new TreeMap<>(overflowed));
        return json;
    }
}
