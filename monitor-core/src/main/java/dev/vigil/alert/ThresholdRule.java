package dev.vigil.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.vigil.metrics.Aggregation;
import dev.vigil.metrics.Series;

/** A metric's window aggregate (or rate) compared with a limit, per matching series. Not API. */
final class ThresholdRule implements AlertRule {

    private final String metric;
    private final Map<String, String> filter;
    private final Duration window;
    private final Aggregation aggregation;
    private final boolean rate;
    private final Comparison comparison;
    private final double limit;
    private final MessageTemplate message;

    ThresholdRule(String metric, Map<String, String> filter, Duration window, Aggregation aggregation, boolean rate,
            Comparison comparison, double limit, MessageTemplate message) {
        this.metric = metric;
        this.filter = filter;
        this.window = window;
        this.aggregation = aggregation;
        this.rate = rate;
        this.comparison = comparison;
        this.limit = limit;
        this.message = message;
    }

    @Override
    public List<AlertCondition> evaluate(RuleContext context) {
        Instant now = context.now();
        // step = window: the whole (half-open) window is one step, so each series yields at most one point
        List<Series> series = context.metrics().query(metric, filter, MetricWindows.start(now, window), now, window,
                rate ? Aggregation.SUM : aggregation);
        List<AlertCondition> conditions = null;
        for (Series s : series) {
            if (s.points().isEmpty()) {
                continue;
            }
            double value = s.points().get(s.points().size() - 1).value();
            if (rate) {
                value /= window.getSeconds();
            }
            if (comparison.test(value, limit)) {
                if (conditions == null) {
                    conditions = new ArrayList<>();
                }
                Map<String, String> tags = s.key().tags();
                conditions.add(AlertCondition.of(tags, value,
                        message.render(metric, tags, value, limit, Double.NaN, window, null)));
            }
        }
        return conditions == null ? List.of() : conditions;
    }

    @Override
    public String toString() {
        return (rate ? "rate(" : aggregation.name().toLowerCase(Locale.ROOT) + "(") + metric + filter + "["
                + MessageTemplate.duration(window) + "]) " + comparison.word() + " " + limit;
    }
}
