package dev.vigil.spring.boot;

import dev.vigil.Monitor;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.core.Authentication;
import org.springframework.util.ClassUtils;

/**
 * With Spring Security on the class path, records each authentication failure it publishes
 * ({@link AbstractAuthenticationFailureEvent}: bad credentials, locked or disabled account...) as a
 * {@code failed_login} security event, with the user name tried and, for a web sign-in
 * ({@code WebAuthenticationDetails}), the client's address. Spring Security publishes these events through its
 * {@code AuthenticationEventPublisher}, which Spring Boot registers.
 */
@AutoConfiguration(after = VigilAutoConfiguration.class)
@ConditionalOnClass(AbstractAuthenticationFailureEvent.class)
@ConditionalOnBean(Monitor.class)
@ConditionalOnBooleanProperty(name = "monitor.security-events.enabled", matchIfMissing = true)
public final class VigilSecurityEventsAutoConfiguration {

    private static final String WEB_DETAILS = "org.springframework.security.web.authentication.WebAuthenticationDetails";

    @Bean
    @ConditionalOnMissingBean(name = "vigilAuthenticationFailureListener")
    ApplicationListener<AbstractAuthenticationFailureEvent> vigilAuthenticationFailureListener(Monitor monitor) {
        boolean web = ClassUtils.isPresent(WEB_DETAILS, VigilSecurityEventsAutoConfiguration.class.getClassLoader());
        return event -> {
            Authentication authentication = event.getAuthentication();
            String user = authentication == null ? null : authentication.getName();
            monitor.security().failedLogin(user == null || user.isBlank() ? null : user,
                    web ? WebDetails.remoteAddress(authentication) : null);
        };
    }

    /** Reads Spring Security's web details; only loaded when spring-security-web is present. */
    static final class WebDetails {
        private WebDetails() {
        }

        static @Nullable String remoteAddress(@Nullable Authentication authentication) {
            if (authentication != null && authentication.getDetails()
                    instanceof org.springframework.security.web.authentication.WebAuthenticationDetails details) {
                return details.getRemoteAddress();
            }
            return null;
        }
    }
}
