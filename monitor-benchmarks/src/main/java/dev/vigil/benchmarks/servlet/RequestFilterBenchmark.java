package dev.vigil.benchmarks.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * What each request-metrics filter adds to one request: the filter called in-process with a
 * minimal request and response ({@link BenchRequest}, {@link BenchResponse}) in front of a servlet
 * that only sets the status, so the time and, with {@code -prof gc}, the bytes per operation are the
 * filter's own. Compare each variant to {@code none} as a ratio.
 *
 * <p>Three route shapes, because filters name routes differently:
 * <ul>
 *   <li>{@code pattern}: {@code /api/bookings/42}, for which the "servlet" does what Spring MVC's
 *       handler mapping does: expose {@code /api/bookings/{id}} as the best-matching-pattern request
 *       attribute and on Spring's observation context;</li>
 *   <li>{@code plain}: {@code /api/health}, a fixed path and no pattern;</li>
 *   <li>{@code ids}: {@code /api/users/12345/orders/<uuid>}, a path with ids and no pattern, which a
 *       filter must collapse (or give up on) to keep its route count bounded.</li>
 * </ul>
 * Every filter is initialised as a container would initialise it; JavaMelody's filter keeps its
 * files under a temporary directory deleted after the trial. Each filter must have recorded the
 * requests by the end of the trial (where it can be asked), or the trial fails.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestFilterBenchmark {

    /** The request attribute in which Spring MVC exposes the matched pattern. */
    static final String BEST_MATCHING_PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

    /** The filter under test; {@code none} is the baseline. */
    @Param({"none", "vigil", "spring", "dropwizard", "javamelody"})
    public String variant;

    /** The route shape (see the class comment). */
    @Param({"pattern", "plain", "ids"})
    public String route;

    private FilterVariant.Installed installed;
    private BenchRequest request;
    private BenchResponse response;
    private FilterChain chain;

    /** Creates the web application, the filter, the request and the chain. */
    @Setup(Level.Trial)
    public void setUp() throws ServletException {
        BenchServletContext context = new BenchServletContext();
        String pattern;
        String uri;
        switch (route) {
            case "pattern" -> {
                uri = "/api/bookings/42";
                pattern = "/api/bookings/{id}";
            }
            case "plain" -> {
                uri = "/api/health";
                pattern = null;
            }
            case "ids" -> {
                uri = "/api/users/12345/orders/3f2b6c1e-9d4a-4c8e-b1f7-2a9e5d3c4b10";
                pattern = null;
            }
            default -> throw new IllegalArgumentException("unknown route shape '" + route + "'");
        }
        request = new BenchRequest(uri, context);
        response = new BenchResponse();
        FilterChain servlet = (req, res) -> {
            if (pattern != null) {
                HttpServletRequest httpRequest = (HttpServletRequest) req;
                httpRequest.setAttribute(BEST_MATCHING_PATTERN, pattern);
                ServerHttpObservationFilter.findObservationContext(httpRequest)
                        .ifPresent(observation -> observation.setPathPattern(pattern));
            }
            ((HttpServletResponse) res).setStatus(200);
        };
        installed = FilterVariant.of(variant).install(context);
        Filter filter = installed.filter();
        chain = filter == null ? servlet : (req, res) -> filter.doFilter(req, res, servlet);
    }

    /** Destroys the filter, cleans up after it, and checks it recorded. */
    @TearDown(Level.Trial)
    public void tearDown() {
        long recorded = installed.recorded().getAsLong();
        if (installed.filter() != null) {
            installed.filter().destroy();
        }
        installed.cleanup().run();
        if (recorded == 0) {
            throw new IllegalStateException("the " + variant + " filter recorded no request: "
                    + "it was not measuring what it would measure in production");
        }
    }

    /** One request through the filter. */
    @Benchmark
    public int request() throws IOException, ServletException {
        request.reset();
        response.reset();
        chain.doFilter(request, response);
        return response.getStatus();
    }
}
