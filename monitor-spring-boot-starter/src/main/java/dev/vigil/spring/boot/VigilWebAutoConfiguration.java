package dev.vigil.spring.boot;

import dev.vigil.Monitor;
import dev.vigil.servlet.MonitorServlet;
import dev.vigil.servlet.RequestTracingFilter;
import dev.vigil.servlet.RequestTracingSettings;
import dev.vigil.servlet.ServletMonitoring;
import dev.vigil.servlet.TagResolver;
import dev.vigil.servlet.UserResolver;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Traces every request by route ({@link RequestTracingFilter}, which also marks routes of affected notice areas
 * and counts their users as the {@link UserResolver} names them) and serves Vigil's HTTP API ({@code /api/health}, {@code /api/admin/*}) from the host's servlet
 * container through {@link MonitorServlet}, so Spring and plain-servlet hosts answer with the same bytes.
 */
@AutoConfiguration(after = VigilAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({MonitorServlet.class, ServletRegistrationBean.class})
@ConditionalOnBean(Monitor.class)
public final class VigilWebAutoConfiguration {

    /** Early, before Spring Security (-100), so rejected requests are measured too. */
    public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    @ConditionalOnMissingBean
    TagResolver vigilTagResolver(MonitorProperties properties) {
        MonitorProperties.Requests requests = properties.getRequests();
        if (hasText(requests.getPlatformHeader())) {
            return TagResolver.header(requests.getPlatformHeader());
        }
        if (hasText(requests.getPlatformAttribute())) {
            return TagResolver.attribute(requests.getPlatformAttribute());
        }
        return TagResolver.NONE;
    }

    @Bean
    @ConditionalOnMissingBean
    UserResolver vigilUserResolver(MonitorNoticeProperties properties) {
        if (hasText(properties.getUserHeader())) {
            return UserResolver.header(properties.getUserHeader());
        }
        if (hasText(properties.getUserAttribute())) {
            return UserResolver.attribute(properties.getUserAttribute());
        }
        return UserResolver.principal();
    }

    @Bean
    @ConditionalOnMissingBean(name = "vigilRequestTracingFilter")
    @ConditionalOnBooleanProperty(name = "monitor.requests.enabled", matchIfMissing = true)
    FilterRegistrationBean<RequestTracingFilter> vigilRequestTracingFilter(Monitor monitor, MonitorProperties properties,
            TagResolver tagResolver, UserResolver userResolver) {
        MonitorProperties.Requests requests = properties.getRequests();
        RequestTracingFilter filter = RequestTracingFilter.builder(monitor)
                .tagResolver(tagResolver)
                .userResolver(userResolver)
                .settings(RequestTracingSettings.builder()
                        .maxRoutes(requests.getMaxRoutes())
                        .maxPlatforms(requests.getMaxPlatforms())
                        .maxSeries(requests.getMaxSeries())
                        .build())
                .build();
        ServletMonitoring.collect(monitor, filter);
        FilterRegistrationBean<RequestTracingFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("vigilRequestTracing");
        registration.setOrder(FILTER_ORDER);
        registration.setAsyncSupported(true);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.addUrlPatterns("/*");
        return registration;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    @Bean
    @ConditionalOnMissingBean(name = "vigilServletRegistration")
    ServletRegistrationBean<MonitorServlet> vigilServletRegistration(Monitor monitor) {
        ServletRegistrationBean<MonitorServlet> registration = new ServletRegistrationBean<>(
                new MonitorServlet(monitor.api()), MonitorServlet.mappings(monitor.api()).toArray(String[]::new));
        registration.setName("vigil");
        return registration;
    }
}
