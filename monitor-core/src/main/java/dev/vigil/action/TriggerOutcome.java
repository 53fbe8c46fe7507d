package dev.vigil.action;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How one trigger of an action ended: it ran and succeeded or failed, it was refused by a guardrail, or
 * it waits for approval.
 *
 * @param status how it ended
 * @param actionId the action
 * @param message one line for people, e.g. "timed out after 30s" or "kill switch is on ..."
 * @param auditId the audit entry of the trigger (of the first one, for a replayed outcome)
 * @param durationMs how long the run took, from the trigger to its outcome
 * @param who who triggered it
 * @param at when it was triggered
 * @param details the action's result details (empty unless it ran)
 * @param rejection which guardrail refused it; set exactly when the status is {@link Status#REJECTED}
 * @param approvalToken the one-time token that approves this action with these parameters; set exactly
 *        when the status is {@link Status#PENDING_APPROVAL}
 * @param approvalExpiresAt when that token expires
 * @param nextAllowedAt for a rate-limit or cooldown rejection: when the action may run again
 * @param approvalNote for a run approved with a shared credential: that Vigil could not tell the approver
 *        from the requester, e.g. "approved by a second request with the same shared admin token; ..."
 * @param replayed whether this is the stored outcome of an earlier trigger with the same idempotency key
 */
public record TriggerOutcome(Status status, String actionId, String message, String auditId, long durationMs, String who,
        Instant at, Map<String, Object> details, @Nullable Rejection rejection, @Nullable String approvalToken,
        @Nullable Instant approvalExpiresAt, @Nullable Instant nextAllowedAt, @Nullable String approvalNote, boolean replayed) {

    /** How a trigger ended. */
    public enum Status {
        /** The action ran and did its work. */
        SUCCEEDED,
        /** The action ran and failed, threw or timed out. */
        FAILED,
        /** A guardrail refused it; it did not run. */
        REJECTED,
        /** It is critical: it runs when triggered again with the approval token. */
        PENDING_APPROVAL;

        /** Lower-case name as used in JSON: {@code succeeded}, {@code pending_approval}... */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which guardrail refused a trigger. */
    public enum Rejection {
        /** {@code actions.kill-switch} is on. */
        KILL_SWITCH,
        /** The action already ran {@code actions.max-per-hour} times in the last hour. */
        RATE_LIMITED,
        /** The action's cooldown after its last run has not passed. */
        COOLDOWN,
        /** A run of the same action has not finished. */
        ALREADY_RUNNING,
        /** Every action thread is busy and the queue is full. */
        BUSY,
        /** The action is critical and needs a human's approval, which auto-remediation cannot give. */
        NEEDS_APPROVAL,
        /** The approval token is unknown, expired, already used, or for another action or other parameters. */
        APPROVAL_INVALID,
        /** The person who requested a critical action tried to approve it: a different caller must. */
        APPROVAL_BY_REQUESTER,
        /** The idempotency key was used before with other parameters, or its first trigger has not finished. */
        IDEMPOTENCY_CONFLICT,
        /** Auto-remediation cannot give the parameters the action requires. */
        INVALID_PARAMETERS;

        /** Lower-case name as used in JSON: {@code kill_switch}, {@code rate_limited}... */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TriggerOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(auditId, "auditId");
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(at, "at");
        details = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(details, "details")));
        if ((status == Status.REJECTED) != (rejection != null)) {
            throw new IllegalArgumentException("a rejection reason goes with, and only with, status rejected");
        }
        if ((status == Status.PENDING_APPROVAL) != (approvalToken != null && approvalExpiresAt != null)) {
            throw new IllegalArgumentException("an approval token and expiry go with, and only with, status pending_approval");
        }
        if (durationMs < 0) {
            throw new IllegalArgumentException("durationMs must not be negative, was " + durationMs);
        }
    }

    /** Whether the action actually ran (succeeded or failed). */
    public boolean ran() {
        return status == Status.SUCCEEDED || status == Status.FAILED;
    }

    /** The rejection reason, if it was rejected. */
    public Optional<Rejection> rejectionReason() {
        return Optional.ofNullable(rejection);
    }

    /** When a rate-limited or cooling-down action may run again, if that is why it was rejected. */
    public Optional<Instant> retryAt() {
        return Optional.ofNullable(nextAllowedAt);
    }

    /** The same outcome, marked as replayed for a repeated idempotency key. */
    TriggerOutcome asReplay() {
        return new TriggerOutcome(status, actionId, message, auditId, durationMs, who, at, details, rejection,
                approvalToken, approvalExpiresAt, nextAllowedAt, approvalNote, true);
    }

    /**
     * This outcome as the admin API shows it: {@code status}, {@code action}, {@code message},
     * {@code auditId}, {@code durationMs}, {@code who}, {@code at}, and where they apply {@code reason},
     * {@code nextAllowedAt}, {@code approvalToken}, {@code approvalExpiresAt}, {@code approvalNote},
     * {@code details}, {@code replayed}.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status.jsonName());
        json.put("action", actionId);
        json.put("message", message);
        json.put("auditId", auditId);
        json.put("durationMs", durationMs);
        json.put("who", who);
        json.put("at", at.toString());
        if (rejection != null) {
            json.put("reason", rejection.jsonName());
        }
        if (nextAllowedAt != null) {
            json.put("nextAllowedAt", nextAllowedAt.toString());
        }
        if (approvalToken != null && approvalExpiresAt != null) {
            json.put("approvalToken", approvalToken);
            json.put("approvalExpiresAt", approvalExpiresAt.toString());
        }
        if (approvalNote != null) {
            json.put("approvalNote", approvalNote);
        }
        if (!details.isEmpty()) {
            json.put("details", details);
        }
        if (replayed) {
            json.put("replayed", true);
        }
        return json;
    }
}
