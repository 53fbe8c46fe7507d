package dev.vigil.spring.boot;

import dev.vigil.Monitor;
import dev.vigil.alert.slack.SlackInteractions;
import dev.vigil.security.Role;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Slack action buttons, when {@code monitor-alerts-slack} is present and {@code monitor.alerts.slack.signing-secret}
 * is set: the {@link SlackInteractions} (users from {@code monitor.alerts.slack.users}, response URLs limited to
 * {@code monitor.alerts.slack.response-url-hosts}), its reply sink, and {@code POST /api/slack/interactions}. The
 * Slack sink ({@link VigilSlackAutoConfiguration}) then adds buttons to its messages.
 */
@AutoConfiguration(before = VigilAutoConfiguration.class)
@ConditionalOnClass(SlackInteractions.class)
@ConditionalOnBooleanProperty(name = "monitor.enabled", matchIfMissing = true)
@ConditionalOnProperty(prefix = "monitor.alerts.slack", name = "signing-secret")
@EnableConfigurationProperties(MonitorAlertProperties.class)
public final class VigilSlackInteractionsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SlackInteractions vigilSlackInteractions(MonitorAlertProperties properties) {
        MonitorAlertProperties.Slack slack = properties.getSlack();
        SlackInteractions.Builder interactions = SlackInteractions.builder()
                .responseUrlPrefixes(slack.getResponseUrlHosts())
                .timeout(slack.getTimeout());
        slack.getSigningSecret().stream().filter(secret -> secret != null && !secret.isBlank())
                .forEach(interactions::signingSecret);
        slack.getUsers().forEach((user, role) -> {
            try {
                interactions.user(user, Role.fromName(role));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("monitor.alerts.slack.users." + user + ": " + e.getMessage(), e);
            }
        });
        return interactions.build();
    }

    /** Registers the sink that posts answers to Slack's response URLs; default routes never send alerts to it. */
    @Bean
    MonitorBuilderCustomizer vigilSlackReplySink(SlackInteractions interactions) {
        return builder -> builder.replySink(SlackInteractions.REPLY_SINK, interactions.replySink());
    }

    /** Serves {@code POST /api/slack/interactions}. */
    @Bean
    MonitorApiCustomizer vigilSlackInteractionsOperation(SlackInteractions interactions) {
        return api -> api.register(interactions.operation());
    }

    /** Lets presses reach the monitor's actions once it is built. */
    @Bean
    SmartInitializingSingleton vigilSlackInteractionsBinding(Monitor monitor, SlackInteractions interactions) {
        return () -> interactions.bind(monitor);
    }
}
