package dev.vigil.metrics;

import java.util.Map;
import java.util.Objects;

/**
 * A tag filter flattened into arrays once, so that testing it against every series of a name
 * allocates nothing (iterating the filter map would take an iterator per series).
 */
final class TagFilter {

    private final String[] keys;
    private final String[] values;

    private TagFilter(Map<String, String> filter) {
        keys = new String[filter.size()];
        values = new String[keys.length];
        int i = 0;
        for (Map.Entry<String, String> entry : filter.entrySet()) {
            keys[i] = entry.getKey();
            values[i] = entry.getValue();
            i++;
        }
    }

    static TagFilter of(Map<String, String> filter) {
        return new TagFilter(Objects.requireNonNull(filter, "tagFilter"));
    }

    /** Whether every entry of the filter is among the key's tags. */
    boolean test(SeriesKey key) {
        Map<String, String> tags = key.tags();
        for (int i = 0; i < keys.length; i++) {
            if (!values[i].equals(tags.get(keys[i]))) {
                return false;
            }
        }
        return true;
    }
}
