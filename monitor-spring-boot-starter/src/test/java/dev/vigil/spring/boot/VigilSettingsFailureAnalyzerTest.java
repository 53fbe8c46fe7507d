package dev.vigil.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import dev.vigil.settings.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

@ExtendWith(OutputCaptureExtension.class)
class VigilSettingsFailureAnalyzerTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(VigilSettingsAutoConfiguration.class, VigilAutoConfiguration.class));

    /** The environment a failed context had: the same properties, in a source named like the runner's. */
    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    private static Throwable startupFailure(ApplicationContextRunner runner, String... properties) {
        Throwable[] failure = new Throwable[1];
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            failure[0] = context.getStartupFailure();
        });
        return failure[0];
    }

    @Test
    void zeroIntervalIsReportedWithItsValueAndWhatIsAllowed() {
        Throwable failure = startupFailure(runner, "monitor.health.interval=0s");
        assertThat(failure).hasRootCauseInstanceOf(InvalidSettingException.class);

        FailureAnalysis analysis = new InvalidSettingFailureAnalyzer(environment(Map.of("monitor.health.interval", "0s")))
                .analyze(failure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).startsWith("Vigil setting monitor.health.interval must be positive, was PT0S.")
                .contains("Value: 0s").contains("Origin: \"monitor.health.interval\" from property source \"test\"");
        assertThat(analysis.getAction()).isEqualTo("Update monitor.health.interval in your configuration: it must be"
                + " positive (a duration such as 500ms, 30s, 5m or 1h).");
    }

    @Test
    void aRuleWithoutItsThresholdIsReportedFromTheStartersMessage() {
        Throwable failure = startupFailure(runner, "monitor.alerts.rules.orders.kind=threshold",
                "monitor.alerts.rules.orders.metric=orders");

        FailureAnalysis analysis = new InvalidSettingFailureAnalyzer(environment(Map.of())).analyze(failure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .isEqualTo("Vigil setting monitor.alerts.rules.orders.threshold is required for kind threshold.");
        assertThat(analysis.getAction())
                .isEqualTo("Update monitor.alerts.rules.orders.threshold in your configuration: it is required for kind threshold.");
    }

    @Test
    void mapKeysKeepTheirCaseInTheReportedSetting() {
        FailureAnalysis analysis = new InvalidSettingFailureAnalyzer(environment(Map.of())).analyze(new IllegalStateException(
                "context failed", new IllegalArgumentException("monitor.alerts.rules.OrdersLow.threshold is required for kind threshold")));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .isEqualTo("Vigil setting monitor.alerts.rules.OrdersLow.threshold is required for kind threshold.");
    }

    @Test
    void aBadCronExpressionNamesTheSetting() {
        Throwable failure = startupFailure(runner, "monitor.briefing.cron=every morning");

        FailureAnalysis analysis = new InvalidSettingFailureAnalyzer(environment(Map.of("monitor.briefing.cron", "every morning")))
                .analyze(failure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).startsWith("Vigil setting monitor.briefing.cron ").contains("Value: every morning");
        assertThat(analysis.getAction()).startsWith("Update monitor.briefing.cron in your configuration: ");
    }

    @Test
    void failuresThatNameNoSettingAreLeftToOtherAnalyzers() {
        InvalidSettingFailureAnalyzer analyzer = new InvalidSettingFailureAnalyzer(environment(Map.of()));
        assertThat(analyzer.analyze(new IllegalStateException("port 8080 in use"))).isNull();
        assertThat(analyzer.analyze(new UnknownSettingException(java.util.List.of(
                new UnknownSettingException.Entry("monitor.x", null, "monitor", java.util.List.of(), null))))).isNull();
    }

    @Test
    void unknownSettingIsReportedWithTheNearestName() {
        Throwable failure = startupFailure(runner, "monitor.helth.interval=30s");

        FailureAnalysis analysis = new UnknownSettingFailureAnalyzer().analyze(failure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).isEqualTo("The configuration names a setting under 'monitor' that Vigil"
                + " does not have:\n\n    monitor.helth.interval is not a Vigil setting; did you mean"
                + " monitor.health.interval? (\"monitor.helth.interval\" from property source \"test\")");
        assertThat(analysis.getAction()).startsWith("Correct or remove it.");
    }

    @Test
    void aTypoFailsTheApplicationsStartWithTheAnalysis(CapturedOutput output) {
        SpringApplication application = new SpringApplication(TypoApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run("--monitor.helth.interval=30s", "--spring.main.banner-mode=off"))
                .isInstanceOf(UnknownSettingException.class)
                .hasMessageContaining("monitor.helth.interval is not a Vigil setting; did you mean monitor.health.interval?");
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("monitor.helth.interval is not a Vigil setting; did you mean monitor.health.interval?"
                        + " (\"monitor.helth.interval\" from property source \"commandLineArgs\")")
                .contains("Correct or remove it.");
    }

    @Test
    void anInvalidValueFailsTheApplicationsStartWithTheAnalysis(CapturedOutput output) {
        SpringApplication application = new SpringApplication(TypoApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run("--monitor.health.interval=0s", "--spring.main.banner-mode=off"))
                .hasRootCauseInstanceOf(InvalidSettingException.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Vigil setting monitor.health.interval must be positive, was PT0S.")
                .contains("Origin: \"monitor.health.interval\" from property source \"commandLineArgs\"")
                .contains("Update monitor.health.interval in your configuration: it must be positive");
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @ImportAutoConfiguration({VigilSettingsAutoConfiguration.class, VigilAutoConfiguration.class})
    static class TypoApplication {
    }
}
