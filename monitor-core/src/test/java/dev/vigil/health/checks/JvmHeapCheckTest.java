package dev.vigil.health.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.lang.management.MemoryUsage;
import java.util.List;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthStatus;
import dev.vigil.health.checks.JvmHeapCheck.HeapUsage;
import dev.vigil.health.checks.JvmHeapCheck.PoolUsage;
import org.junit.jupiter.api.Test;

class JvmHeapCheckTest {

    private static final long MB = 1024L * 1024;

    private static JvmHeapCheck.Builder withHeap(long usedBytes, long maxBytes) {
        return JvmHeapCheck.builder().heapSource(() -> new HeapUsage(usedBytes, maxBytes, true));
    }

    private static MemoryUsage heap(long used, long committed, long max) {
        return new MemoryUsage(0, used, committed, max);
    }

    private static MemoryUsage pool(long used) {
        return new MemoryUsage(0, used, used, -1);
    }

    @Test
    void defaultsAreDegradedAboveEightyPercentAndNeverDown() {
        JvmHeapCheck check = JvmHeapCheck.ofDefaults();

        assertThat(check.degradedAbove()).isEqualTo(0.80);
        assertThat(check.downAbove()).isEqualTo(1.0);
    }

    @Test
    void heapBelowDegradedThresholdIsUp() {
        HealthResult result = withHeap(512 * MB, 1024 * MB).build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.UP);
        assertThat(result.message()).isEqualTo("heap 50% used after GC (512 MB of 1 GB)");
    }

    @Test
    void heapAboveDegradedThresholdIsDegraded() {
        HealthResult result = withHeap(870 * MB, 1024 * MB).build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.message()).isEqualTo("heap 85% used after GC (870 MB of 1 GB), above 80%");
    }

    @Test
    void fullHeapIsOnlyDegradedByDefault() {
        assertThat(withHeap(1024 * MB, 1024 * MB).build().check().status()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void heapAboveConfiguredDownThresholdIsDown() {
        HealthResult result = withHeap(1000 * MB, 1024 * MB).downAbove(0.95).build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).endsWith("above 95%");
    }

    @Test
    void detailsCarrySizesRatioBasisAndThresholds() {
        HealthResult result = JvmHeapCheck.builder()
                .heapSource(() -> new HeapUsage(256 * MB, 1024 * MB, false))
                .build()
                .check();

        assertThat(result.message()).isEqualTo("heap 25% used now (256 MB of 1 GB)");
        assertThat(result.details()).containsExactly(
                entry("usedBytes", 256 * MB),
                entry("maxBytes", 1024 * MB),
                entry("usedRatio", 0.25),
                entry("basis", "current"),
                entry("degradedAbove", 0.80),
                entry("downAbove", 1.0));
    }

    @Test
    void measureSumsWhatEachPoolKeptAfterItsLastCollection() {
        MemoryUsage heap = heap(900 * MB, 1024 * MB, 2048 * MB);
        List<PoolUsage> pools = List.of(
                new PoolUsage(pool(600 * MB), pool(0)),         // eden: garbage before GC
                new PoolUsage(pool(50 * MB), pool(20 * MB)),    // survivor
                new PoolUsage(pool(250 * MB), pool(200 * MB))); // old gen

        HeapUsage usage = JvmHeapCheck.measure(heap, pools);

        assertThat(usage).isEqualTo(new HeapUsage(220 * MB, 2048 * MB, true));
    }

    @Test
    void measureCountsPoolsWithoutCollectionUsageAtTheirCurrentUsage() {
        MemoryUsage heap = heap(300 * MB, 1024 * MB, 1024 * MB);
        List<PoolUsage> pools = List.of(
                new PoolUsage(pool(100 * MB), pool(10 * MB)),
                new PoolUsage(pool(40 * MB), null));

        assertThat(JvmHeapCheck.measure(heap, pools)).isEqualTo(new HeapUsage(50 * MB, 1024 * MB, true));
    }

    @Test
    void measureFallsBackToCurrentUsageWhenNoPoolReportsCollectionUsage() {
        MemoryUsage heap = heap(300 * MB, 512 * MB, 1024 * MB);
        List<PoolUsage> pools = List.of(new PoolUsage(pool(300 * MB), null));

        assertThat(JvmHeapCheck.measure(heap, pools)).isEqualTo(new HeapUsage(300 * MB, 1024 * MB, false));
    }

    @Test
    void measureUsesCommittedSizeWhenHeapHasNoMaximum() {
        MemoryUsage heap = heap(300 * MB, 512 * MB, -1);

        assertThat(JvmHeapCheck.measure(heap, List.of())).isEqualTo(new HeapUsage(300 * MB, 512 * MB, false));
    }

    @Test
    void runningJvmReportsPlausibleNumbers() {
        HealthResult result = JvmHeapCheck.ofDefaults().check();

        long usedBytes = (Long) result.details().get("usedBytes");
        long maxBytes = (Long) result.details().get("maxBytes");
        assertThat(maxBytes).isPositive();
        assertThat(usedBytes).isBetween(0L, maxBytes);
        assertThat((Double) result.details().get("usedRatio")).isBetween(0.0, 1.0);
        assertThat(result.details().get("basis")).isIn("after-gc", "current");
        assertThat(result.status()).isNotEqualTo(HealthStatus.DOWN);
    }

    @Test
    void builderRejectsThresholdsNamingTheSetting() {
        assertThatThrownBy(() -> JvmHeapCheck.builder().degradedAbove(-0.1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monitor.checks.memory.degraded-above");
        assertThatThrownBy(() -> JvmHeapCheck.builder().downAbove(0.5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monitor.checks.memory.down-above");
    }
}
