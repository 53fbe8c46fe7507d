package dev.vigil.alert;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One alert: a rule's condition for one set of labels (its fingerprint), at one moment of its lifecycle.
 *
 * @param id stable identifier of this alert instance (one per fingerprint and activation)
 * @param rule the rule's name, e.g. {@code error-ratio-critical}
 * @param fingerprint rule + labels, identical for every evaluation of the same condition
 * @param severity how urgent
 * @param state lifecycle state
 * @param message human text with the numbers, e.g. "Error rate 12.4% on /media-upload above 10%"
 * @param labels labels from the rule and the matching series (route, platform, check...)
 * @param value the value that crossed the threshold (NaN where a rule has no number)
 * @param since when the condition started to hold (became pending)
 * @param firedAt when it started firing, if it did
 * @param resolvedAt when it resolved, if it did
 * @param acknowledged whether someone acknowledged it (stops repeats, keeps it visible)
 * @param suggestedAction id of a remediation action, if the rule names one
 */
public record Alert(
        String id,
        String rule,
        String fingerprint,
        Severity severity,
        AlertState state,
        String message,
        Map<String, String> labels,
        double value,
        Instant since,
        @Nullable Instant firedAt,
        @Nullable Instant resolvedAt,
        boolean acknowledged,
        @Nullable String suggestedAction) {

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(since, "since");
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    /** The suggested remediation action, if any. */
    public Optional<String> suggestedActionId() {
        return Optional.ofNullable(suggestedAction);
    }
}
