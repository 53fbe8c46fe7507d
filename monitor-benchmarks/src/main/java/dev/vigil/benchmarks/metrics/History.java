package dev.vigil.benchmarks.metrics;

import dev.vigil.benchmarks.BenchClock;
import dev.vigil.metrics.MetricSample;
import dev.vigil.metrics.MetricsSettings;
import dev.vigil.metrics.TimeSeriesStore;
import java.time.Duration;
import java.time.Instant;

/** Builds a {@link TimeSeriesStore} holding 30 days of 60-second samples, as the collector would have written them. */
final class History {

    /** The metric every series belongs to. */
    static final String METRIC = "http.route.latency.p95";
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration SPAN = Duration.ofDays(30);
    static final Duration INTERVAL = MetricsSettings.DEFAULT_COLLECT_INTERVAL;

    private History() {
    }

    /**
     * A store with the default settings and {@code series} series of {@link #METRIC} (tag {@code route}),
     * one sample per series every 60 seconds for 30 days, the clock moving with the samples and left at
     * the last one.
     */
    static TimeSeriesStore thirtyDays(BenchClock clock, int series) {
        clock.set(START);
        TimeSeriesStore store = new TimeSeriesStore(clock, MetricsSettings.ofDefaults());
        MetricSample[] template = new MetricSample[series];
        for (int s = 0; s < series; s++) {
            template[s] = MetricSample.of(METRIC, 0, "route", "/api/route" + s + "/{id}");
        }
        long samples = SPAN.toSeconds() / INTERVAL.toSeconds();
        for (long i = 0; i < samples; i++) {
            Instant time = START.plusSeconds(i * INTERVAL.toSeconds());
            clock.set(time);
            for (int s = 0; s < series; s++) {
                double value = 120 + 80 * Math.sin((i + 13L * s) / 240.0) + (i * 7 + s) % 11;
                store.add(time, new MetricSample(METRIC, template[s].tags(), value));
            }
        }
        return store;
    }
}
