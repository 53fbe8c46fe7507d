package dev.vigil.benchmarks.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Random;
import java.util.UUID;
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
 *   <li>{@code ids}: {@code /api/users/<number>/orders/<uuid>}, a path with ids and no pattern, which a
 *       filter must collapse (or give up on) to keep its route count bounded. Successive requests
 *       cycle through {@value #ID_PATHS} such paths with distinct ids (one template), as real traffic
 *       would, so that nothing keyed on the raw path gains from the benchmark repeating itself.</li>
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

    /** How many distinct paths the {@code ids} shape cycles through (a power of two). */
    static final int ID_PATHS = 1024;

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
        String[] uris;
        switch (route) {
            case "pattern" -> {
                uris = new String[] {"/api/bookings/42"};
                pattern = "/api/bookings/{id}";
            }
            case "plain" -> {
                uris = new String[] {"/api/health"};
                pattern = null;
            }
            case "ids" -> {
                uris = idPaths();
                pattern = null;
            }
            default -> throw new IllegalArgumentException("unknown route shape '" + route + "'");
        }
        request = new BenchRequest(uris, context);
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

    /** {@value #ID_PATHS} distinct paths of the template {@code /api/users/{id}/orders/{id}}, always the same ones. */
    private static String[] idPaths() {
        Random random = new Random(42);
        String[] paths = new String[ID_PATHS];
        for (int i = 0; i < ID_PATHS; i++) {
            long user = 12_345 + 7_919L * i; // 5 to 7 digits
            paths[i] = "/api/users/" + user + "/orders/" + new UUID(random.nextLong(), random.nextLong());
        }
        return paths;
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
