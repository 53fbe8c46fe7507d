package dev.vigil.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import dev.vigil.Monitor;
import dev.vigil.health.HealthStatus;
import dev.vigil.jobs.JobStatus;
import dev.vigil.metrics.MetricCollector;
import dev.vigil.metrics.MetricSample;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

class VigilMetricsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class, VigilSchedulingAutoConfiguration.class));

    @Test
    void metricCollectorBeansAreRegisteredUnderTheirBeanNames() {
        runner.withBean("users", MetricCollector.class, () -> () -> List.of(MetricSample.of("users.total", 97)))
                .run(context -> {
                    Monitor monitor = context.getBean(Monitor.class);
                    assertThat(monitor.metrics().collectorNames()).contains("system", "jobs", "users");
                    monitor.metrics().collectNow().join();
                    assertThat(monitor.metrics().store().latest("users.total", java.util.Map.of())).hasSize(1);
                });
    }

    @Test
    void theContextsMeterRegistryIsUsed() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        runner.withBean(MeterRegistry.class, () -> registry).run(context -> {
            Monitor monitor = context.getBean(Monitor.class);
            assertThat(monitor.meterRegistry()).isSameAs(registry);
            monitor.jobs().run("import", () -> { });
            assertThat(registry.get("jobs.run").tag("job.name", "import").timer().count()).isEqualTo(1);
        });
    }

    @Test
    void metricsPropertiesMapOntoSettings() {
        runner.withPropertyValues("monitor.metrics.collect-interval=15s", "monitor.metrics.retention=3d",
                "monitor.metrics.max-series=100", "monitor.metrics.system=false").run(context -> {
                    Monitor monitor = context.getBean(Monitor.class);
                    assertThat(monitor.metrics().settings().collectInterval()).isEqualTo(Duration.ofSeconds(15));
                    assertThat(monitor.metrics().settings().retention()).isEqualTo(Duration.ofDays(3));
                    assertThat(monitor.metrics().settings().maxSeries()).isEqualTo(100);
                    assertThat(monitor.metrics().collectorNames()).doesNotContain("system");
                });
    }

    @Test
    void jobExpectationsComeFromProperties() {
        runner.withPropertyValues("monitor.jobs.expect.curation.max-age=2h",
                "monitor.jobs.expect.curation.suggested-action=start_curation").run(context -> {
                    Monitor monitor = context.getBean(Monitor.class);
                    assertThat(monitor.health().names()).contains("job:curation");
                    var result = monitor.health().runNow("job:curation").join();
                    assertThat(result.status()).isEqualTo(HealthStatus.UP); // waiting for its first run
                });
    }

    @Test
    void expectationNeedsExactlyOneOfMaxAgeAndCron() {
        runner.withPropertyValues("monitor.jobs.expect.curation.suggested-action=start_curation").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("monitor.jobs.expect.curation needs exactly one of max-age or cron"));
    }

    @Test
    void scheduledMethodsAreRecordedAsJobs() {
        runner.withUserConfiguration(Ticker.class).run(context -> {
            Monitor monitor = context.getBean(Monitor.class);
            // ignoreExceptions: until the first tick the job is not known yet (orElseThrow throws)
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                JobStatus tick = monitor.jobs().status("ticker.tick").orElseThrow();
                assertThat(tick.totalRuns()).isGreaterThanOrEqualTo(2);
                JobStatus failing = monitor.jobs().status("ticker.fail").orElseThrow();
                assertThat(failing.totalFailures()).isGreaterThanOrEqualTo(1);
                assertThat(failing.lastRun().error()).contains("broken on purpose");
            });
        });
    }

    @Test
    void scheduledInstrumentationCanBeSwitchedOff() {
        runner.withUserConfiguration(Ticker.class).withPropertyValues("monitor.jobs.instrument-scheduled=false")
                .run(context -> {
                    Ticker ticker = context.getBean(Ticker.class);
                    await().atMost(Duration.ofSeconds(60)).until(() -> ticker.ticks >= 2);
                    assertThat(context.getBean(Monitor.class).jobs().jobs()).isEmpty();
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Ticker {
        volatile int ticks;

        @Scheduled(fixedRate = 50)
        void tick() {
            ticks++;
        }

        @Scheduled(fixedRate = 50)
        void fail() {
            throw new IllegalStateException("broken on purpose");
        }
    }
}
