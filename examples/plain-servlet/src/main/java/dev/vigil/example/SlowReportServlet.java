package dev.vigil.example;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /slow-report}: an asynchronous servlet. The request thread returns at once; the report
 * is written and the request completed on another thread after {@code delay}, and the tracing filter
 * measures the request's whole duration, not just the time the request thread held it.
 */
final class SlowReportServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(SlowReportServlet.class);

    private final transient ScheduledExecutorService executor;
    private final Duration delay;

    SlowReportServlet(ScheduledExecutorService executor, Duration delay) {
        this.executor = executor;
        this.delay = delay;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setAttribute(PlainServletApp.ROUTE_ATTRIBUTE, "/slow-report");
        AsyncContext async = request.startAsync();
        async.setTimeout(delay.toMillis() + 10_000);
        long started = System.nanoTime();
        try {
            executor.schedule(() -> finish(async, started), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) { // shutting down
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            async.complete();
        }
    }

    private static void finish(AsyncContext async, long started) {
        try {
            OrdersServlet.write((HttpServletResponse) async.getResponse(), HttpServletResponse.SC_OK,
                    Map.of("report", "ready", "tookMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
        } catch (IOException | RuntimeException e) {
            log.warn("Could not write the slow report", e);
        } finally {
            async.complete();
        }
    }
}
