package dev.vigil.benchmarks.alert;

import dev.vigil.alert.AlertEngine;
import dev.vigil.alert.AlertSettings;
import dev.vigil.alert.MemoryAlertStore;
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

/**
 * One {@link AlertEngine#evaluate()} tick of a large installation: 1,000 series and 500 rules, with
 * the history the engine reads filled with 1 hour (or 24 hours) of 60-second samples. Target: at
 * most 10 ms per tick, so that evaluating every 15 seconds stays well under 0.1% of a core.
 *
 * <p>Shape: 20 metrics of 50 series each, tagged {@code group} (5 groups of 10 series) and
 * {@code instance}. 400 metric rules, one of each kind
 * per metric and group, each therefore evaluating 10 series: threshold (5-minute average above a
 * limit), rate (5-minute sum per second above a limit), spike (last 5 minutes against the hour before,
 * factor 2) and trend (1-hour fit reaching a limit within 24 hours); plus 100 health-check rules
 * ({@code checkStatus}) over a report of 100 checks. The values are chosen so that every kind of rule
 * holds for some series (between 1 in 20 and 1 in 6 of them: 550 active alerts), so the tick also
 * carries alerts through their lifecycle. The engine is evaluated once before measuring: what is
 * measured is the steady state, every rule re-evaluated and every active alert confirmed.
 *
 * <p>The 24-hour variant shows how the cost grows with the history the windows are cut from. The
 * alert state is in the memory store and the clock stands still between ticks; {@link AlertEngineStoreBenchmark}
 * moves it and compares the stores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AlertEngineBenchmark {

    /** How much history the store holds when the rules are evaluated. */
    @Param({"1h", "24h"})
    public String history;

    private AlertEngine engine;

    /** Fills the history, registers the rules and evaluates once. */
    @Setup(Level.Trial)
    public void setUp() {
        AlertSettings settings = AlertSettings.ofDefaults();
        engine = new AlertTick(history).engine(settings, new MemoryAlertStore(settings.historySize()));
    }

    /** One evaluation of all 500 rules. */
    @Benchmark
    public AlertEngine evaluate() {
        engine.evaluate();
        return engine;
    }
}
