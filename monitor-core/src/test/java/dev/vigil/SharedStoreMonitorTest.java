package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import dev.vigil.alert.AlertSettings;
import dev.vigil.config.RuntimeConfig;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthStatus;
import dev.vigil.store.MemoryMonitorStore;
import dev.vigil.store.MonitorStore;
import dev.vigil.test.ForwardingMonitorStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two monitors (instances of one service) on one shared store, with real threads. */
class SharedStoreMonitorTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final Shared store = new Shared(new MemoryMonitorStore(Clock.systemUTC()));
    private final Map<String, AtomicInteger> runsByInstance = new ConcurrentHashMap<>();
    private Monitor a;
    private Monitor b;

    private Monitor instance(String id) {
        return Monitor.builder()
                .instanceId(id)
                .store(store)
                .systemMetrics(false, java.nio.file.Path.of("."))
                .bindSystemMeters(false)
                .defaultAlertRules(false, Map.of())
                .alertSettings(AlertSettings.builder().evaluationInterval(Duration.ofMillis(200)).build())
                .healthCheck(HealthCheckRegistration.builder("payments-api", () -> {
                    runsByInstance.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
                    return HealthResult.degraded("slow answers from " + id);
                }).interval(Duration.ofMillis(100)).singleton(true).build())
                .build();
    }

    @AfterEach
    void close() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    void singletonCheckRunsOnOneInstanceAndTheOtherShowsItsResult() {
        a = instance("a");
        a.start();
        await().atMost(DEADLINE).until(() -> runsByInstance.containsKey("a"));
        b = instance("b");
        b.start();

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(b.health().latest("payments-api"))
                .hasValueSatisfying(result -> assertThat(result.message()).isEqualTo("slow answers from a")));
        int before = runsByInstance.get("a").get();
        await().atMost(DEADLINE).until(() -> runsByInstance.get("a").get() >= before + 5);
        assertThat(runsByInstance).doesNotContainKey("b");
        assertThat(b.health().latest("payments-api").orElseThrow().status()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void singletonCheckMovesToAnotherInstanceWhenItsHolderStops() {
        a = instance("a");
        a.start();
        await().atMost(DEADLINE).until(() -> runsByInstance.containsKey("a"));
        b = instance("b");
        b.start();
        a.close();

        assertThat(store.leases().holder("check:payments-api").map(lease -> lease.owner())).as("given up on close")
                .isNotEqualTo(java.util.Optional.of("a"));
        await().atMost(DEADLINE).until(() -> runsByInstance.containsKey("b"));
        assertThat(store.leases().holder("check:payments-api")).hasValueSatisfying(lease ->
                assertThat(lease.owner()).isEqualTo("b"));
    }

    @Test
    void runtimeSwitchFlippedOnOneInstanceAppliesOnTheOther() {
        a = instance("a");
        b = instance("b");
        a.start();
        b.start();

        a.runtimeConfig().set(RuntimeConfig.KILL_SWITCH, true, "alice");

        await().atMost(DEADLINE).until(() -> b.runtimeConfig().get(RuntimeConfig.KILL_SWITCH));
    }

    @Test
    void checkRunsOfEveryInstanceAreStoredWithTheInstanceId() {
        a = instance("a");
        a.start();

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(store.checkRuns().recent("payments-api", 10))
                .isNotEmpty().allSatisfy(run -> assertThat(run.instance()).isEqualTo("a")));
        assertThat(a.storeStatus().available()).isTrue();
    }

    /** The memory store, declared shared, as a database would be. */
    private static final class Shared extends ForwardingMonitorStore {
        Shared(MonitorStore memory) {
            super(memory);
        }

        @Override
        public boolean shared() {
            return true;
        }
    }
}
