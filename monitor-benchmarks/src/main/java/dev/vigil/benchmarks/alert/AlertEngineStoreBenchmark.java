package dev.vigil.benchmarks.alert;

import dev.vigil.alert.AlertEngine;
import dev.vigil.alert.AlertSettings;
import dev.vigil.alert.StoredAlert;
import dev.vigil.benchmarks.store.BenchStore;
import dev.vigil.store.BufferedMonitorStore;
import dev.vigil.store.MonitorStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The tick of {@link AlertEngineBenchmark} (1,000 series, 500 rules, 1 hour of history, 550 active alerts)
 * with the alert state in each store: memory (the baseline), H2 in memory and PostgreSQL (see
 * {@link BenchStore}). Target: at most 10 ms per tick with the JDBC store.
 *
 * <p>The engine is set up as {@code Monitor} sets it up: a shared store behind its write buffer
 * ({@link BufferedMonitorStore}, so history entries are written by the buffer's thread) and a resolve
 * grace of twice the evaluation interval. Every tick reads the active alerts and the silences from the
 * store, evaluates the rules and marks the 550 alerts seen in one batch. The clock moves 1 ms per tick,
 * so that every tick really changes each alert's {@code lastSeenAt} (with a clock standing still the
 * database would find nothing to update) while the minute samples in the rules' windows stay the same;
 * the trial fails if the active alerts changed.
 *
 * <p>{@code readActive} and {@code markSeen} measure the store's two parts of a tick alone, to show where the
 * time of {@code evaluate} goes; the rest is the rules, as with the memory store.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AlertEngineStoreBenchmark {

    private static final Duration STEP = Duration.ofMillis(1);

    /** Where the alert state is kept; {@code memory} is the baseline. */
    @Param({"memory", "h2", "postgresql"})
    public String variant;

    private AlertTick tick;
    private BenchStore bench;
    private MonitorStore store;
    private AlertEngine engine;
    private int active;
    private List<String> ids;

    /** Fills the history, opens the store, registers the rules and evaluates once. */
    @Setup(Level.Trial)
    public void setUp() {
        tick = new AlertTick("1h");
        tick.clock.set(tick.lastSample.plus(STEP));
        bench = BenchStore.open(variant, tick.clock);
        MonitorStore given = bench.store();
        AlertSettings settings = AlertSettings.ofDefaults();
        if (given.shared()) {
            BufferedMonitorStore buffered = new BufferedMonitorStore(given, tick.clock, BufferedMonitorStore.DEFAULT_CAPACITY);
            buffered.start();
            store = buffered;
            settings = settings.withResolveGrace(settings.evaluationInterval().multipliedBy(2));
        } else {
            store = given;
        }
        engine = tick.engine(settings, store.alerts());
        active = AlertTick.activeAlerts(engine);
        ids = store.alerts().active().stream().map(StoredAlert::id).toList();
        if (ids.size() != active) {
            throw new IllegalStateException(active + " active alerts in the engine, " + ids.size() + " in the store");
        }
    }

    /**
     * Before each tick, not measured: vacuums the alert table on PostgreSQL, which in production has 15 s
     * between two ticks to prune the row versions the last one left (see {@link BenchStore#vacuum}).
     */
    @Setup(Level.Invocation)
    public void betweenTicks() {
        bench.vacuum("alert");
    }

    /** Closes the store; fails if the ticks changed the active alerts. */
    @TearDown(Level.Trial)
    public void tearDown() {
        int now = AlertTick.activeAlerts(engine);
        store.close();
        bench.close();
        if (now != active) {
            throw new IllegalStateException(active + " active alerts at the start, " + now + " at the end: the ticks "
                    + "did not measure the steady state");
        }
    }

    /** One evaluation of all 500 rules, 1 ms after the previous one. */
    @Benchmark
    public AlertEngine evaluate() {
        tick.clock.set(tick.clock.instant().plus(STEP));
        engine.evaluate();
        return engine;
    }

    /** The store's reads in a tick, alone: the active alerts and the silences. */
    @Benchmark
    public int readActive() {
        return store.alerts().active().size() + store.alerts().silences(tick.clock.instant()).size();
    }

    /** The store's write in a tick, alone: the 550 active alerts marked seen, 1 ms after the previous time. */
    @Benchmark
    public List<String> markSeen() {
        tick.clock.set(tick.clock.instant().plus(STEP));
        store.alerts().seen(ids, tick.clock.instant());
        return ids;
    }
}
