package dev.vigil.benchmarks.store;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;
import dev.vigil.alert.delivery.OutboxEntry;
import dev.vigil.audit.AuditEntry;
import dev.vigil.benchmarks.BenchClock;
import dev.vigil.health.CheckRunRecord;
import dev.vigil.health.HealthCheckRun;
import dev.vigil.health.HealthStatus;
import dev.vigil.store.BufferedMonitorStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * How many records per second each store takes, written one call after another on one thread, as the
 * store's writer thread ({@link BufferedMonitorStore}) writes them; the memory store is the baseline:
 * <ul>
 *   <li>{@code checkRun}: one check run per call ({@code checkRuns().add} of one record);</li>
 *   <li>{@code checkRunBatch}: {@value #BATCH} check runs per call, as the writer merges the runs queued
 *       while it wrote (the score counts runs, not calls);</li>
 *   <li>{@code outboxEntry}: one notification for one sink ({@code outbox().add}, the notification as JSON);</li>
 *   <li>{@code auditEntry}: one audit entry with a few details ({@code audit().add}).</li>
 * </ul>
 * Every store is emptied before each iteration and, so that no variant writes into larger tables than
 * another, every {@value #ROWS_KEPT} check runs or audit entries and every {@value #OUTBOX_KEPT} outbox
 * entries (the memory outbox refuses new entries beyond 10,000 undelivered ones); that time is part of
 * the score, a small share of it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StoreWriteBenchmark {

    /** Check runs per {@code checkRunBatch} call. */
    public static final int BATCH = 100;
    /** Check runs or audit entries written before the store is emptied. */
    public static final int ROWS_KEPT = 100_000;
    /** Outbox entries written before the store is emptied. */
    public static final int OUTBOX_KEPT = 5_000;
    private static final int CHECKS = 20;

    /** The store under test; {@code memory} is the baseline. */
    @Param({"memory", "h2", "postgresql"})
    public String variant;

    private final BenchClock clock = new BenchClock(Instant.parse("2026-01-01T00:00:00Z"));
    private BenchStore bench;
    private List<CheckRunRecord> runs;
    private List<CheckRunRecord> batch;
    private Alert alert;
    private Map<String, Object> details;
    private long next;
    private int runsWritten;
    private int auditWritten;
    private int outboxWritten;

    /** Starts the store's database and builds the records. */
    @Setup(Level.Trial)
    public void setUp() {
        bench = BenchStore.open(variant, clock);
        Instant now = clock.instant();
        runs = new ArrayList<>();
        for (int check = 0; check < CHECKS; check++) {
            runs.add(new CheckRunRecord("bench-1", "check-" + check, new HealthCheckRun(now, HealthStatus.UP,
                    Duration.ofMillis(3), "pool at 12%")));
        }
        batch = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            batch.add(runs.get(i % CHECKS));
        }
        batch = List.copyOf(batch);
        alert = new Alert("7f6c1e0a-3a55-3c2b-9a0e-5d2f0c1b8e41", "http.errors", "http.errors{route=/api/orders}",
                Severity.CRITICAL, AlertState.FIRING, "5xx rate 4.2% over 5 minutes (limit 1%)",
                Map.of("route", "/api/orders", "platform", "eu"), 0.042, now, now, null, false, "restart_server");
        details = Map.of("parameters", Map.of("server", "app-3"), "durationMs", 1240, "approvedBy", "bob");
    }

    /** Empties the store before each iteration. */
    @Setup(Level.Iteration)
    public void empty() {
        bench.clear();
        runsWritten = 0;
        auditWritten = 0;
        outboxWritten = 0;
    }

    /** Stops the store's database. */
    @TearDown(Level.Trial)
    public void tearDown() {
        bench.close();
    }

    /** One check run per call. */
    @Benchmark
    public void checkRun() {
        bench.store().checkRuns().add(List.of(runs.get((int) (next++ % CHECKS))));
        if (++runsWritten == ROWS_KEPT) {
            empty();
        }
    }

    /** {@value #BATCH} check runs per call; the score counts runs. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void checkRunBatch() {
        bench.store().checkRuns().add(batch);
        runsWritten += BATCH;
        if (runsWritten >= ROWS_KEPT) {
            empty();
        }
    }

    /** One new notification for one sink. */
    @Benchmark
    public boolean outboxEntry() {
        Instant now = clock.instant();
        Notification notification = new Notification(alert.id() + "-firing-" + next++, Notification.Kind.FIRING, alert,
                "shop", now);
        boolean stored = bench.store().outbox().add(List.of(OutboxEntry.pending(notification, "slack", now, now)));
        if (!stored) {
            throw new IllegalStateException("the " + variant + " outbox refused an entry");
        }
        if (++outboxWritten == OUTBOX_KEPT) {
            empty();
        }
        return stored;
    }

    /** One audit entry. */
    @Benchmark
    public void auditEntry() {
        bench.store().audit().add(new AuditEntry("audit-" + next++, clock.instant(), AuditEntry.Type.ACTION, "alice",
                "restart_server", details, "succeeded", null));
        if (++auditWritten == ROWS_KEPT) {
            empty();
        }
    }
}
