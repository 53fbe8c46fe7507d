package dev.vigil.alert;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * Changes to one default rule, as configured under {@code monitor.alerts.rules.<name>.*}: disable it,
 * move its threshold, change its severity, {@code for} or {@code keep-firing-for}. Unset parts keep
 * the default. Immutable: every {@code with...} returns a new override.
 *
 * <pre>{@code
 * AlertRules.defaults(Map.of(
 *         "memory-warning", AlertRuleOverride.disabled(),
 *         "error-ratio-critical", AlertRuleOverride.none().withThreshold(0.2).withForDuration(Duration.ofMinutes(2))));
 * }</pre>
 */
public final class AlertRuleOverride {

    private static final AlertRuleOverride NONE = new AlertRuleOverride(null, null, null, null, null);

    private final @Nullable Boolean enabled;
    private final @Nullable Double threshold;
    private final @Nullable Severity severity;
    private final @Nullable Duration forDuration;
    private final @Nullable Duration keepFiringFor;

    private AlertRuleOverride(@Nullable Boolean enabled, @Nullable Double threshold, @Nullable Severity severity,
            @Nullable Duration forDuration, @Nullable Duration keepFiringFor) {
        this.enabled = enabled;
        this.threshold = threshold;
        this.severity = severity;
        this.forDuration = forDuration;
        this.keepFiringFor = keepFiringFor;
    }

    /** An override that changes nothing, to start from. */
    public static AlertRuleOverride none() {
        return NONE;
    }

    /** An override that disables the rule (it stays registered and visible, but never alerts). */
    public static AlertRuleOverride disabled() {
        return NONE.withEnabled(false);
    }

    /** This override enabling or disabling the rule. */
    public AlertRuleOverride withEnabled(boolean value) {
        return new AlertRuleOverride(value, threshold, severity, forDuration, keepFiringFor);
    }

    /** This override moving the rule's threshold (in the metric's unit: 0.2 for 20%, milliseconds for latency). */
    public AlertRuleOverride withThreshold(double value) {
        return new AlertRuleOverride(enabled, MetricWindows.finite("threshold", value), severity, forDuration, keepFiringFor);
    }

    /** This override changing the rule's severity. */
    public AlertRuleOverride withSeverity(Severity value) {
        return new AlertRuleOverride(enabled, threshold, Objects.requireNonNull(value, "severity"), forDuration, keepFiringFor);
    }

    /** This override changing how long the condition must hold before the alert fires. */
    public AlertRuleOverride withForDuration(Duration value) {
        return new AlertRuleOverride(enabled, threshold, severity, Objects.requireNonNull(value, "for"), keepFiringFor);
    }

    /** This override changing how long a firing alert outlives its condition. */
    public AlertRuleOverride withKeepFiringFor(Duration value) {
        return new AlertRuleOverride(enabled, threshold, severity, forDuration, Objects.requireNonNull(value, "keepFiringFor"));
    }

    /** Whether the rule is enabled, if set. */
    public Optional<Boolean> enabled() {
        return Optional.ofNullable(enabled);
    }

    /** The threshold, if set. */
    public OptionalDouble threshold() {
        return threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold);
    }

    /** The severity, if set. */
    public Optional<Severity> severity() {
        return Optional.ofNullable(severity);
    }

    /** The {@code for} duration, if set. */
    public Optional<Duration> forDuration() {
        return Optional.ofNullable(forDuration);
    }

    /** The {@code keep-firing-for} duration, if set. */
    public Optional<Duration> keepFiringFor() {
        return Optional.ofNullable(keepFiringFor);
    }

    /**
     * {@code registration} with this override's enabled flag, severity, {@code for} and
     * {@code keep-firing-for} applied; works for any rule. (A threshold lives inside the rule, so only
     * {@link AlertRules#defaults(java.util.Map)} can apply it.)
     */
    public AlertRuleRegistration applyTo(AlertRuleRegistration registration) {
        AlertRuleRegistration.Builder builder = registration.toBuilder();
        if (enabled != null) {
            builder.enabled(enabled);
        }
        if (severity != null) {
            builder.severity(severity);
        }
        if (forDuration != null) {
            builder.forDuration(forDuration);
        }
        if (keepFiringFor != null) {
            builder.keepFiringFor(keepFiringFor);
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return "AlertRuleOverride[enabled=" + enabled + ", threshold=" + threshold + ", severity=" + severity
                + ", for=" + forDuration + ", keepFiringFor=" + keepFiringFor + "]";
    }
}
