package dev.vigil.spring.boot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import dev.vigil.alert.AlertRule;
import dev.vigil.alert.AlertRuleOverride;
import dev.vigil.alert.AlertRuleRegistration;
import dev.vigil.alert.AlertRules;
import dev.vigil.alert.Comparison;
import dev.vigil.health.HealthStatus;
import dev.vigil.metrics.Aggregation;

/** Turns {@code monitor.alerts.rules.*} into overrides of the default rules and new rule registrations. */
final class AlertRuleProperties {

    private final Set<String> defaultNames;
    private final Map<String, AlertRuleOverride> overrides = new LinkedHashMap<>();
    private final List<AlertRuleRegistration> custom = new java.util.ArrayList<>();

    AlertRuleProperties(Map<String, MonitorAlertProperties.Rule> rules) {
        this.defaultNames = AlertRules.defaults().stream().map(AlertRuleRegistration::name)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        rules.forEach((name, rule) -> {
            if (defaultNames.contains(name) && rule.getKind() == null) {
                overrides.put(name, override(rule));
            } else {
                custom.add(registration(name, rule));
            }
        });
    }

    Map<String, AlertRuleOverride> overrides() {
        return overrides;
    }

    List<AlertRuleRegistration> custom() {
        return custom;
    }

    private static AlertRuleOverride override(MonitorAlertProperties.Rule rule) {
        AlertRuleOverride override = AlertRuleOverride.none();
        if (rule.getEnabled() != null) {
            override = override.withEnabled(rule.getEnabled());
        }
        if (rule.getThreshold() != null) {
            override = override.withThreshold(rule.getThreshold());
        }
        if (rule.getSeverity() != null) {
            override = override.withSeverity(rule.getSeverity());
        }
        if (rule.getFor() != null) {
            override = override.withForDuration(rule.getFor());
        }
        if (rule.getKeepFiringFor() != null) {
            override = override.withKeepFiringFor(rule.getKeepFiringFor());
        }
        return override;
    }

    private static AlertRuleRegistration registration(String name, MonitorAlertProperties.Rule rule) {
        String prefix = "monitor.alerts.rules." + name;
        if (rule.getKind() == null) {
            throw new IllegalArgumentException(prefix + ".kind is required (threshold, rate, check, absence, spike, "
                    + "trend) unless " + name + " is one of the default rules");
        }
        AlertRule alertRule = switch (rule.getKind()) {
            case THRESHOLD -> rule.getMessage() == null
                    ? AlertRules.threshold(metric(prefix, rule), rule.getTags(), rule.getWindow(), aggregation(prefix, rule),
                            comparison(prefix, rule), threshold(prefix, rule))
                    : AlertRules.threshold(metric(prefix, rule), rule.getTags(), rule.getWindow(), aggregation(prefix, rule),
                            comparison(prefix, rule), threshold(prefix, rule), rule.getMessage());
            case RATE -> AlertRules.rate(metric(prefix, rule), rule.getTags(), rule.getWindow(), comparison(prefix, rule),
                    threshold(prefix, rule), rule.getMessage() != null ? rule.getMessage()
                            : "{series} at {value}/s, " + rule.getComparison() + " {limit}/s");
            case CHECK -> AlertRules.checkStatus(rule.getCheck() == null ? "*" : rule.getCheck(), status(prefix, rule));
            case ABSENCE -> AlertRules.absence(metric(prefix, rule), rule.getTags(), rule.getMaxAge());
            case SPIKE -> AlertRules.spike(metric(prefix, rule), rule.getTags(), rule.getWindow(), rule.getBaselineWindow(),
                    rule.getFactor(), rule.getMinValue());
            case TREND -> AlertRules.trend(metric(prefix, rule), rule.getTags(), rule.getLookback(), rule.getHorizon(),
                    threshold(prefix, rule));
        };
        AlertRuleRegistration.Builder builder = AlertRuleRegistration.builder(name, alertRule)
                .labels(rule.getLabels());
        if (rule.getSeverity() != null) {
            builder.severity(rule.getSeverity());
        }
        if (rule.getFor() != null) {
            builder.forDuration(rule.getFor());
        }
        if (rule.getKeepFiringFor() != null) {
            builder.keepFiringFor(rule.getKeepFiringFor());
        }
        if (rule.getSuggestedAction() != null && !rule.getSuggestedAction().isBlank()) {
            builder.suggestedAction(rule.getSuggestedAction());
        }
        if (rule.getEnabled() != null) {
            builder.enabled(rule.getEnabled());
        }
        return builder.build();
    }

    private static String metric(String prefix, MonitorAlertProperties.Rule rule) {
        if (rule.getMetric() == null || rule.getMetric().isBlank()) {
            throw new IllegalArgumentException(prefix + ".metric is required for kind " + rule.getKind().name().toLowerCase(Locale.ROOT));
        }
        return rule.getMetric();
    }

    private static double threshold(String prefix, MonitorAlertProperties.Rule rule) {
        if (rule.getThreshold() == null) {
            throw new IllegalArgumentException(prefix + ".threshold is required for kind " + rule.getKind().name().toLowerCase(Locale.ROOT));
        }
        return rule.getThreshold();
    }

    private static Aggregation aggregation(String prefix, MonitorAlertProperties.Rule rule) {
        try {
            return Aggregation.valueOf(rule.getAggregation().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + ".aggregation must be avg, min, max, last or sum, was '"
                    + rule.getAggregation() + "'");
        }
    }

    private static Comparison comparison(String prefix, MonitorAlertProperties.Rule rule) {
        try {
            return Comparison.valueOf(rule.getComparison().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + ".comparison must be above or below, was '" + rule.getComparison() + "'");
        }
    }

    private static HealthStatus status(String prefix, MonitorAlertProperties.Rule rule) {
        try {
            return HealthStatus.valueOf(rule.getStatus().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + ".status must be down or degraded, was '" + rule.getStatus() + "'");
        }
    }
}
