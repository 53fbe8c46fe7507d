package dev.vigil.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.vigil.metrics.MetricCollector;
import dev.vigil.metrics.MetricSample;

/**
 * The {@link MetricCollector} behind {@link JobMonitor#collector()}. Per job, tagged {@code job=<name>}:
 * {@code job.runs} and {@code job.failures} (since the previous collection), {@code job.running},
 * {@code job.duration.avg} (ms, omitted before the first completed run), {@code job.last.success.age}
 * (seconds, omitted if the job never succeeded) and {@code jobs.failures.24h}. Not API.
 */
final class JobMetricCollector implements MetricCollector {

    private final JobMonitor monitor;
    /** Per job: total runs and total failures at the previous collection. */
    private final Map<String, long[]> previous = new HashMap<>();

    JobMetricCollector(JobMonitor monitor) {
        this.monitor = monitor;
        for (TrackedJob.View view : monitor.views()) {
            previous.put(view.name(), new long[] {view.totalRuns(), view.totalFailures()});
        }
    }

    @Override
    public synchronized List<MetricSample> collect() {
        Instant now = monitor.now();
        List<MetricSample> samples = new ArrayList<>();
        for (TrackedJob.View view : monitor.views()) {
            String job = view.name();
            long[] last = previous.computeIfAbsent(job, name -> new long[2]);
            samples.add(MetricSample.of("job.runs", view.totalRuns() - last[0], "job", job));
            samples.add(MetricSample.of("job.failures", view.totalFailures() - last[1], "job", job));
            last[0] = view.totalRuns();
            last[1] = view.totalFailures();
            samples.add(MetricSample.of("job.running", view.running(), "job", job));
            if (view.lastRun() != null) {
                samples.add(MetricSample.of("job.duration.avg", view.averageDuration().toNanos() / 1_000_000.0, "job", job));
            }
            if (view.lastSuccess() != null) {
                Duration age = Duration.between(view.lastSuccess().endedAt(), now);
                samples.add(MetricSample.of("job.last.success.age", Math.max(0, age.toMillis()) / 1000.0, "job", job));
            }
            samples.add(MetricSample.of("jobs.failures.24h", view.failures24h(), "job", job));
        }
        return samples;
    }
}
