package dev.vigil.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import dev.vigil.Monitor;
import dev.vigil.metrics.MetricSample;
import dev.vigil.test.MutableClock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The filter in front of real servlets in an embedded Tomcat, over real HTTP. */
class RequestTracingFilterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = MutableClock.atFixedStart();
    /** The filter's nanosecond source: servlets move it to make a request take a known time. */
    private final AtomicLong ticker = new AtomicLong(1_000_000_000L);
    private final ExecutorService completer = Executors.newSingleThreadExecutor();
    private TracedTomcat server;

    @AfterEach
    void stop() throws Exception {
        completer.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    private RequestTracingFilter.Builder filter() {
        return RequestTracingFilter.builder(registry).clock(clock).nanoTime(ticker::get);
    }

    /** Serves the routes most tests use: bookings that take {@code ?ms=} milliseconds and fail with {@code ?fail}. */
    private TracedTomcat.Builder shop(RequestTracingFilter filter) {
        return TracedTomcat.with(filter)
                .serve("/bookings/*", (request, response) -> {
                    String ms = request.getParameter("ms");
                    if (ms != null) {
                        ticker.addAndGet(TimeUnit.MILLISECONDS.toNanos(Long.parseLong(ms)));
                    }
                    response.setStatus(request.getParameter("fail") != null ? 500 : 200);
                    response.getWriter().write("booking");
                })
                .serve("/pages/*", (request, response) -> response.getWriter().write("page"));
    }

    private static RouteStatistics route(RequestTracingFilter filter, String route) {
        return filter.statistics().snapshot().stream()
                .filter(statistics -> statistics.route().equals(route))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no statistics for route " + route + " in "
                        + filter.statistics().snapshot()));
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not met within 60 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static double sample(List<MetricSample> samples, String name, String... tags) {
        Map<String, String> wanted = MetricSample.of(name, 0, tags).tags();
        return samples.stream()
                .filter(sample -> sample.name().equals(name) && sample.tags().equals(wanted))
                .mapToDouble(MetricSample::value)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + wanted + " in " + samples));
    }

    @Test
    void latencyStatusAndRouteAreRecordedWithIdsCollapsed() throws Exception {
        RequestTracingFilter filter = filter().build();
        server = shop(filter).start();

        for (int i = 1; i <= 100; i++) {
            assertThat(server.get("/bookings/" + i + "?ms=" + i).statusCode()).isEqualTo(200);
        }
        server.get("/bookings/550e8400-e29b-41d4-a716-446655440000/");
        server.get("/bookings/0123456789abcdef0123");
        clock.advance(Duration.ofSeconds(60));
        filter.statistics().collect();

        RouteStatistics bookings = route(filter, "/bookings/{id}");
        assertThat(filter.statistics().routeCount()).isEqualTo(1);
        assertThat(bookings.requests()).isEqualTo(102);
        assertThat(bookings.errors()).isZero();
        assertThat(bookings.statusCounts()).containsExactly(Map.entry(200, 102L));
        assertThat(bookings.platform()).isEmpty();
        RouteStatistics.Interval interval = bookings.lastInterval();
        assertThat(interval.p50Millis()).isCloseTo(50, within(50 * 0.0625));
        assertThat(interval.p95Millis()).isCloseTo(95, within(95 * 0.0625));
        assertThat(interval.p99Millis()).isCloseTo(99, within(99 * 0.0625));

        Timer timer = registry.get(RequestTracingFilter.REQUESTS_METER)
                .tags("method", "GET", "route", "/bookings/{id}", "status", "2xx", "outcome", "SUCCESS")
                .timer();
        assertThat(timer.count()).isEqualTo(102);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(IntStream.rangeClosed(1, 100).sum());
        assertThat(timer.getId().getTag("platform")).as("no platform tag without a resolver").isNull();
    }

    @Test
    void excludedPathsAreLeftOutOfStatisticsAndTheTimerIsOptional() throws Exception {
        RequestTracingFilter filter = filter().settings(RequestTracingSettings.builder()
                .recordTimer(false)
                .excludedPaths(List.of("/pages/", "actuator"))
                .build()).build();
        server = shop(filter).serve("/actuator/*", (request, response) -> response.getWriter().write("up"))
                .serve("/pagesx/*", (request, response) -> response.getWriter().write("not excluded")).start();

        server.get("/bookings/1");
        server.get("/pages/a");
        server.get("/pages");
        server.get("/actuator/health");
        server.get("/pagesx/b");

        await(() -> filter.statistics().total().requests() == 2);
        assertThat(filter.statistics().snapshot()).extracting(RouteStatistics::route)
                .containsExactlyInAnyOrder("/bookings/{id}", "/pagesx/b");
        assertThat(registry.find(RequestTracingFilter.REQUESTS_METER).timers()).as("no timer when it is off").isEmpty();
    }

    @Test
    void excludedPathsAreNormalisedAndPatternsRefused() {
        RequestTracingSettings settings = RequestTracingSettings.builder()
                .excludedPaths(List.of(" /api/ ", "actuator", "/", "/api"))
                .build();
        assertThat(settings.excludedPaths()).containsExactly("/api", "/actuator");
        assertThat(settings.excluded("/api/health", 0)).isTrue();
        assertThat(settings.excluded("/api", 0)).isTrue();
        assertThat(settings.excluded("/apis", 0)).isFalse();
        assertThat(settings.excluded("/ctx/actuator/prometheus", 4)).isTrue();
        assertThat(RequestTracingSettings.ofDefaults().recordTimer()).isTrue();
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> RequestTracingSettings.builder().excludedPaths(List.of("/api/**")).build())
                .withMessageContaining("monitor.requests.exclude-paths");
    }

    @Test
    void errorRatioIsTheShareOfServerErrors() throws Exception {
        RequestTracingFilter filter = filter().build();
        server = shop(filter).start();

        for (int i = 0; i < 40; i++) {
            server.get("/bookings/" + i + (i % 4 == 0 ? "?fail" : ""));
        }
        server.get("/nothing-here"); // a 404 is the client's error, not the service's
        clock.advance(Duration.ofSeconds(10));
        List<MetricSample> samples = filter.statistics().collect();

        RouteStatistics bookings = route(filter, "/bookings/{id}");
        assertThat(bookings.errors()).isEqualTo(10);
        assertThat(bookings.errorRatio()).isEqualTo(0.25);
        assertThat(bookings.lastInterval().errorRatio()).isEqualTo(0.25);
        assertThat(bookings.statusCounts()).containsExactly(Map.entry(200, 30L), Map.entry(500, 10L));
        assertThat(sample(samples, RequestStatistics.ROUTE_ERROR_RATIO, "route", "/bookings/{id}")).isEqualTo(0.25);
        assertThat(sample(samples, RequestStatistics.ERROR_RATIO)).isCloseTo(10 / 41.0, within(1e-9));
        assertThat(registry.get(RequestTracingFilter.REQUESTS_METER)
                .tags("route", "/bookings/{id}", "status", "5xx", "outcome", "SERVER_ERROR").timer().count()).isEqualTo(10);
    }

    @Test
    void tenThousandRandomPathsStayWithinTheRouteCap() throws Exception {
        RequestTracingFilter filter = filter().build();
        server = shop(filter).start();
        Random random = new Random(42);
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            StringBuilder name = new StringBuilder("/pages/");
            random.ints(12, 'a', 'z' + 1).forEach(c -> name.append((char) c));
            paths.add(name.toString());
        }

        List<Integer> statuses = server.getAll(paths, 32);

        assertThat(statuses).containsOnly(200);
        int cap = RequestTracingSettings.DEFAULT_MAX_ROUTES;
        assertThat(filter.statistics().routeCount()).isEqualTo(cap);
        assertThat(filter.statistics().snapshot()).hasSize(cap + 1);
        assertThat(route(filter, RequestTracingFilter.ROUTE_OTHER).requests()).isEqualTo(10_000 - cap);
        assertThat(filter.statistics().total().requests()).isEqualTo(10_000);
        List<Meter> meters = registry.getMeters();
        assertThat(meters).as("one timer per route, one for OTHER, the gauge").hasSize(cap + 2);
    }

    @Test
    void scannerNotFoundsShareOneRoute() throws Exception {
        RequestTracingFilter filter = filter().build();
        server = shop(filter).start();
        List<String> paths = IntStream.range(0, 500).mapToObj(i -> "/wp-admin-" + i + "/setup.php").toList();

        assertThat(server.getAll(paths, 16)).containsOnly(404);

        assertThat(filter.statistics().routeCount()).isZero();
        assertThat(route(filter, RequestTracingFilter.ROUTE_NOT_FOUND).requests()).isEqualTo(500);
        assertThat(registry.get(RequestTracingFilter.REQUESTS_METER).timers()).hasSize(1);
    }

    @Test
    void notFoundsKeepTheirPathWhenGroupingIsOff() throws Exception {
        RequestTracingFilter filter = filter()
                .settings(RequestTracingSettings.builder().groupUnmatchedNotFound(false).build())
                .build();
        server = shop(filter).start();

        server.get("/missing/7");

        assertThat(route(filter, "/missing/{id}").statusCounts()).containsExactly(Map.entry(404, 1L));
    }

    @Test
    void throwingTagResolverNeverFailsTheRequestAndIsLoggedOnce() throws Exception {
        RequestTracingFilter filter = filter()
                .tagResolver(request -> {
                    throw new IllegalStateException("tenant lookup is down");
                })
                .build();
        server = shop(filter).start();

        String log = capturingStandardError(() -> {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response = server.get("/bookings/" + i);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("booking");
            }
        });

        RouteStatistics bookings = route(filter, "/bookings/{id}");
        assertThat(bookings.requests()).isEqualTo(3);
        assertThat(bookings.platform()).isEqualTo(RequestTracingFilter.PLATFORM_UNKNOWN);
        assertThat(log.lines().filter(line -> line.contains("WARN") && line.contains("resolving the platform tag")))
                .hasSize(1);
        assertThat(log).contains("tenant lookup is down");
    }

    @Test
    void platformFromHeaderSplitsStatisticsAndIsCapped() throws Exception {
        RequestTracingFilter filter = filter()
                .tagResolver(TagResolver.header("X-Platform"))
                .settings(RequestTracingSettings.builder().maxPlatforms(2).build())
                .build();
        server = shop(filter).start();

        for (int i = 0; i < 3; i++) {
            server.get("/bookings/" + i, "X-Platform", "ios");
        }
        server.get("/bookings/1?fail", "X-Platform", "android");
        server.get("/bookings/2", "X-Platform", "android");
        server.get("/bookings/3", "X-Platform", "Web App"); // a third value: past maxPlatforms
        server.get("/bookings/4");
        clock.advance(Duration.ofSeconds(10));
        List<MetricSample> samples = filter.statistics().collect();

        assertThat(filter.statistics().snapshot())
                .extracting(RouteStatistics::route, RouteStatistics::platform, RouteStatistics::requests)
                .containsExactly(
                        tuple("/bookings/{id}", "android", 2L),
                        tuple("/bookings/{id}", "ios", 3L),
                        tuple("/bookings/{id}", "other", 1L),
                        tuple("/bookings/{id}", "unknown", 1L));
        assertThat(filter.statistics().platforms())
                .filteredOn(statistics -> statistics.platform().equals("android"))
                .singleElement()
                .satisfies(android -> assertThat(android.errorRatio()).isEqualTo(0.5));
        assertThat(registry.get(RequestTracingFilter.REQUESTS_METER).tags("platform", "ios").timer().count()).isEqualTo(3);
        assertThat(sample(samples, RequestStatistics.ROUTE_REQUESTS, "route", "/bookings/{id}", "platform", "ios")).isEqualTo(3);
        assertThat(sample(samples, RequestStatistics.REQUESTS, "platform", "android")).isEqualTo(2);
        assertThat(sample(samples, RequestStatistics.ERROR_RATIO, "platform", "android")).isEqualTo(0.5);
        assertThat(sample(samples, RequestStatistics.REQUESTS)).isEqualTo(7);
    }

    @Test
    void hostResolverTagsByHostNameWithoutPort() throws Exception {
        RequestTracingFilter filter = filter().tagResolver(TagResolver.host()).build();
        server = shop(filter).start();

        server.get("/pages/x");

        assertThat(filter.statistics().snapshot()).singleElement()
                .satisfies(pages -> assertThat(pages.platform()).isEqualTo("127.0.0.1"));
    }

    @Test
    void attributeResolverReadsWhatTheHostSetDuringTheRequest() throws Exception {
        RequestTracingFilter filter = filter().tagResolver(TagResolver.attribute("tier")).build();
        server = TracedTomcat.with(filter)
                .serve("/plans/*", (request, response) -> {
                    // e.g. the host's security layer after authenticating the user
                    request.setAttribute("tier", request.getPathInfo().substring(1));
                    response.setStatus(204);
                })
                .start();

        server.get("/plans/premium");
        server.get("/plans/free");
        server.get("/plans/premium");

        assertThat(filter.statistics().platforms())
                .extracting(RouteStatistics::platform, RouteStatistics::requests)
                .containsExactly(
                        tuple("free", 1L),
                        tuple("premium", 2L));
    }

    @Test
    void monitorBuilderRecordsIntoTheMonitorsRegistryAndClock() throws Exception {
        try (Monitor monitor = Monitor.builder().clock(clock).meterRegistry(registry).build()) {
            RequestTracingFilter filter = RequestTracingFilter.builder(monitor).build();
            server = shop(filter).start();

            server.get("/pages/x");
            clock.advance(Duration.ofSeconds(4));
            List<MetricSample> samples = filter.statistics().collect();

            assertThat(monitor.meterRegistry().get(RequestTracingFilter.REQUESTS_METER).timer().count()).isEqualTo(1);
            assertThat(sample(samples, RequestStatistics.RPS)).isEqualTo(0.25);
        }
    }

    @Test
    void asyncRequestIsMeasuredUntilItCompletes() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RequestTracingFilter filter = filter().build();
        server = TracedTomcat.with(filter)
                .serve("/reports/*", (request, response) -> {
                    AsyncContext async = request.startAsync();
                    started.countDown();
                    completer.execute(() -> {
                        try {
                            if (release.await(60, TimeUnit.SECONDS)) {
                                HttpServletResponse asyncResponse = (HttpServletResponse) async.getResponse();
                                asyncResponse.setStatus(202);
                                asyncResponse.getWriter().write("queued");
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        } finally {
                            async.complete();
                        }
                    });
                })
                .start();

        CompletableFuture<HttpResponse<String>> response = server.sendAsync(server.request("/reports/77").GET().build());
        assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
        await(() -> registry.get(RequestTracingFilter.ACTIVE_METER).gauge().value() == 1);
        assertThat(filter.statistics().total().requests()).as("not recorded while in flight").isZero();

        ticker.addAndGet(TimeUnit.MILLISECONDS.toNanos(250));
        release.countDown();

        assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
        await(() -> filter.statistics().total().requests() == 1);
        assertThat(registry.get(RequestTracingFilter.ACTIVE_METER).gauge().value()).isZero();
        clock.advance(Duration.ofSeconds(1));
        filter.statistics().collect();
        RouteStatistics reports = route(filter, "/reports/{id}");
        assertThat(reports.statusCounts()).containsExactly(Map.entry(202, 1L));
        assertThat(reports.lastInterval().p50Millis()).isCloseTo(250, within(250 * 0.0625));
        assertThat(registry.get(RequestTracingFilter.REQUESTS_METER).tags("route", "/reports/{id}").timer()
                .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250);
    }

    @Test
    void exceptionFromServletPropagatesUnchangedAndIsRecordedAs500() throws Exception {
        AtomicReference<RuntimeException> thrown = new AtomicReference<>();
        RequestTracingFilter filter = filter().build();
        server = TracedTomcat.with(filter)
                .serve("/boom", (request, response) -> {
                    RuntimeException failure = new IllegalStateException("boom");
                    thrown.set(failure);
                    throw failure;
                })
                .serve("/late-boom", (request, response) -> {
                    response.setStatus(200);
                    response.getWriter().write("partial");
                    response.flushBuffer();
                    throw new IllegalStateException("after commit");
                })
                .start();

        assertThat(server.get("/boom").statusCode()).isEqualTo(500);

        assertThat(server.escaped()).isSameAs(thrown.get());
        RouteStatistics boom = route(filter, "/boom");
        assertThat(boom.statusCounts()).containsExactly(Map.entry(500, 1L));
        assertThat(boom.errors()).isEqualTo(1);
        assertThat(registry.get(RequestTracingFilter.REQUESTS_METER).tags("route", "/boom", "outcome", "SERVER_ERROR")
                .timer().count()).isEqualTo(1);

        // the client sees a 200 whose body breaks off
        server.sendAsync(server.request("/late-boom").GET().build()).handle((response, failure) -> null).join();
        await(() -> filter.statistics().total().requests() == 2);
        assertThat(route(filter, "/late-boom").statusCounts())
                .as("a response committed with 200 was sent as 200")
                .containsExactly(Map.entry(200, 1L));
    }

    @Test
    void collectorEmitsIntervalDeltasWithRatesFromTheClock() throws Exception {
        RequestTracingFilter filter = filter().build();
        server = shop(filter).start();
        RequestStatistics statistics = filter.statistics();

        for (int i = 0; i < 6; i++) {
            server.get("/bookings/" + i);
        }
        server.get("/pages/a?x=1");
        server.get("/pages/a?fail");
        clock.advance(Duration.ofSeconds(10));
        List<MetricSample> first = statistics.collect();

        assertThat(sample(first, RequestStatistics.ROUTE_REQUESTS, "route", "/bookings/{id}")).isEqualTo(6);
        assertThat(sample(first, RequestStatistics.ROUTE_RPS, "route", "/bookings/{id}")).isCloseTo(0.6, within(1e-9));
        assertThat(sample(first, RequestStatistics.ROUTE_REQUESTS, "route", "/pages/a")).isEqualTo(2);
        assertThat(sample(first, RequestStatistics.REQUESTS)).isEqualTo(8);
        assertThat(sample(first, RequestStatistics.RPS)).isCloseTo(0.8, within(1e-9));
        assertThat(sample(first, RequestStatistics.ROUTE_P50, "route", "/bookings/{id}")).isGreaterThanOrEqualTo(0);

        for (int i = 0; i < 3; i++) {
            server.get("/bookings/" + i + "?fail");
        }
        clock.advance(Duration.ofSeconds(30));
        List<MetricSample> second = statistics.collect();

        assertThat(second).noneMatch(sample -> "/pages/a".equals(sample.tags().get("route")));
        assertThat(sample(second, RequestStatistics.ROUTE_REQUESTS, "route", "/bookings/{id}")).isEqualTo(3);
        assertThat(sample(second, RequestStatistics.ROUTE_RPS, "route", "/bookings/{id}")).isCloseTo(0.1, within(1e-9));
        assertThat(sample(second, RequestStatistics.ROUTE_ERROR_RATIO, "route", "/bookings/{id}")).isEqualTo(1.0);
        assertThat(sample(second, RequestStatistics.ERROR_RATIO)).isEqualTo(1.0);
        RouteStatistics bookings = route(filter, "/bookings/{id}");
        assertThat(bookings.requests()).isEqualTo(9);
        assertThat(bookings.lastInterval().length()).isEqualTo(Duration.ofSeconds(30));
        assertThat(bookings.lastInterval().requests()).isEqualTo(3);
        assertThat(bookings.lastInterval().statusCounts()).containsExactly(Map.entry(500, 3L));

        clock.advance(Duration.ofSeconds(60));
        List<MetricSample> idle = statistics.collect();

        assertThat(idle).extracting(MetricSample::name)
                .containsExactlyInAnyOrder(RequestStatistics.REQUESTS, RequestStatistics.RPS,
                        RequestStatistics.ERROR_RATIO, RequestStatistics.P95, RequestStatistics.RESPONSES,
                        RequestStatistics.RESPONSES, RequestStatistics.RESPONSES, RequestStatistics.RESPONSES);
        assertThat(sample(idle, RequestStatistics.REQUESTS)).isZero();
        assertThat(sample(idle, RequestStatistics.ERROR_RATIO)).isZero();
        assertThat(route(filter, "/pages/a").lastInterval().requests()).isZero();
    }

    @Test
    void springPatternAttributeNamesTheRoute() throws Exception {
        RequestTracingFilter filter = filter().build();
        server = TracedTomcat.with(filter)
                .serve("/api/*", (request, response) -> {
                    // what Spring MVC's handler mapping does once it matched a controller method
                    String path = request.getPathInfo();
                    if (path.startsWith("/items/")) {
                        request.setAttribute(RequestTracingFilter.SPRING_PATTERN_ATTRIBUTE, "/api/items/{itemId}");
                        response.getWriter().write("item");
                    } else {
                        request.setAttribute(RequestTracingFilter.SPRING_PATTERN_ATTRIBUTE, "/**");
                        response.sendError(404);
                    }
                })
                .start();

        server.get("/api/items/blue-shirt");
        server.get("/api/items/red-shirt");
        server.get("/api/unknown/thing");

        assertThat(route(filter, "/api/items/{itemId}").requests()).isEqualTo(2);
        assertThat(route(filter, RequestTracingFilter.ROUTE_NOT_FOUND).requests())
                .as("a 404 from Spring's /** catch-all is unmatched")
                .isEqualTo(1);
        assertThat(filter.statistics().routeCount()).isEqualTo(1);
    }

    @Test
    void routeResolverNamesRoutesSpringDoesNot() throws Exception {
        RequestTracingFilter filter = filter()
                .routeResolver(request -> request.getRequestURI().contains("/pages/") ? "/pages/{slug}" : "")
                .build();
        server = shop(filter).start();

        server.get("/pages/about");
        server.get("/pages/contact");
        server.get("/bookings/5");

        assertThat(filter.statistics().snapshot()).extracting(RouteStatistics::route)
                .containsExactly("/bookings/{id}", "/pages/{slug}");
    }

    @Test
    void unusualMethodIsTaggedOther() throws Exception {
        RequestTracingFilter filter = filter().build();
        server = shop(filter).start();

        server.send(server.request("/pages/x").method("PROPFIND", HttpRequest.BodyPublishers.noBody()).build());
        server.send(server.request("/pages/x").DELETE().build());

        assertThat(registry.get(RequestTracingFilter.REQUESTS_METER).tags("method", "OTHER").timer().count()).isEqualTo(1);
        assertThat(registry.get(RequestTracingFilter.REQUESTS_METER).tags("method", "DELETE").timer().count()).isEqualTo(1);
    }

    private static String capturingStandardError(ThrowingRunnable action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
