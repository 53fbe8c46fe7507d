package dev.vigil.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import dev.vigil.test.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class JobMonitorTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final JobMonitor jobs = new JobMonitor(clock, nanos::get, registry);

    /** Moves the wall clock and the ticker together, as real time would. */
    private void elapse(Duration duration) {
        clock.advance(duration);
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void successfulRunIsRecordedWithItsTimesAndDuration() {
        Instant start = clock.instant();

        jobs.run("curation", () -> elapse(Duration.ofMillis(1500)));

        JobRunRecord run = jobs.history("curation").get(0);
        assertThat(run.job()).isEqualTo("curation");
        assertThat(run.outcome()).isEqualTo(JobOutcome.SUCCESS);
        assertThat(run.startedAt()).isEqualTo(start);
        assertThat(run.endedAt()).isEqualTo(start.plusMillis(1500));
        assertThat(run.duration()).isEqualTo(Duration.ofMillis(1500));
        assertThat(run.errorText()).isEmpty();
    }

    @Test
    void durationComesFromTheTickerNotTheWallClock() {
        jobs.run("curation", () -> nanos.addAndGet(Duration.ofMillis(250).toNanos()));

        JobRunRecord run = jobs.history("curation").get(0);
        assertThat(run.duration()).isEqualTo(Duration.ofMillis(250));
        assertThat(run.endedAt()).isEqualTo(run.startedAt());
    }

    @Test
    void failedRunIsRecordedWithTypeAndMessageAndTheExceptionIsRethrownUnchanged() {
        IllegalStateException boom = new IllegalStateException("quota exceeded");

        assertThatThrownBy(() -> jobs.run("curation", () -> {
            elapse(Duration.ofSeconds(2));
            throw boom;
        })).isSameAs(boom);

        JobRunRecord run = jobs.history("curation").get(0);
        assertThat(run.outcome()).isEqualTo(JobOutcome.FAILURE);
        assertThat(run.error()).isEqualTo("IllegalStateException: quota exceeded");
        assertThat(run.duration()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void errorsAreRecordedAndRethrownUnchanged() {
        StackOverflowError error = new StackOverflowError();

        assertThatThrownBy(() -> jobs.run("deep", () -> {
            throw error;
        })).isSameAs(error);

        assertThat(jobs.history("deep").get(0).error()).isEqualTo("StackOverflowError");
    }

    @Test
    void callReturnsTheValueAndRethrowsCheckedExceptionsUnchanged() throws Exception {
        IOException disk = new IOException("disk full");

        Integer screened = jobs.call("curation", () -> 47);
        assertThatThrownBy(() -> jobs.call("curation", () -> {
            throw disk;
        })).isSameAs(disk);

        assertThat(screened).isEqualTo(47);
        assertThat(jobs.history("curation")).extracting(JobRunRecord::outcome)
                .containsExactly(JobOutcome.SUCCESS, JobOutcome.FAILURE);
        assertThat(jobs.history("curation").get(1).error()).isEqualTo("IOException: disk full");
    }

    @Test
    void longErrorTextIsTrimmedTo500Characters() {
        String message = "x".repeat(2000);

        assertThatThrownBy(() -> jobs.run("noisy", () -> {
            throw new IllegalArgumentException(message);
        })).isInstanceOf(IllegalArgumentException.class);

        String error = jobs.history("noisy").get(0).error();
        assertThat(error).hasSize(JobRunRecord.MAX_ERROR_LENGTH).startsWith("IllegalArgumentException: xxx").endsWith("\u2026");
    }

    @Test
    void handleRecordsTheFirstOutcomeOnlyAndASecondCloseIsANoOp() {
        JobRun run = jobs.start("curation");
        elapse(Duration.ofSeconds(3));
        run.success();
        run.failure(new IllegalStateException("late"));
        run.close();
        run.close();

        assertThat(run.isCompleted()).isTrue();
        assertThat(jobs.history("curation")).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(JobOutcome.SUCCESS);
            assertThat(record.duration()).isEqualTo(Duration.ofSeconds(3));
        });
        assertThat(jobs.status("curation").orElseThrow().totalRuns()).isEqualTo(1);
    }

    @Test
    void handleClosedWithoutAnOutcomeIsAFailureNotCompleted() {
        try (JobRun run = jobs.start("curation")) {
            assertThat(run.job()).isEqualTo("curation");
            elapse(Duration.ofSeconds(1));
        }

        JobRunRecord record = jobs.history("curation").get(0);
        assertThat(record.outcome()).isEqualTo(JobOutcome.FAILURE);
        assertThat(record.error()).isEqualTo(JobRun.NOT_COMPLETED);
    }

    @Test
    void handleCanFailWithAReason() {
        JobRun run = jobs.start("curation");
        run.failure("0 videos screened");

        assertThat(jobs.history("curation").get(0).error()).isEqualTo("0 videos screened");
    }

    @Test
    void failuresInTheLast24HoursSlideWithTheClock() {
        fail("curation");
        elapse(Duration.ofHours(12));
        fail("curation");
        assertThat(jobs.status("curation").orElseThrow().failures24h()).isEqualTo(2);

        elapse(Duration.ofHours(12).minusSeconds(1));
        assertThat(jobs.status("curation").orElseThrow().failures24h()).isEqualTo(2);

        elapse(Duration.ofSeconds(1));
        assertThat(jobs.status("curation").orElseThrow().failures24h()).isEqualTo(1);

        elapse(Duration.ofHours(12));
        JobStatus status = jobs.status("curation").orElseThrow();
        assertThat(status.failures24h()).isZero();
        assertThat(status.totalFailures()).isEqualTo(2);
    }

    @Test
    void historyIsBoundedNewestLastAndAverageCoversTheKeptRuns() {
        JobMonitor small = new JobMonitor(clock, nanos::get, registry, JobSettings.builder().historySize(3).build());
        for (int seconds = 1; seconds <= 5; seconds++) {
            Duration took = Duration.ofSeconds(seconds);
            small.run("curation", () -> elapse(took));
        }

        assertThat(small.history("curation")).extracting(JobRunRecord::duration)
                .containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(5));
        JobStatus status = small.status("curation").orElseThrow();
        assertThat(status.totalRuns()).isEqualTo(5);
        assertThat(status.averageDuration()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void statusSummarisesTheJob() {
        jobs.run("curation", () -> elapse(Duration.ofSeconds(10)));
        Instant success = clock.instant();
        elapse(Duration.ofMinutes(5));
        fail("curation");

        JobStatus status = jobs.status("curation").orElseThrow();
        assertThat(status.name()).isEqualTo("curation");
        assertThat(status.state()).isEqualTo(JobState.ERROR);
        assertThat(status.running()).isZero();
        assertThat(status.lastCompletedRun()).hasValueSatisfying(run -> assertThat(run.failed()).isTrue());
        assertThat(status.lastSuccessAt()).contains(success);
        assertThat(status.failures24h()).isEqualTo(1);
        assertThat(status.totalRuns()).isEqualTo(2);
        assertThat(status.averageDuration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(status.expected()).isEmpty();
        assertThat(status.expectationMet()).isTrue();

        jobs.run("curation", () -> { });
        assertThat(jobs.status("curation").orElseThrow().state()).isEqualTo(JobState.IDLE);
    }

    @Test
    void unknownJobHasNoStatusAndNoHistory() {
        assertThat(jobs.status("nope")).isEmpty();
        assertThat(jobs.history("nope")).isEmpty();
        assertThat(jobs.statuses()).isEmpty();
    }

    @Test
    void overlappingRunsAreCountedAsRunning() {
        JobRun first = jobs.start("curation");
        JobRun second = jobs.start("curation");

        JobStatus status = jobs.status("curation").orElseThrow();
        assertThat(status.running()).isEqualTo(2);
        assertThat(status.state()).isEqualTo(JobState.RUNNING);

        first.success();
        assertThat(jobs.status("curation").orElseThrow().running()).isEqualTo(1);
        second.success();
        assertThat(jobs.status("curation").orElseThrow().running()).isZero();
    }

    @Test
    void runsOnSeveralThreadsAreCountedAsRunningUntilTheyEnd() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch release = new CountDownLatch(1);
        try {
            List<Future<?>> runs = List.of(
                    pool.submit(() -> jobs.run("curation", () -> await(release))),
                    pool.submit(() -> jobs.run("curation", () -> await(release))),
                    pool.submit(() -> jobs.run("curation", () -> await(release))));

            waitUntil(() -> jobs.status("curation").map(JobStatus::running).orElse(0) == 3);
            release.countDown();
            for (Future<?> run : runs) {
                run.get(10, TimeUnit.SECONDS);
            }

            JobStatus status = jobs.status("curation").orElseThrow();
            assertThat(status.running()).isZero();
            assertThat(status.totalRuns()).isEqualTo(3);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void timelineHasRecentAndRunningRunsOrderedByStart() {
        jobs.run("import", () -> elapse(Duration.ofMinutes(1)));
        elapse(Duration.ofMinutes(1));
        Instant from = clock.instant();
        jobs.run("curation", () -> elapse(Duration.ofMinutes(2)));
        fail("import");
        elapse(Duration.ofSeconds(1));
        JobRun running = jobs.start("curation");
        elapse(Duration.ofSeconds(30));

        List<JobRunRecord> timeline = jobs.timeline(from);

        assertThat(timeline).extracting(JobRunRecord::job, JobRunRecord::outcome).containsExactly(
                tuple("curation", JobOutcome.SUCCESS),
                tuple("import", JobOutcome.FAILURE),
                tuple("curation", JobOutcome.RUNNING));
        JobRunRecord inProgress = timeline.get(2);
        assertThat(inProgress.startedAt()).isEqualTo(running.startedAt());
        assertThat(inProgress.finishedAt()).isEmpty();
        assertThat(inProgress.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(jobs.timeline(from.minus(Duration.ofMinutes(2)))).hasSize(4);
    }

    @Test
    void runsBeyondTheJobLimitAreRecordedAsOther() {
        JobMonitor limited = new JobMonitor(clock, nanos::get, registry, JobSettings.builder().maxJobs(2).build());
        limited.run("a", () -> { });
        limited.run("b", () -> { });

        limited.run("c", () -> { });
        JobRun run = limited.start("d");
        run.success();

        assertThat(run.job()).isEqualTo(JobMonitor.OVERFLOW_JOB);
        assertThat(limited.jobs()).containsExactly("a", "b", "other");
        assertThat(limited.status("other").orElseThrow().totalRuns()).isEqualTo(2);
        assertThatThrownBy(() -> limited.expect("e", JobExpectation.maxAge(Duration.ofHours(1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'e'")
                .hasMessageContaining("monitor.jobs.max-jobs");
        limited.expect("a", JobExpectation.maxAge(Duration.ofHours(1))); // known jobs still take expectations
    }

    @Test
    void invalidJobNameIsRejectedBeforeTheTaskRuns() {
        AtomicLong ran = new AtomicLong();

        assertThatThrownBy(() -> jobs.run("bad name", ran::incrementAndGet))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'bad name'");
        assertThat(ran).hasValue(0);
    }

    @Test
    void settingsAreValidatedWithTheSettingName() {
        assertThatThrownBy(() -> JobSettings.builder().historySize(0).build())
                .hasMessageContaining("monitor.jobs.history-size");
        assertThatThrownBy(() -> JobSettings.builder().maxJobs(0).build())
                .hasMessageContaining("monitor.jobs.max-jobs");
        assertThat(JobSettings.ofDefaults()).isEqualTo(new JobSettings(200, 100));
    }

    private void fail(String job) {
        assertThatThrownBy(() -> jobs.run(job, () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released within 10s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10s");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
