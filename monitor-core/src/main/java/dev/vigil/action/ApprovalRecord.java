package dev.vigil.action;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import dev.vigil.security.Caller;
import org.jspecify.annotations.Nullable;

/**
 * An approval token for a critical action, as an {@link ActionStore} keeps it, so that another caller
 * may approve it on any instance, also after a restart.
 *
 * @param token the secret token the requester was given
 * @param actionId the action it approves
 * @param params the parameters it approves, as validated
 * @param requestedBy who asked for the action
 * @param auditId the audit entry of the request
 * @param expiresAt when the token stops being valid
 * @param usedAt when it was used, if it was
 * @param usedBy who used it (the approver), if it was used
 */
public record ApprovalRecord(String token, String actionId, Map<String, Object> params, Caller requestedBy,
        String auditId, Instant expiresAt, @Nullable Instant usedAt, @Nullable String usedBy) {

    public ApprovalRecord {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(auditId, "auditId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(params, "params")));
    }

    /** Whether the token was used. */
    public boolean used() {
        return usedAt != null;
    }

    /** This approval used by {@code by} at {@code at}. */
    public ApprovalRecord usedBy(String by, Instant at) {
        return new ApprovalRecord(token, actionId, params, requestedBy, auditId, expiresAt, at, by);
    }
}
