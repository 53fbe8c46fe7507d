package dev.vigil.benchmarks.store;

import dev.vigil.Monitor;
import java.time.Clock;

/**
 * A started {@link Monitor} with its defaults (default alert rules, system metrics, checks and alerts on
 * their schedules) keeping its state in one of the {@link BenchStore}s, for the request-path benchmarks'
 * {@code vigil-memory-store} and {@code vigil-jdbc-store} variants. Its filter or data source wrapper is
 * built from the monitor, as a host would build it.
 */
public final class BenchMonitor implements AutoCloseable {

    private final BenchStore bench;
    private final Monitor monitor;

    private BenchMonitor(BenchStore bench) {
        this.bench = bench;
        this.monitor = Monitor.builder().store(bench.store()).build();
        monitor.start();
    }

    /** A started monitor on the store named {@code store} (see {@link BenchStore#NAMES}). */
    public static BenchMonitor start(String store) {
        BenchStore bench = BenchStore.open(store, Clock.systemUTC());
        try {
            return new BenchMonitor(bench);
        } catch (RuntimeException e) {
            bench.close();
            throw e;
        }
    }

    /** The monitor. */
    public Monitor monitor() {
        return monitor;
    }

    /** Closes the monitor, then its store and database. */
    @Override
    public void close() {
        monitor.close();
        bench.close();
    }
}
