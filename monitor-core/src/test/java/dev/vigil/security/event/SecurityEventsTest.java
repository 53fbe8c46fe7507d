package dev.vigil.security.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import dev.vigil.alert.Severity;
import dev.vigil.metrics.MetricSample;
import dev.vigil.test.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class SecurityEventsTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MemorySecurityEventStore store = new MemorySecurityEventStore();
    private SecurityEvents events = new SecurityEvents(clock, "node-1", registry, SecurityEventSettings.ofDefaults());

    private List<SecurityEvent> stored() {
        return store.query(SecurityEventQuery.latest(1000));
    }

    @Test
    void failedLoginIsStoredWithUserIpAndInstanceAtTheNextDrain() {
        events.failedLogin("alice", "203.0.113.7");
        assertThat(stored()).isEmpty(); // write-behind: the caller never touches the store

        assertThat(events.drainTo(store)).isEqualTo(1);

        SecurityEvent event = stored().get(0);
        assertThat(event.type()).isEqualTo(SecurityEventType.FAILED_LOGIN);
        assertThat(event.severity()).isEqualTo(Severity.WARNING);
        assertThat(event.user()).isEqualTo("alice");
        assertThat(event.sourceIp()).isEqualTo("203.0.113.7");
        assertThat(event.instance()).isEqualTo("node-1");
        assertThat(event.time()).isEqualTo(clock.instant());
        assertThat(event.count()).isEqualTo(1);
        assertThat(registry.get(SecurityEvents.METER).tag("type", "failed_login").counter().count()).isEqualTo(1.0);
    }

    @Test
    void repeatsWithinTheWindowAreOneEventWithTheirCount() {
        for (int i = 0; i < 500; i++) {
            events.rateLimited("198.51.100.1", "/api/login");
            clock.advance(Duration.ofMillis(100));
        }
        events.rateLimited("198.51.100.2", "/api/login");
        events.drainTo(store);
        assertThat(stored()).extracting(SecurityEvent::count).containsExactlyInAnyOrder(1L, 1L); // firsts at once

        clock.advance(Duration.ofSeconds(11)); // 500 x 100 ms + 11 s: the first window closed
        events.drainTo(store);

        Map<String, Long> byIp = stored().stream().collect(Collectors.groupingBy(SecurityEvent::sourceIp,
                Collectors.summingLong(SecurityEvent::count)));
        assertThat(byIp).containsOnly(Map.entry("198.51.100.1", 500L), Map.entry("198.51.100.2", 1L));
        assertThat(stored()).hasSize(3);
        assertThat(registry.get(SecurityEvents.METER).tag("type", "rate_limited").counter().count()).isEqualTo(501.0);
    }

    @Test
    void aRepeatAfterTheWindowStartsANewOne() {
        events.failedLogin("bob", "192.0.2.1");
        events.failedLogin("bob", "192.0.2.1");
        clock.advance(Duration.ofMinutes(2));
        events.failedLogin("bob", "192.0.2.1");
        events.drainTo(store);

        assertThat(stored()).extracting(SecurityEvent::count).containsExactlyInAnyOrder(1L, 1L, 1L);
    }

    @Test
    void aFloodFromManyAddressesIsBoundedAndCounted() {
        events = new SecurityEvents(clock, "node-1", registry, SecurityEventSettings.builder().maxPending(100)
                .queueCapacity(50).build());
        for (int i = 0; i < 1_000; i++) {
            events.record(SecurityEvent.builder(SecurityEventType.UNAUTHORIZED, clock.instant()).ip("10.0." + i / 256 + "."
                    + i % 256).build());
        }
        events.drainTo(store);

        assertThat(stored()).hasSize(50);
        assertThat(events.dropped()).isEqualTo(950);
        assertThat(registry.get(SecurityEvents.METER).tag("type", "unauthorized").counter().count()).isEqualTo(1000.0);
    }

    @Test
    void flushClosesOpenWindows() {
        events.failedLogin("carol", "192.0.2.9");
        events.failedLogin("carol", "192.0.2.9");
        events.failedLogin("carol", "192.0.2.9");

        events.flush(store);

        assertThat(stored()).extracting(SecurityEvent::count).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void aFailingStoreDropsTheBatchAndCountsIt() {
        events.failedLogin("dave", null);
        SecurityEventStore broken = new SecurityEventStore() {
            @Override
            public void add(List<SecurityEvent> added) {
                throw new IllegalStateException("database away");
            }

            @Override
            public List<SecurityEvent> query(SecurityEventQuery query) {
                return List.of();
            }
        };

        assertThat(events.drainTo(broken)).isZero();
        assertThat(events.dropped()).isEqualTo(1);
    }

    @Test
    void collectorCountsEachTypePerIntervalZerosIncluded() throws Exception {
        var collector = events.collector();
        events.failedLogin("a", "192.0.2.1");
        events.failedLogin("b", "192.0.2.1");
        events.record(SecurityEvent.builder(SecurityEventType.XSS_ATTEMPT, clock.instant()).count(3).build());

        Map<String, Double> first = byType(collector.collect());
        Map<String, Double> second = byType(collector.collect());

        assertThat(first).hasSize(SecurityEventType.values().length).containsEntry("failed_login", 2.0)
                .containsEntry("xss_attempt", 3.0).containsEntry("forbidden", 0.0);
        assertThat(second.values()).containsOnly(0.0);
    }

    @Test
    void disabledRecordsNothing() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        events = new SecurityEvents(clock, "node-1", own, SecurityEventSettings.disabled());
        events.failedLogin("eve", "192.0.2.3");
        events.drainTo(store);

        assertThat(stored()).isEmpty();
        assertThat(own.find(SecurityEvents.METER).counters()).isEmpty();
    }

    @Test
    void eventsAndSettingsAreValidated() {
        assertThatThrownBy(() -> SecurityEvent.builder(SecurityEventType.CUSTOM, clock.instant()).count(0).build())
                .hasMessageContaining("count");
        assertThatThrownBy(() -> SecurityEventSettings.builder().recordStatuses(java.util.Set.of(404)).build())
                .hasMessageContaining("monitor.security-events.record-statuses");
        assertThatThrownBy(() -> SecurityEventType.fromJson("brute_force")).hasMessageContaining("failed_login");
        SecurityEvent cut = SecurityEvent.builder(SecurityEventType.CUSTOM, clock.instant()).user("u".repeat(500))
                .ip("  ").build();
        assertThat(cut.user()).hasSize(SecurityEvent.MAX_USER);
        assertThat(cut.sourceIp()).isNull();
    }

    private static Map<String, Double> byType(List<MetricSample> samples) {
        return samples.stream().peek(sample -> assertThat(sample.name()).isEqualTo(SecurityEvents.METRIC))
                .collect(Collectors.toMap(sample -> sample.tags().get("type"), MetricSample::value));
    }
}
