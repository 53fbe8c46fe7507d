package dev.vigil.alert.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;
import dev.vigil.alert.AlertSink;
import dev.vigil.alert.DeliveryException;
import dev.vigil.alert.Notification;
import dev.vigil.alert.sinks.LogAlertSink;
import dev.vigil.internal.DaemonThreadFactory;
import dev.vigil.internal.HumanText;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications to named sinks, asynchronously and reliably: {@link #submit} routes a
 * notification and stores one outbox entry per sink (no sink I/O on the caller's thread); each sink
 * has its own worker that sends due entries in batches, with a timeout per send, retries with
 * exponential backoff and jitter (or the receiver's {@code Retry-After}), dead-letters what cannot be
 * delivered, and honours the sink's minimum interval between sends.
 *
 * <p>Delivery is at least once: an entry whose send succeeded but could not be marked (the outbox
 * failed, the process died) is sent again, so sinks may use {@link Notification#id()} as an
 * idempotency key. A sink that hangs is abandoned after the send timeout (its thread interrupted and
 * replaced); it never delays other sinks or the caller. With a persistent outbox, {@link #start()}
 * picks up whatever a previous run left undelivered.
 *
 * <p>Group wait: a notification routed with a group wait opens a batch window for its sink that
 * closes after that wait; notifications for the same sink and wait arriving before it closes are
 * due when it closes and go out together (at most {@link DeliverySettings#maxBatchSize()} per send).
 *
 * <p>Tests drive delivery with {@link #deliverDue()} and a movable clock instead of {@link #start()}.
 */
public final class AlertDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);
    /** A worker re-reads the outbox at least this often, e.g. for entries another instance stored. */
    static final Duration MAX_IDLE_WAIT = Duration.ofSeconds(5);
    private static final long MIN_WAIT_MILLIS = 50;
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);
    private static final int MAX_ERROR_LENGTH = 500;

    private final Clock clock;
    private final NotificationOutbox outbox;
    private final AlertRouter router;
    private final DeliverySettings settings;
    private final ThreadFactory threadFactory;
    private final DoubleSupplier random;
    private final Map<String, SinkWorker> workers;
    private final Map<String, Instant> openGroups = new HashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Object lifecycle = new Object();
    private boolean started;
    private volatile boolean closed;
    private volatile boolean outboxFailing;

    /**
     * A dispatcher whose threads come from a daemon thread factory.
     *
     * @param clock time for due dates, backoff and rate limits
     * @param outbox where entries wait for delivery
     * @param sinks the sinks by name; a {@link LogAlertSink} named {@value AlertRouter#FALLBACK_SINK} is added when missing
     * @param router resolves notifications to sinks; every sink it names must be configured
     * @param settings retries, timeouts, batch size and rate limits
     */
    public AlertDispatcher(Clock clock, NotificationOutbox outbox, Map<String, AlertSink> sinks, AlertRouter router,
            DeliverySettings settings) {
        this(clock, outbox, sinks, router, settings, new DaemonThreadFactory("vigil-alert"));
    }

    /** A dispatcher whose worker and sender threads come from {@code threadFactory}. */
    public AlertDispatcher(Clock clock, NotificationOutbox outbox, Map<String, AlertSink> sinks, AlertRouter router,
            DeliverySettings settings, ThreadFactory threadFactory) {
        this(clock, outbox, sinks, router, settings, threadFactory, () -> ThreadLocalRandom.current().nextDouble());
    }

    AlertDispatcher(Clock clock, NotificationOutbox outbox, Map<String, AlertSink> sinks, AlertRouter router,
            DeliverySettings settings, ThreadFactory threadFactory, DoubleSupplier random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.router = Objects.requireNonNull(router, "router");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
        this.random = Objects.requireNonNull(random, "random");
        Map<String, AlertSink> all = new LinkedHashMap<>();
        Objects.requireNonNull(sinks, "sinks").forEach((name, sink) -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("alert sink names must not be blank");
            }
            all.put(name, Objects.requireNonNull(sink, () -> "sink '" + name + "'"));
        });
        all.putIfAbsent(AlertRouter.FALLBACK_SINK, new LogAlertSink());
        for (String target : router.sinkNames()) {
            if (!all.containsKey(target)) {
                throw new IllegalArgumentException("an alert route sends to sink '" + target
                        + "', which is not configured (configured: " + new TreeSet<>(all.keySet()) + ")");
            }
        }
        Map<String, SinkWorker> byName = new LinkedHashMap<>();
        all.forEach((name, sink) -> byName.put(name, new SinkWorker(name, sink, settings.minSendInterval(name))));
        this.workers = Collections.unmodifiableMap(byName);
    }

    /**
     * Routes a notification and stores one outbox entry per target sink, then wakes those sinks'
     * workers. Never does sink I/O and never throws for a storage problem: a notification the outbox
     * does not store (full or failing) is logged at ERROR and counted in {@link #droppedCount()}.
     *
     * @return whether the notification was stored for delivery
     */
    public boolean submit(Notification notification) {
        Objects.requireNonNull(notification, "notification");
        Instant now = clock.instant();
        List<RouteTarget> targets = router.resolve(notification);
        List<OutboxEntry> entries = new ArrayList<>(targets.size());
        for (RouteTarget target : targets) {
            entries.add(OutboxEntry.pending(notification, target.sink(), now, dueAt(target, now)));
        }
        return store(notification, entries);
    }

    /**
     * Stores one outbox entry per named sink, due at once, without consulting the routes, then wakes those
     * sinks' workers: for a report sent to sinks chosen by configuration, such as the daily briefing. Delivery,
     * retries and failures are those of any notification.
     *
     * @return whether the notification was stored for delivery
     * @throws IllegalArgumentException if a name is not a configured sink
     */
    public boolean submitTo(Notification notification, Collection<String> sinks) {
        Objects.requireNonNull(notification, "notification");
        for (String sink : sinks) {
            if (!workers.containsKey(sink)) {
                throw new IllegalArgumentException("no alert sink named '" + sink + "' (configured: "
                        + new TreeSet<>(workers.keySet()) + ")");
            }
        }
        Instant now = clock.instant();
        List<OutboxEntry> entries = new ArrayList<>(sinks.size());
        for (String sink : new LinkedHashSet<>(sinks)) {
            entries.add(OutboxEntry.pending(notification, sink, now, now));
        }
        return store(notification, entries);
    }

    private boolean store(Notification notification, List<OutboxEntry> entries) {
        boolean stored;
        try {
            stored = outbox.add(entries);
            outboxRecovered();
        } catch (RuntimeException e) {
            outboxFailed(e);
            stored = false;
        }
        if (!stored) {
            dropped.incrementAndGet();
            log.error("Alert notification dropped, the outbox did not store it: {}", LogAlertSink.format(notification));
            return false;
        }
        for (OutboxEntry entry : entries) {
            workers.get(entry.sink()).wake();
        }
        return true;
    }

    /**
     * Runs one delivery pass for every sink on the calling thread: sends every due entry (in batches,
     * as the rate limits allow) and records the outcomes. For tests and manual flushing; the workers
     * started by {@link #start()} do the same in the background.
     *
     * @return the number of entries delivered
     */
    public int deliverDue() {
        int delivered = 0;
        for (SinkWorker worker : workers.values()) {
            delivered += passSafely(worker);
        }
        return delivered;
    }

    /**
     * Starts one background worker per sink; each delivers what is due at once (including entries a
     * previous run left in a persistent outbox), then wakes on {@link #submit} and when the next entry
     * falls due. Idempotent.
     */
    public void start() {
        synchronized (lifecycle) {
            if (started || closed) {
                return;
            }
            started = true;
            for (SinkWorker worker : workers.values()) {
                Thread thread = threadFactory.newThread(() -> runWorker(worker));
                worker.thread = thread;
                thread.start();
            }
        }
        log.info("Alert delivery started for sinks {}", workers.keySet());
    }

    /** Per sink: healthy or degraded, last error, dead-lettered and pending counts. */
    public Map<String, SinkStatus> sinkStatus() {
        Map<String, Map<OutboxStatus, Long>> counts;
        try {
            counts = outbox.counts();
        } catch (RuntimeException e) {
            outboxFailed(e);
            counts = Map.of();
        }
        Map<String, SinkStatus> status = new LinkedHashMap<>();
        for (SinkWorker worker : workers.values()) {
            Map<OutboxStatus, Long> perStatus = counts.getOrDefault(worker.name, Map.of());
            long pending = perStatus.getOrDefault(OutboxStatus.PENDING, 0L) + perStatus.getOrDefault(OutboxStatus.RETRYING, 0L);
            status.put(worker.name, worker.status(pending));
        }
        return Collections.unmodifiableMap(status);
    }

    /** The outbox, e.g. for {@code GET /api/admin/notifications} ({@link NotificationOutbox#recent(int)}). */
    public NotificationOutbox outbox() {
        return outbox;
    }

    /** The router that resolves notifications to sinks. */
    public AlertRouter router() {
        return router;
    }

    /** The names of the sinks this dispatcher delivers to, the log sink included. */
    public Set<String> sinkNames() {
        return workers.keySet();
    }

    /** Notifications that could not be stored (outbox full or failing) since this dispatcher was created. */
    public long droppedCount() {
        return dropped.get();
    }

    /**
     * Stops the workers and abandons sends in flight; their entries are given back to the outbox, due at once,
     * for another instance or the next start to send. Idempotent.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (SinkWorker worker : workers.values()) {
            worker.wake();
            Thread thread = worker.thread;
            if (thread != null) {
                thread.interrupt();
            }
            worker.abandonSender();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (SinkWorker worker : workers.values()) {
            Thread thread = worker.thread;
            if (thread == null) {
                continue;
            }
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (thread.isAlive()) {
                log.warn("The delivery worker of alert sink '{}' did not stop within 2s", worker.name);
            }
        }
    }

    private Instant dueAt(RouteTarget target, Instant now) {
        if (target.groupWait().isZero()) {
            return now;
        }
        String key = target.sink() + '\u0000' + target.groupWait();
        synchronized (openGroups) {
            Instant closesAt = openGroups.get(key);
            if (closesAt != null && closesAt.isAfter(now)) {
                return closesAt;
            }
            closesAt = now.plus(target.groupWait());
            openGroups.put(key, closesAt);
            return closesAt;
        }
    }

    private void runWorker(SinkWorker worker) {
        while (!closed) {
            passSafely(worker);
            long waitMillis;
            try {
                waitMillis = millisUntilNextWork(worker);
            } catch (RuntimeException e) {
                outboxFailed(e);
                waitMillis = 1000;
            }
            if (!worker.await(waitMillis)) {
                return;
            }
        }
    }

    private long millisUntilNextWork(SinkWorker worker) {
        Optional<Instant> due = outbox.nextDue(worker.name);
        if (due.isEmpty()) {
            return MAX_IDLE_WAIT.toMillis();
        }
        Instant at = due.get();
        Instant allowed = worker.nextSendAllowedAt();
        if (allowed != null && allowed.isAfter(at)) {
            at = allowed;
        }
        long millis = Duration.between(clock.instant(), at).toMillis();
        return Math.max(MIN_WAIT_MILLIS, Math.min(millis, MAX_IDLE_WAIT.toMillis()));
    }

    private int passSafely(SinkWorker worker) {
        try {
            int delivered = pass(worker);
            outboxRecovered();
            return delivered;
        } catch (RuntimeException e) {
            outboxFailed(e);
            return 0;
        }
    }

    private int pass(SinkWorker worker) {
        worker.passLock.lock();
        try {
            int delivered = 0;
            while (!closed && !Thread.currentThread().isInterrupted()) {
                Instant now = clock.instant();
                Instant allowed = worker.nextSendAllowedAt();
                if (allowed != null && now.isBefore(allowed)) {
                    break;
                }
                List<OutboxEntry> batch = outbox.claimDue(worker.name, now, settings.maxBatchSize(),
                        now.plus(settings.sendTimeout()).plus(LEASE_MARGIN));
                if (batch.isEmpty()) {
                    break;
                }
                worker.lastSendAt = now;
                if (!attempt(worker, batch)) {
                    break;
                }
                delivered += batch.size();
            }
            return delivered;
        } finally {
            worker.passLock.unlock();
        }
    }

    /** Sends one batch with the timeout and records the outcome; true when it was delivered. */
    private boolean attempt(SinkWorker worker, List<OutboxEntry> batch) {
        List<OutboxEntry> ordered = new ArrayList<>(batch);
        ordered.sort(Comparator.comparing(OutboxEntry::createdAt).thenComparing(OutboxEntry::id));
        List<Notification> notifications = ordered.stream().map(OutboxEntry::notification).toList();
        Future<Void> future;
        try {
            future = worker.sender().submit(() -> {
                worker.sink.send(notifications);
                return null;
            });
        } catch (RejectedExecutionException e) {
            release(ordered); // closing
            return false;
        }
        Failure failure;
        try {
            future.get(settings.sendTimeout().toNanos(), TimeUnit.NANOSECONDS);
            Instant now = clock.instant();
            outbox.markSent(ordered.stream().map(OutboxEntry::id).toList(), now);
            worker.recordSuccess(now);
            return true;
        } catch (TimeoutException e) {
            future.cancel(true);
            worker.abandonSender();
            failure = new Failure("send timed out after " + HumanText.duration(settings.sendTimeout()), false, null);
        } catch (ExecutionException e) {
            failure = Failure.of(e.getCause() != null ? e.getCause() : e);
        } catch (CancellationException e) {
            release(ordered);
            return false;
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            release(ordered);
            return false;
        }
        recordFailure(worker, ordered, failure);
        return false;
    }

    /**
     * Gives back the claims on a batch whose send was abandoned unfinished (the dispatcher is closing), due
     * now and with its attempts unchanged, so another instance or the next start sends it at once instead of
     * after the claim's lease. It may have reached the sink: delivery is at least once.
     */
    private void release(List<OutboxEntry> batch) {
        boolean interrupted = Thread.interrupted(); // a JDBC outbox refuses to work on an interrupted thread
        try {
            Instant now = clock.instant();
            for (OutboxEntry entry : batch) {
                outbox.markRetry(entry.id(), entry.attempts(), now, "delivery stopped before the send finished", now);
            }
        } catch (RuntimeException e) {
            log.debug("Could not give back {} claimed notifications; they are sent again once their claim runs out",
                    batch.size(), e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void recordFailure(SinkWorker worker, List<OutboxEntry> batch, Failure failure) {
        Instant now = clock.instant();
        int previous = batch.stream().mapToInt(OutboxEntry::attempts).max().orElse(0);
        Duration wait = settings.backoff(previous + 1, random.getAsDouble());
        if (failure.retryAfter != null && failure.retryAfter.compareTo(wait) > 0) {
            wait = failure.retryAfter;
        }
        Instant next = now.plus(wait);
        if (failure.retryAfter != null) {
            // the receiver asked for a pause: hold the whole sink, not only this batch, so newer
            // notifications neither hit the rate limit again nor overtake the ones waiting
            worker.holdUntil = now.plus(failure.retryAfter);
        }
        int deadLettered = 0;
        for (OutboxEntry entry : batch) {
            int attempts = entry.attempts() + 1;
            if (failure.permanent) {
                outbox.markDeadLettered(entry.id(), attempts, failure.error, now);
                deadLettered++;
            } else if (attempts >= settings.maxAttempts()) {
                outbox.markDeadLettered(entry.id(), attempts,
                        truncate("gave up after " + attempts + " attempts: " + failure.error), now);
                deadLettered++;
            } else {
                outbox.markRetry(entry.id(), attempts, next, failure.error, now);
            }
        }
        worker.recordFailure(now, failure.error, deadLettered, deadLettered < batch.size() ? next : null);
    }

    private void outboxFailed(RuntimeException e) {
        if (!outboxFailing) {
            outboxFailing = true;
            log.error("The alert outbox is failing; deliveries wait until it recovers: {}", describe(e));
        }
    }

    private void outboxRecovered() {
        if (outboxFailing) {
            outboxFailing = false;
            log.info("The alert outbox works again");
        }
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        String name = error.getClass().getSimpleName();
        return truncate(message == null || message.isBlank() ? name : name + ": " + message);
    }

    private static String truncate(String text) {
        String line = text.replace('\n', ' ').replace('\r', ' ');
        return line.length() <= MAX_ERROR_LENGTH ? line : line.substring(0, MAX_ERROR_LENGTH - 3) + "...";
    }

    /** A failed send, classified. */
    private static final class Failure {
        final String error;
        final boolean permanent;
        final @Nullable Duration retryAfter;

        Failure(String error, boolean permanent, @Nullable Duration retryAfter) {
            this.error = error;
            this.permanent = permanent;
            this.retryAfter = retryAfter;
        }

        static Failure of(Throwable error) {
            if (error instanceof DeliveryException) {
                DeliveryException delivery = (DeliveryException) error;
                String message = delivery.getMessage();
                return new Failure(truncate(message == null || message.isBlank() ? "delivery failed" : message),
                        delivery.isPermanent(), delivery.retryAfter().orElse(null));
            }
            return new Failure(describe(error), false, null);
        }
    }

    /** One sink: its send thread, its rate limit and its health. */
    private final class SinkWorker {
        final String name;
        final AlertSink sink;
        final Duration minSendInterval;
        final ReentrantLock passLock = new ReentrantLock();
        private final Object signal = new Object();
        private boolean woken;
        volatile @Nullable Thread thread;
        volatile @Nullable Instant lastSendAt;
        volatile @Nullable Instant holdUntil;
        private @Nullable ExecutorService sender;
        // health, guarded by this
        private int consecutiveFailures;
        private long deadLettered;
        private @Nullable String lastError;
        private @Nullable Instant lastErrorAt;
        private @Nullable Instant lastSuccessAt;
        private boolean failing;
        private boolean degraded;

        SinkWorker(String name, AlertSink sink, Duration minSendInterval) {
            this.name = name;
            this.sink = sink;
            this.minSendInterval = minSendInterval;
        }

        @Nullable Instant nextSendAllowedAt() {
            Instant last = lastSendAt;
            Instant byRate = last == null || minSendInterval.isZero() ? null : last.plus(minSendInterval);
            Instant hold = holdUntil;
            if (hold == null) {
                return byRate;
            }
            return byRate == null || hold.isAfter(byRate) ? hold : byRate;
        }

        synchronized ExecutorService sender() {
            if (closed) {
                throw new RejectedExecutionException("closed");
            }
            if (sender == null) {
                sender = Executors.newSingleThreadExecutor(threadFactory);
            }
            return sender;
        }

        /** Gives up on the send thread (interrupting it); the next send gets a fresh one. */
        synchronized void abandonSender() {
            if (sender != null) {
                sender.shutdownNow();
                sender = null;
            }
        }

        void wake() {
            synchronized (signal) {
                woken = true;
                signal.notifyAll();
            }
        }

        /** Waits until woken or {@code millis} pass; false when interrupted. */
        boolean await(long millis) {
            synchronized (signal) {
                try {
                    if (!woken && millis > 0) {
                        signal.wait(millis);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                } finally {
                    woken = false;
                }
            }
            return true;
        }

        synchronized void recordSuccess(Instant at) {
            lastSuccessAt = at;
            consecutiveFailures = 0;
            if (degraded || failing) {
                log.info("Alert sink '{}' delivers again", name);
            }
            degraded = false;
            failing = false;
        }

        synchronized void recordFailure(Instant at, String error, int newDeadLetters, @Nullable Instant nextAttempt) {
            consecutiveFailures++;
            deadLettered += newDeadLetters;
            lastError = error;
            lastErrorAt = at;
            boolean nowDegraded = newDeadLetters > 0 || consecutiveFailures >= settings.degradedAfterFailures();
            if (nowDegraded && !degraded) {
                log.warn("Alert sink '{}' is degraded ({} consecutive failures, {} dead-lettered): {}",
                        name, consecutiveFailures, deadLettered, error);
            } else if (!failing && !nowDegraded) {
                log.warn("Delivery to alert sink '{}' failed, retrying at {}: {}", name, nextAttempt, error);
            } else {
                log.debug("Delivery to alert sink '{}' failed again ({} dead-lettered now): {}", name, newDeadLetters, error);
            }
            degraded = degraded || nowDegraded;
            failing = true;
        }

        synchronized SinkStatus status(long pending) {
            return new SinkStatus(name, degraded ? SinkStatus.Health.DEGRADED : SinkStatus.Health.HEALTHY,
                    consecutiveFailures, deadLettered, pending, lastError, lastErrorAt, lastSuccessAt);
        }
    }
}
