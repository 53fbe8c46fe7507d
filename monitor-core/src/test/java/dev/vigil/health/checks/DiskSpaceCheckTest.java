package dev.vigil.health.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthStatus;
import dev.vigil.health.checks.DiskSpaceCheck.Space;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSpaceCheckTest {

    private static final long GB = 1024L * 1024 * 1024;

    private static DiskSpaceCheck.Builder withSpace(long totalBytes, long usableBytes) {
        return DiskSpaceCheck.builder().spaceSource(path -> new Space(totalBytes, usableBytes));
    }

    @Test
    void defaultsCheckTheWorkingDirectoryAtEightyAndNinetyPercent() {
        DiskSpaceCheck check = DiskSpaceCheck.ofDefaults();

        assertThat(check.path()).isEqualTo(Path.of("."));
        assertThat(check.degradedAbove()).isEqualTo(0.80);
        assertThat(check.downAbove()).isEqualTo(0.90);
    }

    @Test
    void diskBelowDegradedThresholdIsUp() {
        HealthResult result = withSpace(100 * GB, 58 * GB).build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.UP);
        assertThat(result.message()).isEqualTo("disk 42% used (58 GB free of 100 GB)");
    }

    @Test
    void diskExactlyAtDegradedThresholdIsStillUp() {
        assertThat(withSpace(100 * GB, 20 * GB).build().check().status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void diskAboveDegradedThresholdIsDegraded() {
        HealthResult result = withSpace(100 * GB, 15 * GB).build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.message()).isEqualTo("disk 85% used (15 GB free of 100 GB), above 80%");
    }

    @Test
    void diskAboveDownThresholdIsDownWithTheMessageAsProblem() {
        HealthResult result = withSpace(100 * GB, (long) (6.9 * GB)).build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo("disk 93.1% used (6.9 GB free of 100 GB), above 90%");
        assertThat(result.problem()).contains(result.message());
    }

    @Test
    void configuredThresholdsApply() {
        DiskSpaceCheck check = withSpace(100 * GB, 15 * GB).degradedAbove(0.5).downAbove(0.8).build();

        HealthResult result = check.check();

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).endsWith("above 80%");
    }

    @Test
    void detailsCarryPathSizesRatioAndThresholds(@TempDir Path dir) {
        HealthResult result = withSpace(100 * GB, 25 * GB).path(dir).build().check();

        assertThat(result.details()).containsExactly(
                entry("path", dir.toAbsolutePath().normalize().toString()),
                entry("totalBytes", 100 * GB),
                entry("freeBytes", 25 * GB),
                entry("usedRatio", 0.75),
                entry("degradedAbove", 0.80),
                entry("downAbove", 0.90));
    }

    @Test
    void fileStoreReportingNoSizeIsDown() {
        HealthResult result = withSpace(0, 0).build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).contains("reports a size of 0 bytes");
    }

    @Test
    void missingPathIsDownNamingThePath(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-dir");

        HealthResult result = DiskSpaceCheck.builder().path(missing).build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).startsWith("NoSuchFileException").contains("no-such-dir");
        assertThat(result.details()).containsEntry("path", missing.toString());
    }

    @Test
    void realFileSystemReportsPlausibleNumbers(@TempDir Path dir) {
        HealthResult result = DiskSpaceCheck.builder().path(dir).build().check();

        long total = (Long) result.details().get("totalBytes");
        long free = (Long) result.details().get("freeBytes");
        double ratio = (Double) result.details().get("usedRatio");
        assertThat(total).isPositive();
        assertThat(free).isBetween(0L, total);
        assertThat(ratio).isBetween(0.0, 1.0);
        assertThat(result.details()).containsEntry("path", dir.toAbsolutePath().normalize().toString());
        assertThat(result.message()).matches("disk [0-9.]+% used \\([0-9.]+ [KMGTPE]?B free of [0-9.]+ [KMGTPE]?B\\).*");
    }

    @Test
    void builderRejectsDegradedThresholdOutsideZeroToOne() {
        assertThatThrownBy(() -> DiskSpaceCheck.builder().degradedAbove(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monitor.checks.disk.degraded-above");
        assertThatThrownBy(() -> DiskSpaceCheck.builder().degradedAbove(Double.NaN).build())
                .hasMessageContaining("monitor.checks.disk.degraded-above");
    }

    @Test
    void builderRejectsDownThresholdAboveOne() {
        assertThatThrownBy(() -> DiskSpaceCheck.builder().downAbove(1.5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monitor.checks.disk.down-above");
    }

    @Test
    void builderRejectsDownThresholdBelowDegradedThreshold() {
        assertThatThrownBy(() -> DiskSpaceCheck.builder().degradedAbove(0.9).downAbove(0.8).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("monitor.checks.disk.down-above (0.8) must not be below monitor.checks.disk.degraded-above (0.9)");
    }
}
