package dev.vigil.action;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Approvals and runs in memory: the newest {@code maxApprovals} tokens and the runs of the last
 * {@code runWindow} per action.
 */
public final class MemoryActionStore implements ActionStore {

    /** Runs older than this are forgotten: the hourly limit looks back one hour, cooldowns rarely longer. */
    public static final Duration DEFAULT_RUN_WINDOW = Duration.ofDays(1);

    private final int maxApprovals;
    private final Duration runWindow;
    private final LinkedHashMap<String, ApprovalRecord> approvals = new LinkedHashMap<>();
    private final Map<String, ArrayDeque<Instant>> runs = new HashMap<>();

    /** A store keeping {@link ActionSettings#DEFAULT_MAX_PENDING_APPROVALS} tokens and a day of runs. */
    public MemoryActionStore() {
        this(ActionSettings.DEFAULT_MAX_PENDING_APPROVALS, DEFAULT_RUN_WINDOW);
    }

    /** A store keeping the newest {@code maxApprovals} tokens and the runs of the last {@code runWindow}. */
    public MemoryActionStore(int maxApprovals, Duration runWindow) {
        if (maxApprovals < 1) {
            throw new IllegalArgumentException("maxApprovals must be positive, was " + maxApprovals);
        }
        if (runWindow.isNegative() || runWindow.isZero()) {
            throw new IllegalArgumentException("runWindow must be positive, was " + runWindow);
        }
        this.maxApprovals = maxApprovals;
        this.runWindow = runWindow;
    }

    @Override
    public synchronized void saveApproval(ApprovalRecord approval) {
        approvals.put(approval.token(), approval);
        Iterator<ApprovalRecord> oldest = approvals.values().iterator();
        while (approvals.size() > maxApprovals && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    @Override
    public synchronized Optional<ApprovalRecord> approval(String token) {
        return Optional.ofNullable(approvals.get(token));
    }

    @Override
    public synchronized boolean useApproval(String token, String by, Instant at) {
        ApprovalRecord approval = approvals.get(token);
        if (approval == null || approval.used()) {
            return false;
        }
        approvals.put(token, approval.usedBy(by, at));
        return true;
    }

    @Override
    public synchronized List<PendingApproval> pendingApprovals(Instant now, int limit) {
        List<PendingApproval> pending = new ArrayList<>();
        for (ApprovalRecord approval : approvals.values()) {
            if (!approval.used() && approval.expiresAt().isAfter(now)) {
                pending.add(PendingApproval.of(approval));
            }
        }
        pending.sort(Comparator.comparing(PendingApproval::expiresAt).reversed()
                .thenComparing(PendingApproval::auditId));
        return List.copyOf(pending.subList(0, Math.min(Math.max(limit, 0), pending.size())));
    }

    @Override
    public synchronized void recordRun(String actionId, Instant startedAt) {
        ArrayDeque<Instant> ofAction = runs.computeIfAbsent(actionId, id -> new ArrayDeque<>());
        ofAction.addLast(startedAt);
        Instant forget = startedAt.minus(runWindow);
        while (!ofAction.isEmpty() && ofAction.peekFirst().isBefore(forget)) {
            ofAction.pollFirst();
        }
    }

    @Override
    public synchronized List<Instant> runsSince(String actionId, Instant since) {
        ArrayDeque<Instant> ofAction = runs.get(actionId);
        if (ofAction == null) {
            return List.of();
        }
        List<Instant> result = new ArrayList<>();
        for (Instant run : ofAction) {
            if (!run.isBefore(since)) {
                result.add(run);
            }
        }
        result.sort(null);
        return List.copyOf(result);
    }
}
