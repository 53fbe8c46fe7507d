package dev.vigil.alert.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded outbox: entries in memory, so they survive a sink outage but not a restart.
 *
 * <p>Bounded: at most {@code maxFinished} sent or dead-lettered entries are kept (the oldest
 * finished ones are forgotten first). Unfinished entries are never evicted; when
 * {@code maxUnfinished} of them are waiting (a sink has been down for long), new notifications are
 * refused, counted in {@link #droppedCount()} and logged once at ERROR until there is room again.
 */
public final class MemoryNotificationOutbox implements NotificationOutbox {

    /** Sent and dead-lettered entries kept for the admin view by default. */
    public static final int DEFAULT_MAX_FINISHED = 1_000;
    /** Undelivered entries held at most by default; beyond this new notifications are refused. */
    public static final int DEFAULT_MAX_UNFINISHED = 10_000;

    private static final Logger log = LoggerFactory.getLogger(MemoryNotificationOutbox.class);
    private static final Comparator<OutboxEntry> NEWEST_FIRST =
            Comparator.comparing(OutboxEntry::createdAt).reversed().thenComparing(OutboxEntry::id);

    private final int maxFinished;
    private final int maxUnfinished;
    private final Map<String, OutboxEntry> unfinished = new LinkedHashMap<>();
    private final Map<String, Instant> leases = new HashMap<>();
    private final LinkedHashMap<String, OutboxEntry> finished = new LinkedHashMap<>();
    private long dropped;
    private boolean full;

    /** An outbox with the default bounds (1,000 finished, 10,000 unfinished entries). */
    public MemoryNotificationOutbox() {
        this(DEFAULT_MAX_FINISHED, DEFAULT_MAX_UNFINISHED);
    }

    /** An outbox keeping at most {@code maxFinished} finished and {@code maxUnfinished} undelivered entries. */
    public MemoryNotificationOutbox(int maxFinished, int maxUnfinished) {
        if (maxFinished < 0) {
            throw new IllegalArgumentException("maxFinished must not be negative, was " + maxFinished);
        }
        if (maxUnfinished < 1) {
            throw new IllegalArgumentException("maxUnfinished must be positive, was " + maxUnfinished);
        }
        this.maxFinished = maxFinished;
        this.maxUnfinished = maxUnfinished;
    }

    @Override
    public synchronized boolean add(List<OutboxEntry> entries) {
        List<OutboxEntry> fresh = new ArrayList<>(entries.size());
        for (OutboxEntry entry : entries) {
            if (!unfinished.containsKey(entry.id()) && !finished.containsKey(entry.id())) {
                fresh.add(entry);
            }
        }
        if (unfinished.size() + fresh.size() > maxUnfinished) {
            dropped += fresh.size();
            if (!full) {
                full = true;
                log.error("Alert outbox is full ({} undelivered entries, limit {}): new notifications are dropped "
                        + "until the sinks catch up (see the sink status)", unfinished.size(), maxUnfinished);
            }
            return false;
        }
        if (full) {
            full = false;
            log.info("Alert outbox accepts notifications again ({} dropped so far)", dropped);
        }
        for (OutboxEntry entry : fresh) {
            if (entry.status().isFinished()) {
                finish(entry);
            } else {
                unfinished.put(entry.id(), entry);
            }
        }
        return true;
    }

    @Override
    public synchronized List<OutboxEntry> claimDue(String sink, Instant now, int limit, Instant leaseUntil) {
        List<OutboxEntry> due = new ArrayList<>();
        for (OutboxEntry entry : unfinished.values()) {
            if (entry.sink().equals(sink) && !entry.nextAttemptAt().isAfter(now)) {
                Instant lease = leases.get(entry.id());
                if (lease == null || !lease.isAfter(now)) {
                    due.add(entry);
                }
            }
        }
        due.sort(Comparator.comparing(OutboxEntry::nextAttemptAt).thenComparing(OutboxEntry::createdAt)
                .thenComparing(OutboxEntry::id));
        List<OutboxEntry> claimed = List.copyOf(due.subList(0, Math.min(limit, due.size())));
        claimed.forEach(entry -> leases.put(entry.id(), leaseUntil));
        return claimed;
    }

    @Override
    public synchronized void markSent(Collection<String> ids, Instant at) {
        for (String id : ids) {
            OutboxEntry entry = unfinished.remove(id);
            if (entry != null) {
                leases.remove(id);
                finish(entry.sent(at));
            }
        }
    }

    @Override
    public synchronized void markRetry(String id, int attempts, Instant nextAttemptAt, String lastError, Instant at) {
        OutboxEntry entry = unfinished.get(id);
        if (entry != null) {
            leases.remove(id);
            unfinished.put(id, entry.retrying(attempts, nextAttemptAt, lastError, at));
        }
    }

    @Override
    public synchronized void markDeadLettered(String id, int attempts, String lastError, Instant at) {
        OutboxEntry entry = unfinished.remove(id);
        if (entry != null) {
            leases.remove(id);
            finish(entry.deadLettered(attempts, lastError, at));
        }
    }

    @Override
    public synchronized Optional<Instant> nextDue(String sink) {
        @Nullable Instant next = null;
        for (OutboxEntry entry : unfinished.values()) {
            if (entry.sink().equals(sink)) {
                Instant due = entry.nextAttemptAt();
                Instant lease = leases.get(entry.id());
                if (lease != null && lease.isAfter(due)) {
                    due = lease;
                }
                if (next == null || due.isBefore(next)) {
                    next = due;
                }
            }
        }
        return Optional.ofNullable(next);
    }

    @Override
    public synchronized List<OutboxEntry> recent(int limit) {
        List<OutboxEntry> all = new ArrayList<>(unfinished.size() + finished.size());
        all.addAll(unfinished.values());
        all.addAll(finished.values());
        all.sort(NEWEST_FIRST);
        return List.copyOf(all.subList(0, Math.min(Math.max(limit, 0), all.size())));
    }

    @Override
    public synchronized Map<String, Map<OutboxStatus, Long>> counts() {
        Map<String, Map<OutboxStatus, Long>> counts = new TreeMap<>();
        for (OutboxEntry entry : unfinished.values()) {
            count(counts, entry);
        }
        for (OutboxEntry entry : finished.values()) {
            count(counts, entry);
        }
        Map<String, Map<OutboxStatus, Long>> copy = new TreeMap<>();
        counts.forEach((sink, perStatus) -> copy.put(sink, Map.copyOf(perStatus)));
        return Collections.unmodifiableMap(copy);
    }

    /** Entries refused because the outbox was full, since it was created. */
    public synchronized long droppedCount() {
        return dropped;
    }

    private static void count(Map<String, Map<OutboxStatus, Long>> counts, OutboxEntry entry) {
        counts.computeIfAbsent(entry.sink(), sink -> new EnumMap<>(OutboxStatus.class))
                .merge(entry.status(), 1L, Long::sum);
    }

    private void finish(OutboxEntry entry) {
        finished.put(entry.id(), entry);
        Iterator<OutboxEntry> oldest = finished.values().iterator();
        while (finished.size() > maxFinished && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
