package dev.vigil.alert;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One condition an {@link AlertRule} found to hold now, for one set of labels: the alert engine
 * identifies an alert by its rule and these labels, and updates the alert's value and message from
 * every evaluation.
 *
 * @param labels what the condition is about, e.g. {@code route=/media-upload} or {@code check=database}
 * @param value the number that matters (the error ratio, the latency...); NaN when there is none
 * @param message human text with the numbers, e.g. "Error rate 12.4% on /media-upload above 10%"
 * @param suggestedAction id of a remediation action for this condition; overrides the registration's
 */
public record AlertCondition(Map<String, String> labels, double value, String message, @Nullable String suggestedAction) {

    public AlertCondition {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(message, "message");
        TreeMap<String, String> sorted = new TreeMap<>();
        labels.forEach((key, labelValue) -> sorted.put(Objects.requireNonNull(key, "label key"),
                Objects.requireNonNull(labelValue, () -> "label '" + key + "' has a null value")));
        labels = Collections.unmodifiableMap(sorted);
    }

    /** A condition without labels or value, e.g. "Order backlog at 1200". */
    public static AlertCondition of(String message) {
        return new AlertCondition(Map.of(), Double.NaN, message, null);
    }

    /** A condition for {@code labels} with a value and a message. */
    public static AlertCondition of(Map<String, String> labels, double value, String message) {
        return new AlertCondition(labels, value, message, null);
    }

    /** This condition pointing an operator at a registered remediation action, e.g. {@code "clear_cache"}. */
    public AlertCondition withSuggestedAction(String actionId) {
        return new AlertCondition(labels, value, message, Objects.requireNonNull(actionId, "actionId"));
    }

    /** The suggested remediation action, if any. */
    public Optional<String> suggestedActionId() {
        return Optional.ofNullable(suggestedAction);
    }
}
