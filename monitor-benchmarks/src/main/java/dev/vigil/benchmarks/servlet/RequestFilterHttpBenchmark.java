package dev.vigil.benchmarks.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
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
 * The end-to-end HTTP variant of {@link RequestFilterBenchmark}: the same filters in a real embedded
 * Tomcat on 127.0.0.1, in front of a servlet that answers {@code GET /api/bookings/42} with a 2-byte body
 * (and, as Spring MVC would, exposes the matched pattern {@code /api/bookings/{id}}), called over one
 * kept-alive HTTP/1.1 connection. What is measured is a whole request and response over loopback, so
 * the ratio to {@code none} shows how much of a real (if tiny) request each filter's cost is.
 *
 * <p>The client is a plain blocking socket writing one fixed request and reading the answer up to its
 * {@code Content-Length}: a full HTTP client would add tens of microseconds of its own per request and
 * hide the differences being measured. Each filter is installed through the Servlet API, as an
 * application would install it; it must have recorded the requests by the end of the trial (where it
 * can be asked), or the trial fails.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RequestFilterHttpBenchmark {

    private static final String PATH = "/api/bookings/42";
    private static final String PATTERN = "/api/bookings/{id}";
    private static final byte[] REQUEST = ("GET " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY = "ok".getBytes(StandardCharsets.US_ASCII);

    /** The filter under test; {@code none} is the baseline. */
    @Param({"none", "vigil", "spring", "dropwizard", "javamelody"})
    public String variant;

    private Path baseDir;
    private Tomcat tomcat;
    private volatile FilterVariant.Installed installed;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private final byte[] buffer = new byte[8192];

    /** Starts Tomcat with the filter and opens the connection. */
    @Setup(Level.Trial)
    public void setUp() throws IOException, LifecycleException {
        FilterVariant filterVariant = FilterVariant.of(variant);
        baseDir = Files.createTempDirectory("vigil-bench-tomcat");
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.getConnector().setProperty("maxKeepAliveRequests", "-1"); // one connection for the whole trial
        Context context = tomcat.addContext("", baseDir.toString());
        if (context instanceof StandardContext standard) {
            standard.setClearReferencesThreadLocals(false);
            standard.setClearReferencesRmiTargets(false);
        }
        context.addServletContainerInitializer((classes, servletContext) -> {
            installed = filterVariant.install(servletContext);
            if (installed.filter() != null) {
                servletContext.addFilter("bench", new Initialised(installed.filter()))
                        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
            }
            servletContext.addServlet("bookings", new BookingServlet()).addMapping("/api/bookings/*");
        }, null);
        tomcat.start();
        if (!context.getState().isAvailable()) {
            throw new IllegalStateException("the web application did not start: " + context.getState());
        }
        socket = new Socket(InetAddress.getLoopbackAddress(), tomcat.getConnector().getLocalPort());
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** Closes the connection, stops Tomcat, and checks the filter recorded. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException, LifecycleException {
        long recorded = installed.recorded().getAsLong();
        socket.close();
        if (installed.filter() != null) {
            installed.filter().destroy(); // while the web application still runs: JavaMelody reads its resources
        }
        tomcat.stop();
        tomcat.destroy();
        installed.cleanup().run();
        FilterVariant.deleteTree(baseDir);
        if (recorded == 0) {
            throw new IllegalStateException("the " + variant + " filter recorded no request over HTTP");
        }
    }

    /** One request and its whole response over the kept-alive connection; returns the body's length. */
    @Benchmark
    public int request() throws IOException {
        out.write(REQUEST);
        out.flush();
        return readResponse();
    }

    /** Reads one response: status line and headers up to the blank line, then Content-Length bytes. */
    private int readResponse() throws IOException {
        int filled = 0;
        int headerEnd = -1;
        while (headerEnd < 0) {
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                throw new IOException("connection closed after " + filled + " bytes");
            }
            filled += n;
            headerEnd = indexOfBlankLine(filled);
        }
        String head = new String(buffer, 0, headerEnd, StandardCharsets.US_ASCII);
        if (!head.startsWith("HTTP/1.1 200")) {
            throw new IOException("unexpected response: " + head);
        }
        int lengthAt = head.toLowerCase(Locale.ROOT).indexOf("content-length:");
        if (lengthAt < 0) {
            throw new IOException("no Content-Length: " + head);
        }
        int lineEnd = head.indexOf('\r', lengthAt);
        int length = Integer.parseInt(head.substring(lengthAt + 15, lineEnd < 0 ? head.length() : lineEnd).trim());
        int bodyStart = headerEnd + 4;
        while (filled < bodyStart + length) {
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                throw new IOException("connection closed in the body");
            }
            filled += n;
        }
        return length;
    }

    private int indexOfBlankLine(int filled) {
        for (int i = 0; i + 3 < filled; i++) {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Answers every booking with "ok", exposing the matched pattern as Spring MVC's handler mapping does. */
    private static final class BookingServlet extends HttpServlet {

        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            request.setAttribute(RequestFilterBenchmark.BEST_MATCHING_PATTERN, PATTERN);
            ServerHttpObservationFilter.findObservationContext(request)
                    .ifPresent(observation -> observation.setPathPattern(PATTERN));
            response.setStatus(200);
            response.setContentType("text/plain");
            response.setContentLength(BODY.length);
            response.getOutputStream().write(BODY);
        }
    }

    /** A filter {@link FilterVariant} already initialised: the container's init and destroy are not passed on. */
    private record Initialised(Filter filter) implements Filter {

        @Override
        public void init(FilterConfig config) {
            // initialised by FilterVariant#install with the same servlet context
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            filter.doFilter(request, response, chain);
        }

        @Override
        public void destroy() {
            // destroyed in tearDown, after the recorded count is read and before Tomcat stops
        }
    }
}
