package dev.vigil.action;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the {@link ActionService} keeps what the guardrails need beyond one process: approval tokens
 * (so a second person can approve on any instance, also after a restart) and the start times of runs
 * (so the hourly limit and the cooldown count every instance's runs). Implementations must be
 * thread-safe; {@link #useApproval} must be atomic.
 */
public interface ActionStore {

    /** Stores a new approval token. */
    void saveApproval(ApprovalRecord approval);

    /** The approval issued with {@code token}, used or not, if it is known. */
    Optional<ApprovalRecord> approval(String token);

    /** Marks the approval used by {@code by} at {@code at} unless it was used already; whether this call used it. */
    boolean useApproval(String token, String by, Instant at);

    /**
     * The approvals not yet used whose token is still valid at {@code now} (expiring after it), newest request
     * first (latest expiry first), at most {@code limit}.
     */
    List<PendingApproval> pendingApprovals(Instant now, int limit);

    /** Records that {@code actionId} started a run at {@code startedAt}. */
    void recordRun(String actionId, Instant startedAt);

    /** The start times of {@code actionId}'s runs at or after {@code since}, oldest first. */
    List<Instant> runsSince(String actionId, Instant since);
}
