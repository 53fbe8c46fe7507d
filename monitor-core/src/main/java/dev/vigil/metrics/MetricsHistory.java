package dev.vigil.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the registered {@link MetricCollector}s every collection interval and keeps their samples in
 * a {@link TimeSeriesStore}. Collectors run in parallel on Vigil's bounded pool, each with a timeout;
 * one that throws or hangs is skipped for that interval (logged once per change) and never delays
 * the others.
 */
public final class MetricsHistory {

    private static final Logger log = LoggerFactory.getLogger(MetricsHistory.class);

    private final Clock clock;
    private final MetricsSettings settings;
    private final ExecutorService executor;
    private final ScheduledExecutorService timer;
    private final TimeSeriesStore store;
    private final Map<String, MetricCollector> collectors = new LinkedHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    /** Each collector's collection under way, until its collector has returned (also past its timeout). */
    private final Map<String, CompletableFuture<Void>> running = new ConcurrentHashMap<>();
    private final Map<String, List<MetricSample>> latest = new ConcurrentHashMap<>();
    private volatile Instant nextDue;
    private volatile Instant lastCollected = Instant.EPOCH;

    /**
     * @param clock time of samples and schedule
     * @param settings interval, timeout and history shape
     * @param executor runs the collectors (bounded)
     * @param timer fires collector timeouts
     */
    public MetricsHistory(Clock clock, MetricsSettings settings, ExecutorService executor, ScheduledExecutorService timer) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.store = new TimeSeriesStore(clock, settings);
        this.nextDue = clock.instant();
    }

    /**
     * Registers a collector under a name; the name is also the section it is shown in (e.g.
     * {@code users}, {@code curation}).
     *
     * @throws IllegalArgumentException if the name is taken
     */
    public synchronized void register(String name, MetricCollector collector) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(collector, "collector");
        if (collectors.putIfAbsent(name, collector) != null) {
            throw new IllegalArgumentException("a metric collector named '" + name + "' is already registered");
        }
    }

    /** The names of the registered collectors, in registration order. */
    public synchronized List<String> collectorNames() {
        return List.copyOf(collectors.keySet());
    }

    /** Collects if the interval has passed; returns when this collection has been stored. */
    public CompletableFuture<Void> collectIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextDue)) {
            return CompletableFuture.completedFuture(null);
        }
        nextDue = now.plus(settings.collectInterval());
        return collectNow();
    }

    /** Runs every collector now and stores what they return at the current time. */
    public CompletableFuture<Void> collectNow() {
        Instant at = clock.instant();
        Map<String, MetricCollector> snapshot;
        synchronized (this) {
            snapshot = new LinkedHashMap<>(collectors);
        }
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        snapshot.forEach((name, collector) -> runs.add(run(name, collector, at)));
        return CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new))
                .whenComplete((ignored, error) -> lastCollected = at);
    }

    private CompletableFuture<Void> run(String name, MetricCollector collector, Instant at) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> previous = running.putIfAbsent(name, done);
        if (previous != null) {
            // A collection is under way (a scheduled one meeting collectNow): its samples are this moment's,
            // so wait for it instead of running the collector twice. One already settled timed out, and
            // its collector has still not returned.
            if (previous.isDone()) {
                failed(name, "still running: the previous collection has not returned");
            }
            return previous;
        }
        AtomicBoolean settled = new AtomicBoolean(); // the collector's outcome or its timeout, whichever comes first
        Future<?> task;
        try {
            task = executor.submit(() -> {
                try {
                    List<MetricSample> result = collector.collect();
                    if (settled.compareAndSet(false, true)) {
                        List<MetricSample> samples = result == null ? List.of() : List.copyOf(result);
                        store.add(at, samples);
                        latest.put(name, samples);
                        if (failures.remove(name) != null) {
                            log.info("Metric collector '{}' works again", name);
                        }
                    }
                } catch (Exception | LinkageError e) {
                    if (settled.compareAndSet(false, true)) {
                        failed(name, e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                } finally {
                    running.remove(name, done);
                    done.complete(null);
                }
            });
        } catch (RejectedExecutionException e) {
            running.remove(name, done);
            failed(name, "not run: Vigil's pool is saturated or stopped");
            done.complete(null);
            return done;
        }
        try {
            ScheduledFuture<?> timeout = timer.schedule(() -> {
                if (settled.compareAndSet(false, true)) {
                    failed(name, "timed out after " + settings.collectTimeout().toMillis() + "ms");
                    task.cancel(true);
                    done.complete(null);
                }
            }, settings.collectTimeout().toNanos(), TimeUnit.NANOSECONDS);
            done.whenComplete((ignored, error) -> timeout.cancel(false));
        } catch (RejectedExecutionException e) {
            task.cancel(true);
            done.complete(null);
        }
        return done;
    }

    private void failed(String name, String problem) {
        String previous = failures.put(name, problem);
        if (!problem.equals(previous)) {
            log.warn("Metric collector '{}' skipped: {}", name, problem);
        }
    }

    /** What each collector returned at its latest successful collection, by collector name. */
    public Map<String, List<MetricSample>> latestByCollector() {
        Map<String, List<MetricSample>> result = new LinkedHashMap<>();
        for (String name : collectorNames()) {
            List<MetricSample> samples = latest.get(name);
            if (samples != null) {
                result.put(name, samples);
            }
        }
        return result;
    }

    /** Collectors whose latest collection failed, with the reason. */
    public Map<String, String> failingCollectors() {
        return Map.copyOf(failures);
    }

    /** How long until the next collection is due. */
    public Duration untilNextDue() {
        Duration wait = Duration.between(clock.instant(), nextDue);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /** When the latest collection finished storing (EPOCH before the first). */
    public Instant lastCollected() {
        return lastCollected;
    }

    /** The history. */
    public TimeSeriesStore store() {
        return store;
    }

    /** The settings. */
    public MetricsSettings settings() {
        return settings;
    }

}
