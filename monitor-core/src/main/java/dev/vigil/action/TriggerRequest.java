package dev.vigil.action;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import dev.vigil.security.Caller;
import org.jspecify.annotations.Nullable;

/**
 * A request to run an action, as the admin API (or code) hands it to {@link ActionService#trigger}.
 *
 * @param actionId the action, e.g. {@code start_curation}
 * @param params parameters by name, unvalidated (JSON values); {@code null} values count as absent
 * @param caller who asks: the audit trail records its id, and a critical action's approval must come
 *        from another caller (as far as shared credentials let Vigil tell)
 * @param idempotencyKey the client's {@code Idempotency-Key}: a repeat with the same key (for the same
 *        action, within 24 h) gets the first run's outcome instead of a second run
 * @param approvalToken the token a {@code pending_approval} outcome handed out, to approve a critical action
 */
public record TriggerRequest(String actionId, Map<String, Object> params, Caller caller, @Nullable String idempotencyKey,
        @Nullable String approvalToken) {

    /** The longest idempotency key accepted. */
    public static final int MAX_KEY_LENGTH = 255;

    public TriggerRequest {
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(caller, "caller");
        Map<String, Object> copy = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (value != null) {
                copy.put(Objects.requireNonNull(name, "parameter name"), value);
            }
        });
        params = Collections.unmodifiableMap(copy);
        if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_KEY_LENGTH
                || !idempotencyKey.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw new IllegalArgumentException("Idempotency-Key must be 1.." + MAX_KEY_LENGTH
                    + " visible ASCII characters without spaces");
        }
        if (approvalToken != null && approvalToken.isBlank()) {
            approvalToken = null;
        }
    }

    /** A request by {@code caller} without idempotency key or approval token. */
    public static TriggerRequest of(String actionId, Map<String, ?> params, Caller caller) {
        return new TriggerRequest(actionId, new LinkedHashMap<>(params), caller, null, null);
    }

    /**
     * A request without idempotency key or approval token by the one person (or process) called {@code who},
     * e.g. from the host's own code.
     */
    public static TriggerRequest of(String actionId, Map<String, ?> params, String who) {
        return of(actionId, params, Caller.person(who));
    }

    /** Who asks, as the audit trail records it: the caller's id. */
    public String who() {
        return caller.id();
    }

    /** This request with an idempotency key. */
    public TriggerRequest withIdempotencyKey(@Nullable String key) {
        return new TriggerRequest(actionId, params, caller, key, approvalToken);
    }

    /** This request with an approval token. */
    public TriggerRequest withApprovalToken(@Nullable String token) {
        return new TriggerRequest(actionId, params, caller, idempotencyKey, token);
    }
}
