package dev.vigil.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Monitor;
import dev.vigil.alert.slack.SlackInteractions;
import dev.vigil.api.Operation;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Slack buttons are wired by monitor.alerts.slack.signing-secret, and only by it. */
class VigilSlackInteractionsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class, VigilSlackAutoConfiguration.class,
                    VigilSlackInteractionsAutoConfiguration.class));

    private static boolean servesInteractions(Monitor monitor) {
        return monitor.api().operations().operations().stream().map(Operation::id).anyMatch("slack.interactions"::equals);
    }

    @Test
    void aSigningSecretServesInteractionsAndRegistersTheReplySink() {
        runner.withPropertyValues("monitor.alerts.slack.webhook-url=https://hooks.slack.com/services/T0/B0/x",
                "monitor.alerts.slack.signing-secret=new-secret,old-secret",
                "monitor.alerts.slack.users.U024BE7LH=operator", "monitor.alerts.slack.users.W0ADMIN=ADMIN")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(SlackInteractions.class);
                    assertThat(context.getBean(SlackInteractions.class).toString()).contains("secrets=2", "users=2")
                            .doesNotContain("new-secret");
                    Monitor monitor = context.getBean(Monitor.class);
                    assertThat(servesInteractions(monitor)).isTrue();
                    assertThat(monitor.dispatcher().sinkNames()).contains("slack", SlackInteractions.REPLY_SINK);
                    // alerts are routed to the Slack channel, never to the reply sink
                    assertThat(monitor.dispatcher().router().sinkNames()).contains("slack")
                            .doesNotContain(SlackInteractions.REPLY_SINK);
                    assertThat(monitor.api().mounts()).contains(new dev.vigil.api.MonitorApi.Mount(SlackInteractions.PATH, false));
                });
    }

    @Test
    void interactionsWorkWithoutAWebhook() {
        runner.withPropertyValues("monitor.alerts.slack.signing-secret=s3cr3t").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(servesInteractions(context.getBean(Monitor.class))).isTrue();
        });
    }

    @Test
    void withoutSigningSecretThereAreNoButtonsAndNoEndpoint() {
        runner.withPropertyValues("monitor.alerts.slack.webhook-url=https://hooks.slack.com/services/T0/B0/x").run(context -> {
            assertThat(context).doesNotHaveBean(SlackInteractions.class);
            Monitor monitor = context.getBean(Monitor.class);
            assertThat(servesInteractions(monitor)).isFalse();
            assertThat(monitor.dispatcher().sinkNames()).doesNotContain(SlackInteractions.REPLY_SINK);
        });
    }

    @Test
    void anUnknownRoleNamesTheProperty() {
        runner.withPropertyValues("monitor.alerts.slack.signing-secret=s3cr3t", "monitor.alerts.slack.users.U024BE7LH=boss")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("monitor.alerts.slack.users.U024BE7LH: unknown role 'boss'"));
    }

    @Test
    void withoutTheSlackModuleNothingIsWired() {
        runner.withClassLoader(new FilteredClassLoader(SlackInteractions.class))
                .withPropertyValues("monitor.alerts.slack.signing-secret=s3cr3t")
                .run(context -> assertThat(servesInteractions(context.getBean(Monitor.class))).isFalse());
    }
}
