package dev.vigil.servlet;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * An embedded Tomcat with the tracing filter in front of the servlets a test gives, under the
 * context path {@code /shop}. Unmapped paths reach a default servlet that answers 404, as a real
 * application's would. A probe filter ahead of the tracing filter keeps what the chain threw at it.
 */
final class TracedTomcat implements AutoCloseable {

    /** What a test servlet does with a request. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpServletRequest request, HttpServletResponse response) throws Exception;
    }

    private final Tomcat tomcat;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicReference<Throwable> escaped;

    private TracedTomcat(Tomcat tomcat, String base, AtomicReference<Throwable> escaped) {
        this.tomcat = tomcat;
        this.base = base;
        this.escaped = escaped;
    }

    /** The last throwable that came out of the tracing filter, as the container saw it; null if none. */
    Throwable escaped() {
        return escaped.get();
    }

    /** Starts building a server with {@code tracing} as its filter. */
    static Builder with(Filter tracing) {
        return new Builder(tracing);
    }

    /** GET {@code path} (relative to the context), with header name/value pairs. */
    HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    /** Sends {@code request} and waits for the answer. */
    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code request} without waiting. */
    CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** GETs every path, {@code parallelism} at a time; returns the status codes in order. */
    List<Integer> getAll(List<String> paths, int parallelism) {
        List<Integer> statuses = new ArrayList<>(paths.size());
        for (int from = 0; from < paths.size(); from += parallelism) {
            List<CompletableFuture<HttpResponse<String>>> batch = new ArrayList<>();
            for (String path : paths.subList(from, Math.min(paths.size(), from + parallelism))) {
                batch.add(sendAsync(request(path).GET().build()));
            }
            batch.forEach(response -> statuses.add(response.join().statusCode()));
        }
        return statuses;
    }

    /** A request builder for {@code path} with header name/value pairs. */
    HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request;
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }

    /** Collects the servlets, then starts Tomcat. */
    static final class Builder {
        private final Filter tracing;
        private final List<String> patterns = new ArrayList<>();
        private final List<HttpServlet> servlets = new ArrayList<>();

        private Builder(Filter tracing) {
            this.tracing = tracing;
        }

        /** Serves {@code pattern} (a servlet mapping such as {@code /bookings/*}) with {@code handler}. */
        Builder serve(String pattern, Handler handler) {
            patterns.add(pattern);
            servlets.add(new HandlerServlet(handler));
            return this;
        }

        TracedTomcat start() throws Exception {
            File baseDir = Files.createTempDirectory("vigil-tomcat").toFile();
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(baseDir.getAbsolutePath());
            tomcat.setPort(0);
            Context context = tomcat.addContext("/shop", baseDir.getAbsolutePath());

            AtomicReference<Throwable> escaped = new AtomicReference<>();
            addFilter(context, "probe", new Filter() {
                @Override
                public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                        throws IOException, ServletException {
                    try {
                        chain.doFilter(request, response);
                    } catch (IOException | ServletException | RuntimeException | Error e) {
                        escaped.set(e);
                        throw e;
                    }
                }
            });
            addFilter(context, "tracing", tracing);

            for (int i = 0; i < servlets.size(); i++) {
                addServlet(context, "servlet-" + i, servlets.get(i), patterns.get(i));
            }
            addServlet(context, "default", new HandlerServlet((request, response) -> response.sendError(404)), "/");
            tomcat.start();
            return new TracedTomcat(tomcat, "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/shop", escaped);
        }

        private static void addFilter(Context context, String name, Filter filter) {
            FilterDef def = new FilterDef();
            def.setFilterName(name);
            def.setFilter(filter);
            def.setAsyncSupported("true");
            context.addFilterDef(def);
            FilterMap map = new FilterMap();
            map.setFilterName(name);
            map.addURLPattern("/*");
            context.addFilterMap(map);
        }

        private static void addServlet(Context context, String name, HttpServlet servlet, String pattern) {
            Wrapper wrapper = Tomcat.addServlet(context, name, servlet);
            wrapper.setAsyncSupported(true);
            context.addServletMappingDecoded(pattern, name);
        }
    }

    private static final class HandlerServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient Handler handler;

        HandlerServlet(Handler handler) {
            this.handler = handler;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
            try {
                handler.handle(request, response);
            } catch (IOException | ServletException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new ServletException(e);
            }
        }
    }
}
