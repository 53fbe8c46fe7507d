package dev.vigil.action;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import dev.vigil.security.Caller;

/**
 * A critical action waiting for a second caller's approval, as {@link ActionStore#pendingApprovals} lists it.
 * It carries no approval token: a store may keep only a hash of it, and the token stays the requester's to
 * hand over.
 *
 * @param actionId the action waiting
 * @param params its parameters, as validated
 * @param requestedBy who asked for it
 * @param auditId the audit entry of the request
 * @param expiresAt when its token stops being valid
 */
public record PendingApproval(String actionId, Map<String, Object> params, Caller requestedBy, String auditId,
        Instant expiresAt) {

    public PendingApproval {
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(auditId, "auditId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(params, "params")));
    }

    /** The waiting part of {@code approval}. */
    public static PendingApproval of(ApprovalRecord approval) {
        return new PendingApproval(approval.actionId(), approval.params(), approval.requestedBy(), approval.auditId(),
                approval.expiresAt());
    }

    /** The JSON form of the API: {@code action, params, requestedBy, auditId, expiresAt}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("action", actionId);
        json.put("params", params);
        json.put("requestedBy", requestedBy.id());
        json.put("auditId", auditId);
        json.put("expiresAt", expiresAt.toString());
        return json;
    }
}
