package dev.vigil.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import dev.vigil.metrics.MetricCollector;
import dev.vigil.metrics.MetricSample;
import dev.vigil.test.MutableClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class JobMetricsTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final AtomicLong nanos = new AtomicLong();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final JobMonitor jobs = new JobMonitor(clock, nanos::get, registry);

    private void elapse(Duration duration) {
        clock.advance(duration);
        nanos.addAndGet(duration.toNanos());
    }

    private void fail(String job) {
        assertThatThrownBy(() -> jobs.run(job, () -> {
            elapse(Duration.ofSeconds(1));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
    }

    @Test
    void runsAreTimedByJobAndOutcome() {
        jobs.run("curation", () -> elapse(Duration.ofSeconds(2)));
        jobs.run("curation", () -> elapse(Duration.ofSeconds(4)));
        fail("curation");

        Timer success = registry.get("jobs.run").tags("job.name", "curation", "outcome", "success").timer();
        Timer failure = registry.get("jobs.run").tags("job.name", "curation", "outcome", "failure").timer();
        assertThat(success.count()).isEqualTo(2);
        assertThat(success.totalTime(TimeUnit.SECONDS)).isEqualTo(6.0);
        assertThat(failure.count()).isEqualTo(1);
        assertThat(failure.totalTime(TimeUnit.SECONDS)).isEqualTo(1.0);
    }

    @Test
    void activeGaugeCountsRunsInProgressAndIsRegisteredOncePerJob() {
        JobRun first = jobs.start("curation");
        JobRun second = jobs.start("curation");
        jobs.run("import", () -> { });

        assertThat(registry.get("jobs.active").tag("job.name", "curation").gauge().value()).isEqualTo(2.0);
        assertThat(registry.get("jobs.active").tag("job.name", "import").gauge().value()).isZero();

        first.success();
        second.failure("stopped");
        jobs.run("curation", () -> { });

        assertThat(registry.get("jobs.active").tag("job.name", "curation").gauge().value()).isZero();
        assertThat(registry.find("jobs.active").gauges()).hasSize(2);
        assertThat(registry.find("jobs.run").timers()).hasSize(4);
    }

    @Test
    void collectorReportsRunsAndFailuresSinceItsPreviousCollection() throws Exception {
        MetricCollector collector = jobs.collector();
        jobs.run("curation", () -> elapse(Duration.ofSeconds(3)));
        fail("curation");
        jobs.start("curation");
        elapse(Duration.ofMinutes(1));

        Map<String, Double> first = byName(collector.collect(), "curation");
        assertThat(first)
                .containsEntry("job.runs", 2.0)
                .containsEntry("job.failures", 1.0)
                .containsEntry("job.running", 1.0)
                .containsEntry("job.duration.avg", 2000.0)
                .containsEntry("job.last.success.age", 61.0)
                .containsEntry("jobs.failures.24h", 1.0);

        fail("curation");
        Map<String, Double> second = byName(collector.collect(), "curation");
        assertThat(second).containsEntry("job.runs", 1.0).containsEntry("job.failures", 1.0)
                .containsEntry("jobs.failures.24h", 2.0);

        Map<String, Double> third = byName(collector.collect(), "curation");
        assertThat(third).containsEntry("job.runs", 0.0).containsEntry("job.failures", 0.0);
    }

    @Test
    void collectorStartsCountingWhenItIsCreated() throws Exception {
        jobs.run("curation", () -> { });
        MetricCollector collector = jobs.collector();
        jobs.run("curation", () -> { });

        assertThat(byName(collector.collect(), "curation")).containsEntry("job.runs", 1.0);
    }

    @Test
    void collectorOmitsSuccessAgeAndAverageUntilThereIsSomethingToReport() throws Exception {
        jobs.expect("curation", JobExpectation.maxAge(Duration.ofHours(1)));
        MetricCollector collector = jobs.collector();

        Map<String, Double> idle = byName(collector.collect(), "curation");
        assertThat(idle).containsOnlyKeys("job.runs", "job.failures", "job.running", "jobs.failures.24h");

        fail("curation");
        Map<String, Double> failedOnly = byName(collector.collect(), "curation");
        assertThat(failedOnly).containsKey("job.duration.avg").doesNotContainKey("job.last.success.age");
    }

    @Test
    void samplesAreTaggedWithTheJob() throws Exception {
        jobs.run("curation", () -> { });
        jobs.run("import", () -> { });

        List<MetricSample> samples = jobs.collector().collect();

        assertThat(samples).allSatisfy(sample -> assertThat(sample.tags()).containsOnlyKeys("job"));
        assertThat(samples).extracting(sample -> sample.tags().get("job")).containsOnly("curation", "import");
    }

    private static Map<String, Double> byName(List<MetricSample> samples, String job) {
        return samples.stream()
                .filter(sample -> job.equals(sample.tags().get("job")))
                .collect(Collectors.toMap(MetricSample::name, MetricSample::value));
    }
}
