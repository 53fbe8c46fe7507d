package dev.vigil.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.vigil.metrics.Aggregation;
import dev.vigil.metrics.Point;
import dev.vigil.metrics.Series;

/**
 * A least-squares line through the lookback's points, per series: fires when the line crosses the
 * limit (in the rule's direction) within the horizon, or is already past it while still heading that
 * way. Needs at least {@value #MIN_POINTS} points spanning half the lookback, so a few samples after a
 * restart do not predict anything. Not API.
 */
final class TrendRule implements AlertRule {

    static final int MIN_POINTS = 3;
    private static final Duration EACH_SAMPLE = Duration.ofSeconds(1);

    private final String metric;
    private final Map<String, String> filter;
    private final Duration lookback;
    private final Duration horizon;
    private final Comparison comparison;
    private final double limit;
    private final MessageTemplate message;

    TrendRule(String metric, Map<String, String> filter, Duration lookback, Duration horizon, Comparison comparison,
            double limit, MessageTemplate message) {
        this.metric = metric;
        this.filter = filter;
        this.lookback = lookback;
        this.horizon = horizon;
        this.comparison = comparison;
        this.limit = limit;
        this.message = message;
    }

    @Override
    public List<AlertCondition> evaluate(RuleContext context) {
        Instant now = context.now();
        long nowSecond = now.getEpochSecond();
        List<AlertCondition> conditions = null;
        for (Series s : context.metrics().query(metric, filter, MetricWindows.start(now, lookback), now, EACH_SAMPLE,
                Aggregation.AVG)) {
            List<Point> points = s.points();
            int n = points.size();
            if (n < MIN_POINTS || span(points) * 2 < lookback.getSeconds()) {
                continue;
            }
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double sxy = 0;
            for (Point point : points) {
                double x = point.time().getEpochSecond() - nowSecond; // seconds before now: small, precise
                double y = point.value();
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
            }
            double denominator = n * sxx - sx * sx;
            if (denominator == 0) {
                continue;
            }
            double slope = (n * sxy - sx * sy) / denominator; // per second
            double fittedNow = (sy - slope * sx) / n;
            boolean heading = comparison == Comparison.ABOVE ? slope > 0 : slope < 0;
            if (!heading) {
                continue;
            }
            double seconds = Math.max(0, (limit - fittedNow) / slope);
            if (seconds > horizon.getSeconds()) {
                continue;
            }
            if (conditions == null) {
                conditions = new ArrayList<>();
            }
            Map<String, String> tags = s.key().tags();
            double latest = points.get(n - 1).value();
            conditions.add(AlertCondition.of(tags, latest, message.render(metric, tags, latest, limit, Double.NaN, lookback,
                    Duration.ofSeconds(Math.round(seconds)))));
        }
        return conditions == null ? List.of() : conditions;
    }

    private static long span(List<Point> points) {
        return points.get(points.size() - 1).time().getEpochSecond() - points.get(0).time().getEpochSecond();
    }

    @Override
    public String toString() {
        return "trend(" + metric + filter + ", " + MessageTemplate.duration(lookback) + ") reaches " + limit + " within "
                + MessageTemplate.duration(horizon);
    }
}
