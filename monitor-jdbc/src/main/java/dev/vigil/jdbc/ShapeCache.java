package dev.vigil.jdbc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A bounded map from raw SQL text to its {@link StatementShape}, so that a statement string seen
 * before is not normalised again. Two generations: lookups that hit the old one are promoted to the
 * young one, and when the young one is full (by entries or by characters of SQL held) it becomes the
 * old one and the previous old one is dropped. Hot statements therefore stay, while one-off
 * statements with inlined literals pass through without growing it; at most two generations of SQL
 * text are held. Thread-safe; a race only costs a redundant normalisation.
 */
final class ShapeCache {

    /** Longer SQL is normalised on every call rather than kept as a key. */
    static final int MAX_CACHED_SQL_LENGTH = 8192;

    private final int maxEntries;
    private final long maxChars;
    private final Function<String, StatementShape> loader;
    private volatile Generation young = new Generation();
    private volatile Map<String, StatementShape> old = Map.of();

    /**
     * @param maxEntries entries per generation
     * @param maxChars characters of SQL text per generation
     * @param loader shapes SQL that is not cached
     */
    ShapeCache(int maxEntries, long maxChars, Function<String, StatementShape> loader) {
        this.maxEntries = maxEntries;
        this.maxChars = maxChars;
        this.loader = loader;
    }

    StatementShape get(String sql) {
        Generation current = young;
        StatementShape shape = current.entries.get(sql);
        if (shape != null) {
            return shape;
        }
        shape = old.get(sql);
        if (shape == null) {
            shape = loader.apply(sql);
            if (sql.length() > MAX_CACHED_SQL_LENGTH) {
                return shape;
            }
        }
        if (current.entries.size() >= maxEntries || current.chars.get() + sql.length() > maxChars) {
            current = rotate(current);
        }
        if (current.entries.putIfAbsent(sql, shape) == null) {
            current.chars.addAndGet(sql.length());
        }
        return shape;
    }

    private synchronized Generation rotate(Generation full) {
        if (young == full) {
            old = full.entries;
            young = new Generation();
        }
        return young;
    }

    /** Entries held now, both generations (an entry in both counts twice); for tests. */
    int size() {
        return young.entries.size() + old.size();
    }

    private static final class Generation {
        final Map<String, StatementShape> entries = new ConcurrentHashMap<>();
        final AtomicLong chars = new AtomicLong();
    }
}
