package dev.vigil.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthRegistryTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        executor.shutdownNow();
        timer.shutdownNow();
    }

    private HealthRegistry registry() {
        return registry(HealthSettings.ofDefaults());
    }

    private HealthRegistry registry(HealthSettings settings) {
        return new HealthRegistry(clock, System::nanoTime, settings, executor, timer, "1.2.3");
    }

    @Test
    void checkThatThrowsIsReportedDownWithItsMessage() {
        HealthRegistry registry = registry();
        registry.register(HealthCheckRegistration.of("db", () -> {
            throw new IllegalStateException("connection refused");
        }));

        registry.runDue().join();

        HealthResult result = registry.latest("db").orElseThrow();
        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo("IllegalStateException: connection refused");
        assertThat(result.errorText()).contains("IllegalStateException: connection refused");
        assertThat(result.checkedAt()).isEqualTo(clock.instant());
    }

    @Test
    void checkThatThrowsAnErrorDoesNotKillTheScheduler() {
        HealthRegistry registry = registry();
        registry.register(HealthCheckRegistration.of("broken", () -> {
            throw new StackOverflowError();
        }));
        registry.register(HealthCheckRegistration.of("fine", HealthResult::up));

        registry.runDue().join();
        clock.advance(HealthSettings.DEFAULT_INTERVAL);
        registry.runDue().join();

        assertThat(registry.history("broken")).extracting(HealthCheckRun::status)
                .containsExactly(HealthStatus.DOWN, HealthStatus.DOWN);
        assertThat(registry.history("fine")).hasSize(2);
    }

    @Test
    void checkReturningNullIsReportedDown() {
        HealthRegistry registry = registry();
        registry.register(HealthCheckRegistration.of("null", () -> null));

        registry.runDue().join();

        assertThat(registry.latest("null").orElseThrow().message()).isEqualTo("check returned no result");
    }

    @Test
    void hangingCheckTimesOutWithoutDelayingOtherChecks() {
        HealthRegistry registry = registry();
        registry.register(HealthCheckRegistration.builder("hangs", () -> {
            release.await();
            return HealthResult.up();
        }).timeout(Duration.ofMillis(200)).build());
        AtomicInteger fastRuns = new AtomicInteger();
        registry.register(HealthCheckRegistration.of("fast", () -> {
            fastRuns.incrementAndGet();
            return HealthResult.up();
        }));

        var all = registry.runDue();
        var fast = registry.runNow("fast").join();

        assertThat(fast.status()).isEqualTo(HealthStatus.UP);
        assertThat(all).isNotDone(); // the hung check is still within its timeout
        all.join();
        HealthResult hung = registry.latest("hangs").orElseThrow();
        assertThat(hung.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(hung.message()).isEqualTo("timed out after 200ms");
        assertThat(hung.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void checkThatIgnoresInterruptionIsNotStartedAgainWhileItHangs() throws Exception {
        HealthRegistry registry = registry();
        AtomicInteger starts = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        registry.register(HealthCheckRegistration.builder("stubborn", () -> {
            starts.incrementAndGet();
            while (true) {
                try {
                    if (never.await(60, TimeUnit.SECONDS)) {
                        return HealthResult.up();
                    }
                } catch (InterruptedException e) {
                    // swallowed: a badly written check that ignores interruption
                }
            }
        }).timeout(Duration.ofMillis(100)).interval(Duration.ofSeconds(10)).build());

        registry.runDue().join();
        clock.advance(Duration.ofSeconds(10));
        registry.runDue().join();

        assertThat(starts).hasValue(1);
        assertThat(registry.history("stubborn")).extracting(HealthCheckRun::message)
                .containsExactly("timed out after 100ms",
                        "still running: the previous run has not returned 100ms after it started");
        never.countDown();
    }

    @Test
    void checksRunAtStartThenOnlyWhenTheirIntervalHasPassed() {
        HealthRegistry registry = registry();
        AtomicInteger everyMinute = new AtomicInteger();
        AtomicInteger every10s = new AtomicInteger();
        registry.register(HealthCheckRegistration.of("default", () -> {
            everyMinute.incrementAndGet();
            return HealthResult.up();
        }));
        registry.register(HealthCheckRegistration.builder("often", () -> {
            every10s.incrementAndGet();
            return HealthResult.up();
        }).interval(Duration.ofSeconds(10)).build());

        registry.runDue().join();
        assertThat(everyMinute).hasValue(1);
        assertThat(every10s).hasValue(1);

        clock.advance(Duration.ofSeconds(9));
        registry.runDue().join();
        assertThat(every10s).hasValue(1);
        assertThat(registry.untilNextDue()).isEqualTo(Duration.ofSeconds(1));

        clock.advance(Duration.ofSeconds(1));
        registry.runDue().join();
        assertThat(every10s).hasValue(2);
        assertThat(everyMinute).hasValue(1);

        clock.advance(Duration.ofSeconds(50));
        registry.runDue().join();
        assertThat(everyMinute).hasValue(2);
        assertThat(every10s).hasValue(3);
    }

    @Test
    void reportReadsStoredResultsAndNeverRunsChecks() {
        HealthRegistry registry = registry();
        AtomicInteger runs = new AtomicInteger();
        registry.register(HealthCheckRegistration.of("db", () -> {
            runs.incrementAndGet();
            return HealthResult.up();
        }));
        registry.runDue().join();

        for (int i = 0; i < 100; i++) {
            registry.report();
        }

        assertThat(runs).hasValue(1);
    }

    @Test
    void checkNotRunYetIsReportedDegradedAndUnchecked() {
        HealthRegistry registry = registry();
        registry.register(HealthCheckRegistration.of("db", HealthResult::up));

        HealthReport report = registry.report();

        assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(report.checks().get(0).checked()).isFalse();
        assertThat(report.checks().get(0).result().message()).isEqualTo("not checked yet");
    }

    @Test
    void historyKeepsTheNewestRunsUpToItsSize() {
        HealthRegistry registry = registry(HealthSettings.builder().historySize(3).build());
        AtomicInteger n = new AtomicInteger();
        registry.register(HealthCheckRegistration.of("counter", () -> HealthResult.up("run " + n.incrementAndGet())));

        for (int i = 0; i < 5; i++) {
            registry.runDue().join();
            clock.advance(HealthSettings.DEFAULT_INTERVAL);
        }

        assertThat(registry.history("counter")).extracting(HealthCheckRun::message)
                .containsExactly("run 3", "run 4", "run 5");
    }

    @Test
    void reportCarriesVersionUptimeAndRegistrationOrder() {
        HealthRegistry registry = registry();
        registry.register(HealthCheckRegistration.of("b", HealthResult::up));
        registry.register(HealthCheckRegistration.builder("a", () -> HealthResult.down("gone")).critical(false).build());
        registry.runDue().join();
        clock.advance(Duration.ofSeconds(90));

        HealthReport report = registry.report();

        assertThat(report.version()).isEqualTo("1.2.3");
        assertThat(report.uptime()).isEqualTo(Duration.ofSeconds(90));
        assertThat(report.checks()).extracting(CheckHealth::name).containsExactly("b", "a");
        assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(report.overallName()).isEqualTo("degraded");
    }

    @Test
    void duplicateNamesAreRejected() {
        HealthRegistry registry = registry();
        registry.register(HealthCheckRegistration.of("db", HealthResult::up));

        assertThatThrownBy(() -> registry.register(HealthCheckRegistration.of("db", HealthResult::up)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'db' is already registered");
    }

    @Test
    void unregisteredCheckLeavesTheReport() {
        HealthRegistry registry = registry();
        registry.register(HealthCheckRegistration.of("db", () -> HealthResult.down("x")));
        registry.runDue().join();

        assertThat(registry.unregister("db")).isTrue();

        assertThat(registry.report().checks()).isEmpty();
        assertThat(registry.report().status()).isEqualTo(HealthStatus.UP);
        assertThat(registry.names()).isEqualTo(List.of());
    }
}
