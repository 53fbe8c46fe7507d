package dev.vigil.action;

import dev.vigil.settings.InvalidSettingException;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the {@link ActionService}: how long approval tokens and idempotency keys live and how many
 * of them (and of auto-fix outcomes) are kept in memory. The guardrails that change at runtime (kill
 * switch, max per hour, approval) live in {@link dev.vigil.config.RuntimeConfig}.
 *
 * @param approvalTtl how long an approval token is valid (default 10 min)
 * @param idempotencyTtl how long an idempotency key replays its first outcome (default 24 h)
 * @param maxIdempotencyKeys how many idempotency keys are remembered; the oldest are forgotten (default 10,000)
 * @param maxPendingApprovals how many unused approval tokens are kept; the oldest are dropped (default 1,000)
 * @param autoFixHistory how many alerts' auto-fix outcomes are remembered (default 1,000)
 */
public record ActionSettings(Duration approvalTtl, Duration idempotencyTtl, int maxIdempotencyKeys,
        int maxPendingApprovals, int autoFixHistory) {

    /** Approval tokens are valid for 10 minutes unless configured otherwise. */
    public static final Duration DEFAULT_APPROVAL_TTL = Duration.ofMinutes(10);
    /** Idempotency keys replay for 24 hours unless configured otherwise. */
    public static final Duration DEFAULT_IDEMPOTENCY_TTL = Duration.ofHours(24);
    /** 10,000 idempotency keys are remembered unless configured otherwise. */
    public static final int DEFAULT_MAX_IDEMPOTENCY_KEYS = 10_000;
    /** 1,000 pending approvals are kept unless configured otherwise. */
    public static final int DEFAULT_MAX_PENDING_APPROVALS = 1_000;
    /** 1,000 auto-fix outcomes are remembered unless configured otherwise. */
    public static final int DEFAULT_AUTO_FIX_HISTORY = 1_000;

    public ActionSettings {
        positive("monitor.actions.approval-ttl", approvalTtl);
        positive("monitor.actions.idempotency-ttl", idempotencyTtl);
        range("monitor.actions.max-idempotency-keys", maxIdempotencyKeys);
        range("monitor.actions.max-pending-approvals", maxPendingApprovals);
        range("monitor.actions.auto-fix-history", autoFixHistory);
    }

    /** The defaults described above. */
    public static ActionSettings ofDefaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    private static void positive(String setting, Duration value) {
        Objects.requireNonNull(value, setting);
        if (value.isZero() || value.isNegative()) {
            throw new InvalidSettingException(setting, value, "must be positive");
        }
    }

    private static void range(String setting, int value) {
        if (value < 1 || value > 1_000_000) {
            throw new IllegalArgumentException(setting + " must be 1..1000000, was " + value);
        }
    }

    /** Builds {@link ActionSettings}. */
    public static final class Builder {
        private Duration approvalTtl = DEFAULT_APPROVAL_TTL;
        private Duration idempotencyTtl = DEFAULT_IDEMPOTENCY_TTL;
        private int maxIdempotencyKeys = DEFAULT_MAX_IDEMPOTENCY_KEYS;
        private int maxPendingApprovals = DEFAULT_MAX_PENDING_APPROVALS;
        private int autoFixHistory = DEFAULT_AUTO_FIX_HISTORY;

        private Builder() {
        }

        /** How long an approval token is valid. */
        public Builder approvalTtl(Duration value) {
            this.approvalTtl = value;
            return this;
        }

        /** How long an idempotency key replays its first outcome. */
        public Builder idempotencyTtl(Duration value) {
            this.idempotencyTtl = value;
            return this;
        }

        /** How many idempotency keys are remembered. */
        public Builder maxIdempotencyKeys(int value) {
            this.maxIdempotencyKeys = value;
            return this;
        }

        /** How many unused approval tokens are kept. */
        public Builder maxPendingApprovals(int value) {
            this.maxPendingApprovals = value;
            return this;
        }

        /** How many alerts' auto-fix outcomes are remembered. */
        public Builder autoFixHistory(int value) {
            this.autoFixHistory = value;
            return this;
        }

        /** Validates and builds. */
        public ActionSettings build() {
            return new ActionSettings(approvalTtl, idempotencyTtl, maxIdempotencyKeys, maxPendingApprovals, autoFixHistory);
        }
    }
}
