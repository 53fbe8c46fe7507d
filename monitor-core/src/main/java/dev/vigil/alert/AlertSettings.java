package dev.vigil.alert;

import dev.vigil.settings.InvalidSettingException;
import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link AlertEngine} runs: how often rules are evaluated, how often a firing alert that
 * nobody acknowledged is notified again, whether resolutions are notified, how many transitions the
 * history keeps, how many alerts one rule may hold, and the service name notifications carry.
 *
 * @param evaluationInterval time between two evaluations of every rule (default 15 s)
 * @param repeatInterval time between two notifications of a firing, unacknowledged alert (default 4 h)
 * @param sendResolved whether a resolved notification follows a notified firing alert (default true)
 * @param historySize transitions kept in {@link AlertEngine#history} (default 1,000)
 * @param maxAlertsPerRule active alerts one rule may hold; further label sets are ignored and logged (default 1,000)
 * @param service the name of the service alerts are about, e.g. {@code spring.application.name}
 * @param resolveGrace how long no instance may have seen a firing alert's condition before it resolves; with one
 *     instance zero is right (the default), with several sharing a store it must cover the instances' check and
 *     evaluation lag (the monitor uses two evaluation intervals when the store is shared and this is zero)
 */
public record AlertSettings(Duration evaluationInterval, Duration repeatInterval, boolean sendResolved,
        int historySize, int maxAlertsPerRule, String service, Duration resolveGrace) {

    /** Rules are evaluated every 15 seconds unless configured otherwise. */
    public static final Duration DEFAULT_EVALUATION_INTERVAL = Duration.ofSeconds(15);
    /** A firing alert is notified again every 4 hours until acknowledged, unless configured otherwise. */
    public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);
    /** 1,000 transitions of history unless configured otherwise. */
    public static final int DEFAULT_HISTORY_SIZE = 1_000;
    /** At most 1,000 active alerts per rule unless configured otherwise. */
    public static final int DEFAULT_MAX_ALERTS_PER_RULE = 1_000;
    /** The service name used when none is configured. */
    public static final String DEFAULT_SERVICE = "service";

    public AlertSettings {
        positive("monitor.alerts.evaluation-interval", evaluationInterval);
        positive("monitor.alerts.repeat-interval", repeatInterval);
        Objects.requireNonNull(service, "monitor.alerts.service");
        if (historySize < 1 || historySize > 1_000_000) {
            throw new IllegalArgumentException("monitor.alerts.history-size must be 1..1000000, was " + historySize);
        }
        if (maxAlertsPerRule < 1 || maxAlertsPerRule > 1_000_000) {
            throw new IllegalArgumentException("monitor.alerts.max-alerts-per-rule must be 1..1000000, was " + maxAlertsPerRule);
        }
        Objects.requireNonNull(resolveGrace, "monitor.alerts.resolve-grace");
        if (resolveGrace.isNegative()) {
            throw new IllegalArgumentException("monitor.alerts.resolve-grace must not be negative, was " + resolveGrace);
        }
        if (service.isBlank()) {
            throw new IllegalArgumentException("monitor.alerts.service must not be blank");
        }
    }

    /** These settings with {@code value} as the resolve grace. */
    public AlertSettings withResolveGrace(Duration value) {
        return new AlertSettings(evaluationInterval, repeatInterval, sendResolved, historySize, maxAlertsPerRule, service,
                value);
    }

    /** The defaults described above. */
    public static AlertSettings ofDefaults() {
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

    /** Builds {@link AlertSettings}. */
    public static final class Builder {
        private Duration evaluationInterval = DEFAULT_EVALUATION_INTERVAL;
        private Duration repeatInterval = DEFAULT_REPEAT_INTERVAL;
        private boolean sendResolved = true;
        private int historySize = DEFAULT_HISTORY_SIZE;
        private int maxAlertsPerRule = DEFAULT_MAX_ALERTS_PER_RULE;
        private String service = DEFAULT_SERVICE;
        private Duration resolveGrace = Duration.ZERO;

        private Builder() {
        }

        /** Time between two evaluations. */
        public Builder evaluationInterval(Duration value) {
            this.evaluationInterval = value;
            return this;
        }

        /** Time between two notifications of a firing, unacknowledged alert. */
        public Builder repeatInterval(Duration value) {
            this.repeatInterval = value;
            return this;
        }

        /** Whether resolutions are notified. */
        public Builder sendResolved(boolean value) {
            this.sendResolved = value;
            return this;
        }

        /** Transitions kept in the history. */
        public Builder historySize(int value) {
            this.historySize = value;
            return this;
        }

        /** Active alerts one rule may hold. */
        public Builder maxAlertsPerRule(int value) {
            this.maxAlertsPerRule = value;
            return this;
        }

        /** The service name notifications carry. */
        public Builder service(String value) {
            this.service = value;
            return this;
        }

        /** How long no instance may have seen a firing alert's condition before it resolves. */
        public Builder resolveGrace(Duration value) {
            this.resolveGrace = value;
            return this;
        }

        /** Validates and builds. */
        public AlertSettings build() {
            return new AlertSettings(evaluationInterval, repeatInterval, sendResolved, historySize, maxAlertsPerRule, service,
                    resolveGrace);
        }
    }
}
