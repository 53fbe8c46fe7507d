package dev.vigil.briefing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import dev.vigil.Monitor;
import dev.vigil.deploy.Deployment;
import dev.vigil.deploy.DeploymentSource;
import dev.vigil.incident.Incident;
import dev.vigil.security.Caller;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The briefing with no sources given reads the monitor's own incidents and the store's deployments, and a new
 * incident names the deployment just before it as its suspect.
 */
class BriefingOfIncidentsAndDeploymentsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final Instant DAY_START = DAY.atStartOfDay(ZoneOffset.UTC).toInstant();

    private final MutableClock clock = new MutableClock(DAY_START.plus(Duration.ofHours(10)));
    private final Monitor monitor = Monitor.builder()
            .clock(clock)
            .version("2.0.1")
            .instanceId("node-1")
            .bindSystemMeters(false)
            .systemMetrics(false, Path.of("."))
            .defaultAlertRules(false, Map.of())
            .briefingSettings(BriefingSettings.builder().zone(ZoneOffset.UTC).build())
            .build();

    @AfterEach
    void close() {
        monitor.close();
    }

    @Test
    void briefingOfADayListsItsIncidentsAndDeploymentsAndIncidentsNameTheirSuspect() {
        monitor.start();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !monitor.deployments().between(DAY_START, DAY_START.plus(Duration.ofDays(1))).isEmpty());
        Deployment started = monitor.deployments().recent(null, 10).get(0);
        assertThat(started.version()).isEqualTo("2.0.1");
        assertThat(started.source()).isEqualTo(DeploymentSource.STARTUP);

        clock.advance(Duration.ofMinutes(5));
        AtomicInteger attempt = new AtomicInteger();
        AtomicReference<Incident> suspected = new AtomicReference<>();
        // the monitor reads recent deployments on its own thread: a new incident names the suspect once it has
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Incident incident = monitor.incidents().report(new IllegalStateException("upload failed: bucket "
                    + "x".repeat(attempt.incrementAndGet()) + " gone"), Map.of("application", "media")).incident();
            suspected.set(incident);
            return incident.suspectDeployment() != null;
        });
        assertThat(suspected.get().suspectDeployment()).isEqualTo("2.0.1 (" + started.id() + ")");

        Incident other = monitor.incidents().report(new IllegalArgumentException("bad page size"), Map.of()).incident();
        monitor.incidents().resolve(other.id(), Caller.person("ops"), "fixed the pager");
        clock.set(DAY_START.plus(Duration.ofDays(1)).plus(Duration.ofHours(8)));
        monitor.incidents().report(new IllegalStateException("tomorrow's error"), Map.of());

        Briefing briefing = monitor.briefings().build(DAY);

        assertThat(briefing.deployments()).singleElement().satisfies(deployment -> {
            assertThat(deployment.version()).isEqualTo("2.0.1");
            assertThat(deployment.at()).isEqualTo(started.time());
        });
        // each attempt above was a new incident of the day, and all are still open; "bad page size" was resolved
        assertThat(briefing.incidents().opened()).isEqualTo(attempt.get() + 1);
        assertThat(briefing.incidents().resolved()).isEqualTo(1);
        assertThat(briefing.incidents().open()).isEqualTo(attempt.get());
        assertThat(briefing.incidents().items()).extracting(IncidentDigest.Item::title)
                .contains("bad page size")
                .noneMatch(title -> title.contains("tomorrow"));
        assertThat(BriefingText.render(briefing)).contains("2.0.1").contains("bad page size");
    }
}
