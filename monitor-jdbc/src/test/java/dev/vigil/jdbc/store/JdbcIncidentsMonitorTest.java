package dev.vigil.jdbc.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import dev.vigil.Monitor;
import dev.vigil.incident.ErrorEvent;
import dev.vigil.incident.Incident;
import dev.vigil.incident.IncidentStatus;
import dev.vigil.incident.ReportOutcome;
import dev.vigil.security.Caller;
import dev.vigil.store.contract.TestClock;
import org.junit.jupiter.api.Test;

/** Incidents of monitors sharing the JDBC store: counts add up across instances and survive a restart. */
class JdbcIncidentsMonitorTest {

    private final TestClock clock = new TestClock();
    private final DataSource database = StoreTests.h2("incidents-" + System.nanoTime());

    private Monitor monitor(String instance) {
        return Monitor.builder().clock(clock).instanceId(instance).adminToken("unused").bindSystemMeters(false)
                .systemMetrics(false, Path.of(".")).store(JdbcMonitorStore.builder(database).clock(clock).build()).build();
    }

    private static ErrorEvent event(String message, TestClock clock) {
        return new ErrorEvent(message, "SQLException", "SQLException\n    at Orders.save (Orders.java:42)",
                Map.of("application", "shop"), null, null, null, clock.instant());
    }

    @Test
    void twoInstancesAddUpTheirCountsAndARestartKeepsTheIncidents() {
        Monitor one = monitor("one");
        Monitor two = monitor("two");
        one.start();
        two.start();
        String id;
        try {
            for (int i = 0; i < 30; i++) {
                one.incidents().report(event("Database connection failed after " + i + " ms", clock));
            }
            for (int i = 0; i < 20; i++) {
                two.incidents().report(event("Database connection failed after " + i + " ms", clock));
            }
            ReportOutcome last = two.incidents().report(event("Database connection failed after 1 ms", clock));
            id = last.incident().id();
        } finally {
            one.close();
            two.close(); // each writes what it saw to the store before it stops
        }

        Monitor restarted = monitor("three");
        restarted.start();
        try {
            Incident stored = restarted.store().incidents().find(id).orElseThrow();
            assertThat(stored.count()).isEqualTo(51);
            assertThat(stored.status()).isEqualTo(IncidentStatus.DETECTED);
            assertThat(restarted.store().incidents().events(id, 200)).hasSize(51);

            waitUntil(() -> { // the start reads the open incidents back on Vigil's thread; the critical one then alerts
                try {
                    return !restarted.incidents().alertRule().evaluate(null).isEmpty();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            ReportOutcome again = restarted.incidents().report(event("Database connection failed after 9 ms", clock));
            assertThat(again.created()).as("known after the restart").isFalse();
            assertThat(again.incident().count()).isEqualTo(52);

            restarted.incidents().resolve(id, Caller.person("alice"), "failover done");
            clock.advance(Duration.ofSeconds(1));
        } finally {
            restarted.close();
        }
        Monitor fourth = monitor("four");
        try {
            Incident resolved = fourth.store().incidents().find(id).orElseThrow();
            assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
            assertThat(resolved.count()).isEqualTo(52);
            assertThat(resolved.resolvedBy()).isEqualTo("alice");
        } finally {
            fourth.close();
        }
    }

    @Test
    void incidentsReportedWhileTheDatabaseIsAwayAreWrittenWhenItIsBack() {
        StoreTests.SwitchableDataSource switchable = new StoreTests.SwitchableDataSource(database, false);
        Monitor monitor = Monitor.builder().clock(clock).instanceId("alone").adminToken("unused").bindSystemMeters(false)
                .systemMetrics(false, Path.of(".")).store(JdbcMonitorStore.builder(switchable).build()).build();
        monitor.start();
        try {
            String id = null;
            for (int i = 0; i < 3; i++) {
                ReportOutcome outcome = monitor.incidents().report(event("Database connection failed after " + i + " ms", clock));
                assertThat(outcome.incident().count()).as("answered from memory").isEqualTo(i + 1);
                id = outcome.incident().id();
            }
            monitor.incidents().flush(); // into the store's buffer, whose writes fail while the database is away
            waitUntil(() -> !monitor.storeStatus().available() && monitor.storeStatus().buffered() > 0);

            switchable.up();

            String written = id;
            // the count and the events are separate writes of the buffer: wait for both
            waitUntil(() -> {
                try {
                    return monitor.store().incidents().find(written).map(Incident::count).orElse(0L) == 3
                            && monitor.store().incidents().events(written, 10).size() == 3;
                } catch (RuntimeException stillAway) {
                    return false;
                }
            });
            assertThat(monitor.store().incidents().find(written)).hasValueSatisfying(incident ->
                    assertThat(incident.count()).isEqualTo(3));
            assertThat(monitor.store().incidents().events(written, 10)).hasSize(3);
        } finally {
            monitor.close();
        }
    }

    /** Waits, at most 60 s, for a condition that Vigil's own thread makes true. */
    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
    }
}
