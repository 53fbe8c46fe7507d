package dev.vigil.spring.boot;

import dev.vigil.Monitor;
import dev.vigil.servlet.MonitorServlet;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Serves Vigil's HTTP API ({@code /api/health}, {@code /api/admin/*}) from the host's servlet
 * container through {@link MonitorServlet}, so Spring and plain-servlet hosts answer with the same bytes.
 */
@AutoConfiguration(after = VigilAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({MonitorServlet.class, ServletRegistrationBean.class})
@ConditionalOnBean(Monitor.class)
public final class VigilWebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "vigilServletRegistration")
    ServletRegistrationBean<MonitorServlet> vigilServletRegistration(Monitor monitor) {
        ServletRegistrationBean<MonitorServlet> registration = new ServletRegistrationBean<>(
                new MonitorServlet(monitor.api()), monitor.api().mappings().toArray(String[]::new));
        registration.setName("vigil");
        return registration;
    }
}
