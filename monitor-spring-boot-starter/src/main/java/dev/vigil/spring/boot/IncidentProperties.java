package dev.vigil.spring.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.vigil.incident.ClassificationRule;
import dev.vigil.incident.Classifier;
import dev.vigil.incident.IncidentSettings;
import dev.vigil.incident.IncidentSeverity;
import dev.vigil.incident.KnownFix;

/** Maps {@code monitor.incidents.*} onto {@link IncidentSettings}; errors name the property at fault. */
final class IncidentProperties {

    private IncidentProperties() {
    }

    static IncidentSettings settings(MonitorProperties.Incidents incidents) {
        long bytes = incidents.getMaxBodySize().toBytes();
        IncidentSettings.Builder builder = IncidentSettings.builder()
                .enabled(incidents.isEnabled())
                .maxBodyBytes(bytes > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) bytes)
                .rateLimit(incidents.getRateLimit().getBurst(), incidents.getRateLimit().getPerSecond())
                .activeRetention(incidents.getActiveRetention())
                .fixWindow(incidents.getFixWindow())
                .suspectWindow(incidents.getSuspectWindow())
                .checkIncidents(incidents.isCheckIncidents())
                .classifier(Classifier.of(rules(incidents.getRules()), incidents.isDefaultRules()));
        for (String secret : incidents.getSentry().getClientSecrets()) {
            builder.sentryClientSecret(secret);
        }
        for (Map.Entry<String, MonitorProperties.KnownFix> entry : incidents.getKnownFixes().entrySet()) {
            MonitorProperties.KnownFix fix = entry.getValue();
            if (fix.getAction() == null || fix.getAction().isBlank()) {
                throw new IllegalArgumentException("monitor.incidents.known-fixes." + entry.getKey() + ".action is required");
            }
            builder.knownFix(KnownFix.of(entry.getKey(), fix.getAction(), fix.getFingerprint(), fix.getCategory(),
                    fix.getPattern(), fix.isAuto()));
        }
        return builder.build();
    }

    private static List<ClassificationRule> rules(Map<String, MonitorProperties.Rule> configured) {
        List<ClassificationRule> rules = new ArrayList<>();
        for (Map.Entry<String, MonitorProperties.Rule> entry : configured.entrySet()) {
            String setting = "monitor.incidents.rules." + entry.getKey();
            MonitorProperties.Rule rule = entry.getValue();
            ClassificationRule.Builder builder = ClassificationRule.builder(entry.getKey());
            try {
                if (hasText(rule.getMessage())) {
                    builder.message(rule.getMessage());
                }
                if (hasText(rule.getType())) {
                    builder.type(rule.getType());
                }
                if (hasText(rule.getEndpoint())) {
                    builder.endpoint(rule.getEndpoint());
                }
                if (hasText(rule.getApplication())) {
                    builder.application(rule.getApplication());
                }
                if (hasText(rule.getSeverity())) {
                    builder.severity(IncidentSeverity.parse(rule.getSeverity()));
                }
                if (hasText(rule.getCategory())) {
                    builder.category(rule.getCategory());
                }
                rules.add(builder.build());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
            }
        }
        return rules;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
