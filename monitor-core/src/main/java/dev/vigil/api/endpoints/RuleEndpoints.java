package dev.vigil.api.endpoints;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertCondition;
import dev.vigil.alert.AlertEngine;
import dev.vigil.alert.AlertRuleRegistration;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.RuleDescription;
import dev.vigil.alert.RuleReading;
import dev.vigil.api.Operation;
import dev.vigil.api.Result;
import dev.vigil.internal.HumanText;
import dev.vigil.security.Role;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /rules}: every registered alert rule with its kind and parameters, severity, {@code for}, state (ok,
 * pending or firing, per label set), suggested action, what its latest evaluation found and the values it
 * watches now.
 */
public final class RuleEndpoints {

    private static final int MAX_READINGS = 20;

    private RuleEndpoints() {
    }

    /** The operation {@code rules}. */
    public static Operation operation(AlertEngine alerts) {
        return Operation.get("rules", "/rules")
                .role(Role.READ)
                .description("The alert rules: kind, parameters, severity, for, state per label set, suggested action, last"
                        + " evaluation and the values watched now")
                .handler((caller, arguments) -> Result.ok(Map.of("rules", rules(alerts))))
                .build();
    }

    private static List<Map<String, Object>> rules(AlertEngine alerts) {
        List<Alert> active = alerts.active();
        Map<String, String> failing = alerts.failingRules();
        List<Map<String, Object>> rules = new ArrayList<>();
        for (AlertRuleRegistration rule : alerts.rules()) {
            RuleDescription description = rule.rule().describe();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", rule.name());
            json.put("kind", description.kind());
            json.put("parameters", description.parameters());
            json.put("severity", rule.severity().jsonName());
            json.put("for", HumanText.duration(rule.forDuration()));
            json.put("keepFiringFor", HumanText.duration(rule.keepFiringFor()));
            json.put("labels", rule.labels());
            json.put("enabled", rule.enabled());
            json.put("suggestedAction", rule.suggestedAction().orElse(null));
            List<Map<String, Object>> alertsOfRule = new ArrayList<>();
            String state = "ok";
            for (Alert alert : active) {
                if (!alert.rule().equals(rule.name())) {
                    continue;
                }
                if (alert.state() == AlertState.FIRING) {
                    state = "firing";
                } else if (state.equals("ok")) {
                    state = "pending";
                }
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("id", alert.id());
                one.put("labels", alert.labels());
                one.put("state", alert.state().jsonName());
                one.put("since", alert.since());
                one.put("firedAt", alert.firedAt());
                one.put("value", number(alert.value()));
                one.put("message", alert.message());
                one.put("suggestedAction", alert.suggestedAction());
                alertsOfRule.add(one);
            }
            json.put("state", rule.enabled() ? state : "disabled");
            json.put("alerts", alertsOfRule);
            json.put("lastEvaluation", alerts.lastEvaluation(rule.name()).map(RuleEndpoints::evaluation).orElse(null));
            json.put("error", failing.get(rule.name()));
            List<Map<String, Object>> readings = new ArrayList<>();
            if (rule.enabled()) {
                for (RuleReading reading : alerts.read(rule.name())) {
                    if (readings.size() == MAX_READINGS) {
                        break;
                    }
                    Map<String, Object> one = new LinkedHashMap<>();
                    one.put("labels", reading.labels());
                    one.put("value", number(reading.value()));
                    one.put("limit", reading.limit());
                    one.put("comparison", reading.comparison().word());
                    if (reading.eta() != null) {
                        one.put("eta", HumanText.duration(Duration.ofSeconds(reading.eta().getSeconds())));
                    }
                    readings.add(one);
                }
            }
            json.put("current", readings);
            rules.add(json);
        }
        return rules;
    }

    private static Map<String, Object> evaluation(AlertEngine.RuleEvaluation evaluation) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", evaluation.at());
        json.put("conditions", evaluation.conditions());
        List<Map<String, Object>> values = new ArrayList<>();
        for (AlertCondition condition : evaluation.sample()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("labels", condition.labels());
            one.put("value", number(condition.value()));
            values.add(one);
        }
        json.put("values", values);
        return json;
    }

    private static @Nullable Double number(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
