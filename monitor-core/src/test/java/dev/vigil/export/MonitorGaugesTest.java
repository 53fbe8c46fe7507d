package dev.vigil.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import dev.vigil.Monitor;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthResult;
import dev.vigil.metrics.MetricSample;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Vigil's health, alerts and the host's collector samples as gauges in the host's registry. */
class MonitorGaugesTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Monitor monitor;

    @AfterEach
    void close() {
        if (monitor != null) {
            monitor.close();
        }
    }

    private double gauge(String name, String... tags) {
        Gauge gauge = registry.find(name).tags(tags).gauge();
        return gauge == null ? -1 : gauge.value();
    }

    @Test
    void checksOverallStatusAlertsAndBusinessSamplesAreGauges() {
        AtomicReference<HealthResult> payments = new AtomicReference<>(HealthResult.degraded("slow"));
        monitor = Monitor.builder()
                .meterRegistry(registry)
                .systemMetrics(false, java.nio.file.Path.of("."))
                .bindSystemMeters(false)
                .healthCheck(HealthCheckRegistration.builder("payments", payments::get).build())
                .healthCheck("cache", HealthResult::up)
                .metricCollector("orders", () -> List.of(MetricSample.of("orders.open", 7, "region", "eu")))
                .build();
        monitor.start();

        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(gauge(MonitorGauges.HEALTH_STATUS, "check", "payments")).isEqualTo(0.5);
            assertThat(gauge(MonitorGauges.HEALTH_STATUS, "check", "cache")).isEqualTo(1.0);
            assertThat(gauge(MonitorGauges.HEALTH_OVERALL)).isEqualTo(0.5);
            assertThat(gauge("vigil.business.orders.open", "collector", "orders", "region", "eu")).isEqualTo(7.0);
        });
        assertThat(registry.find(MonitorGauges.ALERTS_ACTIVE).gauges()).hasSize(6);
        assertThat(gauge(MonitorGauges.ALERTS_ACTIVE, "severity", "critical", "state", "firing")).isZero();
        assertThat(registry.find("vigil.business.jobs.active").gauges()).as("Vigil's own collectors are not business")
                .isEmpty();

        payments.set(HealthResult.down("refused"));
        monitor.health().runNow("payments").join();
        assertThat(gauge(MonitorGauges.HEALTH_STATUS, "check", "payments")).isZero();
    }

    @Test
    void checksRegisteredAfterBuildGetTheirGaugeAndBusinessSeriesAreCapped() {
        monitor = Monitor.builder()
                .meterRegistry(registry)
                .systemMetrics(false, java.nio.file.Path.of("."))
                .bindSystemMeters(false)
                .exportGauges(true, 1)
                .metricCollector("signups", () -> List.of(MetricSample.of("signups.today", 3, "plan", "free"),
                        MetricSample.of("signups.today", 1, "plan", "pro")))
                .build();
        monitor.health().register(HealthCheckRegistration.of("late", HealthResult::up));
        monitor.start();

        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(gauge(MonitorGauges.HEALTH_STATUS, "check", "late")).isEqualTo(1.0);
            assertThat(registry.find("vigil.business.signups.today").gauges()).hasSize(1);
        });
    }

    @Test
    void nothingIsExportedWhenTurnedOff() {
        monitor = Monitor.builder()
                .meterRegistry(registry)
                .bindSystemMeters(false)
                .exportGauges(false, 0)
                .healthCheck("cache", HealthResult::up)
                .build();
        monitor.start();
        await().atMost(DEADLINE).until(() -> monitor.health().latest("cache").isPresent());

        assertThat(registry.getMeters()).noneMatch(meter -> meter.getId().getName().startsWith("vigil.health")
                || meter.getId().getName().startsWith("vigil.alerts") || meter.getId().getName().startsWith("vigil.business"));
    }
}
