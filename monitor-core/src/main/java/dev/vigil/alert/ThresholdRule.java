package dev.vigil.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.vigil.metrics.Aggregation;
import dev.vigil.metrics.SeriesCursor;
import dev.vigil.metrics.WindowSummary;

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
        Instant start = MetricWindows.start(now, window);
        WindowSummary summary = new WindowSummary();
        List<AlertCondition> conditions = null;
        for (SeriesCursor series = context.metrics().cursor(metric, filter); series.next(); ) {
            if (!series.summarize(start, now, summary)) {
                continue;
            }
            double value = rate ? summary.sum() / window.getSeconds() : summary.value(aggregation);
            if (comparison.test(value, limit)) {
                if (conditions == null) {
                    conditions = new ArrayList<>();
                }
                Map<String, String> tags = series.key().tags();
                conditions.add(AlertCondition.of(tags, value,
                        message.render(metric, tags, value, limit, Double.NaN, window, null)));
            }
        }
        return conditions == null ? List.of() : conditions;
    }

    @Override
    public RuleDescription describe() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("metric", metric);
        parameters.put("tags", filter);
        parameters.put("window", MessageTemplate.duration(window));
        if (!rate) {
            parameters.put("aggregation", aggregation.name().toLowerCase(Locale.ROOT));
        }
        parameters.put("comparison", comparison.word());
        parameters.put("threshold", limit);
        return new RuleDescription(rate ? "rate" : "threshold", parameters);
    }

    @Override
    public List<RuleReading> read(RuleContext context) {
        Instant now = context.now();
        Instant start = MetricWindows.start(now, window);
        WindowSummary summary = new WindowSummary();
        List<RuleReading> readings = new ArrayList<>();
        for (SeriesCursor series = context.metrics().cursor(metric, filter); series.next(); ) {
            if (series.summarize(start, now, summary)) {
                double value = rate ? summary.sum() / window.getSeconds() : summary.value(aggregation);
                readings.add(new RuleReading(series.key().tags(), value, limit, comparison, null));
            }
        }
        return readings;
    }

    @Override
    public String toString() {
        return (rate ? "rate(" : aggregation.name().toLowerCase(Locale.ROOT) + "(") + metric + filter + "["
                + MessageTemplate.duration(window) + "]) " + comparison.word() + " " + limit;
    }
}
