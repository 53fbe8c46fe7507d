package dev.vigil.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * An {@link AuditLog} in memory that keeps the newest {@code capacity} entries (by time) and forgets the
 * oldest. The embedded default; it does not survive a restart.
 */
public final class MemoryAuditLog implements AuditLog {

    /** 10,000 entries unless configured otherwise. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private static final Comparator<Held> NEWEST_FIRST = Comparator.comparing((Held held) -> held.entry.time())
            .thenComparingLong(held -> held.sequence).reversed();

    private final int capacity;
    private final TreeSet<Held> entries = new TreeSet<>(NEWEST_FIRST); // guarded by this
    private long sequence; // guarded by this

    /** A log keeping {@value #DEFAULT_CAPACITY} entries. */
    public MemoryAuditLog() {
        this(DEFAULT_CAPACITY);
    }

    /** A log keeping the newest {@code capacity} entries (1..10,000,000). */
    public MemoryAuditLog(int capacity) {
        if (capacity < 1 || capacity > 10_000_000) {
            throw new IllegalArgumentException("monitor.audit.capacity must be 1..10000000, was " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized void add(AuditEntry entry) {
        entries.add(new Held(Objects.requireNonNull(entry, "entry"), sequence++));
        while (entries.size() > capacity) {
            entries.pollLast();
        }
    }

    @Override
    public synchronized List<AuditEntry> query(AuditQuery query) {
        List<AuditEntry> result = new ArrayList<>(Math.min(query.limit(), entries.size()));
        for (Held held : entries) {
            if (query.since() != null && held.entry.time().isBefore(query.since())) {
                break; // newest first: everything after this is older still
            }
            if (query.matches(held.entry)) {
                result.add(held.entry);
                if (result.size() == query.limit()) {
                    break;
                }
            }
        }
        return List.copyOf(result);
    }

    /** How many entries are held. */
    public synchronized int size() {
        return entries.size();
    }

    /** An entry with its arrival number, so entries with the same time keep their order. */
    private record Held(AuditEntry entry, long sequence) {
    }
}
