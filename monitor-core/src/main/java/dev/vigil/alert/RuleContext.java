package dev.vigil.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import dev.vigil.health.HealthReport;
import dev.vigil.jobs.JobMonitor;
import dev.vigil.metrics.TimeSeriesStore;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link AlertRule} may read: the time of the evaluation, the metric history and the latest
 * health report (stored results only: reading it never runs a check), and the job monitor when the
 * host has one.
 *
 * <p>The {@link AlertEngine} hands every rule of one evaluation the same view: {@link #now()} is fixed
 * for the evaluation and {@link #health()} is read once and shared. The store should read the same
 * clock as this context, as it does inside {@code Monitor}.
 */
public final class RuleContext {

    private final Clock clock;
    private final TimeSeriesStore metrics;
    private final Supplier<HealthReport> health;
    private final @Nullable JobMonitor jobs;
    private final @Nullable Instant fixedNow;
    private @Nullable HealthReport report; // memoised within one evaluation (fixedNow != null)

    private RuleContext(Clock clock, TimeSeriesStore metrics, Supplier<HealthReport> health, @Nullable JobMonitor jobs,
            @Nullable Instant fixedNow) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.health = Objects.requireNonNull(health, "health");
        this.jobs = jobs;
        this.fixedNow = fixedNow;
    }

    /**
     * A context reading time from {@code clock}, history from {@code metrics} and the latest health
     * report from {@code health} (e.g. {@code healthRegistry::report}).
     */
    public static RuleContext of(Clock clock, TimeSeriesStore metrics, Supplier<HealthReport> health) {
        return new RuleContext(clock, metrics, health, null, null);
    }

    /** This context with the host's job monitor, for rules that read job statuses directly. */
    public RuleContext withJobs(JobMonitor jobMonitor) {
        return new RuleContext(clock, metrics, health, Objects.requireNonNull(jobMonitor, "jobMonitor"), fixedNow);
    }

    /** The view one evaluation hands to every rule: time fixed at {@code now}, health read at most once. */
    RuleContext at(Instant now) {
        return new RuleContext(clock, metrics, health, jobs, Objects.requireNonNull(now, "now"));
    }

    /** The time of this evaluation. */
    public Instant now() {
        return fixedNow != null ? fixedNow : clock.instant();
    }

    /** The clock time comes from. */
    public Clock clock() {
        return clock;
    }

    /** The metric history: per-interval samples such as {@code http.route.error.ratio{route=...}}. */
    public TimeSeriesStore metrics() {
        return metrics;
    }

    /** The latest health report (the service status and every check's latest result); never runs checks. */
    public HealthReport health() {
        if (fixedNow == null) {
            return Objects.requireNonNull(health.get(), "the health supplier returned null");
        }
        HealthReport cached = report;
        if (cached == null) {
            cached = Objects.requireNonNull(health.get(), "the health supplier returned null");
            report = cached;
        }
        return cached;
    }

    /** The host's job monitor, if the context was given one. */
    public Optional<JobMonitor> jobs() {
        return Optional.ofNullable(jobs);
    }
}
