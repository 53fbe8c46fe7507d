package dev.vigil.notice;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.vigil.alert.AlertCondition;
import dev.vigil.alert.AlertRule;
import dev.vigil.alert.RuleContext;
import dev.vigil.internal.HumanText;
import dev.vigil.metrics.Aggregation;
import dev.vigil.metrics.SeriesCursor;
import dev.vigil.metrics.WindowSummary;

/**
 * The alert of an area whose API fails: per area, per route within its prefixes, the 5xx ratio
 * ({@code http.route.error.ratio}) averaged over the impact window above the limit. Labelled
 * {@code area} and {@code route}, so the area's notice shows while it fires; the message says how many
 * distinct users were affected: "API errors on /media-upload have exceeded safe thresholds (error rate 23.5%
 * over 5m). Impact detected for 12 users."
 */
public final class AreaErrorRule implements AlertRule {

    /** The rule's name. */
    public static final String NAME = "area-errors";
    /** The metric it reads, as the request filter records it per route. */
    public static final String METRIC = "http.route.error.ratio";

    private final NoticeService notices;
    private final Duration window;
    private final double limit;

    /** The rule over {@code notices}' areas, with its window and limit from their settings. */
    public AreaErrorRule(NoticeService notices) {
        this.notices = Objects.requireNonNull(notices, "notices");
        this.window = notices.settings().impactWindow();
        this.limit = notices.settings().areaErrorRatio();
    }

    @Override
    public List<AlertCondition> evaluate(RuleContext context) {
        Instant now = context.now();
        Instant start = now.minus(window);
        WindowSummary summary = new WindowSummary();
        List<AlertCondition> conditions = new ArrayList<>();
        for (SeriesCursor series = context.metrics().cursor(METRIC, Map.of()); series.next(); ) {
            String route = series.key().tags().get("route");
            if (route == null) {
                continue;
            }
            NoticeArea area = notices.areaAt(route, 0);
            if (area == null || !series.summarize(start, now, summary)) {
                continue;
            }
            double ratio = summary.value(Aggregation.AVG);
            if (ratio > limit) {
                conditions.add(AlertCondition.of(Map.of("area", area.name(), "route", route), ratio,
                        message(route, ratio, area.name())));
            }
        }
        return conditions;
    }

    private String message(String route, double ratio, String area) {
        StringBuilder text = new StringBuilder("API errors on ").append(route)
                .append(" have exceeded safe thresholds (error rate ").append(HumanText.percent(ratio))
                .append(" over ").append(HumanText.duration(window)).append(").");
        int users = notices.affectedUsers(area);
        if (users > 0) {
            text.append(" Impact detected for ").append(notices.affectedUsersText(area))
                    .append(users == 1 ? " user." : " users.");
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "avg(" + METRIC + "{route in areas}[" + HumanText.duration(window) + "]) above " + limit;
    }
}
