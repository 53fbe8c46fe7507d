package dev.vigil.jdbc.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import dev.vigil.Monitor;
import dev.vigil.alert.Notification;
import dev.vigil.briefing.BriefingSettings;
import dev.vigil.briefing.StoredBriefing;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two instances sharing one H2 store make one briefing per day between them, delivered once. */
class SharedBriefingTest {

    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-15T07:59:00Z"));
    private final String prefix = "brief" + PREFIXES.incrementAndGet() + "_";
    private final List<Monitor> monitors = new ArrayList<>();
    private final List<Notification> delivered = new ArrayList<>();

    @AfterEach
    void close() {
        monitors.forEach(Monitor::close);
    }

    private Monitor instance(String id) {
        Monitor monitor = Monitor.builder()
                .clock(clock)
                .instanceId(id)
                .bindSystemMeters(false)
                .systemMetrics(false, Path.of("."))
                .defaultAlertRules(false, Map.of())
                .store(JdbcMonitorStore.builder(StoreTests.h2("shared-briefing")).tablePrefix(prefix).build())
                .alertSink("chat", batch -> {
                    synchronized (delivered) {
                        delivered.addAll(batch);
                    }
                })
                .briefingSettings(BriefingSettings.builder().zone(ZoneOffset.UTC).deliverTo(List.of("chat")).build())
                .build();
        monitors.add(monitor);
        return monitor;
    }

    @Test
    void twoInstancesStoreAndDeliverOneBriefingPerDay() {
        Monitor a = instance("a");
        Monitor b = instance("b");
        a.start();
        b.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> a.briefings().stored(DAY.minusDays(1)).isPresent());
        assertThat(a.briefings().stored(DAY)).as("not before 08:00").isEmpty();

        clock.set(Instant.parse("2026-03-15T08:00:00Z"));

        await().atMost(Duration.ofSeconds(60)).until(() -> a.briefings().stored(DAY).isPresent());
        StoredBriefing stored = a.briefings().stored(DAY).orElseThrow();
        assertThat(b.briefings().stored(DAY)).contains(stored);
        assertThat(stored.generatedAt()).isEqualTo(clock.instant());
        assertThat(stored.instance()).isIn("a", "b");
        await().atMost(Duration.ofSeconds(60)).until(() -> briefingsDelivered().contains(DAY.toString()));
        clock.advance(Duration.ofMinutes(5)); // both instances tick again; neither makes the day twice
        a.dispatcher().deliverDue();
        b.dispatcher().deliverDue();
        assertThat(briefingsDelivered()).containsExactlyInAnyOrder(DAY.minusDays(1).toString(), DAY.toString());
    }

    private List<String> briefingsDelivered() {
        synchronized (delivered) {
            return delivered.stream().filter(n -> n.kind() == Notification.Kind.BRIEFING)
                    .map(n -> n.alert().labels().get("date")).toList();
        }
    }
}
