package dev.vigil.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsHistoryTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final CountDownLatch release = new CountDownLatch(1);
    private final MetricsHistory history = new MetricsHistory(clock,
            MetricsSettings.builder().collectTimeout(Duration.ofMillis(200)).build(), executor, timer);

    @AfterEach
    void stop() {
        release.countDown();
        executor.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void collectorsRunEveryIntervalAndTheirSamplesAreStored() {
        AtomicInteger runs = new AtomicInteger();
        history.register("users", () -> List.of(MetricSample.of("users.total", 100 + runs.incrementAndGet())));

        history.collectIfDue().join();
        history.collectIfDue().join(); // not due again yet
        clock.advance(MetricsSettings.DEFAULT_COLLECT_INTERVAL);
        history.collectIfDue().join();

        assertThat(runs).hasValue(2);
        assertThat(history.store().latest("users.total", Map.of())).extracting(LatestValue::value).containsExactly(102.0);
        assertThat(history.latestByCollector()).containsKey("users");
    }

    @Test
    void throwingOrHangingCollectorIsSkippedWithoutTouchingOthers() {
        history.register("broken", () -> {
            throw new IllegalStateException("quota API down");
        });
        history.register("hangs", () -> {
            release.await();
            return List.of(MetricSample.of("never", 1));
        });
        history.register("fine", () -> List.of(MetricSample.of("videos.total", 439)));

        history.collectNow().join();

        assertThat(history.store().latest("videos.total", Map.of())).hasSize(1);
        assertThat(history.store().latest("never", Map.of())).isEmpty();
        assertThat(history.failingCollectors())
                .containsEntry("broken", "IllegalStateException: quota API down")
                .containsEntry("hangs", "timed out after 200ms");
    }

    @Test
    void collectNowWaitsForACollectionUnderWayAndHangingCollectorsAreNotRunTwice() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        history.register("slow", () -> {
            runs.incrementAndGet();
            started.countDown();
            proceed.await();
            return List.of(MetricSample.of("slow.value", 7));
        });

        CompletableFuture<Void> scheduled = history.collectNow();
        started.await();
        CompletableFuture<Void> explicit = history.collectNow(); // meets the one under way
        assertThat(explicit).isNotDone();
        proceed.countDown();
        explicit.join();

        assertThat(history.store().latest("slow.value", Map.of())).hasSize(1);
        assertThat(runs).as("the collector ran once for both").hasValue(1);
        assertThat(history.failingCollectors()).isEmpty();
        scheduled.join();

        history.register("hangs", () -> {
            while (release.getCount() > 0) { // ignores the interrupt its timeout sends, until the test ends
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // a collector that does not stop when told
                }
            }
            return List.of(MetricSample.of("never", 1));
        });
        history.collectNow().join(); // times out; its collector is still inside
        history.collectNow().join();
        assertThat(history.failingCollectors())
                .containsEntry("hangs", "still running: the previous collection has not returned");
    }

    @Test
    void recoveredCollectorLeavesTheFailingList() {
        AtomicInteger calls = new AtomicInteger();
        history.register("flaky", () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("first call fails");
            }
            return List.of(MetricSample.of("flaky.value", 1));
        });

        history.collectNow().join();
        assertThat(history.failingCollectors()).containsKey("flaky");
        history.collectNow().join();
        assertThat(history.failingCollectors()).isEmpty();
    }

    @Test
    void systemCollectorReportsRatiosBetweenZeroAndOne() throws Exception {
        SystemCollector system = new SystemCollector(java.nio.file.Path.of("."));
        system.collect();
        List<MetricSample> samples = system.collect();

        assertThat(samples).extracting(MetricSample::name)
                .contains("jvm.memory.heap.usage", "disk.usage", "process.uptime", "jvm.threads.live", "jvm.gc.count");
        assertThat(samples).filteredOn(s -> s.name().endsWith(".usage"))
                .allSatisfy(s -> assertThat(s.value()).isBetween(0.0, 1.0));
    }
}
