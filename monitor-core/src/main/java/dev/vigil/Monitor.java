package dev.vigil;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import dev.vigil.api.AdminAuthenticator;
import dev.vigil.api.ApiSettings;
import dev.vigil.api.MonitorApi;
import dev.vigil.health.HealthCheck;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthRegistry;
import dev.vigil.health.HealthSettings;
import dev.vigil.internal.DaemonThreadFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one object a host builds: it owns Vigil's threads, the health registry and the HTTP API.
 *
 * <pre>{@code
 * Monitor monitor = Monitor.builder()
 *         .version("1.4.2")
 *         .adminToken(System.getenv("MONITOR_ADMIN_TOKEN"))
 *         .healthCheck(HealthCheckRegistration.of("payments", paymentsCheck))
 *         .build();
 * monitor.start();
 * // serve monitor.api() through MonitorServlet; monitor.close() on shutdown
 * }</pre>
 *
 * <p>Vigil's work happens on its own daemon threads: one scheduler thread that wakes when the
 * next check is due (at most once a second when idle) and a small bounded pool that runs checks.
 */
public final class Monitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Monitor.class);
    private static final long MAX_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Clock clock;
    private final MeterRegistry meterRegistry;
    private final HealthRegistry health;
    private final MonitorApi api;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ThreadPoolExecutor checkExecutor;
    private final Object lifecycle = new Object();
    private boolean started;
    private boolean closed;
    private @Nullable ScheduledFuture<?> nextTick;

    private Monitor(Builder builder) {
        this.clock = builder.clock;
        this.meterRegistry = builder.meterRegistry != null ? builder.meterRegistry : new SimpleMeterRegistry();
        this.scheduler = new ScheduledThreadPoolExecutor(1, new DaemonThreadFactory("vigil-scheduler"));
        this.scheduler.setRemoveOnCancelPolicy(true);
        int threads = builder.healthSettings.maxConcurrentChecks();
        this.checkExecutor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(1024), new DaemonThreadFactory("vigil-check"));
        this.checkExecutor.allowCoreThreadTimeOut(true);
        this.health = new HealthRegistry(clock, builder.nanoTime, builder.healthSettings,
                checkExecutor, scheduler, builder.version);
        builder.checks.forEach(health::register);
        this.api = new MonitorApi(health, builder.apiSettings, builder.adminAuthenticator);
    }

    /** Starts building a monitor. */
    public static Builder builder() {
        return new Builder();
    }

    /** Runs every check once now and then keeps them on their schedules. Idempotent. */
    public void start() {
        synchronized (lifecycle) {
            if (started || closed) {
                return;
            }
            started = true;
            nextTick = scheduler.schedule(this::tick, 0, TimeUnit.NANOSECONDS);
        }
        log.info("Vigil started with {} health check(s)", health.names().size());
    }

    private void tick() {
        try {
            health.runDue();
        } catch (RuntimeException e) { // keep the schedule alive whatever happens
            synchronized (lifecycle) {
                if (closed) {
                    return;
                }
            }
            log.error("Vigil scheduler tick failed", e);
        }
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            long sleep = Math.min(health.untilNextDue().toNanos(), MAX_SLEEP_NANOS);
            nextTick = scheduler.schedule(this::tick, Math.max(sleep, TimeUnit.MILLISECONDS.toNanos(1)),
                    TimeUnit.NANOSECONDS);
        }
    }

    /** The health checks: registration, schedule, latest results and history. */
    public HealthRegistry health() {
        return health;
    }

    /** The framework-neutral HTTP API, to be served by a transport such as {@code MonitorServlet}. */
    public MonitorApi api() {
        return api;
    }

    /**
     * The Micrometer registry Vigil records into (the host's, when given to the builder), so any
     * registry the host exports (Prometheus, OTLP...) carries Vigil's meters.
     */
    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /** The clock the monitor reads time from. */
    public Clock clock() {
        return clock;
    }

    /** Stops the schedule and Vigil's threads; running checks are interrupted. Idempotent. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            if (nextTick != null) {
                nextTick.cancel(false);
            }
        }
        shutdown(scheduler);
        shutdown(checkExecutor);
        log.info("Vigil stopped");
    }

    private static void shutdown(ExecutorService executor) {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                log.warn("Some Vigil threads did not stop within 2s (a check that ignores interruption?)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builds a {@link Monitor}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private LongSupplier nanoTime = System::nanoTime;
        private String version = "unknown";
        private HealthSettings healthSettings = HealthSettings.ofDefaults();
        private ApiSettings apiSettings = ApiSettings.ofDefaults();
        private AdminAuthenticator adminAuthenticator = AdminAuthenticator.DENY_ALL;
        private @Nullable MeterRegistry meterRegistry;
        private final List<HealthCheckRegistration> checks = new ArrayList<>();

        private Builder() {
        }

        /** The wall clock for schedules and timestamps (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The monotonic nanosecond source for durations (default: {@link System#nanoTime()}). */
        public Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /** The host's Micrometer registry (default: a private {@code SimpleMeterRegistry}). */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** The host service's version, reported by the health endpoint. */
        public Builder version(String version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /** Health check defaults and limits. */
        public Builder healthSettings(HealthSettings settings) {
            this.healthSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Paths and detail visibility of the HTTP API. */
        public Builder apiSettings(ApiSettings settings) {
            this.apiSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Decides which requests carry admin rights (default: none do). */
        public Builder adminAuthenticator(AdminAuthenticator authenticator) {
            this.adminAuthenticator = Objects.requireNonNull(authenticator, "authenticator");
            return this;
        }

        /** Admin rights for requests with {@code Authorization: Bearer <token>}; blank means none. */
        public Builder adminToken(@Nullable String token) {
            this.adminAuthenticator = token == null || token.isBlank()
                    ? AdminAuthenticator.DENY_ALL
                    : AdminAuthenticator.bearerToken(token);
            return this;
        }

        /** Registers a health check with its own settings. */
        public Builder healthCheck(HealthCheckRegistration registration) {
            checks.add(Objects.requireNonNull(registration, "registration"));
            return this;
        }

        /** Registers a critical health check with the default interval and timeout. */
        public Builder healthCheck(String name, HealthCheck check) {
            return healthCheck(HealthCheckRegistration.of(name, check));
        }

        /** Builds the monitor; call {@link Monitor#start()} to begin checking. */
        public Monitor build() {
            return new Monitor(this);
        }
    }

}
