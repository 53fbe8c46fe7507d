package dev.vigil.benchmarks.servlet;

import java.time.Clock;
import com.codahale.metrics.Metered;
import com.codahale.metrics.MetricRegistry;
import dev.vigil.benchmarks.store.BenchMonitor;
import dev.vigil.security.event.SecurityEventSettings;
import dev.vigil.security.event.SecurityEvents;
import dev.vigil.servlet.RequestTracingFilter;
import io.dropwizard.metrics.servlet6.InstrumentedFilter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import net.bull.javamelody.MonitoringFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * The request instrumentations compared, each initialised as a container would (through
 * {@link Filter#init}) with its defaults, recording in memory and exporting nothing.
 */
enum FilterVariant {

    /** No filter: the chain calls the servlet directly. The baseline. */
    NONE("none") {
        @Override
        Installed install(ServletContext context) {
            return new Installed(null, NOT_CHECKED, () -> { });
        }
    },

    /** Vigil's {@link RequestTracingFilter} recording into a Micrometer registry. */
    VIGIL("vigil") {
        @Override
        Installed install(ServletContext context) throws ServletException {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            return init(RequestTracingFilter.builder(registry).build(), context, () -> timerCount(registry));
        }
    },

    /**
     * Vigil's filter with security events on (401/403/429 recording and attack signatures, the defaults), for the
     * cost they add to a clean request. Not in the default comparison; run with {@code -p variant=...}.
     */
    VIGIL_SECURITY("vigil-security") {
        @Override
        Installed install(ServletContext context) throws ServletException {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            SecurityEvents events = new SecurityEvents(Clock.systemUTC(), "bench", registry,
                    SecurityEventSettings.ofDefaults());
            return init(RequestTracingFilter.builder(registry).securityEvents(events).build(), context,
                    () -> timerCount(registry));
        }
    },

    /**
     * Vigil's filter built from a started {@link dev.vigil.Monitor} on the memory store ({@link BenchMonitor}),
     * recording into the monitor's registry. Not in the default comparison; run with {@code -p variant=...}.
     */
    VIGIL_MEMORY_STORE("vigil-memory-store") {
        @Override
        Installed install(ServletContext context) throws ServletException {
            return monitored(BenchMonitor.start("memory"), context);
        }
    },

    /** The same with the JDBC store on H2 in memory behind the monitor. */
    VIGIL_JDBC_STORE("vigil-jdbc-store") {
        @Override
        Installed install(ServletContext context) throws ServletException {
            return monitored(BenchMonitor.start("h2"), context);
        }
    },

    /**
     * Spring Framework's {@link ServerHttpObservationFilter} (what Spring Boot registers for
     * {@code http.server.requests}) with Micrometer's {@link DefaultMeterObservationHandler}.
     */
    SPRING("spring") {
        @Override
        Installed install(ServletContext context) throws ServletException {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            ObservationRegistry observations = ObservationRegistry.create();
            observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));
            return init(new ServerHttpObservationFilter(observations), context, () -> timerCount(registry));
        }
    },

    /** Dropwizard Metrics' {@link InstrumentedFilter}: a request timer, per-status meters, active requests. */
    DROPWIZARD("dropwizard") {
        @Override
        Installed install(ServletContext context) throws ServletException {
            MetricRegistry registry = new MetricRegistry();
            context.setAttribute(InstrumentedFilter.REGISTRY_ATTRIBUTE, registry);
            return init(new InstrumentedFilter(), context,
                    () -> registry.getTimers().values().stream().mapToLong(Metered::getCount).sum());
        }
    },

    /**
     * JavaMelody's {@link MonitoringFilter} with its defaults (per-request statistics, CPU time and
     * allocation by thread, its own collector thread), storing under a temporary directory that
     * {@link Installed#cleanup()} deletes.
     */
    JAVAMELODY("javamelody") {
        @Override
        Installed install(ServletContext context) throws ServletException {
            Path storage;
            try {
                storage = Files.createTempDirectory("vigil-bench-javamelody");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty("javamelody.storage-directory", storage.toString());
            try {
                Installed installed = init(new MonitoringFilter(), context, NOT_CHECKED);
                return new Installed(installed.filter(), NOT_CHECKED, () -> deleteTree(storage));
            } catch (ServletException | RuntimeException e) {
                deleteTree(storage);
                throw e;
            }
        }
    };

    /** Marks a variant that records nowhere a benchmark could read back. */
    static final LongSupplier NOT_CHECKED = () -> -1;

    private final String id;

    FilterVariant(String id) {
        this.id = id;
    }

    /** Creates and initialises this variant's filter in {@code context}. */
    abstract Installed install(ServletContext context) throws ServletException;

    /** The variant of a benchmark's {@code @Param} value. */
    static FilterVariant of(String id) {
        for (FilterVariant variant : values()) {
            if (variant.id.equals(id)) {
                return variant;
            }
        }
        throw new IllegalArgumentException("unknown filter variant '" + id + "'");
    }

    private static Installed init(Filter filter, ServletContext context, LongSupplier recorded) throws ServletException {
        filter.init(new BenchFilterConfig(filter.getClass().getSimpleName(), context));
        return new Installed(filter, recorded, () -> { });
    }

    /** Vigil's filter built from {@code monitor}, which the cleanup closes. */
    private static Installed monitored(BenchMonitor monitor, ServletContext context) throws ServletException {
        try {
            Installed installed = init(RequestTracingFilter.builder(monitor.monitor()).build(), context,
                    () -> timerCount(monitor.monitor().meterRegistry()));
            return new Installed(installed.filter(), installed.recorded(), monitor::close);
        } catch (ServletException | RuntimeException e) {
            monitor.close();
            throw e;
        }
    }

    /** Deletes {@code root} and everything under it. */
    static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long timerCount(MeterRegistry registry) {
        return registry.getMeters().stream().filter(Timer.class::isInstance)
                .mapToLong(meter -> ((Timer) meter).count()).sum();
    }

    /**
     * An initialised filter ({@code null} for {@link #NONE}); how many requests it recorded (-1 if it
     * cannot say), so a benchmark can fail instead of silently measuring a filter that did nothing;
     * and what to clean up once the filter is destroyed.
     */
    record Installed(Filter filter, LongSupplier recorded, Runnable cleanup) {
    }
}
