package dev.vigil.api.endpoints;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.vigil.api.Arguments;
import dev.vigil.api.BodyField;
import dev.vigil.api.InputSchema;
import dev.vigil.api.Operation;
import dev.vigil.api.Result;
import dev.vigil.internal.HumanText;
import dev.vigil.metrics.Aggregation;
import dev.vigil.metrics.LatestValue;
import dev.vigil.metrics.Point;
import dev.vigil.metrics.Series;
import dev.vigil.metrics.TimeSeriesStore;
import dev.vigil.security.Role;

/** {@code GET /metrics}: latest values by section, or one metric's series over a range. */
public final class MetricsEndpoints {

    private static final int MAX_POINTS = 2_000;

    private MetricsEndpoints() {
    }

    /** The metrics operation over {@code store}, reading now from {@code clock}. */
    public static Operation metrics(TimeSeriesStore store, Clock clock) {
        return Operation.get("metrics", "/metrics")
                .role(Role.READ)
                .description("Latest values grouped as api, database, jobs, system, security and business; with name, one series per"
                        + " tag set over a range")
                .input(InputSchema.builder()
                        .query(BodyField.string("name").maxLength(200).describedAs("a metric name: its series instead of the"
                                + " latest values"))
                        .query(BodyField.string("range").maxLength(20).describedAs("how far back, e.g. 24h (default 24h)"))
                        .query(BodyField.string("step").maxLength(20).describedAs("time between points, e.g. 5m"))
                        .query(BodyField.string("agg").maxLength(10).describedAs("avg, min, max, last or sum (default avg)"))
                        .otherQueryParams("filters by tag, e.g. platform=ios")
                        .build())
                .handler((caller, arguments) -> Result.ok(arguments.string("name").isEmpty()
                        ? latestGrouped(store, arguments.otherQueryParams(), clock)
                        : series(store, arguments, clock)))
                .build();
    }

    private static Map<String, Object> series(TimeSeriesStore store, Arguments arguments, Clock clock) {
        String name = arguments.string("name").orElseThrow();
        Map<String, String> tags = arguments.otherQueryParams();
        Duration range = arguments.string("range").map(HumanText::parseDuration).orElse(Duration.ofHours(24));
        if (range.isNegative() || range.isZero() || range.compareTo(store.settings().retention()) > 0) {
            throw new IllegalArgumentException("range must be positive and at most the retention ("
                    + HumanText.duration(store.settings().retention()) + ")");
        }
        Duration step = arguments.string("step").map(HumanText::parseDuration)
                .orElse(defaultStep(range, store.settings().collectInterval()));
        if (step.isNegative() || step.isZero() || range.dividedBy(step) > MAX_POINTS) {
            throw new IllegalArgumentException("step must be positive and give at most " + MAX_POINTS + " points over the range");
        }
        Aggregation aggregation = arguments.string("agg").map(MetricsEndpoints::aggregation).orElse(Aggregation.AVG);
        Instant to = clock.instant();
        List<Series> series = store.query(name, tags, to.minus(range), to, step, aggregation);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("range", HumanText.duration(range));
        body.put("step", HumanText.duration(step));
        body.put("aggregation", aggregation.name().toLowerCase(Locale.ROOT));
        body.put("series", series.stream().map(MetricsEndpoints::series).toList());
        return body;
    }

    private static Map<String, Object> series(Series series) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tags", series.key().tags());
        json.put("points", series.points().stream().map(MetricsEndpoints::point).toList());
        return json;
    }

    private static List<Object> point(Point point) {
        return List.of(point.time().toEpochMilli(), point.value());
    }

    private static Duration defaultStep(Duration range, Duration interval) {
        Duration step = range.dividedBy(300);
        return step.compareTo(interval) < 0 ? interval : Duration.ofSeconds(Math.max(1, step.getSeconds()));
    }

    private static Aggregation aggregation(String text) {
        try {
            return Aggregation.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("agg must be one of avg, min, max, last, sum; was '" + text + "'");
        }
    }

    private static Map<String, Object> latestGrouped(TimeSeriesStore store, Map<String, String> tags, Clock clock) {
        Map<String, Object> groups = new LinkedHashMap<>();
        for (String group : List.of("api", "database", "jobs", "system", "security", "business")) {
            groups.put(group, new ArrayList<Map<String, Object>>());
        }
        for (LatestValue latest : store.latestAll()) {
            if (!latest.key().matches(tags)) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", latest.key().name());
            if (!latest.key().tags().isEmpty()) {
                entry.put("tags", latest.key().tags());
            }
            entry.put("value", latest.value());
            entry.put("time", latest.time().toString());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> list = (List<Map<String, Object>>) groups.get(group(latest.key().name()));
            list.add(entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", clock.instant().toString());
        body.put("collectInterval", HumanText.duration(store.settings().collectInterval()));
        body.putAll(groups);
        return body;
    }

    /** The section a metric belongs to. */
    static String group(String name) {
        if (name.startsWith("http.")) {
            return "api";
        }
        if (name.startsWith("db.")) {
            return "database";
        }
        if (name.startsWith("job.") || name.startsWith("jobs.")) {
            return "jobs";
        }
        if (name.startsWith("security.")) {
            return "security";
        }
        if (name.startsWith("system.") || name.startsWith("process.") || name.startsWith("jvm.") || name.startsWith("disk.")) {
            return "system";
        }
        return "business";
    }
}
