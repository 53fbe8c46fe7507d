package dev.vigil.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import dev.vigil.Monitor;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthStatus;
import dev.vigil.spring.actuator.ActuatorBridge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The Boot 4 Actuator bridge without a server: the vigil contributor, indicators imported, and their switches. */
class VigilActuatorAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class, VigilActuatorAutoConfiguration.class))
            .withPropertyValues("monitor.checks.memory.enabled=false")
            .withBean("redisHealthIndicator", HealthIndicator.class,
                    () -> () -> Health.outOfService().withDetail("host", "redis:6379").build())
            .withBean("diskSpaceHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
            .withBean("pingHealthContributor", HealthIndicator.class, () -> () -> Health.up().build())
            .withBean("searchHealthContributor", HealthContributor.class, () -> CompositeHealthContributor.fromMap(
                    java.util.Map.of("primary", (HealthIndicator) () -> Health.up().build(),
                            "replica", (HealthIndicator) () -> Health.down().build())));

    @Test
    void actuatorIndicatorsBecomeVigilChecksButNotThoseVigilCoversOrExcludes() {
        runner.run(context -> {
            Monitor monitor = context.getBean(Monitor.class);
            assertThat(monitor.health().names()).contains("disk", "actuator.redis", "actuator.search")
                    .doesNotContain("actuator.diskSpace", "actuator.ping", "actuator.vigil");
            HealthResult redis = monitor.health().runNow("actuator.redis").join();
            assertThat(redis.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(redis.details()).containsEntry("host", "redis:6379");
            assertThat(monitor.health().registration("actuator.redis").orElseThrow().critical()).isTrue();
            HealthResult search = monitor.health().runNow("actuator.search").join();
            assertThat(search.status()).as("the worst part of a composite").isEqualTo(HealthStatus.DOWN);
            assertThat(search.details()).containsKeys("primary", "replica");
        });
    }

    @Test
    void importIsSwitchedByProperties() {
        runner.withPropertyValues("monitor.actuator.indicators.critical=false",
                "monitor.actuator.indicators.exclude=redis").run(context -> {
                    Monitor monitor = context.getBean(Monitor.class);
                    assertThat(monitor.health().names()).contains("actuator.ping", "actuator.search")
                            .doesNotContain("actuator.redis");
                    assertThat(monitor.health().registration("actuator.search").orElseThrow().critical()).isFalse();
                });
        runner.withPropertyValues("monitor.actuator.indicators.enabled=false").run(context ->
                assertThat(context.getBean(Monitor.class).health().names()).noneMatch(name -> name.startsWith("actuator.")));
    }

    @Test
    void vigilContributorShowsVigilChecksFromTheirLatestResults() {
        runner.withBean("paymentsCheck", HealthCheckRegistration.class,
                () -> HealthCheckRegistration.builder("payments", () -> HealthResult.degraded("slow")).build())
                .run(context -> {
                    Monitor monitor = context.getBean(Monitor.class);
                    CompositeHealthContributor vigil = (CompositeHealthContributor) context
                            .getBean(ActuatorBridge.CONTRIBUTOR_BEAN, HealthContributor.class);
                    List<String> names = new ArrayList<>();
                    vigil.stream().map(HealthContributors.Entry::name).forEach(names::add);
                    assertThat(names).contains("disk", "payments").noneMatch(name -> name.startsWith("actuator."));

                    monitor.health().runNow("payments").join();
                    Health payments = ((HealthIndicator) vigil.getContributor("payments")).health(true);
                    assertThat(payments.getStatus()).as("degraded keeps taking traffic").isEqualTo(Status.UP);
                    assertThat(payments.getDetails()).containsEntry("status", "degraded").containsEntry("message", "slow");
                    assertThat(vigil.getContributor("actuator.redis")).isNull();
                });
    }

    @Test
    void contributorCanBeTurnedOff() {
        runner.withPropertyValues("monitor.actuator.contributor=false")
                .run(context -> assertThat(context).doesNotHaveBean(ActuatorBridge.CONTRIBUTOR_BEAN));
    }

    @Test
    void jvmMetersAreBoundOnlyWhenTheContextDoesNotBindThem() {
        runner.run(context -> assertThat(context.getBean(Monitor.class).meterRegistry().find("jvm.memory.used").gauges())
                .as("nobody else binds them: Vigil does").isNotEmpty());
        runner.withBean("jvmGcMetrics", JvmGcMetrics.class, JvmGcMetrics::new).run(context -> {
            assertThat(VigilAutoConfiguration.hostBindsJvmMeters(context.getBeanFactory())).isTrue();
            assertThat(context.getBean(Monitor.class).meterRegistry().find("jvm.memory.used").gauges())
                    .as("the context binds them (as Spring Boot's JvmMetricsAutoConfiguration does): Vigil does not").isEmpty();
        });
    }
}
