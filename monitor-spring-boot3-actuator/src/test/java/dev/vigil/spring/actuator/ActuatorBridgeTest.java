package dev.vigil.spring.actuator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import dev.vigil.Monitor;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthStatus;
import org.junit.jupiter.api.Test;

/** The Boot-neutral rules of the Actuator bridge: names, what is imported, and how statuses map both ways. */
class ActuatorBridgeTest {

    private final ActuatorSettings defaults = ActuatorSettings.ofDefaults();

    @Test
    void beanNamesLoseTheirHealthSuffixAsActuatorNamesThem() {
        assertThat(ActuatorBridge.actuatorName("dbHealthContributor")).isEqualTo("db");
        assertThat(ActuatorBridge.actuatorName("diskSpaceHealthIndicator")).isEqualTo("diskSpace");
        assertThat(ActuatorBridge.actuatorName("paymentsHEALTHINDICATOR")).isEqualTo("payments");
        assertThat(ActuatorBridge.actuatorName("redis")).isEqualTo("redis");
        assertThat(ActuatorBridge.actuatorName("HealthIndicator")).isEqualTo("HealthIndicator");
    }

    @Test
    void vigilItselfCoveredIndicatorsExcludedOnesAndRepeatsAreNotImported() {
        Set<String> vigilChecks = Set.of("database", "disk", "actuator.redis");
        assertThat(ActuatorBridge.imports("vigil", vigilChecks, defaults)).isFalse();
        assertThat(ActuatorBridge.imports("db", vigilChecks, defaults)).isFalse();
        assertThat(ActuatorBridge.imports("diskSpace", vigilChecks, defaults)).isFalse();
        assertThat(ActuatorBridge.imports("ping", vigilChecks, defaults)).isFalse();
        assertThat(ActuatorBridge.imports("readinessState", vigilChecks, defaults)).isFalse();
        assertThat(ActuatorBridge.imports("redis", vigilChecks, defaults)).as("already imported").isFalse();
        assertThat(ActuatorBridge.imports("mail", vigilChecks, defaults)).isTrue();
        assertThat(ActuatorBridge.imports("db", Set.of("disk"), defaults))
                .as("without Vigil's database check, Actuator's db is the only one: imported").isTrue();
        ActuatorSettings excludingMail = new ActuatorSettings(true, true, false, Set.of("mail"));
        assertThat(ActuatorBridge.imports("mail", vigilChecks, excludingMail)).isFalse();
        assertThat(ActuatorBridge.imports("ping", vigilChecks, excludingMail)).as("the list replaces the defaults").isTrue();
        assertThat(ActuatorBridge.registration("mail", HealthResult::up, excludingMail).critical()).isFalse();
        assertThat(ActuatorBridge.registration("mail", HealthResult::up, defaults).name()).isEqualTo("actuator.mail");
    }

    @Test
    void actuatorStatusesBecomeVigilResultsWithPlainDetails() {
        HealthResult down = ActuatorBridge.result("OUT_OF_SERVICE", Map.of("host", "redis:6379", "error", new IllegalStateException("x")));
        assertThat(down.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(down.details()).containsEntry("host", "redis:6379").containsEntry("error", "java.lang.IllegalStateException: x");
        assertThat(ActuatorBridge.result("UP", Map.of()).status()).isEqualTo(HealthStatus.UP);
        assertThat(ActuatorBridge.result("UNKNOWN", Map.of()).status()).isEqualTo(HealthStatus.DEGRADED);

        ActuatorBridge.Reading composite = ActuatorBridge.combine(Map.of(
                "primary", new ActuatorBridge.Reading("UP", Map.of()),
                "replica", new ActuatorBridge.Reading("DOWN", Map.of("error", "refused"))));
        assertThat(composite.code()).isEqualTo("DOWN");
        assertThat(composite.details()).containsKeys("primary", "replica");
    }

    @Test
    void componentsMapVigilContributionsAndLeaveImportedChecksToActuator() {
        try (Monitor monitor = Monitor.builder()
                .bindSystemMeters(false)
                .healthCheck(HealthCheckRegistration.builder("cache", () -> HealthResult.down("refused")).critical(false).build())
                .healthCheck(HealthCheckRegistration.builder("database", () -> HealthResult.down("refused")).build())
                .healthCheck(HealthCheckRegistration.builder("search", () -> HealthResult.degraded("slow")).build())
                .healthCheck("actuator.redis", HealthResult::up)
                .build()) {
            assertThat(ActuatorBridge.componentNames(monitor)).containsExactly("cache", "database", "search");
            assertThat(ActuatorBridge.component(monitor, "actuator.redis")).isEmpty();
            assertThat(ActuatorBridge.component(monitor, "database").orElseThrow().details())
                    .containsEntry("status", "unknown");

            for (String name : ActuatorBridge.componentNames(monitor)) {
                monitor.health().runNow(name).join();
            }
            ActuatorBridge.Component cache = ActuatorBridge.component(monitor, "cache").orElseThrow();
            assertThat(cache.up()).as("a non-critical DOWN only degrades the service").isTrue();
            assertThat(cache.details()).containsEntry("status", "down").containsEntry("critical", false);
            assertThat(ActuatorBridge.component(monitor, "database").orElseThrow().up()).isFalse();
            ActuatorBridge.Component search = ActuatorBridge.component(monitor, "search").orElseThrow();
            assertThat(search.up()).isTrue();
            assertThat(search.details()).containsEntry("status", "degraded").containsEntry("message", "slow");
            assertThat(ActuatorBridge.component(monitor, "missing")).isEmpty();
        }
    }
}
