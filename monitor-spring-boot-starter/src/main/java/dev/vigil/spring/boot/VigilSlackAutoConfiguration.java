package dev.vigil.spring.boot;

import dev.vigil.alert.slack.SlackAlertSink;
import dev.vigil.alert.slack.SlackInteractions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The Slack sink, when {@code monitor-alerts-slack} is present and {@code monitor.alerts.slack.webhook-url} is set; with
 * action buttons when {@code monitor.alerts.slack.signing-secret} is set too ({@link VigilSlackInteractionsAutoConfiguration}).
 */
@AutoConfiguration(before = VigilAutoConfiguration.class)
@ConditionalOnClass(SlackAlertSink.class)
@ConditionalOnBooleanProperty(name = "monitor.enabled", matchIfMissing = true)
@ConditionalOnProperty(prefix = "monitor.alerts.slack", name = "webhook-url")
@EnableConfigurationProperties(MonitorAlertProperties.class)
public final class VigilSlackAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "vigilSlackSink")
    AlertSinkRegistration vigilSlackSink(MonitorAlertProperties properties, ObjectProvider<SlackInteractions> interactions) {
        MonitorAlertProperties.Slack slack = properties.getSlack();
        SlackAlertSink.Builder sink = SlackAlertSink.builder()
                .webhookUrl(slack.getWebhookUrl())
                .timeout(slack.getTimeout());
        if (slack.getMentionOnCritical() != null && !slack.getMentionOnCritical().isBlank()) {
            sink.mentionOnCritical(slack.getMentionOnCritical());
        }
        interactions.ifAvailable(sink::interactions); // buttons, when monitor.alerts.slack.signing-secret is set
        return new AlertSinkRegistration("slack", sink.build(), SlackAlertSink.RECOMMENDED_MIN_INTERVAL);
    }
}
