package dev.vigil.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import dev.vigil.Monitor;
import dev.vigil.alert.AlertRuleRegistration;
import dev.vigil.alert.AlertRules;
import dev.vigil.alert.Severity;
import dev.vigil.alert.email.EmailAlertSink;
import dev.vigil.alert.slack.SlackAlertSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

@ExtendWith(OutputCaptureExtension.class)
class VigilAlertsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class, VigilSlackAutoConfiguration.class,
                    VigilEmailAutoConfiguration.class));

    private static AlertRuleRegistration rule(Monitor monitor, String name) {
        return monitor.alerts().rules().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void defaultRulesAreRegisteredAndOnlyTheLogSinkExists() {
        runner.run(context -> {
            Monitor monitor = context.getBean(Monitor.class);
            assertThat(monitor.alerts().rules()).extracting(AlertRuleRegistration::name)
                    .contains(AlertRules.HEALTH_DOWN, AlertRules.ERROR_RATIO_CRITICAL, AlertRules.DISK_CRITICAL);
            assertThat(monitor.dispatcher().sinkNames()).containsExactly("log");
            assertThat(monitor.alerts().settings().service()).isEqualTo("service");
        });
    }

    @Test
    void defaultRulesCanBeReThresholdedOrSwitchedOff() {
        runner.withPropertyValues("monitor.alerts.rules.disk-critical.enabled=false",
                "monitor.alerts.rules.error-ratio-warning.severity=critical",
                "monitor.alerts.rules.error-ratio-warning.for=2m").run(context -> {
                    Monitor monitor = context.getBean(Monitor.class);
                    assertThat(rule(monitor, AlertRules.DISK_CRITICAL).enabled()).isFalse();
                    assertThat(rule(monitor, AlertRules.ERROR_RATIO_WARNING).severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(rule(monitor, AlertRules.ERROR_RATIO_WARNING).forDuration()).hasMinutes(2);
                });
    }

    @Test
    void customRulesComeFromProperties() {
        runner.withPropertyValues("spring.application.name=shop",
                "monitor.alerts.rules.quota-high.kind=threshold",
                "monitor.alerts.rules.quota-high.metric=curation.api.quota.ratio",
                "monitor.alerts.rules.quota-high.threshold=0.85",
                "monitor.alerts.rules.quota-high.severity=warning",
                "monitor.alerts.rules.quota-high.suggested-action=pause_curation",
                "monitor.alerts.rules.upload-failures.kind=spike",
                "monitor.alerts.rules.upload-failures.metric=http.route.requests",
                "monitor.alerts.defaults=false").run(context -> {
                    Monitor monitor = context.getBean(Monitor.class);
                    // the critical-incident rule belongs to incidents (monitor.incidents.enabled), not to the defaults
                    assertThat(monitor.alerts().rules()).extracting(AlertRuleRegistration::name)
                            .containsExactlyInAnyOrder("quota-high", "upload-failures", Monitor.INCIDENT_RULE);
                    assertThat(rule(monitor, "quota-high").suggestedAction()).contains("pause_curation");
                    assertThat(monitor.alerts().settings().service()).isEqualTo("shop");
                });
    }

    @Test
    void badRuleFailsStartupNamingTheSetting() {
        runner.withPropertyValues("monitor.alerts.rules.quota-high.kind=threshold",
                "monitor.alerts.rules.quota-high.metric=curation.api.quota.ratio").run(context ->
                        assertThat(context).hasFailed().getFailure().rootCause()
                                .hasMessageContaining("monitor.alerts.rules.quota-high.threshold is required"));
    }

    @Test
    void sinksAreEnabledByTheirPresence() {
        runner.withPropertyValues("monitor.alerts.slack.webhook-url=https://hooks.slack.com/services/T0/B0/secret",
                "monitor.alerts.email.host=smtp.example.com", "monitor.alerts.email.from=vigil@example.com",
                "monitor.alerts.email.to=ops@example.com",
                "monitor.alerts.webhook.url=https://receiver.example.com/hook?token=abc",
                "monitor.alerts.webhook.secret=s3cret",
                "monitor.alerts.alertmanager.url=http://alertmanager:9093").run(context -> {
                    Monitor monitor = context.getBean(Monitor.class);
                    assertThat(monitor.dispatcher().sinkNames())
                            .containsExactlyInAnyOrder("slack", "email", "webhook", "alertmanager", "log");
                    assertThat(context.getBean(MonitorAlertProperties.class).getSlack().toString()).doesNotContain("secret");
                    assertThat(context.getBean(MonitorAlertProperties.class).getWebhook().toString()).doesNotContain("abc");
                });
    }

    @Test
    void routesComeFromProperties() {
        runner.withPropertyValues("monitor.alerts.webhook.url=https://receiver.example.com/hook",
                "monitor.alerts.routes[0].severities=critical,warning",
                "monitor.alerts.routes[0].sinks=webhook",
                "monitor.alerts.routes[0].match-labels.team=payments").run(context ->
                        assertThat(context.getBean(Monitor.class).dispatcher().sinkNames()).contains("webhook"));
        runner.withPropertyValues("monitor.alerts.routes[0].sinks=pager").run(context ->
                assertThat(context).hasFailed());
    }

    @Test
    void aSinkUrlThatIsNotAUrlFailsWithoutEchoingIt() {
        runner.withPropertyValues("monitor.alerts.webhook.url=not a url token=abc").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("monitor.alerts.webhook.url is not an absolute http(s) URL")
                    .hasMessageNotContaining("abc");
        });
    }


    @Test
    void slackSettingWithoutTheSlackModuleIsOneClearWarning(CapturedOutput output) {
        runner.withClassLoader(new FilteredClassLoader(SlackAlertSink.class))
                .withPropertyValues("monitor.alerts.slack.webhook-url=https://hooks.slack.com/services/T0/B0/secret")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Monitor.class).dispatcher().sinkNames()).containsExactly("log");
                });

        String warning = "monitor.alerts.slack.* is set, but dev.vigil:monitor-alerts-slack is not on the class path, so no"
                + " alert will be sent by Slack: add the dependency dev.vigil:monitor-alerts-slack";
        assertThat(output.getOut()).contains("WARN").contains(warning).doesNotContain("secret")
                .doesNotContain("monitor-alerts-email");
        assertThat(output.getOut().split(java.util.regex.Pattern.quote(warning), -1)).hasSize(2);
    }

    @Test
    void emailSettingFromTheEnvironmentWithoutTheEmailModuleIsAWarning(CapturedOutput output) {
        runner.withClassLoader(new FilteredClassLoader(EmailAlertSink.class))
                .withInitializer(context -> context.getEnvironment().getPropertySources().replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("MONITOR_ALERTS_EMAIL_HOST", "smtp.example.com"))))
                .run(context -> assertThat(context).hasNotFailed());

        assertThat(output.getOut()).contains("monitor.alerts.email.* is set, but dev.vigil:monitor-alerts-email is not on the"
                + " class path, so no alert will be sent by email: add the dependency dev.vigil:monitor-alerts-email");
    }

    @Test
    void noWarningWhenTheModuleIsThereOrNothingIsSet(CapturedOutput output) {
        runner.withPropertyValues("monitor.alerts.slack.webhook-url=https://hooks.slack.com/services/T0/B0/secret")
                .run(context -> assertThat(context.getBean(Monitor.class).dispatcher().sinkNames()).contains("slack"));
        runner.withClassLoader(new FilteredClassLoader(SlackAlertSink.class, EmailAlertSink.class))
                .run(context -> assertThat(context).hasNotFailed());

        assertThat(output.getOut()).doesNotContain("is not on the class path");
    }
}
