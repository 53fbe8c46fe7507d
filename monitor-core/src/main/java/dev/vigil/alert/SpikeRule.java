package dev.vigil.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.vigil.metrics.Aggregation;
import dev.vigil.metrics.SeriesCursor;
import dev.vigil.metrics.WindowSummary;

/**
 * The current window compared with the baseline window just before it, per series: fires when the
 * current value exceeds {@code factor} times the baseline and reaches {@code minValue}. Not API.
 *
 * <p>With {@link Aggregation#SUM} (counts per interval) the current value is the window's total and
 * the baseline is what the window would hold at the baseline's mean per sample; with
 * {@link Aggregation#AVG} both are means. Either way the comparison does not depend on how many
 * samples each window happens to hold. A series without samples in both windows does not fire.
 */
final class SpikeRule implements AlertRule {

    private final String metric;
    private final Map<String, String> filter;
    private final Duration window;
    private final Duration baselineWindow;
    private final double factor;
    private final double minValue;
    private final boolean sum;
    private final MessageTemplate message;

    SpikeRule(String metric, Map<String, String> filter, Duration window, Duration baselineWindow, double factor,
            double minValue, boolean sum, MessageTemplate message) {
        this.metric = metric;
        this.filter = filter;
        this.window = window;
        this.baselineWindow = baselineWindow;
        this.factor = factor;
        this.minValue = minValue;
        this.sum = sum;
        this.message = message;
    }

    @Override
    public List<AlertCondition> evaluate(RuleContext context) {
        Instant now = context.now();
        Instant currentStart = MetricWindows.start(now, window);
        Instant baselineEnd = now.minus(window);
        Instant baselineStart = MetricWindows.start(baselineEnd, baselineWindow);
        WindowSummary current = new WindowSummary();
        WindowSummary baseline = new WindowSummary();
        List<AlertCondition> conditions = null;
        for (SeriesCursor series = context.metrics().cursor(metric, filter); series.next(); ) {
            // Two reads: the current window comes from raw samples even when the baseline reaches into rollups.
            if (!series.summarize(currentStart, now, current) || !series.summarize(baselineStart, baselineEnd, baseline)) {
                continue;
            }
            double value = sum ? current.mean() * current.count() : current.mean();
            double usual = sum ? baseline.mean() * current.count() : baseline.mean();
            if (value >= minValue && value > factor * usual) {
                if (conditions == null) {
                    conditions = new ArrayList<>();
                }
                Map<String, String> tags = series.key().tags();
                conditions.add(AlertCondition.of(tags, value, message.render(metric, tags, value, factor, usual, window, null)));
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
        parameters.put("baselineWindow", MessageTemplate.duration(baselineWindow));
        parameters.put("factor", factor);
        parameters.put("minValue", minValue);
        parameters.put("aggregation", sum ? "sum" : "avg");
        return new RuleDescription("spike", parameters);
    }

    @Override
    public String toString() {
        return "spike(" + metric + filter + ", " + MessageTemplate.duration(window) + " vs "
                + MessageTemplate.duration(baselineWindow) + ", x" + factor + ", min " + minValue + ")";
    }
}
