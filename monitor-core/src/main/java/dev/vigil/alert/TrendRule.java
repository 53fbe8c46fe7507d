package dev.vigil.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.vigil.metrics.SeriesCursor;
import dev.vigil.metrics.WindowSummary;

/**
 * A least-squares line through the lookback's points, per series: fires when the line crosses the
 * limit (in the rule's direction) within the horizon, or is already past it while still heading that
 * way. Needs at least {@value #MIN_POINTS} points spanning half the lookback, so a few samples after a
 * restart do not predict anything. Not API.
 */
final class TrendRule implements AlertRule {

    static final int MIN_POINTS = 3;

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
        Instant start = MetricWindows.start(now, lookback);
        WindowSummary summary = new WindowSummary();
        List<AlertCondition> conditions = null;
        for (SeriesCursor series = context.metrics().cursor(metric, filter); series.next(); ) {
            if (!series.summarize(start, now, summary) || summary.count() < MIN_POINTS
                    || (summary.lastSecond() - summary.firstSecond()) * 2 < lookback.getSeconds()) {
                continue;
            }
            double slope = summary.slope(); // per second; NaN (heading nowhere) when the points share one second
            boolean heading = comparison == Comparison.ABOVE ? slope > 0 : slope < 0;
            if (!heading) {
                continue;
            }
            double seconds = Math.max(0, (limit - summary.fittedAtEnd()) / slope); // the fit's value now, as the range ends now
            if (seconds > horizon.getSeconds()) {
                continue;
            }
            if (conditions == null) {
                conditions = new ArrayList<>();
            }
            Map<String, String> tags = series.key().tags();
            double latest = summary.last();
            conditions.add(AlertCondition.of(tags, latest, message.render(metric, tags, latest, limit, Double.NaN, lookback,
                    Duration.ofSeconds(Math.round(seconds)))));
        }
        return conditions == null ? List.of() : conditions;
    }

    @Override
    public RuleDescription describe() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("metric", metric);
        parameters.put("tags", filter);
        parameters.put("lookback", MessageTemplate.duration(lookback));
        parameters.put("horizon", MessageTemplate.duration(horizon));
        parameters.put("comparison", comparison.word());
        parameters.put("threshold", limit);
        return new RuleDescription("trend", parameters);
    }

    /** Per series with enough points: its newest value, and when its line reaches the limit if it heads there. */
    @Override
    public List<RuleReading> read(RuleContext context) {
        Instant now = context.now();
        Instant start = MetricWindows.start(now, lookback);
        WindowSummary summary = new WindowSummary();
        List<RuleReading> readings = new ArrayList<>();
        for (SeriesCursor series = context.metrics().cursor(metric, filter); series.next(); ) {
            if (!series.summarize(start, now, summary) || summary.count() < MIN_POINTS
                    || (summary.lastSecond() - summary.firstSecond()) * 2 < lookback.getSeconds()) {
                continue;
            }
            double slope = summary.slope();
            boolean heading = comparison == Comparison.ABOVE ? slope > 0 : slope < 0;
            Duration eta = heading
                    ? Duration.ofSeconds(Math.round(Math.min(Math.max(0, (limit - summary.fittedAtEnd()) / slope), 1e12)))
                    : null;
            readings.add(new RuleReading(series.key().tags(), summary.last(), limit, comparison, eta));
        }
        return readings;
    }

    @Override
    public String toString() {
        return "trend(" + metric + filter + ", " + MessageTemplate.duration(lookback) + ") reaches " + limit + " within "
                + MessageTemplate.duration(horizon);
    }
}
