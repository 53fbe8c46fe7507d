package dev.vigil.security.event;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** A {@link SecurityEventStore} in memory keeping the newest {@code capacity} events; lost on a restart. */
public final class MemorySecurityEventStore implements SecurityEventStore {

    /** 10,000 events unless configured otherwise. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private static final Comparator<Held> NEWEST_FIRST = Comparator.comparing((Held held) -> held.event.time())
            .thenComparingLong(held -> held.sequence).reversed();

    private final int capacity;
    private final TreeSet<Held> events = new TreeSet<>(NEWEST_FIRST); // guarded by this
    private final Set<String> ids = new HashSet<>(); // guarded by this
    private long sequence; // guarded by this

    /** A store keeping {@value #DEFAULT_CAPACITY} events. */
    public MemorySecurityEventStore() {
        this(DEFAULT_CAPACITY);
    }

    /** A store keeping the newest {@code capacity} events (1..10,000,000). */
    public MemorySecurityEventStore(int capacity) {
        if (capacity < 1 || capacity > 10_000_000) {
            throw new IllegalArgumentException("security event capacity must be 1..10000000, was " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized void add(List<SecurityEvent> added) {
        for (SecurityEvent event : added) {
            if (ids.add(Objects.requireNonNull(event, "event").id())) {
                events.add(new Held(event, sequence++));
            }
        }
        while (events.size() > capacity) {
            ids.remove(events.pollLast().event.id());
        }
    }

    @Override
    public synchronized List<SecurityEvent> query(SecurityEventQuery query) {
        List<SecurityEvent> result = new ArrayList<>(Math.min(query.limit(), events.size()));
        for (Held held : events) {
            if (query.since() != null && held.event.time().isBefore(query.since())) {
                break; // newest first: the rest is older still
            }
            if (query.matches(held.event)) {
                result.add(held.event);
                if (result.size() == query.limit()) {
                    break;
                }
            }
        }
        return List.copyOf(result);
    }

    private record Held(SecurityEvent event, long sequence) {
    }
}
