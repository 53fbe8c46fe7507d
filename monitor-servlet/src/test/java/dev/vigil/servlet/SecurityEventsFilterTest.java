package dev.vigil.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import dev.vigil.Monitor;
import dev.vigil.security.event.MemorySecurityEventStore;
import dev.vigil.security.event.SecurityEvent;
import dev.vigil.security.event.SecurityEventQuery;
import dev.vigil.security.event.SecurityEventSettings;
import dev.vigil.security.event.SecurityEventType;
import dev.vigil.security.event.SecurityEvents;
import dev.vigil.test.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tracing filter records refused requests and attack signatures as security events, over real HTTP. */
class SecurityEventsFilterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = MutableClock.atFixedStart();
    private final MemorySecurityEventStore store = new MemorySecurityEventStore();
    private TracedTomcat server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private SecurityEvents events(SecurityEventSettings settings) {
        return new SecurityEvents(clock, "node-1", registry, settings);
    }

    /** Answers {@code ?status=} (default 200) on {@code /accounts/*}. */
    private TracedTomcat start(SecurityEvents events) throws Exception {
        RequestTracingFilter filter = RequestTracingFilter.builder(registry).clock(clock).securityEvents(events).build();
        server = TracedTomcat.with(filter)
                .serve("/accounts/*", (request, response) -> {
                    String status = request.getParameter("status");
                    response.setStatus(status == null ? 200 : Integer.parseInt(status));
                    response.getWriter().write("account");
                })
                .start();
        return server;
    }

    private List<SecurityEvent> stored(SecurityEvents events) {
        events.drainTo(store);
        return store.query(SecurityEventQuery.latest(1000));
    }

    @Test
    void refusedRequestsAreRecordedWithAddressAndRouteTemplate() throws Exception {
        SecurityEvents events = events(SecurityEventSettings.ofDefaults());
        start(events);

        server.get("/accounts/41?status=401");
        server.get("/accounts/42?status=403");
        server.get("/accounts/43?status=429");
        server.get("/accounts/44?status=404");
        server.get("/accounts/45");

        List<SecurityEvent> stored = stored(events);
        assertThat(stored).extracting(SecurityEvent::type).containsExactlyInAnyOrder(SecurityEventType.UNAUTHORIZED,
                SecurityEventType.FORBIDDEN, SecurityEventType.RATE_LIMITED);
        assertThat(stored).allSatisfy(event -> {
            assertThat(event.sourceIp()).isEqualTo("127.0.0.1");
            assertThat(event.route()).isEqualTo("/accounts/{id}");
            assertThat(event.instance()).isEqualTo("node-1");
            assertThat(event.count()).isEqualTo(1);
        });
        assertThat(stored).filteredOn(event -> event.type() == SecurityEventType.UNAUTHORIZED).singleElement()
                .extracting(SecurityEvent::description).isEqualTo("401 response to GET");
    }

    @Test
    void aFloodOfRefusalsIsOneEventPerMinuteWithItsCount() throws Exception {
        SecurityEvents events = events(SecurityEventSettings.ofDefaults());
        start(events);

        for (int i = 0; i < 300; i++) {
            server.get("/accounts/" + i + "?status=401");
        }
        assertThat(stored(events)).singleElement().extracting(SecurityEvent::count).isEqualTo(1L);
        clock.advance(Duration.ofSeconds(61));

        List<SecurityEvent> stored = stored(events);
        assertThat(stored).extracting(SecurityEvent::count).containsExactlyInAnyOrder(1L, 299L);
        assertThat(registry.get(SecurityEvents.METER).tag("type", "unauthorized").counter().count()).isEqualTo(300.0);
    }

    @Test
    void onlyTheConfiguredStatusesAreRecorded() throws Exception {
        SecurityEvents events = events(SecurityEventSettings.builder().recordStatuses(Set.of(429)).build());
        start(events);

        server.get("/accounts/1?status=401");
        server.get("/accounts/1?status=429");

        assertThat(stored(events)).extracting(SecurityEvent::type).containsExactly(SecurityEventType.RATE_LIMITED);
    }

    @Test
    void forwardedForIsIgnoredUnlessProxiesAreTrusted() throws Exception {
        SecurityEvents untrusting = events(SecurityEventSettings.ofDefaults());
        start(untrusting);
        server.get("/accounts/1?status=401", "X-Forwarded-For", "6.6.6.6");
        assertThat(stored(untrusting)).singleElement().extracting(SecurityEvent::sourceIp).isEqualTo("127.0.0.1");
        server.close();

        SecurityEvents trusting = events(SecurityEventSettings.builder().trustedProxyHops(1).build());
        start(trusting);
        server.get("/accounts/1?status=403", "X-Forwarded-For", "6.6.6.6, 203.0.113.9");
        server.get("/accounts/1?status=429", "X-Forwarded-For", "198.51.100.20");
        assertThat(store.query(SecurityEventQuery.latest(10).fromIp("6.6.6.6"))).isEmpty();
        stored(trusting);
        assertThat(store.query(SecurityEventQuery.latest(10).ofType(SecurityEventType.FORBIDDEN)))
                .singleElement().extracting(SecurityEvent::sourceIp).isEqualTo("203.0.113.9");
        assertThat(store.query(SecurityEventQuery.latest(10).ofType(SecurityEventType.RATE_LIMITED)))
                .singleElement().extracting(SecurityEvent::sourceIp).isEqualTo("198.51.100.20");
    }

    @Test
    void attackSignaturesAreFlaggedNeverBlocked() throws Exception {
        SecurityEvents events = events(SecurityEventSettings.ofDefaults());
        start(events);

        assertThat(server.get("/accounts/1?name=x%27%20OR%201%3D1--").statusCode()).isEqualTo(200);
        assertThat(server.get("/accounts/2?q=%3Cscript%3Ealert(1)%3C/script%3E").statusCode()).isEqualTo(200);
        assertThat(server.get("/accounts/3?file=..%2F..%2Fetc%2Fpasswd").statusCode()).isEqualTo(200);
        server.get("/accounts/4?name=O%27Brien");
        server.get("/accounts/5?q=2%3C3");
        server.get("/accounts/6?page=2");

        List<SecurityEvent> stored = stored(events);
        assertThat(stored).extracting(SecurityEvent::type).containsExactlyInAnyOrder(
                SecurityEventType.SQL_INJECTION_ATTEMPT, SecurityEventType.XSS_ATTEMPT,
                SecurityEventType.PATH_TRAVERSAL_ATTEMPT);
        assertThat(stored).allSatisfy(event -> assertThat(event.route()).isEqualTo("/accounts/{id}"));
        assertThat(stored).filteredOn(event -> event.type() == SecurityEventType.SQL_INJECTION_ATTEMPT).singleElement()
                .extracting(SecurityEvent::description).asString().contains("' or 1=1");
    }

    @Test
    void signaturesCanBeSwitchedOff() throws Exception {
        SecurityEvents events = events(SecurityEventSettings.builder().signatures(false).build());
        start(events);

        server.get("/accounts/1?name=x%27%20OR%201%3D1--");

        assertThat(stored(events)).isEmpty();
    }

    @Test
    void unauthorizedCallsToTheAdminApiAreRecordedToo() throws Exception {
        try (Monitor monitor = Monitor.builder().clock(clock).meterRegistry(registry).adminToken("s3cret")
                .bindSystemMeters(false).systemMetrics(false, Path.of(".")).build()) {
            RequestTracingFilter filter = RequestTracingFilter.builder(monitor).build();
            MonitorServlet api = new MonitorServlet(monitor.api());
            server = TracedTomcat.with(filter).serve("/api/*", api::service).start();

            assertThat(server.get("/api/admin/system-health", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
            assertThat(server.get("/api/admin/system-health", "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);
            monitor.security().drainTo(monitor.store().securityEvents());

            assertThat(monitor.store().securityEvents().query(SecurityEventQuery.latest(10))).singleElement()
                    .satisfies(event -> {
                        assertThat(event.type()).isEqualTo(SecurityEventType.UNAUTHORIZED);
                        assertThat(event.route()).startsWith("/api/admin/");
                        assertThat(event.sourceIp()).isEqualTo("127.0.0.1");
                    });
        }
    }
}
