package dev.vigil.benchmarks.alert;

import dev.vigil.alert.AlertEngine;
import dev.vigil.alert.AlertRule;
import dev.vigil.alert.AlertRuleRegistration;
import dev.vigil.alert.AlertRules;
import dev.vigil.alert.AlertSettings;
import dev.vigil.alert.AlertStore;
import dev.vigil.alert.Comparison;
import dev.vigil.alert.RuleContext;
import dev.vigil.benchmarks.BenchClock;
import dev.vigil.health.CheckHealth;
import dev.vigil.health.HealthReport;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthStatus;
import dev.vigil.metrics.Aggregation;
import dev.vigil.metrics.MetricSample;
import dev.vigil.metrics.MetricsSettings;
import dev.vigil.metrics.TimeSeriesStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The installation the alert benchmarks evaluate: 1,000 series and 500 rules over 1 hour (or 24 hours)
 * of 60-second samples, and a health report of 100 checks. See {@link AlertEngineBenchmark} for its shape.
 */
final class AlertTick {

    static final int METRICS = 20;
    static final int SERIES_PER_METRIC = 50;
    static final int GROUPS = 5;
    static final int CHECKS = 100;

    final BenchClock clock;
    final TimeSeriesStore series;
    final HealthReport report;
    /** When the last samples were taken; the clock stands there after construction. */
    final Instant lastSample;

    /** Fills {@code history} ({@code 1h} or {@code 24h}) of samples and leaves the clock at the last one. */
    AlertTick(String history) {
        int minutes = switch (history) {
            case "1h" -> 60;
            case "24h" -> 24 * 60;
            default -> throw new IllegalArgumentException("unknown history '" + history + "'");
        };
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        clock = new BenchClock(start);
        series = new TimeSeriesStore(clock, MetricsSettings.ofDefaults());
        for (int minute = 0; minute < minutes; minute++) {
            Instant time = start.plusSeconds(60L * minute);
            clock.set(time);
            boolean lastFive = minute >= minutes - 5;
            for (int metric = 0; metric < METRICS; metric++) {
                for (int instance = 0; instance < SERIES_PER_METRIC; instance++) {
                    series.add(time, MetricSample.of(metricName(metric), value(instance, minute, minutes, lastFive),
                            "group", "g" + instance % GROUPS, "instance", "i" + instance));
                }
            }
        }
        lastSample = start.plusSeconds(60L * (minutes - 1));
        clock.set(lastSample);

        List<CheckHealth> checks = new ArrayList<>();
        for (int check = 0; check < CHECKS; check++) {
            HealthStatus status = check % 10 == 0 ? HealthStatus.DOWN : HealthStatus.UP;
            checks.add(new CheckHealth(checkName(check), false, true, HealthResult.of(status, status == HealthStatus.UP ? "" : "refused")));
        }
        report = HealthReport.of(lastSample, Duration.ofHours(minutes / 60), "bench", checks);
    }

    /**
     * An engine keeping its state in {@code store}, with the 500 rules registered and evaluated once at the
     * clock's time, so that the alerts are active; fails if no rule holds.
     */
    AlertEngine engine(AlertSettings settings, AlertStore store) {
        AlertEngine engine = new AlertEngine(RuleContext.of(clock, series, () -> report), System::nanoTime,
                notification -> { }, settings, store);
        int rules = 0;
        for (int metric = 0; metric < METRICS; metric++) {
            for (int group = 0; group < GROUPS; group++) {
                String name = metricName(metric);
                Map<String, String> filter = Map.of("group", "g" + group);
                String suffix = "-" + metric + "-" + group;
                register(engine, "threshold" + suffix, AlertRules.threshold(name, filter, Duration.ofMinutes(5),
                        Aggregation.AVG, Comparison.ABOVE, 95));
                register(engine, "rate" + suffix, AlertRules.rate(name, filter, Duration.ofMinutes(5), Comparison.ABOVE,
                        1.5, "{series} at {value}/s"));
                register(engine, "spike" + suffix, AlertRules.spike(name, filter, Duration.ofMinutes(5), Duration.ofHours(1),
                        2, 10));
                register(engine, "trend" + suffix, AlertRules.trend(name, filter, Duration.ofHours(1), Duration.ofHours(24),
                        200));
                rules += 4;
            }
        }
        for (int check = 0; check < CHECKS; check++) {
            register(engine, "check-" + check, AlertRules.checkStatus(checkName(check), HealthStatus.DOWN));
            rules++;
        }
        if (rules != 500 || series.seriesCount() != METRICS * SERIES_PER_METRIC) {
            throw new IllegalStateException(rules + " rules over " + series.seriesCount() + " series");
        }
        engine.evaluate();
        if (activeAlerts(engine) == 0) {
            throw new IllegalStateException("no rule holds: the benchmark would not exercise alerts");
        }
        return engine;
    }

    /** The pending and firing alerts after the engine's last evaluation. */
    static int activeAlerts(AlertEngine engine) {
        return engine.lastEvaluation().orElseThrow().activeAlerts();
    }

    private static void register(AlertEngine engine, String name, AlertRule rule) {
        engine.register(AlertRuleRegistration.of(name, rule));
    }

    /**
     * Per instance: a level between 0 and 90 with a little wobble; instances 9, 19, 29... sit at 98
     * (over the thresholds); instances 0, 10, 20... rise by 30 an hour to 90 now (the trend reaches 200
     * within a day); instances 5, 25, 45 jump fivefold in the last five minutes (spike).
     */
    private static double value(int instance, int minute, int minutes, boolean lastFive) {
        double level = instance % 10 == 9 ? 98 : (instance % 10) * 10;
        double wobble = Math.sin((minute + instance) / 7.0);
        if (instance % 10 == 0) {
            level = 90 + (minute - minutes) * 0.5;
        }
        if (instance % 20 == 5 && lastFive) {
            level *= 5;
        }
        return level + wobble;
    }

    private static String metricName(int metric) {
        return "bench.metric" + metric;
    }

    private static String checkName(int check) {
        return "check-" + check;
    }
}
