package dev.vigil.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import dev.vigil.internal.HumanText;
import dev.vigil.internal.RingBuffer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered health checks, their schedule and their latest results.
 *
 * <p>Checks run in the background: {@link #runDue()} starts every check whose interval has passed
 * (according to the injected {@link Clock}) on a bounded executor, each with its own timeout. The
 * monitor calls it from its scheduler thread; tests call it directly after moving a test clock.
 * Readers ({@link #report()}, {@link #latest(String)}) only read stored results and never run a
 * check, so a burst of health requests never becomes a burst of probes.
 *
 * <p>Failure handling belongs here, not in the checks: a check that throws is DOWN with the
 * exception's message; one that outlives its timeout is DOWN ("timed out after 5s") and is
 * interrupted; while it still has not returned, it is not started again, so a hung check holds at
 * most one thread and never delays other checks or the next tick.
 */
public final class HealthRegistry {

    private static final Logger log = LoggerFactory.getLogger(HealthRegistry.class);

    private final Clock clock;
    private final LongSupplier nanoTime;
    private final HealthSettings settings;
    private volatile Duration defaultInterval;
    private final ExecutorService checkExecutor;
    private final ScheduledExecutorService timer;
    private final Instant startedAt;
    private final String version;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final List<String> order = new ArrayList<>();
    private final Object scheduleLock = new Object();
    private volatile Coordinator coordinator = Coordinator.LOCAL;
    private volatile BiConsumer<String, HealthCheckRun> runListener = (check, run) -> { };

    /**
     * Creates a registry. Usually built by {@code Monitor}; public for hosts that want only health checks.
     *
     * @param clock wall clock for schedules and timestamps
     * @param nanoTime monotonic nanosecond source for durations
     * @param settings defaults and limits
     * @param checkExecutor runs the checks (bounded); the registry does not shut it down
     * @param timer fires timeouts; the registry does not shut it down
     * @param version the host service's version, reported in {@link HealthReport}
     */
    public HealthRegistry(Clock clock, LongSupplier nanoTime, HealthSettings settings,
            ExecutorService checkExecutor, ScheduledExecutorService timer, String version) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.checkExecutor = Objects.requireNonNull(checkExecutor, "checkExecutor");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.version = Objects.requireNonNull(version, "version");
        this.startedAt = clock.instant();
        this.defaultInterval = settings.interval();
    }

    /**
     * Registers a check; it becomes due at once and then every interval.
     *
     * @throws IllegalArgumentException if a check with that name is already registered
     */
    public void register(HealthCheckRegistration registration) {
        Objects.requireNonNull(registration, "registration");
        Slot slot = new Slot(registration,
                registration.interval().orElse(null),
                registration.timeout().orElse(settings.timeout()),
                settings.historySize(), clock.instant());
        synchronized (scheduleLock) {
            if (slots.putIfAbsent(registration.name(), slot) != null) {
                throw new IllegalArgumentException("a health check named '" + registration.name() + "' is already registered");
            }
            order.add(registration.name());
        }
    }

    /** Removes a check; returns whether it was registered. */
    public boolean unregister(String name) {
        synchronized (scheduleLock) {
            order.remove(name);
            return slots.remove(name) != null;
        }
    }

    /** The names of the registered checks, in registration order. */
    public List<String> names() {
        synchronized (scheduleLock) {
            return List.copyOf(order);
        }
    }

    /** The registration of a check, if registered. */
    public Optional<HealthCheckRegistration> registration(String name) {
        return Optional.ofNullable(slots.get(name)).map(slot -> slot.registration);
    }

    /**
     * Starts every check that is due now, without waiting for them.
     *
     * @return completes when every run started by this call has been recorded (result or timeout)
     */
    public CompletableFuture<Void> runDue() {
        Instant now = clock.instant();
        List<Slot> due = new ArrayList<>();
        synchronized (scheduleLock) {
            for (String name : order) {
                Slot slot = slots.get(name);
                if (!now.isBefore(slot.nextDue)) {
                    slot.nextDue = now.plus(intervalOf(slot));
                    due.add(slot);
                }
            }
        }
        List<CompletableFuture<HealthResult>> started = new ArrayList<>(due.size());
        Coordinator current = coordinator;
        for (Slot slot : due) {
            String name = slot.registration.name();
            if (slot.registration.singleton() && !current.runsHere(name, intervalOf(slot))) {
                current.latestElsewhere(name).ifPresent(run -> adopt(slot, run));
                continue;
            }
            started.add(start(slot, now));
        }
        return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new));
    }

    /**
     * Sets who runs singleton checks ({@link HealthCheckRegistration#singleton()}) when several instances
     * share a store; by default this instance runs every check.
     */
    public void coordinator(Coordinator value) {
        this.coordinator = Objects.requireNonNull(value, "coordinator");
    }

    /** Sets who hears of every run of a check on this instance, e.g. to store it; called on the check's thread. */
    public void onRun(BiConsumer<String, HealthCheckRun> listener) {
        this.runListener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Puts runs recorded earlier (by a previous run of the process, from the store) into a check's history,
     * oldest first, before its own runs. Unknown checks are ignored.
     */
    public void restoreHistory(String name, List<HealthCheckRun> oldestFirst) {
        Slot slot = slots.get(name);
        if (slot != null) {
            oldestFirst.forEach(slot.history::add);
        }
    }

    /**
     * Decides who runs a singleton check: the holder of its lease runs it, the other instances show the
     * holder's latest result.
     */
    public interface Coordinator {

        /** Every check runs here: one instance. */
        Coordinator LOCAL = new Coordinator() {
            @Override
            public boolean runsHere(String check, Duration interval) {
                return true;
            }

            @Override
            public Optional<HealthCheckRun> latestElsewhere(String check) {
                return Optional.empty();
            }
        };

        /** Whether this instance runs the check now (it holds, or just took, the check's lease). */
        boolean runsHere(String check, Duration interval);

        /** The latest run of the check by the instance that runs it, if there is one. */
        Optional<HealthCheckRun> latestElsewhere(String check);
    }

    /**
     * Runs one check now, outside its schedule (the schedule is not moved). If a run of it is
     * already under way, that run's result is the answer.
     *
     * @return the recorded result
     * @throws IllegalArgumentException if no such check is registered
     */
    public CompletableFuture<HealthResult> runNow(String name) {
        Slot slot = slots.get(name);
        if (slot == null) {
            throw new IllegalArgumentException("no health check named '" + name + "'");
        }
        return start(slot, clock.instant());
    }

    /**
     * How long until the next check is due, by the registry's clock; zero if one is overdue.
     * The scheduler sleeps at most this long.
     */
    public Duration untilNextDue() {
        Instant now = clock.instant();
        Instant earliest = null;
        for (Slot slot : slots.values()) {
            if (earliest == null || slot.nextDue.isBefore(earliest)) {
                earliest = slot.nextDue;
            }
        }
        if (earliest == null) {
            return settings.interval();
        }
        Duration wait = Duration.between(now, earliest);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /** The latest result of a check; empty if it is unknown or has not completed a run yet. */
    public Optional<HealthResult> latest(String name) {
        Slot slot = slots.get(name);
        return slot == null ? Optional.empty() : Optional.ofNullable(slot.latest);
    }

    /** The recorded runs of a check, oldest first (at most {@link HealthSettings#historySize()}). */
    public List<HealthCheckRun> history(String name) {
        Slot slot = slots.get(name);
        return slot == null ? List.of() : slot.history.snapshot();
    }

    /** The current state of every check and the aggregate status. Reads stored results only. */
    public HealthReport report() {
        Instant now = clock.instant();
        List<CheckHealth> checks = new ArrayList<>();
        for (String name : names()) {
            Slot slot = slots.get(name);
            if (slot == null) {
                continue;
            }
            HealthResult latest = slot.latest;
            checks.add(latest != null
                    ? new CheckHealth(name, slot.registration.critical(), true, latest)
                    : new CheckHealth(name, slot.registration.critical(), false,
                            HealthResult.degraded("not checked yet").timed(slot.registeredAt, Duration.ZERO)));
        }
        Duration uptime = Duration.between(startedAt, now);
        return HealthReport.of(now, uptime.isNegative() ? Duration.ZERO : uptime, version, checks);
    }

    /**
     * Changes the interval of every check registered without its own, from its next run on (the
     * runtime switch {@code health.interval}).
     */
    public void setDefaultInterval(Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("health.interval must be positive, was " + interval);
        }
        this.defaultInterval = interval;
        synchronized (scheduleLock) {
            Instant latest = clock.instant().plus(interval);
            for (Slot slot : slots.values()) {
                if (slot.interval == null && slot.nextDue.isAfter(latest)) {
                    slot.nextDue = latest;
                }
            }
        }
    }

    /** The interval of checks registered without their own. */
    public Duration defaultInterval() {
        return defaultInterval;
    }

    /** The settings this registry runs with. */
    public HealthSettings settings() {
        return settings;
    }

    private CompletableFuture<HealthResult> start(Slot slot, Instant startedAt) {
        if (!slot.running.compareAndSet(false, true)) {
            CompletableFuture<HealthResult> inFlight = slot.inFlight;
            if (inFlight != null && !inFlight.isDone()) {
                return inFlight; // still within its timeout: its result is the answer
            }
            // The previous run outlived its timeout and still holds its thread: do not start another.
            return CompletableFuture.completedFuture(record(slot, HealthResult
                    .down("still running: the previous run has not returned " + slot.timeoutText() + " after it started")
                    .timed(startedAt, Duration.ZERO)));
        }
        CompletableFuture<HealthResult> outcome = new CompletableFuture<>();
        long startNanos = nanoTime.getAsLong();
        CompletableFuture<HealthResult> recorded = outcome.thenApply(result -> record(slot,
                result.timed(startedAt, Duration.ofNanos(Math.max(0, nanoTime.getAsLong() - startNanos)))));
        slot.inFlight = recorded;
        Future<?> task;
        try {
            task = checkExecutor.submit(() -> {
                HealthResult result;
                try {
                    result = invoke(slot.registration);
                } finally {
                    slot.running.set(false); // before completing, so a caller that joined may start the next run
                }
                outcome.complete(result);
            });
        } catch (RejectedExecutionException e) {
            slot.running.set(false);
            outcome.complete(HealthResult.down("not run: the health check executor is saturated or stopped"));
            return recorded;
        }
        try {
            ScheduledFuture<?> timeout = timer.schedule(() -> {
                if (outcome.complete(HealthResult.down("timed out after " + slot.timeoutText()))) {
                    task.cancel(true);
                }
            }, slot.timeout.toNanos(), TimeUnit.NANOSECONDS);
            outcome.whenComplete((result, error) -> timeout.cancel(false));
        } catch (RejectedExecutionException e) { // the monitor is stopping: no timeout, stop the run instead
            if (outcome.complete(HealthResult.down("not completed: the monitor is stopping"))) {
                task.cancel(true);
            }
        }
        return recorded;
    }

    private static HealthResult invoke(HealthCheckRegistration registration) {
        try {
            HealthResult result = registration.check().check();
            return result != null ? result : HealthResult.down("check returned no result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthResult.down(e);
        } catch (Throwable e) { // a check must never take the scheduler down, whatever it throws
            return HealthResult.down(e);
        }
    }

    private Duration intervalOf(Slot slot) {
        return slot.interval != null ? slot.interval : defaultInterval;
    }

    /** Shows another instance's run of a singleton check as this check's latest result. */
    private void adopt(Slot slot, HealthCheckRun run) {
        HealthResult latest = slot.latest;
        if (latest != null && !run.checkedAt().isAfter(latest.checkedAt())) {
            return;
        }
        HealthResult result = HealthResult.of(run.status(), run.message()).timed(run.checkedAt(), run.duration());
        slot.latest = result;
        slot.history.add(run);
    }

    private HealthResult record(Slot slot, HealthResult result) {
        HealthResult previous = slot.latest;
        slot.latest = result;
        HealthCheckRun run = HealthCheckRun.of(result);
        slot.history.add(run);
        try {
            runListener.accept(slot.registration.name(), run);
        } catch (RuntimeException e) {
            log.warn("Could not hand the run of health check '{}' on: {}", slot.registration.name(), e.toString());
        }
        if (previous == null ? result.status() != HealthStatus.UP : previous.status() != result.status()) {
            String name = slot.registration.name();
            if (result.status() == HealthStatus.UP) {
                log.info("Health check '{}' is up{}", name, previous == null ? "" : " again");
            } else {
                log.warn("Health check '{}' is {}: {}", name, result.status().jsonName(),
                        result.problem().orElse(""));
            }
        }
        return result;
    }

    private static final class Slot {
        final HealthCheckRegistration registration;
        final @Nullable Duration interval; // null: the registry's default interval
        final Duration timeout;
        final RingBuffer<HealthCheckRun> history;
        final Instant registeredAt;
        final AtomicBoolean running = new AtomicBoolean();
        volatile Instant nextDue;
        volatile @Nullable HealthResult latest;
        volatile @Nullable CompletableFuture<HealthResult> inFlight;

        Slot(HealthCheckRegistration registration, @Nullable Duration interval, Duration timeout, int historySize,
                Instant now) {
            this.registration = registration;
            this.interval = interval;
            this.timeout = timeout;
            this.history = new RingBuffer<>(historySize);
            this.registeredAt = now;
            this.nextDue = now;
        }

        String timeoutText() {
            return HumanText.duration(timeout);
        }
    }
}
