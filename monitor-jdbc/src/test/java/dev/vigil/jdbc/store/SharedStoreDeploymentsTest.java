package dev.vigil.jdbc.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import dev.vigil.Monitor;
import dev.vigil.deploy.Deployment;
import dev.vigil.deploy.DeploymentSettings;
import dev.vigil.security.event.SecurityEventQuery;
import dev.vigil.security.event.SecurityEventType;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Two instances of one release sharing an H2 store: one deployment listing both; security events reach the table. */
class SharedStoreDeploymentsTest {

    private final JdbcDataSource database = StoreTests.h2("shared-deployments-" + UUID.randomUUID());

    private Monitor instance(String id, String version) {
        return Monitor.builder()
                .instanceId(id)
                .version(version)
                .deploymentSettings(new DeploymentSettings(true, "c0ffee1", "production"))
                .store(JdbcMonitorStore.builder(database).build())
                .bindSystemMeters(false)
                .systemMetrics(false, Path.of("."))
                .build();
    }

    private static List<Deployment> awaitDeployments(Monitor monitor, int instances) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<Deployment> deployments = monitor.deployments().recent(null, 10);
            int seen = deployments.stream().mapToInt(deployment -> deployment.instances().size()).sum();
            if (seen >= instances) {
                return deployments;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + deployments + " within 60 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L); // poll every 10 ms until the deadline
        }
    }

    @Test
    void instancesOfOneVersionStartingTogetherAreOneDeployment() {
        try (Monitor first = instance("web-1", "5.0.0"); Monitor second = instance("web-2", "5.0.0")) {
            first.start();
            second.start();

            assertThat(awaitDeployments(first, 2)).singleElement().satisfies(deployment -> {
                assertThat(deployment.version()).isEqualTo("5.0.0");
                assertThat(deployment.commit()).isEqualTo("c0ffee1");
                assertThat(deployment.instances()).containsExactlyInAnyOrder("web-1", "web-2");
            });
        }
        try (Monitor next = instance("web-1", "5.1.0")) {
            next.start();
            List<Deployment> deployments = awaitDeployments(next, 3);
            assertThat(deployments).extracting(Deployment::version).containsExactly("5.1.0", "5.0.0");
            assertThat(next.deployments().latestBefore(deployments.get(0).time().minusNanos(1000)))
                    .map(Deployment::version).contains("5.0.0");
        }
    }

    @Test
    void securityEventsReachTheSharedTableThroughTheWriteBuffer() {
        try (Monitor monitor = instance("web-1", "5.0.0")) {
            monitor.start();
            monitor.security().failedLogin("admin", "203.0.113.66");

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (monitor.store().securityEvents().query(SecurityEventQuery.latest(10)).isEmpty()
                    && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L); // poll every 10 ms until the deadline
            }
            assertThat(JdbcMonitorStore.builder(database).build().securityEvents().query(SecurityEventQuery.latest(10)))
                    .singleElement().satisfies(event -> {
                        assertThat(event.type()).isEqualTo(SecurityEventType.FAILED_LOGIN);
                        assertThat(event.user()).isEqualTo("admin");
                        assertThat(event.instance()).isEqualTo("web-1");
                    });
        }
    }
}
