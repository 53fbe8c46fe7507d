package dev.vigil.spring.boot;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;

/**
 * Fails start-up on a {@code monitor.*} name that is not a Vigil setting, before any bean is created; see
 * {@link UnknownSettingsCheck}. Invalid values are reported by the failure analyzers registered in
 * {@code META-INF/spring.factories}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "monitor.enabled", matchIfMissing = true)
public final class VigilSettingsAutoConfiguration {

    /** The check; static, as a bean factory post-processor must be. */
    @Bean
    static UnknownSettingsCheck vigilUnknownSettingsCheck() {
        return new UnknownSettingsCheck();
    }
}
