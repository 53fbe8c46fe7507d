package dev.vigil.alert;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An {@link AlertRule} with its name and how its alerts behave: severity, how long a condition must
 * hold before it fires ({@code for}), how long a firing alert outlives its condition
 * ({@code keep-firing-for}), labels added to every alert, a suggested remediation action, and whether
 * it is evaluated at all.
 *
 * <pre>{@code
 * AlertRuleRegistration.builder("checkout-errors", AlertRules.threshold(...))
 *         .severity(Severity.CRITICAL)
 *         .forDuration(Duration.ofMinutes(2))
 *         .label("team", "payments")
 *         .build();
 * }</pre>
 */
public final class AlertRuleRegistration {

    /** Labels that silences match against the rule itself; a registration may not define them. */
    public static final Set<String> PSEUDO_LABELS = Set.of("rule", "severity");
    /** Alerts are {@link Severity#WARNING} unless configured otherwise. */
    public static final Severity DEFAULT_SEVERITY = Severity.WARNING;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

    private final String name;
    private final AlertRule rule;
    private final Severity severity;
    private final Duration forDuration;
    private final Duration keepFiringFor;
    private final Map<String, String> labels;
    private final @Nullable String suggestedAction;
    private final boolean enabled;

    private AlertRuleRegistration(Builder builder) {
        this.name = builder.name;
        this.rule = builder.rule;
        this.severity = builder.severity;
        this.forDuration = builder.forDuration;
        this.keepFiringFor = builder.keepFiringFor;
        this.labels = Collections.unmodifiableMap(new TreeMap<>(builder.labels));
        this.suggestedAction = builder.suggestedAction;
        this.enabled = builder.enabled;
    }

    /** An enabled registration with the defaults: {@link Severity#WARNING}, fires on the first evaluation. */
    public static AlertRuleRegistration of(String name, AlertRule rule) {
        return builder(name, rule).build();
    }

    /** Starts a registration of {@code rule} under {@code name} (letters, digits, {@code . _ : -}). */
    public static Builder builder(String name, AlertRule rule) {
        return new Builder(name, rule);
    }

    /** The rule's name, e.g. {@code error-ratio-critical}; alerts carry it. */
    public String name() {
        return name;
    }

    /** The rule itself. */
    public AlertRule rule() {
        return rule;
    }

    /** The severity of this rule's alerts. */
    public Severity severity() {
        return severity;
    }

    /** How long a condition must hold before its alert fires; zero fires on the first evaluation. */
    public Duration forDuration() {
        return forDuration;
    }

    /** How long a firing alert keeps firing after its condition stopped holding; zero resolves at once. */
    public Duration keepFiringFor() {
        return keepFiringFor;
    }

    /** Labels added to every alert of this rule (they win over the condition's labels of the same name). */
    public Map<String, String> labels() {
        return labels;
    }

    /** The remediation action suggested by this rule's alerts, if any. */
    public Optional<String> suggestedAction() {
        return Optional.ofNullable(suggestedAction);
    }

    /** Whether the rule is evaluated; a disabled rule stays registered (and visible) but never alerts. */
    public boolean enabled() {
        return enabled;
    }

    /** A builder pre-filled with this registration's settings. */
    public Builder toBuilder() {
        Builder builder = new Builder(name, rule).severity(severity).forDuration(forDuration)
                .keepFiringFor(keepFiringFor).labels(labels).enabled(enabled);
        builder.suggestedAction = suggestedAction;
        return builder;
    }

    @Override
    public String toString() {
        return "AlertRuleRegistration[" + name + ", " + severity.jsonName() + ", for=" + forDuration
                + ", keepFiringFor=" + keepFiringFor + (enabled ? "" : ", disabled") + "]";
    }

    /** Builds an {@link AlertRuleRegistration}. */
    public static final class Builder {
        private final String name;
        private final AlertRule rule;
        private Severity severity = DEFAULT_SEVERITY;
        private Duration forDuration = Duration.ZERO;
        private Duration keepFiringFor = Duration.ZERO;
        private final Map<String, String> labels = new TreeMap<>();
        private @Nullable String suggestedAction;
        private boolean enabled = true;

        private Builder(String name, AlertRule rule) {
            this.name = Objects.requireNonNull(name, "name");
            this.rule = Objects.requireNonNull(rule, "rule");
        }

        /** The severity of the rule's alerts (default {@link Severity#WARNING}). */
        public Builder severity(Severity severity) {
            this.severity = Objects.requireNonNull(severity, "severity");
            return this;
        }

        /** How long a condition must hold before it fires (default zero: on the first evaluation). */
        public Builder forDuration(Duration duration) {
            this.forDuration = Objects.requireNonNull(duration, "forDuration");
            return this;
        }

        /** How long a firing alert outlives its condition, against flapping (default zero). */
        public Builder keepFiringFor(Duration duration) {
            this.keepFiringFor = Objects.requireNonNull(duration, "keepFiringFor");
            return this;
        }

        /** Adds a label to every alert of the rule, e.g. {@code team=payments}. */
        public Builder label(String key, String value) {
            labels.put(Objects.requireNonNull(key, "label key"),
                    Objects.requireNonNull(value, () -> "label '" + key + "' has a null value"));
            return this;
        }

        /** Adds labels to every alert of the rule. */
        public Builder labels(Map<String, String> more) {
            more.forEach(this::label);
            return this;
        }

        /** The id of a remediation action an operator (or auto-remediation) could run. */
        public Builder suggestedAction(String actionId) {
            this.suggestedAction = Objects.requireNonNull(actionId, "actionId");
            return this;
        }

        /** Whether the rule is evaluated (default {@code true}). */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** Validates and builds. */
        public AlertRuleRegistration build() {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("alert rule name '" + name
                        + "' must be 1-100 characters of letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
            }
            notNegative("for", forDuration);
            notNegative("keep-firing-for", keepFiringFor);
            for (String key : labels.keySet()) {
                if (PSEUDO_LABELS.contains(key) || key.isBlank()) {
                    throw new IllegalArgumentException("monitor.alerts.rules." + name + ".labels: '" + key
                            + "' is not allowed as a label name (" + PSEUDO_LABELS + " are reserved for silences)");
                }
            }
            return new AlertRuleRegistration(this);
        }

        private void notNegative(String setting, Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("monitor.alerts.rules." + name + "." + setting
                        + " must not be negative, was " + value);
            }
        }
    }
}
