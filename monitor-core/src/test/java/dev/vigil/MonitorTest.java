package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionResult;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertCondition;
import dev.vigil.alert.AlertRuleRegistration;
import dev.vigil.alert.AlertSettings;
import dev.vigil.alert.AlertState;
import dev.vigil.config.RuntimeConfig;
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

    @Test
    void switchingAutoFixOnRunsTheFixOfAnAlertAlreadyFiring() {
        AtomicInteger runs = new AtomicInteger();
        try (Monitor monitor = Monitor.builder()
                .alertSettings(AlertSettings.builder().evaluationInterval(Duration.ofMillis(50)).build())
                .alertRule(AlertRuleRegistration.builder("stalled",
                        context -> List.of(AlertCondition.of(Map.of(), 1, "curation stalled")))
                        .suggestedAction("restart").build())
                .action(ActionRegistration.builder("restart", context -> {
                    runs.incrementAndGet();
                    return ActionResult.succeeded("restarted");
                }).build())
                .build()) {
            monitor.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> firing(monitor, "stalled") != null);
            assertThat(runs).hasValue(0); // auto-fix is off by default

            monitor.runtimeConfig().set(RuntimeConfig.AUTO_FIX, true, "ops");

            Alert alert = firing(monitor, "stalled");
            await().atMost(Duration.ofSeconds(60)).until(() -> monitor.actions().autoFixOutcome(alert.id()).isPresent());
            assertThat(runs).hasValue(1);
            assertThat(monitor.actions().autoFixOutcome(alert.id()).orElseThrow().who()).isEqualTo("auto-fix:stalled");

        }
    }

    private static Alert firing(Monitor monitor, String rule) {
        return monitor.alerts().active().stream()
                .filter(alert -> alert.rule().equals(rule) && alert.state() == AlertState.FIRING)
                .findFirst().orElse(null);
    }
}
