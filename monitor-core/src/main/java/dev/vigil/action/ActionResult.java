package dev.vigil.action;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What one run of an {@link Action} reports.
 *
 * @param status whether it worked
 * @param message one line for people, e.g. "curation started, 42 sources queued"
 * @param details JSON-friendly facts for the API and the audit trail
 */
public record ActionResult(Status status, String message, Map<String, Object> details) {

    /** Whether the action did its work. */
    public enum Status {
        /** The action did its work. */
        SUCCEEDED,
        /** The action could not do its work. */
        FAILED;

        /** Lower-case name as used in JSON. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ActionResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(details, "details");
        details.keySet().forEach(key -> Objects.requireNonNull(key, "details key"));
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** The action did its work. */
    public static ActionResult succeeded(String message) {
        return new ActionResult(Status.SUCCEEDED, message, Map.of());
    }

    /** The action could not do its work. */
    public static ActionResult failed(String message) {
        return new ActionResult(Status.FAILED, message, Map.of());
    }

    /** This result with one more detail. */
    public ActionResult withDetail(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(Objects.requireNonNull(key, "key"), value);
        return new ActionResult(status, message, more);
    }

    /** This result with more details. */
    public ActionResult withDetails(Map<String, ?> more) {
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.putAll(more);
        return new ActionResult(status, message, all);
    }
}
