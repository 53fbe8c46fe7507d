package dev.vigil.servlet;

import java.util.EnumSet;
import java.util.Objects;
import dev.vigil.Monitor;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;

/**
 * Wires Vigil into a servlet application in one call, the same for every host (the Spring Boot starter
 * uses its parts, a plain-servlet service calls {@link #install}): request tracing on every path, its
 * per-route statistics in the monitor's history, and {@link MonitorServlet} on every path of the API.
 *
 * <pre>{@code
 * RequestTracingFilter tracing = RequestTracingFilter.builder(monitor).tagResolver(TagResolver.header("X-Platform")).build();
 * ServletMonitoring.install(servletContext, monitor, tracing);   // in a ServletContainerInitializer or ServletContextListener
 * }</pre>
 */
public final class ServletMonitoring {

    /** Name of the collector that copies the request statistics into the history. */
    public static final String REQUESTS_COLLECTOR = "requests";
    /** Name the tracing filter is registered under. */
    public static final String FILTER_NAME = "vigil-tracing";
    /** Name the API servlet is registered under. */
    public static final String SERVLET_NAME = "vigil";

    private ServletMonitoring() {
    }

    /** Copies {@code tracing}'s per-route statistics into {@code monitor}'s history every collection; returns {@code tracing}. */
    public static RequestTracingFilter collect(Monitor monitor, RequestTracingFilter tracing) {
        monitor.metrics().register(REQUESTS_COLLECTOR, tracing.statistics());
        return tracing;
    }

    /**
     * Registers {@code tracing} on {@code /*} for requests (asynchronous ones measured until they complete)
     * and {@link MonitorServlet} on {@link MonitorServlet#mappings}, and collects the tracing statistics.
     */
    public static void install(ServletContext context, Monitor monitor, RequestTracingFilter tracing) {
        Objects.requireNonNull(context, "context");
        collect(monitor, tracing);
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, tracing);
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        ServletRegistration.Dynamic servlet = context.addServlet(SERVLET_NAME, new MonitorServlet(monitor.api()));
        servlet.addMapping(MonitorServlet.mappings(monitor.api()).toArray(String[]::new));
    }
}
