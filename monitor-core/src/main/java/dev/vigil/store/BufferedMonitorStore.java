package dev.vigil.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import dev.vigil.action.ActionStore;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.AlertStore;
import dev.vigil.alert.AlertTransition;
import dev.vigil.alert.Silence;
import dev.vigil.alert.StoredAlert;
import dev.vigil.alert.delivery.NotificationOutbox;
import dev.vigil.alert.delivery.OutboxEntry;
import dev.vigil.alert.delivery.OutboxStatus;
import dev.vigil.audit.AuditEntry;
import dev.vigil.audit.AuditLog;
import dev.vigil.audit.AuditQuery;
import dev.vigil.briefing.BriefingStore;
import dev.vigil.config.ConfigStore;
import dev.vigil.deploy.DeploymentStore;
import dev.vigil.health.CheckRunRecord;
import dev.vigil.health.CheckRunStore;
import dev.vigil.incident.ErrorEvent;
import dev.vigil.incident.Incident;
import dev.vigil.incident.IncidentDelta;
import dev.vigil.incident.IncidentQuery;
import dev.vigil.incident.IncidentStore;
import dev.vigil.incident.IncidentTransition;
import dev.vigil.incident.KnownFixRecord;
import dev.vigil.internal.DaemonThreadFactory;
import dev.vigil.security.event.SecurityEvent;
import dev.vigil.security.event.SecurityEventQuery;
import dev.vigil.security.event.SecurityEventStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a store behind a bounded write buffer, so that the threads that produce records (a request that
 * triggered an action, a check, the alert evaluation) never wait for the database and never fail
 * because it is away.
 *
 * <p>Check runs, alert history, audit entries and security events are queued and written in batches by one background
 * thread, and so are incident writes (deltas, events, transitions, known-fix records). Outbox entries are written at once (the dispatcher needs them) and queued only when that
 * fails. While the store fails, the buffer keeps up to {@code capacity} writes, the outage is logged once
 * and shown by {@link #status()}, and the writer retries with a growing pause (up to 30 s); the buffer
 * is written, in order, once the store is back. A write the full buffer cannot take is counted per kind
 * and logged, never dropped in silence. Reads, leases, configuration, action approvals and runs, briefings
 * (whose writer retries itself) and compare-and-set changes go straight to the store.
 */
public final class BufferedMonitorStore implements MonitorStore {

    /** Writes held at most by default while the store is away. */
    public static final int DEFAULT_CAPACITY = 50_000;

    private static final Logger log = LoggerFactory.getLogger(BufferedMonitorStore.class);
    private static final int MAX_BATCH = 500;
    private static final long MIN_PAUSE_MILLIS = 250;
    private static final long MAX_PAUSE_MILLIS = 30_000;

    private final MonitorStore delegate;
    private final Clock clock;
    private final int capacity;
    private final Thread writer;
    private final Object lock = new Object();
    private final ArrayDeque<Write> queue = new ArrayDeque<>(); // guarded by lock
    private final Map<String, Long> overflowed = new HashMap<>(); // guarded by lock
    private int inFlight; // guarded by lock: writes out of the queue, being written
    private boolean closed; // guarded by lock
    private boolean full; // guarded by lock
    private long written; // guarded by lock
    private @Nullable Instant failingSince; // guarded by lock
    private @Nullable String lastError; // guarded by lock

    private final CheckRunStore checkRuns;
    private final AlertStore alerts;
    private final NotificationOutbox outbox;
    private final AuditLog audit;
    private final SecurityEventStore securityEvents;
    private final IncidentStore incidents;

    /** Buffers writes to {@code delegate}, holding at most {@code capacity} of them; call {@link #start()}. */
    public BufferedMonitorStore(MonitorStore delegate, Clock clock, int capacity) {
        this(delegate, clock, capacity, new DaemonThreadFactory("vigil-store-writer"));
    }

    BufferedMonitorStore(MonitorStore delegate, Clock clock, int capacity, ThreadFactory threads) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (capacity < 1) {
            throw new IllegalArgumentException("monitor.store.buffer-capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        this.writer = threads.newThread(this::run);
        this.checkRuns = new BufferedCheckRuns();
        this.alerts = new BufferedAlerts();
        this.outbox = new BufferedOutbox();
        this.audit = new BufferedAudit();
        this.securityEvents = new BufferedSecurityEvents();
        this.incidents = new BufferedIncidents();
    }

    /** Starts the background writer. */
    public void start() {
        writer.start();
    }

    /** Whether writes reach the store, what waits and what overflowed. */
    public StoreStatus status() {
        synchronized (lock) {
            return new StoreStatus(failingSince == null, failingSince, lastError, queue.size() + inFlight, capacity, written,
                    overflowed);
        }
    }

    /**
     * Writes what is buffered now, on the calling thread, waiting at most {@code timeout}; true when the
     * buffer is empty afterwards. Tests call it instead of waiting for the writer.
     */
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            lock.notifyAll();
            while (!queue.isEmpty() || inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public CheckRunStore checkRuns() {
        return checkRuns;
    }

    @Override
    public AlertStore alerts() {
        return alerts;
    }

    @Override
    public NotificationOutbox outbox() {
        return outbox;
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    @Override
    public ConfigStore config() {
        return delegate.config();
    }

    @Override
    public ActionStore actions() {
        return delegate.actions();
    }

    @Override
    public LeaseStore leases() {
        return delegate.leases();
    }

    @Override
    public SecurityEventStore securityEvents() {
        return securityEvents;
    }

    @Override
    public DeploymentStore deployments() {
        return delegate.deployments();
    }

    @Override
    public BriefingStore briefings() {
        return delegate.briefings();
    }

    @Override
    public IncidentStore incidents() {
        return incidents;
    }

    @Override
    public boolean shared() {
        return delegate.shared();
    }

    @Override
    public int purge(StoredKind kind, Instant cutoff, int limit) {
        return delegate.purge(kind, cutoff, limit);
    }

    /** Writes what is buffered (for up to 5 s), stops the writer and closes the store behind. */
    @Override
    public void close() {
        flush(Duration.ofSeconds(5));
        synchronized (lock) {
            closed = true;
            if (!queue.isEmpty()) {
                log.error("Vigil's store buffer still held {} writes at shutdown; they are lost", queue.size());
            }
            lock.notifyAll();
        }
        writer.interrupt();
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delegate.close();
    }

    private boolean enqueue(Write write) {
        synchronized (lock) {
            if (queue.size() + inFlight >= capacity) {
                overflowed.merge(write.kind(), (long) write.size(), Long::sum);
                if (!full) {
                    full = true;
                    log.error("Vigil's store buffer is full ({} writes while the store is away): further {} and other "
                            + "writes are refused and counted in system-health until it drains", capacity, write.kind());
                }
                return false;
            }
            if (full && queue.size() + inFlight < capacity / 2) {
                full = false;
                log.info("Vigil's store buffer takes writes again ({} refused so far)", overflowed);
            }
            queue.addLast(write);
            lock.notifyAll();
            return true;
        }
    }

    private void run() {
        long pause = MIN_PAUSE_MILLIS;
        while (true) {
            List<Write> batch;
            synchronized (lock) {
                while (queue.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        if (closed) {
                            return;
                        }
                    }
                }
                if (closed && queue.isEmpty()) {
                    return;
                }
                batch = takeBatch();
                inFlight = batch.stream().mapToInt(Write::size).sum();
            }
            Write failed = null;
            RuntimeException error = null;
            int done = 0;
            long doneWrites = 0;
            for (Write write : batch) {
                try {
                    write.apply(delegate);
                    done++;
                    doneWrites += write.size();
                } catch (RuntimeException e) {
                    failed = write;
                    error = e;
                    break;
                }
            }
            synchronized (lock) {
                written += doneWrites;
                if (failed != null) {
                    for (int i = batch.size() - 1; i >= done; i--) {
                        queue.addFirst(batch.get(i));
                    }
                    noteFailure(error);
                } else {
                    noteSuccess();
                }
                inFlight = 0;
                lock.notifyAll();
                if (failed != null && !closed) {
                    try {
                        lock.wait(pause);
                    } catch (InterruptedException e) {
                        if (closed) {
                            return;
                        }
                    }
                    pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
                } else {
                    pause = MIN_PAUSE_MILLIS;
                }
            }
        }
    }

    /** The next writes, with runs of check runs merged into one batch write. */
    private List<Write> takeBatch() {
        List<Write> batch = new ArrayList<>();
        List<CheckRunRecord> runs = new ArrayList<>();
        while (!queue.isEmpty() && batch.size() + runs.size() < MAX_BATCH) {
            Write next = queue.peekFirst();
            if (next instanceof RunsWrite) {
                runs.addAll(((RunsWrite) queue.pollFirst()).runs);
                continue;
            }
            if (!runs.isEmpty()) {
                break;
            }
            batch.add(queue.pollFirst());
        }
        if (!runs.isEmpty()) {
            batch.add(0, new RunsWrite(runs));
        }
        return batch;
    }

    private void noteFailure(RuntimeException error) {
        lastError = describe(error);
        if (failingSince == null) {
            failingSince = clock.instant();
            log.error("Vigil's store is failing; {} writes wait in the buffer and are written when it is back: {}",
                    queue.size(), lastError);
        }
    }

    private void noteSuccess() {
        if (failingSince != null) {
            log.info("Vigil's store works again (it failed from {}); writing {} buffered writes", failingSince,
                    queue.size());
            failingSince = null;
        }
    }

    private void noteDirectFailure(RuntimeException error) {
        synchronized (lock) {
            noteFailure(error);
        }
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        String name = error.getClass().getSimpleName();
        String text = message == null || message.isBlank() ? name : name + ": " + message;
        text = text.replace('\n', ' ').replace('\r', ' ');
        return text.length() <= 300 ? text : text.substring(0, 297) + "...";
    }

    /** One buffered write. */
    private interface Write {
        String kind();

        int size();

        void apply(MonitorStore store);
    }

    private record RunsWrite(List<CheckRunRecord> runs) implements Write {
        @Override
        public String kind() {
            return StoredKind.CHECK_RUNS.propertyName();
        }

        @Override
        public int size() {
            return runs.size();
        }

        @Override
        public void apply(MonitorStore store) {
            store.checkRuns().add(runs);
        }
    }

    private record TransitionWrite(AlertTransition transition) implements Write {
        @Override
        public String kind() {
            return StoredKind.ALERT_HISTORY.propertyName();
        }

        @Override
        public int size() {
            return 1;
        }

        @Override
        public void apply(MonitorStore store) {
            store.alerts().record(transition);
        }
    }

    private record AuditWrite(AuditEntry entry) implements Write {
        @Override
        public String kind() {
            return StoredKind.AUDIT.propertyName();
        }

        @Override
        public int size() {
            return 1;
        }

        @Override
        public void apply(MonitorStore store) {
            store.audit().add(entry);
        }
    }

    private record OutboxWrite(List<OutboxEntry> entries) implements Write {
        @Override
        public String kind() {
            return StoredKind.NOTIFICATIONS.propertyName();
        }

        @Override
        public int size() {
            return entries.size();
        }

        @Override
        public void apply(MonitorStore store) {
            if (!store.outbox().add(entries)) {
                throw new IllegalStateException("the outbox refused " + entries.size() + " entries (full)");
            }
        }
    }

    private record SecurityEventsWrite(List<SecurityEvent> events) implements Write {
        @Override
        public String kind() {
            return StoredKind.SECURITY_EVENTS.propertyName();
        }

        @Override
        public int size() {
            return events.size();
        }

        @Override
        public void apply(MonitorStore store) {
            store.securityEvents().add(events);
        }
    }

    private final class BufferedSecurityEvents implements SecurityEventStore {
        @Override
        public void add(List<SecurityEvent> events) {
            if (!events.isEmpty()) {
                enqueue(new SecurityEventsWrite(List.copyOf(events)));
            }
        }

        @Override
        public List<SecurityEvent> query(SecurityEventQuery query) {
            return delegate.securityEvents().query(query);
        }
    }

    private final class BufferedCheckRuns implements CheckRunStore {
        @Override
        public void add(List<CheckRunRecord> runs) {
            if (!runs.isEmpty()) {
                enqueue(new RunsWrite(List.copyOf(runs)));
            }
        }

        @Override
        public List<CheckRunRecord> recent(String check, int limit) {
            return delegate.checkRuns().recent(check, limit);
        }
    }

    private final class BufferedAudit implements AuditLog {
        @Override
        public void add(AuditEntry entry) {
            enqueue(new AuditWrite(Objects.requireNonNull(entry, "entry")));
        }

        @Override
        public List<AuditEntry> query(AuditQuery query) {
            return delegate.audit().query(query);
        }
    }

    private final class BufferedOutbox implements NotificationOutbox {
        @Override
        public boolean add(List<OutboxEntry> entries) {
            try {
                return delegate.outbox().add(entries);
            } catch (RuntimeException e) {
                noteDirectFailure(e);
                return enqueue(new OutboxWrite(List.copyOf(entries)));
            }
        }

        @Override
        public List<OutboxEntry> claimDue(String sink, Instant now, int limit, Instant leaseUntil) {
            return delegate.outbox().claimDue(sink, now, limit, leaseUntil);
        }

        @Override
        public void markSent(Collection<String> ids, Instant at) {
            delegate.outbox().markSent(ids, at);
        }

        @Override
        public void markRetry(String id, int attempts, Instant nextAttemptAt, String lastError, Instant at) {
            delegate.outbox().markRetry(id, attempts, nextAttemptAt, lastError, at);
        }

        @Override
        public void markDeadLettered(String id, int attempts, String lastError, Instant at) {
            delegate.outbox().markDeadLettered(id, attempts, lastError, at);
        }

        @Override
        public Optional<Instant> nextDue(String sink) {
            return delegate.outbox().nextDue(sink);
        }

        @Override
        public List<OutboxEntry> recent(int limit) {
            return delegate.outbox().recent(limit);
        }

        @Override
        public Map<String, Map<OutboxStatus, Long>> counts() {
            return delegate.outbox().counts();
        }
    }

    private final class BufferedAlerts implements AlertStore {
        private AlertStore store() {
            return delegate.alerts();
        }

        @Override
        public List<StoredAlert> active() {
            return store().active();
        }

        @Override
        public StoredAlert open(StoredAlert candidate) {
            return store().open(candidate);
        }

        @Override
        public Optional<StoredAlert> replace(StoredAlert current, StoredAlert next) {
            return store().replace(current, next);
        }

        @Override
        public boolean remove(StoredAlert current) {
            return store().remove(current);
        }

        @Override
        public void seen(Collection<String> ids, Instant at) {
            store().seen(ids, at);
        }

        @Override
        public void record(AlertTransition transition) {
            enqueue(new TransitionWrite(Objects.requireNonNull(transition, "transition")));
        }

        @Override
        public List<AlertTransition> history(@Nullable AlertState entered, @Nullable Instant since, int limit) {
            return store().history(entered, since, limit);
        }

        @Override
        public void saveSilence(Silence silence) {
            store().saveSilence(silence);
        }

        @Override
        public boolean removeSilence(String id) {
            return store().removeSilence(id);
        }

        @Override
        public List<Silence> silences(Instant now) {
            return store().silences(now);
        }
    }

    /** A buffered incident write: a delta batch, events, a transition or a known-fix record. */
    private record IncidentWrite(int size, java.util.function.Consumer<IncidentStore> write) implements Write {
        @Override
        public String kind() {
            return StoredKind.INCIDENTS.propertyName();
        }

        @Override
        public void apply(MonitorStore store) {
            write.accept(store.incidents());
        }
    }

    private final class BufferedIncidents implements IncidentStore {
        @Override
        public void record(List<IncidentDelta> deltas) {
            if (!deltas.isEmpty()) {
                List<IncidentDelta> copy = List.copyOf(deltas);
                enqueue(new IncidentWrite(copy.size(), store -> store.record(copy)));
            }
        }

        @Override
        public void addEvents(String incidentId, List<ErrorEvent> events, int keep) {
            if (!events.isEmpty()) {
                List<ErrorEvent> copy = List.copyOf(events);
                enqueue(new IncidentWrite(copy.size(), store -> store.addEvents(incidentId, copy, keep)));
            }
        }

        @Override
        public void transition(IncidentTransition transition) {
            Objects.requireNonNull(transition, "transition");
            enqueue(new IncidentWrite(1, store -> store.transition(transition)));
        }

        @Override
        public Optional<Incident> find(String id) {
            return delegate.incidents().find(id);
        }

        @Override
        public List<Incident> list(IncidentQuery query) {
            return delegate.incidents().list(query);
        }

        @Override
        public List<ErrorEvent> events(String incidentId, int limit) {
            return delegate.incidents().events(incidentId, limit);
        }

        @Override
        public void bindFix(String name, String action, String fingerprint) {
            enqueue(new IncidentWrite(1, store -> store.bindFix(name, action, fingerprint)));
        }

        @Override
        public void recordFixOutcome(String name, String action, boolean success, Instant at) {
            enqueue(new IncidentWrite(1, store -> store.recordFixOutcome(name, action, success, at)));
        }

        @Override
        public List<KnownFixRecord> fixes() {
            return delegate.incidents().fixes();
        }
    }
}
