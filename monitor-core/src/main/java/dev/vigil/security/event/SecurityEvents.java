package dev.vigil.security.event;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import dev.vigil.metrics.MetricCollector;
import dev.vigil.metrics.MetricSample;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records security events without ever making the caller wait: {@code monitor.security()}.
 *
 * <pre>{@code
 * monitor.security().failedLogin(username, request.getRemoteAddr());
 * monitor.security().rateLimited(clientIp, "/api/login");
 * }</pre>
 *
 * <p>Each event increments the Micrometer counter {@value #METER} (tag {@code type}) at once, and is counted into
 * the interval sample {@value #METRIC}{@code {type}} of Vigil's history (every type every interval, zeros included,
 * so spike rules have a baseline). Storing is write-behind: the first event of a kind (type, address, user, route)
 * is queued for the store; its repeats within the aggregation window are only counted, and when the window closes
 * they are queued as one event with their count. Vigil's scheduler writes the queue to the store about once a
 * second. Both the pending kinds and the queue are bounded: what does not fit is dropped and counted
 * ({@link #dropped()}), logged once when dropping starts and once when it stops.
 */
public final class SecurityEvents {

    /** Micrometer counter of every event, tagged {@code type}. */
    public static final String METER = "vigil.security.events";
    /** History sample: events per collection interval, tagged {@code type}. */
    public static final String METRIC = "security.events";

    private static final Logger log = LoggerFactory.getLogger(SecurityEvents.class);
    private static final int WRITE_BATCH = 500;

    private final Clock clock;
    private final String instance;
    private final SecurityEventSettings settings;
    private final Map<SecurityEventType, Counter> counters = new EnumMap<>(SecurityEventType.class);
    private final Map<SecurityEventType, LongAdder> totals = new EnumMap<>(SecurityEventType.class);
    private final ConcurrentHashMap<Key, Window> pending = new ConcurrentHashMap<>();
    private final ArrayBlockingQueue<SecurityEvent> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Object dropLock = new Object();
    private boolean dropping; // guarded by dropLock
    private volatile boolean writeFailing;

    /**
     * A recorder for the instance {@code instance}, counting into {@code registry} and reading time from
     * {@code clock}; the monitor creates one, {@code monitor.security()}.
     */
    public SecurityEvents(Clock clock, String instance, MeterRegistry registry, SecurityEventSettings settings) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.instance = Objects.requireNonNull(instance, "instance");
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(registry, "registry");
        for (SecurityEventType type : SecurityEventType.values()) {
            totals.put(type, new LongAdder());
            if (settings.enabled()) {
                counters.put(type, Counter.builder(METER).description("Security events recorded, by type")
                        .tag("type", type.jsonName()).register(registry));
            }
        }
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    }

    /** The settings, which the request filter reads too. */
    public SecurityEventSettings settings() {
        return settings;
    }

    /** Whether events are recorded at all. */
    public boolean enabled() {
        return settings.enabled();
    }

    /** Records a failed sign-in of {@code user} (if known) from {@code ip} (if known). */
    public void failedLogin(@Nullable String user, @Nullable String ip) {
        if (enabled()) {
            record(SecurityEvent.builder(SecurityEventType.FAILED_LOGIN, clock.instant()).user(user).ip(ip)
                    .description("failed login").build());
        }
    }

    /** Records a request from {@code ip} refused by a rate limit on {@code route} (a route template, if known). */
    public void rateLimited(@Nullable String ip, @Nullable String route) {
        if (enabled()) {
            record(SecurityEvent.builder(SecurityEventType.RATE_LIMITED, clock.instant()).ip(ip).route(route)
                    .description("rate limit exceeded").build());
        }
    }

    /** Records {@code event}, stamped with this instance when it names none; never blocks, never throws for capacity. */
    public void record(SecurityEvent event) {
        Objects.requireNonNull(event, "event");
        if (!enabled()) {
            return;
        }
        counters.get(event.type()).increment(event.count());
        totals.get(event.type()).add(event.count());
        SecurityEvent stamped = event.instance().isEmpty() ? event.withInstance(instance) : event;
        Key key = new Key(stamped.type(), stamped.severity().ordinal(), stamped.sourceIp(), stamped.user(), stamped.route());
        Window existing = pending.get(key);
        if (existing == null && pending.size() >= settings.maxPending()) {
            drop(1);
            return;
        }
        pending.compute(key, (k, window) -> {
            if (window != null && stamped.time().isBefore(window.closesAt)) {
                window.repeat(stamped);
                return window;
            }
            if (window != null) {
                window.flush();
            }
            offer(stamped);
            return new Window(stamped, stamped.time().plus(settings.aggregationWindow()));
        });
    }

    /**
     * Closes the aggregation windows that ended and writes what is queued to {@code store}, in batches; returns how
     * many events it wrote. Called by Vigil's scheduler; a failing store loses the batch (counted as dropped) and is
     * logged once until it works again.
     */
    public int drainTo(SecurityEventStore store) {
        return drain(store, false);
    }

    /** Closes every aggregation window now and writes everything queued to {@code store}: the last call before closing. */
    public int flush(SecurityEventStore store) {
        return drain(store, true);
    }

    private int drain(SecurityEventStore store, boolean closeAll) {
        Instant now = clock.instant();
        for (Key key : pending.keySet()) {
            pending.computeIfPresent(key, (k, window) -> {
                if (!closeAll && now.isBefore(window.closesAt)) {
                    return window;
                }
                window.flush();
                return null;
            });
        }
        int written = 0;
        List<SecurityEvent> batch = new ArrayList<>();
        while (queue.drainTo(batch, WRITE_BATCH) > 0) {
            try {
                store.add(batch);
                written += batch.size();
                if (writeFailing) {
                    writeFailing = false;
                    log.info("Security events are stored again");
                }
            } catch (RuntimeException e) {
                dropped.addAndGet(batch.size());
                if (!writeFailing) {
                    writeFailing = true;
                    log.warn("Security events could not be stored and were dropped until the store works again: {}",
                            e.toString());
                }
            }
            batch.clear();
        }
        synchronized (dropLock) {
            if (dropping && queue.size() < settings.queueCapacity() / 2 && pending.size() < settings.maxPending() / 2) {
                dropping = false;
                log.info("Security events are recorded again ({} dropped so far)", dropped.get());
            }
        }
        return written;
    }

    /** Events dropped since start because the pending kinds or the queue were full, or the store failed. */
    public long dropped() {
        return dropped.get();
    }

    /**
     * The collector of {@value #METRIC}{@code {type}}: the events of each type since the previous collection.
     * Exactly one caller (the monitor's history) may collect.
     */
    public MetricCollector collector() {
        long[] previous = new long[SecurityEventType.values().length];
        return () -> {
            List<MetricSample> samples = new ArrayList<>(previous.length);
            for (SecurityEventType type : SecurityEventType.values()) {
                long total = totals.get(type).sum();
                samples.add(MetricSample.of(METRIC, total - previous[type.ordinal()], "type", type.jsonName()));
                previous[type.ordinal()] = total;
            }
            return samples;
        };
    }

    private void offer(SecurityEvent event) {
        if (!queue.offer(event)) {
            drop(1);
        }
    }

    private void drop(long count) {
        dropped.addAndGet(count);
        synchronized (dropLock) {
            if (!dropping) {
                dropping = true;
                log.warn("Security events arrive faster than they can be kept (pending {} of {}, queued {} of {}): further"
                        + " events are dropped and counted until it eases", pending.size(), settings.maxPending(),
                        queue.size(), settings.queueCapacity());
            }
        }
    }

    /** What makes two events the same kind. */
    private record Key(SecurityEventType type, int severity, @Nullable String ip, @Nullable String user,
            @Nullable String route) {
    }

    /** The first event of a kind and the repeats counted since; changed only inside the map's compute. */
    private final class Window {
        private final SecurityEvent first;
        private final Instant closesAt;
        private @Nullable Instant firstRepeat;
        private long repeats;

        Window(SecurityEvent first, Instant closesAt) {
            this.first = first;
            this.closesAt = closesAt;
        }

        void repeat(SecurityEvent event) {
            if (firstRepeat == null) {
                firstRepeat = event.time();
            }
            repeats += event.count();
        }

        void flush() {
            if (repeats > 0 && firstRepeat != null) {
                offer(new SecurityEvent(SecurityEvent.randomId(), firstRepeat, first.type(), first.severity(),
                        first.sourceIp(), first.user(), first.route(), first.description(), first.instance(), repeats));
            }
        }
    }
}
