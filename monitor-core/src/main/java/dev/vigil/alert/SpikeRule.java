package dev.vigil.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.vigil.metrics.Aggregation;
import dev.vigil.metrics.Point;
import dev.vigil.metrics.Series;
import dev.vigil.metrics.SeriesKey;

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

    private static final Duration EACH_SAMPLE = Duration.ofSeconds(1);

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
        // Two reads: the current window comes from raw samples even when the baseline reaches into rollups.
        List<Series> current = context.metrics().query(metric, filter, currentStart, now, EACH_SAMPLE, Aggregation.AVG);
        if (current.isEmpty()) {
            return List.of();
        }
        Map<SeriesKey, double[]> baseline = new HashMap<>();
        for (Series s : context.metrics().query(metric, filter, MetricWindows.start(baselineEnd, baselineWindow),
                baselineEnd, EACH_SAMPLE, Aggregation.AVG)) {
            double[] meanAndCount = meanAndCount(s.points());
            if (meanAndCount[1] > 0) {
                baseline.put(s.key(), meanAndCount);
            }
        }
        List<AlertCondition> conditions = null;
        for (Series s : current) {
            double[] base = baseline.get(s.key());
            double[] currentStats = meanAndCount(s.points());
            if (base == null || currentStats[1] == 0) {
                continue;
            }
            double value = sum ? currentStats[0] * currentStats[1] : currentStats[0];
            double usual = sum ? base[0] * currentStats[1] : base[0];
            if (value >= minValue && value > factor * usual) {
                if (conditions == null) {
                    conditions = new ArrayList<>();
                }
                Map<String, String> tags = s.key().tags();
                conditions.add(AlertCondition.of(tags, value, message.render(metric, tags, value, factor, usual, window, null)));
            }
        }
        return conditions == null ? List.of() : conditions;
    }

    private static double[] meanAndCount(List<Point> points) {
        double total = 0;
        for (Point point : points) {
            total += point.value();
        }
        return new double[] {points.isEmpty() ? 0 : total / points.size(), points.size()};
    }

    @Override
    public String toString() {
        return "spike(" + metric + filter + ", " + MessageTemplate.duration(window) + " vs "
                + MessageTemplate.duration(baselineWindow) + ", x" + factor + ", min " + minValue + ")";
    }
}
