package dev.vigil.alert.delivery;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where notifications wait for delivery: one entry per notification and sink, stored before the first
 * attempt, so nothing is lost while a sink is down. {@link MemoryNotificationOutbox} is the embedded
 * default; a persistent (JDBC) outbox also survives a restart: the dispatcher picks up its unfinished
 * entries when it starts.
 *
 * <p>Implementations must be thread-safe. A persistent implementation shared by several instances
 * makes {@link #claimDue} atomic (e.g. {@code SELECT ... FOR UPDATE SKIP LOCKED}), so each entry is
 * claimed by one instance at a time.
 */
public interface NotificationOutbox {

    /**
     * Stores new entries (the routes of one notification), all or none. Entries whose id is already
     * stored are ignored.
     *
     * @return false when the outbox refused them (full); the caller reports the notification as dropped
     */
    boolean add(List<OutboxEntry> entries);

    /**
     * Claims up to {@code limit} unfinished entries of a sink that are due at {@code now}, earliest due
     * first. Claimed entries are not returned again before {@code leaseUntil} unless they are marked in
     * between; an entry whose claimant died is thus retried once its lease has passed.
     */
    List<OutboxEntry> claimDue(String sink, Instant now, int limit, Instant leaseUntil);

    /** Marks entries as accepted by their sink at {@code at}. */
    void markSent(Collection<String> ids, Instant at);

    /** Records a failed attempt: {@code attempts} made so far, the next one due at {@code nextAttemptAt}. */
    void markRetry(String id, int attempts, Instant nextAttemptAt, String lastError, Instant at);

    /** Gives up on an entry after {@code attempts} attempts. */
    void markDeadLettered(String id, int attempts, String lastError, Instant at);

    /** When the sink's earliest unfinished entry is due (or its claim lease ends), if it has one. */
    Optional<Instant> nextDue(String sink);

    /** The most recently created entries of every sink and status, newest first. */
    List<OutboxEntry> recent(int limit);

    /** Number of stored entries per sink and status (only statuses with entries appear). */
    Map<String, Map<OutboxStatus, Long>> counts();
}
