package dev.vigil.demo;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** A tiny read-through cache of booking lists, so the demo has a cache for {@code clear_cache} to clear. */
@Component
class BookingCache {

    private final Map<String, List<Map<String, Object>>> entries = new ConcurrentHashMap<>();

    List<Map<String, Object>> get(String key, Supplier<List<Map<String, Object>>> loader) {
        return entries.computeIfAbsent(key, k -> loader.get());
    }

    int size() {
        return entries.size();
    }

    /** Empties the cache; returns how many entries it held. */
    int clear() {
        int size = entries.size();
        entries.clear();
        return size;
    }
}
