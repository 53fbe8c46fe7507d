package dev.vigil.spring.boot;

import java.util.ArrayList;
import java.util.List;
import dev.vigil.Monitor;
import dev.vigil.servlet.MonitorServlet;
import dev.vigil.servlet.RequestTracingFilter;
import dev.vigil.servlet.RequestTracingSettings;
import dev.vigil.servlet.ServletMonitoring;
import dev.vigil.servlet.TagResolver;
import dev.vigil.servlet.UserResolver;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ListableBeanFactory;
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
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

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

    private static final String OBSERVATION_FILTER = "org.springframework.web.filter.ServerHttpObservationFilter";
    private static final String ACTUATOR_ENDPOINTS = "org.springframework.boot.actuate.endpoint.web.WebEndpointResponse";

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
            TagResolver tagResolver, UserResolver userResolver, ListableBeanFactory beans, Environment environment) {
        MonitorProperties.Requests requests = properties.getRequests();
        RequestTracingFilter filter = RequestTracingFilter.builder(monitor)
                .tagResolver(tagResolver)
                .userResolver(userResolver)
                .settings(RequestTracingSettings.builder()
                        .maxRoutes(requests.getMaxRoutes())
                        .maxPlatforms(requests.getMaxPlatforms())
                        .maxSeries(requests.getMaxSeries())
                        .recordTimer(recordsRouteTimer(properties.getMetrics().getRouteTimer(), beans))
                        .excludedPaths(excludedPaths(requests, monitor, environment, beans))
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

    /**
     * Whether the filter records {@code http.route.requests} into the registry: {@code auto} only when Spring's
     * {@code ServerHttpObservationFilter} (which records {@code http.server.requests}) is not defined, as a bean or
     * through a {@code FilterRegistrationBean}, so each request is timed once in the registry.
     */
    static boolean recordsRouteTimer(MonitorProperties.RouteTimer setting, ListableBeanFactory beans) {
        return switch (setting) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> !hasObservationFilter(beans);
        };
    }

    static boolean hasObservationFilter(ListableBeanFactory beans) {
        ClassLoader loader = VigilWebAutoConfiguration.class.getClassLoader();
        if (!ClassUtils.isPresent(OBSERVATION_FILTER, loader)) {
            return false;
        }
        Class<?> type = ClassUtils.resolveClassName(OBSERVATION_FILTER, loader);
        return beans.getBeanNamesForType(type, true, false).length > 0
                || beans.getBeanNamesForType(ResolvableType.forClassWithGenerics(FilterRegistrationBean.class, type),
                        true, false).length > 0;
    }

    /**
     * {@code monitor.requests.exclude-paths}, and with {@code exclude-own-paths} Vigil's API and dashboard mounts and
     * Actuator's base path when Actuator answers on the application's port.
     */
    static List<String> excludedPaths(MonitorProperties.Requests requests, Monitor monitor, Environment environment,
            ListableBeanFactory beans) {
        List<String> paths = new ArrayList<>(requests.getExcludePaths());
        if (requests.isExcludeOwnPaths()) {
            monitor.api().mounts().forEach(mount -> paths.add(mount.path()));
            if (ClassUtils.isPresent(ACTUATOR_ENDPOINTS, VigilWebAutoConfiguration.class.getClassLoader())
                    && sharesApplicationPort(environment)) {
                String basePath = environment.getProperty("management.endpoints.web.base-path", "/actuator");
                if (!basePath.isBlank() && !basePath.strip().equals("/")) {
                    paths.add(basePath.strip());
                }
            }
        }
        return paths;
    }

    /** Whether Actuator's endpoints are served by the application's own server (no separate management port). */
    private static boolean sharesApplicationPort(Environment environment) {
        String management = environment.getProperty("management.server.port");
        return management == null || management.isBlank()
                || management.strip().equals(environment.getProperty("server.port", "8080").strip());
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
