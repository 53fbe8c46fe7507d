package dev.vigil.benchmarks.jdbc;

import com.p6spy.engine.spy.P6DataSource;
import dev.vigil.benchmarks.store.BenchMonitor;
import dev.vigil.jdbc.MonitoredDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import net.bull.javamelody.JdbcWrapper;
import net.bull.javamelody.internal.model.CounterRequest;
import net.ttddyy.dsproxy.listener.NoOpQueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import net.ttddyy.observation.tracing.DataSourceObservationListener;

/**
 * The JDBC instrumentations compared, each set up the way its documentation suggests and recording
 * everything it records by default, but writing nothing anywhere (no log, no file, no exporter).
 */
enum JdbcVariant {

    /** The data source as is: the baseline. */
    RAW("raw") {
        @Override
        Wrapped wrap(DataSource target) {
            return new Wrapped(target, NOT_CHECKED);
        }
    },

    /** Vigil's {@link MonitoredDataSource} recording into a Micrometer registry. */
    VIGIL("vigil") {
        @Override
        Wrapped wrap(DataSource target) {
            MonitoredDataSource monitored = MonitoredDataSource.wrap(target, new SimpleMeterRegistry());
            return new Wrapped(monitored, () -> monitored.statistics().snapshot().queries());
        }
    },

    /**
     * Vigil's {@link MonitoredDataSource} built from a started {@link dev.vigil.Monitor} on the memory store
     * ({@link BenchMonitor}), recording into the monitor's registry. Not in the default comparison; run with
     * {@code -p variant=...}.
     */
    VIGIL_MEMORY_STORE("vigil-memory-store") {
        @Override
        Wrapped wrap(DataSource target) {
            return monitored(target, BenchMonitor.start("memory"));
        }
    },

    /** The same with the JDBC store on H2 in memory behind the monitor. */
    VIGIL_JDBC_STORE("vigil-jdbc-store") {
        @Override
        Wrapped wrap(DataSource target) {
            return monitored(target, BenchMonitor.start("h2"));
        }
    },

    /** datasource-proxy's JDK-proxy wrappers calling a listener that does nothing. */
    DATASOURCE_PROXY("datasource-proxy") {
        @Override
        Wrapped wrap(DataSource target) {
            return new Wrapped(ProxyDataSourceBuilder.create("bench", target)
                    .listener(new NoOpQueryExecutionListener())
                    .build(), NOT_CHECKED);
        }
    },

    /** P6Spy with its logging module loaded but every log category disabled ({@link NoOpP6Logger}). */
    P6SPY("p6spy") {
        @Override
        Wrapped wrap(DataSource target) {
            System.setProperty("p6spy.config.appender", NoOpP6Logger.class.getName());
            System.setProperty("p6spy.config.jmx", "false");
            System.setProperty("p6spy.config.autoflush", "false");
            return new Wrapped(new P6DataSource(target), NOT_CHECKED);
        }
    },

    /** JavaMelody's JDBC proxies, counting into its global SQL counter. */
    JAVAMELODY("javamelody") {
        @Override
        Wrapped wrap(DataSource target) {
            return new Wrapped(JdbcWrapper.SINGLETON.createDataSourceProxy("bench", target),
                    () -> JdbcWrapper.SINGLETON.getSqlCounter().getRequests().stream()
                            .mapToLong(CounterRequest::getHits).sum());
        }
    },

    /**
     * datasource-micrometer's observation listener on datasource-proxy, with what its Spring Boot starter
     * observes by default (connection, query and result-set fetch), feeding Micrometer timers through
     * {@link DefaultMeterObservationHandler}.
     */
    DATASOURCE_MICROMETER("datasource-micrometer") {
        @Override
        Wrapped wrap(DataSource target) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            ObservationRegistry observations = ObservationRegistry.create();
            observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));
            DataSourceObservationListener listener = new DataSourceObservationListener(observations);
            return new Wrapped(ProxyDataSourceBuilder.create("bench", target)
                    .listener(listener)
                    .methodListener(listener)
                    .proxyResultSet()
                    .build(), () -> timerCount(registry));
        }
    };

    /** Marks a variant that records nowhere a benchmark could read back. */
    static final LongSupplier NOT_CHECKED = () -> -1;

    private final String id;

    JdbcVariant(String id) {
        this.id = id;
    }

    /** Wraps {@code target} in this instrumentation. */
    abstract Wrapped wrap(DataSource target);

    /** The variant of a benchmark's {@code @Param} value. */
    static JdbcVariant of(String id) {
        for (JdbcVariant variant : values()) {
            if (variant.id.equals(id)) {
                return variant;
            }
        }
        throw new IllegalArgumentException("unknown JDBC variant '" + id + "'");
    }

    /** {@code target} wrapped with {@code monitor}, which the cleanup closes. */
    private static Wrapped monitored(DataSource target, BenchMonitor monitor) {
        MonitoredDataSource monitored = MonitoredDataSource.wrap(target, monitor.monitor());
        return new Wrapped(monitored, () -> monitored.statistics().snapshot().queries(), monitor::close);
    }

    private static long timerCount(MeterRegistry registry) {
        return registry.getMeters().stream().filter(Timer.class::isInstance)
                .mapToLong(meter -> ((Timer) meter).count()).sum();
    }

    /**
     * A wrapped data source; how many executions its instrumentation recorded (-1 if it cannot say),
     * so a benchmark can fail instead of silently measuring an instrumentation that recorded nothing;
     * and what to release after the trial.
     */
    record Wrapped(DataSource dataSource, LongSupplier recorded, Runnable cleanup) {

        /** A wrapped data source with nothing to release. */
        Wrapped(DataSource dataSource, LongSupplier recorded) {
            this(dataSource, recorded, () -> { });
        }
    }
}
