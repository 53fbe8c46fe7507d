package dev.vigil.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import dev.vigil.health.HealthCheck;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthRegistry;
import dev.vigil.jobs.TrackedJob.View;
import dev.vigil.metrics.MetricCollector;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the runs of the host's background jobs (start, end, outcome, duration) and checks them
 * against expectations ("every 2 hours", "hourly by cron + 10 minutes"), feeding health checks,
 * Micrometer meters, Vigil's metric history and the dashboard's job timeline.
 *
 * <pre>{@code
 * JobMonitor jobs = new JobMonitor(clock, System::nanoTime, meterRegistry);
 * jobs.expect("curation", JobExpectation.maxAge(Duration.ofHours(2)).suggestedAction("start_curation"));
 * jobs.healthChecks().forEach(monitorBuilder::healthCheck);
 * ...
 * jobs.run("curation", curator::curate);                 // or: Integer n = jobs.call("curation", curator::curate);
 * }</pre>
 *
 * <p>Recording never changes what the job does: a task's exception is recorded as a failure and
 * rethrown unchanged, and a failure inside the monitor itself is logged, never thrown into the job.
 * At most {@link JobSettings#maxJobs()} job names are tracked; runs of further names are recorded
 * under {@link #OVERFLOW_JOB} (logged once), while {@link #expect} and {@link #healthCheck} beyond
 * the limit throw {@link IllegalStateException}, since those are configuration.
 *
 * <p>Meters: Timer {@code jobs.run} tagged {@code job} and {@code outcome} ({@code success} |
 * {@code failure}), gauge {@code jobs.active} tagged {@code job} (runs in progress), both registered
 * once per job when it is first seen. Thread-safe.
 */
public final class JobMonitor {

    /** The job that runs are recorded under once {@link JobSettings#maxJobs()} distinct names are tracked. */
    public static final String OVERFLOW_JOB = "other";
    /** The window of {@link JobStatus#failures24h()}: failures that ended within the last 24 hours. */
    public static final Duration FAILURE_WINDOW = Duration.ofHours(24);
    /** Health checks from {@link #healthChecks()} are named {@code job:<name>}. */
    public static final String CHECK_PREFIX = "job:";

    private static final Logger log = LoggerFactory.getLogger(JobMonitor.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}");

    private final Clock clock;
    private final LongSupplier nanoTime;
    private final MeterRegistry meterRegistry;
    private final JobSettings settings;
    private final Map<String, TrackedJob> jobs = new ConcurrentHashMap<>();
    private final List<TrackedJob> order = new CopyOnWriteArrayList<>();
    private final Object creation = new Object();
    private final AtomicBoolean overflowLogged = new AtomicBoolean();
    private final @Nullable HealthRegistry health;

    /** A monitor with the default settings (200 runs of history per job, at most 100 jobs). */
    public JobMonitor(Clock clock, LongSupplier nanoTime, MeterRegistry meterRegistry) {
        this(clock, nanoTime, meterRegistry, JobSettings.ofDefaults());
    }

    /**
     * Creates a monitor.
     *
     * @param clock wall clock for run times, failure windows and expectations
     * @param nanoTime monotonic nanosecond source for run durations
     * @param meterRegistry where the {@code jobs.run} timers and {@code jobs.active} gauges go
     * @param settings history length and job limit
     */
    public JobMonitor(Clock clock, LongSupplier nanoTime, MeterRegistry meterRegistry, JobSettings settings) {
        this(clock, nanoTime, meterRegistry, settings, null);
    }

    /**
     * Creates a monitor whose expectations register their {@code job:<name>} health checks in
     * {@code health} as soon as they are declared (what {@code Monitor} does).
     */
    public JobMonitor(Clock clock, LongSupplier nanoTime, MeterRegistry meterRegistry, JobSettings settings,
            @Nullable HealthRegistry health) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.health = health;
    }

    /**
     * Runs {@code task} now on the calling thread and records the run; an exception is recorded as a
     * failure and rethrown unchanged.
     *
     * @throws IllegalArgumentException if {@code job} is not 1-96 letters, digits, {@code . _ -}
     */
    public void run(String job, Runnable task) {
        Objects.requireNonNull(task, "task");
        JobRun run = start(job);
        try {
            task.run();
        } catch (Throwable e) {
            run.failure(e);
            throw e;
        }
        run.success();
    }

    /**
     * Calls {@code task} now on the calling thread, records the run and returns the task's value; an
     * exception is recorded as a failure and rethrown unchanged. (Named {@code call}, not {@code run},
     * so that a value-returning lambda passed to {@link #run(String, Runnable)} does not silently
     * become a {@code Callable} that forces callers to handle {@code Exception}.)
     *
     * @throws Exception whatever {@code task} throws
     */
    public <T> T call(String job, Callable<T> task) throws Exception {
        Objects.requireNonNull(task, "task");
        JobRun run = start(job);
        T value;
        try {
            value = task.call();
        } catch (Throwable e) {
            run.failure(e);
            throw e;
        }
        run.success();
        return value;
    }

    /**
     * Starts recording a run that the caller completes with {@link JobRun#success()} or
     * {@link JobRun#failure(Throwable)} (or closes: a run closed without an outcome is a failure).
     *
     * @throws IllegalArgumentException if {@code job} is not 1-96 letters, digits, {@code . _ -}
     */
    public JobRun start(String job) {
        TrackedJob tracked = trackForRun(job);
        JobRun run = new JobRun(this, tracked, clock.instant(), nanoTime.getAsLong());
        tracked.begin(run);
        return run;
    }

    /**
     * Registers (or replaces) how often {@code job} must succeed; the job need not have run yet.
     *
     * @throws IllegalStateException if the job is new and {@link JobSettings#maxJobs()} jobs are tracked
     */
    public void expect(String job, JobExpectation expectation) {
        Objects.requireNonNull(expectation, "expectation");
        TrackedJob tracked = track(job, false);
        tracked.expect(expectation);
        if (health != null) {
            synchronized (creation) { // replace the check, its criticality may have changed
                health.unregister(CHECK_PREFIX + tracked.name);
                health.register(registration(tracked));
            }
        }
    }

    /** The current state of {@code job}, if it is known (has run, or has an expectation or a health check). */
    public Optional<JobStatus> status(String job) {
        TrackedJob tracked = jobs.get(job);
        return tracked == null ? Optional.empty() : Optional.of(status(tracked, clock.instant()));
    }

    /** The current state of every known job, in the order they became known. */
    public List<JobStatus> statuses() {
        Instant now = clock.instant();
        List<JobStatus> statuses = new ArrayList<>(order.size());
        for (TrackedJob tracked : order) {
            statuses.add(status(tracked, now));
        }
        return List.copyOf(statuses);
    }

    /** The names of the known jobs, in the order they became known. */
    public List<String> jobs() {
        return order.stream().map(tracked -> tracked.name).toList();
    }

    /** The completed runs of {@code job} kept in memory, oldest first, newest last; empty if unknown. */
    public List<JobRunRecord> history(String job) {
        TrackedJob tracked = jobs.get(job);
        return tracked == null ? List.of() : tracked.history();
    }

    /**
     * Runs of all jobs for a Gantt chart: kept runs that ended at or after {@code from}, plus runs in
     * progress ({@link JobOutcome#RUNNING}, duration so far), ordered by start time.
     */
    public List<JobRunRecord> timeline(Instant from) {
        Objects.requireNonNull(from, "from");
        Instant now = clock.instant();
        long nowNanos = nanoTime.getAsLong();
        List<JobRunRecord> runs = new ArrayList<>();
        for (TrackedJob tracked : order) {
            runs.addAll(tracked.timeline(from, now, nowNanos));
        }
        runs.sort(Comparator.comparing(JobRunRecord::startedAt).thenComparing(JobRunRecord::job));
        return List.copyOf(runs);
    }

    /**
     * A health check for {@code job}: DOWN when its expectation is missed, DEGRADED when its last run
     * failed, otherwise UP. It only reads recorded state, so it is cheap to run often.
     *
     * @throws IllegalStateException if the job is new and {@link JobSettings#maxJobs()} jobs are tracked
     */
    public HealthCheck healthCheck(String job) {
        TrackedJob tracked = track(job, false);
        return () -> evaluate(tracked, clock.instant()).result();
    }

    /**
     * One registration {@code job:<name>} per job known now (call it after {@link #expect}),
     * critical only if its expectation says so.
     */
    public List<HealthCheckRegistration> healthChecks() {
        List<HealthCheckRegistration> registrations = new ArrayList<>();
        for (TrackedJob tracked : order) {
            registrations.add(registration(tracked));
        }
        return List.copyOf(registrations);
    }

    private HealthCheckRegistration registration(TrackedJob tracked) {
        JobExpectation expectation = tracked.expectation();
        return HealthCheckRegistration
                .builder(CHECK_PREFIX + tracked.name, () -> evaluate(tracked, clock.instant()).result())
                .critical(expectation != null && expectation.isCritical())
                .build();
    }

    /**
     * A collector for Vigil's metric history. Each collector remembers what it last reported, so
     * {@code job.runs} and {@code job.failures} are counts since its previous collection.
     */
    public MetricCollector collector() {
        return new JobMetricCollector(this);
    }

    /** The settings this monitor runs with. */
    public JobSettings settings() {
        return settings;
    }

    List<View> views() {
        Instant now = clock.instant();
        List<View> views = new ArrayList<>(order.size());
        for (TrackedJob tracked : order) {
            views.add(tracked.view(now));
        }
        return views;
    }

    Instant now() {
        return clock.instant();
    }

    void complete(JobRun run, TrackedJob job, JobOutcome outcome, @Nullable String error) {
        try {
            long nanos = Math.max(0, nanoTime.getAsLong() - run.startNanos());
            JobRunRecord record = new JobRunRecord(job.name, run.startedAt(), clock.instant(), outcome,
                    Duration.ofNanos(nanos), error);
            JobRunRecord previous = job.finish(run, record);
            Timer timer = record.succeeded() ? job.successTimer : job.failureTimer;
            if (timer != null) {
                timer.record(nanos, TimeUnit.NANOSECONDS);
            }
            logChange(job.name, previous, record);
        } catch (RuntimeException e) { // monitoring must never break the job it watches
            log.warn("Could not record a run of job '{}'", job.name, e);
        }
    }

    private void logChange(String job, @Nullable JobRunRecord previous, JobRunRecord record) {
        boolean failedBefore = previous != null && previous.failed();
        if (record.failed() && !failedBefore) {
            log.warn("Job '{}' failed: {}", job, record.error());
        } else if (record.failed()) {
            log.debug("Job '{}' failed again: {}", job, record.error());
        } else if (failedBefore) {
            log.info("Job '{}' succeeded again", job);
        }
    }

    private JobStatus status(TrackedJob tracked, Instant now) {
        View view = tracked.view(now);
        boolean met = JobHealth.evaluate(view, now, clock.getZone()).expectationMet();
        JobRunRecord lastRun = view.lastRun();
        JobState state = view.running() > 0 ? JobState.RUNNING
                : lastRun != null && lastRun.failed() ? JobState.ERROR
                : JobState.IDLE;
        return new JobStatus(view.name(), state, view.running(), lastRun,
                view.lastSuccess() == null ? null : view.lastSuccess().endedAt(),
                view.failures24h(), view.totalRuns(), view.totalFailures(), view.averageDuration(),
                view.expectation(), met);
    }

    private JobHealth.Verdict evaluate(TrackedJob tracked, Instant now) {
        return JobHealth.evaluate(tracked.view(now), now, clock.getZone());
    }

    private TrackedJob trackForRun(String job) {
        TrackedJob tracked = jobs.get(job);
        return tracked != null ? tracked : track(job, true);
    }

    private TrackedJob track(String job, boolean overflowAllowed) {
        Objects.requireNonNull(job, "job");
        TrackedJob existing = jobs.get(job);
        if (existing != null) {
            return existing;
        }
        if (!NAME.matcher(job).matches()) {
            throw new IllegalArgumentException("job name '" + job
                    + "' must be 1-96 characters of letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        synchronized (creation) {
            existing = jobs.get(job);
            if (existing != null) {
                return existing;
            }
            if (jobs.size() >= settings.maxJobs()) {
                if (!overflowAllowed) {
                    throw new IllegalStateException("cannot track job '" + job + "': monitor.jobs.max-jobs ("
                            + settings.maxJobs() + ") jobs are tracked already");
                }
                if (overflowLogged.compareAndSet(false, true)) {
                    log.warn("{} jobs are tracked (monitor.jobs.max-jobs): runs of '{}' and any other new job are recorded as '{}'",
                            settings.maxJobs(), job, OVERFLOW_JOB);
                }
                TrackedJob overflow = jobs.get(OVERFLOW_JOB);
                return overflow != null ? overflow : create(OVERFLOW_JOB);
            }
            return create(job);
        }
    }

    private TrackedJob create(String job) {
        TrackedJob tracked = new TrackedJob(job, clock.instant(), settings.historySize(),
                timer(job, JobOutcome.SUCCESS), timer(job, JobOutcome.FAILURE));
        try {
            Gauge.builder("jobs.active", tracked, TrackedJob::running)
                    .tag("job.name", job)
                    .description("Runs of the job in progress")
                    .strongReference(true)
                    .register(meterRegistry);
        } catch (RuntimeException e) { // e.g. a Prometheus registry with a conflicting 'jobs.active'
            log.warn("Could not register gauge jobs.active for job '{}'; runs are still recorded", job, e);
        }
        jobs.put(job, tracked);
        order.add(tracked);
        return tracked;
    }

    private @Nullable Timer timer(String job, JobOutcome outcome) {
        try {
            return Timer.builder("jobs.run")
                    .tag("job.name", job)
                    .tag("outcome", outcome.jsonName())
                    .description("Job runs by outcome")
                    .register(meterRegistry);
        } catch (RuntimeException e) { // e.g. a Prometheus registry with a conflicting 'jobs.run'
            log.warn("Could not register timer jobs.run for job '{}'; runs are still recorded", job, e);
            return null;
        }
    }
}
