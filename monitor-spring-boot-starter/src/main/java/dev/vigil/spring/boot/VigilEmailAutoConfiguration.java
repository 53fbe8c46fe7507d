package dev.vigil.spring.boot;

import java.time.Duration;
import dev.vigil.alert.email.EmailAlertSink;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The email sink, when {@code monitor-alerts-email} is present and {@code monitor.alerts.email.host} is set. */
@AutoConfiguration(before = VigilAutoConfiguration.class)
@ConditionalOnClass(EmailAlertSink.class)
@ConditionalOnBooleanProperty(name = "monitor.enabled", matchIfMissing = true)
@ConditionalOnProperty(prefix = "monitor.alerts.email", name = "host")
@EnableConfigurationProperties(MonitorAlertProperties.class)
public final class VigilEmailAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "vigilEmailSink")
    AlertSinkRegistration vigilEmailSink(MonitorAlertProperties properties) {
        MonitorAlertProperties.Email email = properties.getEmail();
        EmailAlertSink.Builder sink = EmailAlertSink.builder()
                .host(email.getHost())
                .port(email.getPort())
                .from(email.getFrom())
                .to(email.getTo())
                .connectTimeout(email.getTimeout())
                .readTimeout(email.getTimeout())
                .writeTimeout(email.getTimeout());
        if (email.getUsername() != null && !email.getUsername().isBlank()) {
            sink.username(email.getUsername()).password(email.getPassword());
        }
        if (email.getStartTls() != null) {
            sink.startTls(email.getStartTls());
        }
        return new AlertSinkRegistration("email", sink.build(), Duration.ZERO);
    }
}
