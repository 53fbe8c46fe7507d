package dev.vigil.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HealthReportTest {

    private static CheckHealth check(boolean critical, HealthResult result) {
        return new CheckHealth("c", critical, true, result);
    }

    @Test
    void noChecksMeansUp() {
        assertThat(HealthReport.aggregate(List.of())).isEqualTo(HealthStatus.UP);
    }

    @Test
    void allUpIsUp() {
        assertThat(HealthReport.aggregate(List.of(check(true, HealthResult.up()), check(false, HealthResult.up()))))
                .isEqualTo(HealthStatus.UP);
    }

    @Test
    void criticalDownIsDown() {
        assertThat(HealthReport.aggregate(List.of(check(true, HealthResult.down("x")), check(false, HealthResult.up()))))
                .isEqualTo(HealthStatus.DOWN);
    }

    @Test
    void nonCriticalDownIsOnlyDegraded() {
        assertThat(HealthReport.aggregate(List.of(check(false, HealthResult.down("x")), check(true, HealthResult.up()))))
                .isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void anyDegradedIsDegraded() {
        assertThat(HealthReport.aggregate(List.of(check(true, HealthResult.degraded("slow")), check(true, HealthResult.up()))))
                .isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void criticalDownWinsOverDegraded() {
        assertThat(HealthReport.aggregate(List.of(check(false, HealthResult.degraded("slow")),
                check(true, HealthResult.down("x")), check(false, HealthResult.down("y")))))
                .isEqualTo(HealthStatus.DOWN);
    }
}
