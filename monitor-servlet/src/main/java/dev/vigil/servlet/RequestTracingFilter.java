package dev.vigil.servlet;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import dev.vigil.Monitor;
import dev.vigil.security.event.AttackSignatures;
import dev.vigil.security.event.SecurityEvent;
import dev.vigil.security.event.SecurityEventSettings;
import dev.vigil.security.event.SecurityEventType;
import dev.vigil.security.event.SecurityEvents;
import dev.vigil.notice.NoticeArea;
import dev.vigil.notice.NoticeService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Measures every request by route template: latency, status and throughput, recorded into the
 * host's Micrometer registry and into Vigil's own {@link RequestStatistics} (percentiles, error
 * ratio, interval samples).
 *
 * <pre>{@code
 * RequestTracingFilter tracing = RequestTracingFilter.builder(monitor)
 *         .tagResolver(TagResolver.header("X-Platform"))
 *         .build();
 * context.addFilter("vigil-tracing", tracing).addMappingForUrlPatterns(null, false, "/*");
 * // tracing.statistics() is the MetricCollector for the interval samples
 * }</pre>
 *
 * <p>Per request it records the Micrometer timer {@value #REQUESTS_METER} with the tags
 * {@code method} (GET, POST... or OTHER), {@code route}, {@code status} (the class: 2xx, 4xx...),
 * {@code outcome} (SUCCESS, CLIENT_ERROR...) and, when a {@link TagResolver} is configured,
 * {@code platform}; the gauge {@value #ACTIVE_METER} counts requests in flight. Register one filter
 * per registry, for the {@code REQUEST} dispatch (other dispatches pass through unmeasured). Where the host's
 * framework times requests already, {@link RequestTracingSettings#recordTimer()} off keeps the timer out of the
 * registry (the statistics stay). Requests under {@link RequestTracingSettings#excludedPaths()} (Vigil's own API,
 * Actuator) are left out of the statistics and the timer.
 *
 * <p>The route is resolved after the request was handled: Spring MVC's matched pattern
 * ({@value #SPRING_PATTERN_ATTRIBUTE}), else the {@link RouteResolver}, else — unless the answer is
 * a 404, recorded as {@value #ROUTE_NOT_FOUND} — the path with its ids collapsed. Routes are capped
 * ({@link RequestTracingSettings}); past the cap they are {@value #ROUTE_OTHER}, so no sequence of
 * paths grows memory or the registry without bound.
 *
 * <p>With {@link Builder#securityEvents security events} (set by {@link #builder(Monitor)} unless the monitor's are
 * off), it also records each 401, 403 and 429 response (as configured) with the client's address and the route, and
 * each path or query string carrying an SQL-injection, XSS or path-traversal signature ({@link AttackSignatures}),
 * flagged, never blocked. Vigil's own endpoints are no exception: a 401 from the admin API is an attempt on it.
 * Repeats are aggregated by the recorder, so a flood costs a counter increment per request, not a stored event.
 * The client's address is the connection's, or taken from {@code X-Forwarded-For} only as far as
 * {@link SecurityEventSettings#trustedProxyHops()} allows.
 *
 * <p>With the monitor's {@link NoticeService} (the default of {@link #builder(Monitor)}), a request to a
 * notice area that is affected gets a response header naming the area ({@code Vigil-Notice: media-upload};
 * the name is {@code monitor.notices.header}, empty for none), and the users of requests to an area that
 * failed (5xx) or came while it was affected are counted for its alert, as the {@link UserResolver} names
 * them (default: the authenticated principal). Both are a prefix match and a map lookup per request.
 *
 * <p>Asynchronous requests are recorded when they complete, with their full duration and final
 * status. Monitoring never breaks a request: a failure inside it (a throwing resolver included) is
 * logged once at WARN, then at DEBUG, and the request carries on. An exception from the chain
 * propagates unchanged and is recorded as a 500 unless the response was already committed with
 * another status.
 */
public final class RequestTracingFilter implements Filter {

    /** The request attribute in which Spring MVC exposes the matched route pattern. */
    public static final String SPRING_PATTERN_ATTRIBUTE = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";
    /** Micrometer timer of every request. */
    public static final String REQUESTS_METER = "http.route.requests";
    /** Micrometer gauge of the requests in flight. */
    public static final String ACTIVE_METER = "http.server.active";
    /** The route of requests whose own route would exceed the caps. */
    public static final String ROUTE_OTHER = "OTHER";
    /** The route of 404s that nothing but the raw path named. */
    public static final String ROUTE_NOT_FOUND = "NOT_FOUND";
    /** The platform of requests whose own platform would exceed {@code maxPlatforms}. */
    public static final String PLATFORM_OTHER = "other";
    /** The platform of requests for which the {@link TagResolver} had no answer. */
    public static final String PLATFORM_UNKNOWN = "unknown";

    private static final String SPRING_CATCH_ALL = "/**";

    private final RequestStatistics statistics;
    private final RequestTracingSettings settings;
    private final boolean excludedPaths;
    private final TagResolver tagResolver;
    private final RouteResolver routeResolver;
    private final boolean groupUnmatchedNotFound;
    private final LongSupplier nanoTime;
    private final @Nullable NoticeService notices;
    private final String noticeHeader;
    private final UserResolver userResolver;
    private final LongAdder active = new LongAdder();
    private final FailureLog failures = new FailureLog();
    private final @Nullable SecurityEvents security;
    private final Clock clock;
    private final boolean record401;
    private final boolean record403;
    private final boolean record429;
    private final boolean signatures;
    private final int trustedProxyHops;

    private RequestTracingFilter(Builder builder) {
        this.tagResolver = builder.tagResolver;
        this.routeResolver = builder.routeResolver;
        this.groupUnmatchedNotFound = builder.settings.groupUnmatchedNotFound();
        this.nanoTime = builder.nanoTime;
        this.clock = builder.clock;
        this.security = builder.security != null && builder.security.enabled() ? builder.security : null;
        SecurityEventSettings securitySettings = security != null ? security.settings() : SecurityEventSettings.disabled();
        this.record401 = securitySettings.recordStatuses().contains(401);
        this.record403 = securitySettings.recordStatuses().contains(403);
        this.record429 = securitySettings.recordStatuses().contains(429);
        this.signatures = securitySettings.signatures();
        this.trustedProxyHops = securitySettings.trustedProxyHops();
        this.notices = builder.notices;
        this.noticeHeader = builder.noticeHeader != null ? builder.noticeHeader
                : builder.notices != null ? builder.notices.settings().header() : "";
        this.userResolver = builder.userResolver;
        this.settings = builder.settings;
        this.excludedPaths = !settings.excludedPaths().isEmpty();
        this.statistics = new RequestStatistics(builder.registry, builder.settings,
                builder.tagResolver != TagResolver.NONE, builder.clock);
        Gauge.builder(ACTIVE_METER, active, LongAdder::sum)
                .description("Requests in flight")
                .register(builder.registry);
    }

    /** Starts building a filter that records into {@code registry}. */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    /**
     * Starts building a filter that records into the monitor's registry, reads its clock, records its security events
     * and, when the monitor's notices are enabled, marks and counts requests to their areas.
     */
    public static Builder builder(Monitor monitor) {
        Builder builder = new Builder(monitor.meterRegistry()).clock(monitor.clock()).securityEvents(monitor.security());
        if (monitor.notices().settings().enabled()) {
            builder.notices(monitor.notices());
        }
        return builder;
    }

    /** The statistics this filter keeps: snapshots and the interval {@link dev.vigil.metrics.MetricCollector}. */
    public RequestStatistics statistics() {
        return statistics;
    }

    /** Measures the request; see the class comment. */
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (req.getDispatcherType() != DispatcherType.REQUEST
                || !(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        markNotice(request, response);
        long start = nanoTime.getAsLong();
        active.increment();
        boolean threw = true;
        try {
            chain.doFilter(request, response);
            threw = false;
        } finally {
            finish(request, response, start, threw);
        }
    }

    private void finish(HttpServletRequest request, HttpServletResponse response, long start, boolean threw) {
        try {
            if (!threw && request.isAsyncStarted()) {
                try {
                    request.getAsyncContext().addListener(new Completion(request, response, start));
                    return;
                } catch (RuntimeException e) { // e.g. completed meanwhile: measure what we have now
                    failures.report(FailureLog.Kind.ASYNC, e);
                }
            }
            active.decrement();
            int status = threw && !response.isCommitted() ? 500 : response.getStatus();
            record(request, status, nanoTime.getAsLong() - start);
        } catch (RuntimeException e) {
            failures.report(FailureLog.Kind.RECORDING, e);
        }
    }

    private void record(HttpServletRequest request, int status, long nanos) {
        String routeName;
        if (excludedPaths && settings.excluded(request.getRequestURI(), contextPathLength(request))) {
            routeName = RouteResolver.normalizePath(pathWithinContext(request));
        } else {
            RequestStatistics.Route route = route(request, status);
            statistics.record(route, platform(request), methodIndex(request.getMethod()), status, nanos);
            routeName = route.name;
        }
        if (security != null) {
            recordSecurityEvents(security, request, status, routeName);
        }
        countUser(request, status);
    }

    private static int contextPathLength(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        return contextPath != null && !contextPath.isEmpty() && uri.startsWith(contextPath) ? contextPath.length() : 0;
    }

    private static String pathWithinContext(HttpServletRequest request) {
        return request.getRequestURI().substring(contextPathLength(request));
    }

    private void recordSecurityEvents(SecurityEvents events, HttpServletRequest request, int status, String route) {
        try {
            SecurityEventType refused = switch (status) {
                case 401 -> record401 ? SecurityEventType.UNAUTHORIZED : null;
                case 403 -> record403 ? SecurityEventType.FORBIDDEN : null;
                case 429 -> record429 ? SecurityEventType.RATE_LIMITED : null;
                default -> null;
            };
            String ip = null;
            if (refused != null) {
                ip = clientIp(request);
                events.record(SecurityEvent.builder(refused, clock.instant()).ip(ip).route(route)
                        .description(status + " response to " + request.getMethod()).build());
            }
            if (signatures) {
                Optional<AttackSignatures.Match> match = AttackSignatures.scan(request.getRequestURI(), request.getQueryString());
                if (match.isPresent()) {
                    events.record(SecurityEvent.builder(match.get().type(), clock.instant())
                            .ip(ip != null ? ip : clientIp(request)).route(route)
                            .description("signature in " + request.getMethod() + " request: " + match.get().signature())
                            .build());
                }
            }
        } catch (RuntimeException e) {
            failures.report(FailureLog.Kind.SECURITY, e);
        }
    }

    /**
     * The connection's remote address, or, behind {@code trustedProxyHops} proxies that append to
     * {@code X-Forwarded-For}, the address the outermost trusted proxy saw.
     */
    String clientIp(HttpServletRequest request) {
        String remote = request.getRemoteAddr();
        if (trustedProxyHops == 0) {
            return remote;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return remote;
        }
        List<String> hops = List.of(forwarded.split(","));
        if (hops.size() < trustedProxyHops) {
            return remote;
        }
        String client = hops.get(hops.size() - trustedProxyHops).strip();
        return client.isEmpty() ? remote : client;
    }

    /** The notice area of the request's path, or null; a prefix match, no allocation. */
    private @Nullable NoticeArea area(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        int from = contextPath != null && !contextPath.isEmpty() && uri.startsWith(contextPath) ? contextPath.length() : 0;
        return notices.areaAt(uri, from);
    }

    private void markNotice(HttpServletRequest request, HttpServletResponse response) {
        if (notices == null || noticeHeader.isEmpty()) {
            return;
        }
        try {
            NoticeArea area = area(request);
            if (area != null && notices.isActive(area)) {
                response.setHeader(noticeHeader, area.name());
            }
        } catch (RuntimeException e) {
            failures.report(FailureLog.Kind.NOTICE, e);
        }
    }

    private void countUser(HttpServletRequest request, int status) {
        if (notices == null || userResolver == UserResolver.NONE) {
            return;
        }
        NoticeArea area;
        try {
            area = area(request);
            if (area == null || status < 500 && !notices.isActive(area)) {
                return;
            }
        } catch (RuntimeException e) {
            failures.report(FailureLog.Kind.NOTICE, e);
            return;
        }
        try {
            String user = userResolver.resolve(request);
            if (user != null && !user.isEmpty()) {
                notices.recordUser(area, user);
            }
        } catch (RuntimeException e) {
            failures.report(FailureLog.Kind.USER_RESOLVER, e);
        }
    }

    private RequestStatistics.Route route(HttpServletRequest request, int status) {
        Object pattern = request.getAttribute(SPRING_PATTERN_ATTRIBUTE);
        if (pattern != null) {
            String template = pattern.toString();
            if (status == 404 && groupUnmatchedNotFound && SPRING_CATCH_ALL.equals(template)) {
                return statistics.notFoundRoute();
            }
            return statistics.route(template);
        }
        if (routeResolver != RouteResolver.NONE) {
            try {
                String template = routeResolver.resolve(request);
                if (template != null && !template.isEmpty()) {
                    return statistics.route(template);
                }
            } catch (RuntimeException e) {
                failures.report(FailureLog.Kind.ROUTE_RESOLVER, e);
            }
        }
        if (status == 404 && groupUnmatchedNotFound) {
            return statistics.notFoundRoute();
        }
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        int from = contextPath != null && !contextPath.isEmpty() && uri.startsWith(contextPath) ? contextPath.length() : 0;
        return statistics.pathRoute(uri, from);
    }

    private RequestStatistics.Platform platform(HttpServletRequest request) {
        if (tagResolver == TagResolver.NONE) {
            return statistics.platform("");
        }
        String raw;
        try {
            raw = tagResolver.resolve(request);
        } catch (RuntimeException e) {
            failures.report(FailureLog.Kind.TAG_RESOLVER, e);
            raw = "";
        }
        return statistics.platform(raw == null ? "" : raw);
    }

    static int methodIndex(String method) {
        return switch (method) {
            case "GET" -> 0;
            case "HEAD" -> 1;
            case "POST" -> 2;
            case "PUT" -> 3;
            case "DELETE" -> 4;
            case "PATCH" -> 5;
            case "OPTIONS" -> 6;
            case "TRACE" -> 7;
            default -> 8;
        };
    }

    /** Records an asynchronous request when it completes (after a timeout or error too), with its final status. */
    private final class Completion implements AsyncListener {
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final long start;
        private boolean recorded; // the container delivers one event at a time

        Completion(HttpServletRequest request, HttpServletResponse response, long start) {
            this.request = request;
            this.response = response;
            this.start = start;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            if (recorded) {
                return;
            }
            recorded = true;
            active.decrement();
            try {
                record(request, response.getStatus(), nanoTime.getAsLong() - start);
            } catch (RuntimeException e) {
                failures.report(FailureLog.Kind.RECORDING, e);
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // the container completes the request next (with an error status unless a listener answers)
        }

        @Override
        public void onError(AsyncEvent event) {
            // as for a timeout: onComplete follows with the final status
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            try {
                event.getAsyncContext().addListener(this); // a new async cycle forgets its listeners
            } catch (RuntimeException e) {
                failures.report(FailureLog.Kind.ASYNC, e);
            }
        }
    }

    /** Builds a {@link RequestTracingFilter}. */
    public static final class Builder {
        private final MeterRegistry registry;
        private TagResolver tagResolver = TagResolver.NONE;
        private RouteResolver routeResolver = RouteResolver.NONE;
        private RequestTracingSettings settings = RequestTracingSettings.ofDefaults();
        private Clock clock = Clock.systemUTC();
        private LongSupplier nanoTime = System::nanoTime;
        private @Nullable SecurityEvents security;
        private @Nullable NoticeService notices;
        private @Nullable String noticeHeader;
        private UserResolver userResolver = UserResolver.principal();

        private Builder(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /** Splits the statistics by platform (default: {@link TagResolver#NONE}, no platform tag). */
        public Builder tagResolver(TagResolver tagResolver) {
            this.tagResolver = Objects.requireNonNull(tagResolver, "tagResolver");
            return this;
        }

        /** Names routes Spring MVC's pattern does not (default: {@link RouteResolver#NONE}, the id-collapsed path). */
        public Builder routeResolver(RouteResolver routeResolver) {
            this.routeResolver = Objects.requireNonNull(routeResolver, "routeResolver");
            return this;
        }

        /** Caps on routes, platforms and series (default: {@link RequestTracingSettings#ofDefaults()}). */
        public Builder settings(RequestTracingSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The wall clock that measures collection intervals (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The monotonic nanosecond source that measures request durations (default: {@link System#nanoTime()}). */
        public Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /**
         * Records 401/403/429 responses and attack signatures into {@code events} with its settings (default: none
         * for {@link #builder(MeterRegistry)}, the monitor's for {@link #builder(Monitor)}).
         */
        public Builder securityEvents(SecurityEvents events) {
            this.security = Objects.requireNonNull(events, "events");
            return this;
        }

        /** Marks and counts requests to the areas of {@code notices} (set by {@link #builder(Monitor)} when notices are on). */
        public Builder notices(NoticeService notices) {
            this.notices = Objects.requireNonNull(notices, "notices");
            return this;
        }

        /** The header naming an affected area (default: the notices' {@code header} setting); empty for none. */
        public Builder noticeHeader(String name) {
            this.noticeHeader = Objects.requireNonNull(name, "name").strip();
            return this;
        }

        /** Who made a request, for the affected-user count of an area's alert (default: the authenticated principal). */
        public Builder userResolver(UserResolver resolver) {
            this.userResolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** Builds the filter and registers its gauge. */
        public RequestTracingFilter build() {
            return new RequestTracingFilter(this);
        }
    }
}
