package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthSettings;
import dev.vigil.health.HealthStatus;
import org.junit.jupiter.api.Test;

class MonitorTest {

    @Test
    void startRunsEveryCheckAtOnceAndThenOnSchedule() throws Exception {
        CountDownLatch threeRuns = new CountDownLatch(3);
        try (Monitor monitor = Monitor.builder()
                .healthCheck(HealthCheckRegistration.builder("tick", () -> {
                    threeRuns.countDown();
                    return HealthResult.up();
                }).interval(Duration.ofMillis(50)).build())
                .build()) {
            monitor.start();

            assertThat(threeRuns.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(monitor.health().latest("tick")).map(HealthResult::status).contains(HealthStatus.UP);
        }
    }

    @Test
    void closeStopsTheThreadsEvenWithAHungCheck() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Monitor monitor = Monitor.builder()
                .healthSettings(HealthSettings.builder().timeout(Duration.ofSeconds(30)).build())
                .healthCheck("hangs", () -> {
                    started.countDown();
                    new CountDownLatch(1).await();
                    return HealthResult.up();
                })
                .build();
        monitor.start();
        assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();

        monitor.close();

        // close() interrupts Vigil's threads; each ends once it has seen the interrupt, which on a busy
        // machine may be a moment later: wait for that, with a deadline.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("vigil-") && t.isAlive())
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().startsWith("vigil-") && t.isAlive());
    }
}
