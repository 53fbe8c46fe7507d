package dev.vigil.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

class VigilSettingsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(VigilSettingsAutoConfiguration.class, VigilAutoConfiguration.class));

    private static UnknownSettingException unknown(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        assertThat(context.getStartupFailure()).isInstanceOf(UnknownSettingException.class);
        return (UnknownSettingException) context.getStartupFailure();
    }

    @Test
    void topLevelTypoFailsNamingTheNearestSetting() {
        runner.withPropertyValues("monitor.helth.interval=30s").run(context -> assertThat(unknown(context))
                .hasMessage("monitor.helth.interval is not a Vigil setting; did you mean monitor.health.interval?"
                        + " (\"monitor.helth.interval\" from property source \"test\")"));
    }

    @Test
    void typoInsideARuleOfTheRulesMap() {
        runner.withPropertyValues("monitor.alerts.rules.x.kind=threshold", "monitor.alerts.rules.x.metric=orders",
                "monitor.alerts.rules.x.treshold=5").run(context -> {
                    UnknownSettingException failure = unknown(context);
                    assertThat(failure.entries()).singleElement().satisfies(entry -> {
                        assertThat(entry.name()).isEqualTo("monitor.alerts.rules.x.treshold");
                        assertThat(entry.suggestion()).isEqualTo("monitor.alerts.rules.x.threshold");
                    });
                    assertThat(failure).hasMessageStartingWith("monitor.alerts.rules.x.treshold is not a Vigil setting;"
                            + " did you mean monitor.alerts.rules.x.threshold?");
                });
    }

    @Test
    void typoInASinkAndInChecksOfListsAndObjects() {
        runner.withPropertyValues("monitor.alerts.slack.webhok-url=https://hooks.example/x",
                "monitor.checks.http[0].name=portal", "monitor.checks.http[0].url=http://localhost/portal",
                "monitor.checks.http[0].tiemout=2s", "monitor.checks.disk.degraded-abov=0.5").run(context -> {
                    assertThat(unknown(context).entries())
                            .extracting(UnknownSettingException.Entry::name, UnknownSettingException.Entry::suggestion)
                            .containsExactlyInAnyOrder(
                                    org.assertj.core.groups.Tuple.tuple("monitor.alerts.slack.webhok-url",
                                            "monitor.alerts.slack.webhook-url"),
                                    org.assertj.core.groups.Tuple.tuple("monitor.checks.http[0].tiemout",
                                            "monitor.checks.http[0].timeout"),
                                    org.assertj.core.groups.Tuple.tuple("monitor.checks.disk.degraded-abov",
                                            "monitor.checks.disk.degraded-above"));
                });
    }

    @Test
    void typosInIncidentRulesNoticeAreasAndJobExpectations() {
        runner.withPropertyValues("monitor.incidents.rules.db.severty=high", "monitor.notices.areas.upload.pathz=/up",
                "monitor.jobs.expect.curation.max-ag=2h").run(context -> assertThat(unknown(context).entries())
                        .extracting(UnknownSettingException.Entry::suggestion)
                        .containsExactlyInAnyOrder("monitor.incidents.rules.db.severity",
                                "monitor.notices.areas.upload.paths", "monitor.jobs.expect.curation.max-age"));
    }

    @Test
    void aNameFarFromEverySettingListsTheSettingsOfItsLevel() {
        runner.withPropertyValues("monitor.health.zzzzzzzz=1").run(context -> {
            UnknownSettingException.Entry entry = unknown(context).entries().get(0);
            assertThat(entry.suggestion()).isNull();
            assertThat(entry.level()).isEqualTo("monitor.health");
            assertThat(entry.valid()).contains("interval", "timeout", "show-details", "path");
            assertThat(entry.describe()).startsWith("monitor.health.zzzzzzzz is not a Vigil setting; the settings under"
                    + " monitor.health are ");
        });
    }

    @Test
    void relaxedNamesAndFreeKeyMapsAreAccepted() {
        runner.withPropertyValues("monitor.health.showDetails=always", "monitor.checks.disk.degraded_above=0.5",
                "monitor.alerts.rules.orders-low.kind=threshold", "monitor.alerts.rules.orders-low.metric=orders",
                "monitor.alerts.rules.orders-low.threshold=1", "monitor.alerts.rules.orders-low.tags.route=/orders",
                "monitor.alerts.rules.orders-low.labels.team.name=payments", "monitor.alerts.rules.orders-low.for=1m",
                "monitor.checks.http[0].name=portal", "monitor.checks.http[0].url=http://localhost/portal",
                "monitor.checks.http[0].headers.X-Api-Key=k", "monitor.admin.tokens.grafana.token=t",
                "monitor.admin.tokens.grafana.roles[0]=read", "monitor.query.allowed-tables[0]=orders",
                "monitor.alerts.routes[0].match-labels.team=payments", "monitor.alerts.routes[0].sinks[0]=log",
                "monitor.dashboard.enabled=true", "monitor.notices.areas.upload.paths[0]=/up")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void anApplicationsOwnMonitorPropertiesAreSettingsToo() {
        runner.withUserConfiguration(OwnProperties.class).withPropertyValues("monitor.shop.orders-per-minute=5")
                .run(context -> assertThat(context).hasNotFailed());
        runner.withUserConfiguration(OwnProperties.class).withPropertyValues("monitor.shop.orders-per-minuet=5")
                .run(context -> assertThat(unknown(context).entries().get(0).suggestion())
                        .isEqualTo("monitor.shop.orders-per-minute"));
    }

    @Test
    void everyUnknownNameIsReportedAtOnce() {
        runner.withPropertyValues("monitor.helth.interval=30s", "monitor.metrics.colect-interval=10s")
                .run(context -> assertThat(unknown(context).getMessage().lines())
                        .hasSize(2)
                        .anySatisfy(line -> assertThat(line).contains("did you mean monitor.health.interval?"))
                        .anySatisfy(line -> assertThat(line).contains("did you mean monitor.metrics.collect-interval?")));
    }

    @Test
    void environmentVariablesAreNotChecked() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().replace(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("MONITOR_SOMETHING_ELSE", "x", "MONITOR_HEALTH_INTERVAL", "45s"))))
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void nothingIsCheckedWhenVigilIsOff() {
        runner.withPropertyValues("monitor.enabled=false", "monitor.helth.interval=30s")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void theDemoServiceConfigurationIsAccepted() throws IOException {
        Path yaml = Path.of("..", "examples", "demo-service", "src", "main", "resources", "application.yml");
        List<PropertySource<?>> documents = new YamlPropertySourceLoader().load("demo", new FileSystemResource(yaml));
        assertThat(documents).isNotEmpty();
        assertThat(documents.get(0).getProperty("monitor.alerts.rules.upload-errors.threshold")).isNotNull();
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(VigilSettingsAutoConfiguration.class))
                .withInitializer(context -> documents.forEach(context.getEnvironment().getPropertySources()::addLast))
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ShopProperties.class)
    static class OwnProperties {
    }

    @ConfigurationProperties("monitor.shop")
    static class ShopProperties {

        private int ordersPerMinute;

        public int getOrdersPerMinute() {
            return ordersPerMinute;
        }

        public void setOrdersPerMinute(int ordersPerMinute) {
            this.ordersPerMinute = ordersPerMinute;
        }
    }
}
