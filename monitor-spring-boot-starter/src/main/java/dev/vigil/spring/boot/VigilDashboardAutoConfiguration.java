package dev.vigil.spring.boot;

import dev.vigil.dashboard.Dashboard;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The monitoring dashboard at {@value Dashboard#PATH} when {@code monitor-dashboard} is on the class path,
 * unless {@code monitor.dashboard.enabled=false}.
 */
@AutoConfiguration(before = VigilAutoConfiguration.class)
@ConditionalOnClass(Dashboard.class)
@ConditionalOnBooleanProperty(name = {"monitor.enabled", "monitor.dashboard.enabled"}, matchIfMissing = true)
public final class VigilDashboardAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "vigilDashboard")
    MonitorApiCustomizer vigilDashboard() {
        return Dashboard::install;
    }
}
