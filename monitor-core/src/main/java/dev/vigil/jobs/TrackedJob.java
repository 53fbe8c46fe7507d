package dev.vigil.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/** The mutable state of one job inside a {@link JobMonitor}; every read goes through a {@link View}. Not API. */
final class TrackedJob {

    /** Failure timestamps kept for the 24-hour count; beyond this the count saturates. */
    static final int MAX_TRACKED_FAILURES = 10_000;

    final String name;
    /** When the monitor first knew this job: fire times and max ages are not checked before it. */
    final Instant watchedSince;
    /** {@code jobs.run} timers; {@code null} when the meter registry refused them. */
    final @Nullable Timer successTimer;
    final @Nullable Timer failureTimer;
    private final int historySize;
    private final Set<JobRun> active = ConcurrentHashMap.newKeySet();
    private volatile @Nullable JobExpectation expectation;

    // guarded by this
    private final ArrayDeque<JobRunRecord> history = new ArrayDeque<>();
    private final FailureWindow failures = new FailureWindow();
    private long historyNanos;
    private long totalRuns;
    private long totalFailures;
    private @Nullable JobRunRecord lastRun;
    private @Nullable JobRunRecord lastSuccess;

    TrackedJob(String name, Instant watchedSince, int historySize, @Nullable Timer successTimer,
            @Nullable Timer failureTimer) {
        this.name = name;
        this.watchedSince = watchedSince;
        this.historySize = historySize;
        this.successTimer = successTimer;
        this.failureTimer = failureTimer;
    }

    void expect(JobExpectation expectation) {
        this.expectation = expectation;
    }

    @Nullable JobExpectation expectation() {
        return expectation;
    }

    /** Runs in progress now (the {@code jobs.active} gauge). */
    int running() {
        return active.size();
    }

    void begin(JobRun run) {
        active.add(run);
    }

    /**
     * Records a completed run and returns the previous completed run, if any (for logging state changes).
     */
    synchronized @Nullable JobRunRecord finish(JobRun run, JobRunRecord record) {
        JobRunRecord previous = lastRun;
        if (history.size() == historySize) {
            historyNanos -= history.removeFirst().duration().toNanos();
        }
        history.addLast(record);
        historyNanos += record.duration().toNanos();
        totalRuns++;
        lastRun = record;
        if (record.succeeded()) {
            lastSuccess = record;
        } else {
            totalFailures++;
            failures.add(record.endedAt().toEpochMilli());
        }
        active.remove(run); // after the record is in, so a reader never sees the run in neither place
        return previous;
    }

    /** The completed runs kept, oldest first. */
    synchronized List<JobRunRecord> history() {
        return List.copyOf(history);
    }

    /** Kept runs that ended at or after {@code from}, plus runs in progress, unsorted. */
    synchronized List<JobRunRecord> timeline(Instant from, Instant now, long nowNanos) {
        List<JobRunRecord> runs = new ArrayList<>();
        for (JobRunRecord run : history) {
            if (!run.endedAt().isBefore(from)) {
                runs.add(run);
            }
        }
        for (JobRun run : active) {
            runs.add(new JobRunRecord(name, run.startedAt(), null, JobOutcome.RUNNING,
                    Duration.ofNanos(Math.max(0, nowNanos - run.startNanos())), null));
        }
        return runs;
    }

    /** A consistent snapshot of this job at {@code now}. */
    synchronized View view(Instant now) {
        Instant latestActiveStart = null;
        for (JobRun run : active) {
            if (latestActiveStart == null || run.startedAt().isAfter(latestActiveStart)) {
                latestActiveStart = run.startedAt();
            }
        }
        Duration average = history.isEmpty() ? Duration.ZERO : Duration.ofNanos(historyNanos / history.size());
        return new View(name, watchedSince, expectation, active.size(), latestActiveStart, lastRun, lastSuccess,
                failures.countSince(now.minus(JobMonitor.FAILURE_WINDOW).toEpochMilli()),
                totalRuns, totalFailures, average);
    }

    /** What the monitor reads about one job at one instant. */
    record View(
            String name,
            Instant watchedSince,
            @Nullable JobExpectation expectation,
            int running,
            @Nullable Instant latestActiveStart,
            @Nullable JobRunRecord lastRun,
            @Nullable JobRunRecord lastSuccess,
            int failures24h,
            long totalRuns,
            long totalFailures,
            Duration averageDuration) {
    }

    /** Failure times (epoch millis) in a growable ring, oldest first, trimmed to the window when read. */
    private static final class FailureWindow {
        private long[] times = new long[8];
        private int head;
        private int size;

        void add(long millis) {
            if (size == MAX_TRACKED_FAILURES) {
                head = (head + 1) % times.length;
                size--;
            } else if (size == times.length) {
                long[] grown = new long[Math.min(times.length * 2, MAX_TRACKED_FAILURES)];
                for (int i = 0; i < size; i++) {
                    grown[i] = times[(head + i) % times.length];
                }
                times = grown;
                head = 0;
            }
            times[(head + size) % times.length] = millis;
            size++;
        }

        /** Drops failures at or before {@code cutoffMillis} and counts the rest. */
        int countSince(long cutoffMillis) {
            while (size > 0 && times[head] <= cutoffMillis) {
                head = (head + 1) % times.length;
                size--;
            }
            return size;
        }
    }
}
