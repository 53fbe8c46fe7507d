package dev.vigil.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.vigil.metrics.LatestValue;

/**
 * Alerts when a metric stops arriving: per series whose newest sample is older than the max age, or
 * once when no matching series has a sample that recent (including when none exists). Not API.
 */
final class AbsenceRule implements AlertRule {

    private final String metric;
    private final Map<String, String> filter;
    private final Duration maxAge;
    private final boolean perSeries;
    private final MessageTemplate message;

    AbsenceRule(String metric, Map<String, String> filter, Duration maxAge, boolean perSeries, MessageTemplate message) {
        this.metric = metric;
        this.filter = filter;
        this.maxAge = maxAge;
        this.perSeries = perSeries;
        this.message = message;
    }

    @Override
    public List<AlertCondition> evaluate(RuleContext context) {
        Instant oldestFresh = context.now().minus(maxAge);
        List<LatestValue> latest = context.metrics().latest(metric, filter);
        if (!perSeries) {
            Instant newest = null;
            for (LatestValue value : latest) {
                if (newest == null || value.time().isAfter(newest)) {
                    newest = value.time();
                }
            }
            if (newest != null && !newest.isBefore(oldestFresh)) {
                return List.of();
            }
            double age = newest == null ? Double.NaN : ageSeconds(context.now(), newest);
            return List.of(AlertCondition.of(filter, age, message.render(metric, filter, age, Double.NaN, Double.NaN, maxAge, null)));
        }
        List<AlertCondition> conditions = null;
        for (LatestValue value : latest) {
            if (value.time().isBefore(oldestFresh)) {
                if (conditions == null) {
                    conditions = new ArrayList<>();
                }
                Map<String, String> tags = value.key().tags();
                double age = ageSeconds(context.now(), value.time());
                conditions.add(AlertCondition.of(tags, age, message.render(metric, tags, age, Double.NaN, Double.NaN, maxAge, null)));
            }
        }
        return conditions == null ? List.of() : conditions;
    }

    private static double ageSeconds(Instant now, Instant time) {
        return Duration.between(time, now).getSeconds();
    }

    @Override
    public RuleDescription describe() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("metric", metric);
        parameters.put("tags", filter);
        parameters.put("maxAge", MessageTemplate.duration(maxAge));
        return new RuleDescription(perSeries ? "absence" : "no-data", parameters);
    }

    @Override
    public String toString() {
        return (perSeries ? "absent(" : "no-data(") + metric + filter + ", " + MessageTemplate.duration(maxAge) + ")";
    }
}
