package dev.vigil.spring.boot;

import java.util.LinkedHashMap;
import java.util.Map;
import dev.vigil.Monitor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Reports exceptions that escape Spring MVC handlers as error events ({@code monitor.incidents.report-mvc-exceptions},
 * on by default). The resolver runs first and always returns null, so Spring's own handling (exception handlers,
 * the error page) goes on unchanged; client errors (a 4xx {@link ErrorResponse} or {@link ResponseStatus}) are not
 * reported.
 */
@AutoConfiguration(after = VigilAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(HandlerExceptionResolver.class)
@ConditionalOnBean(Monitor.class)
@ConditionalOnBooleanProperty(name = "monitor.incidents.report-mvc-exceptions", matchIfMissing = true)
public final class VigilMvcIncidentsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "vigilIncidentExceptionResolver")
    IncidentExceptionResolver vigilIncidentExceptionResolver(Monitor monitor, Environment environment) {
        return new IncidentExceptionResolver(monitor, environment.getProperty("spring.application.name"));
    }

    /** Hands each unhandled server-side exception of a handler to {@code monitor.incidents()}, then steps aside. */
    public static final class IncidentExceptionResolver implements HandlerExceptionResolver, Ordered {

        private static final Logger log = LoggerFactory.getLogger(IncidentExceptionResolver.class);

        private final Monitor monitor;
        private final String application;

        IncidentExceptionResolver(Monitor monitor, String application) {
            this.monitor = monitor;
            this.application = application;
        }

        @Override
        public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                Exception error) {
            if (clientError(error)) {
                return null;
            }
            try {
                Map<String, String> context = new LinkedHashMap<>();
                if (application != null && !application.isBlank()) {
                    context.put("application", application);
                }
                Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
                context.put("endpoint", pattern != null ? pattern.toString() : request.getRequestURI());
                context.put("method", request.getMethod());
                monitor.incidents().report(error, context);
            } catch (RuntimeException e) { // monitoring never breaks the request
                log.debug("Could not report an MVC exception as an incident", e);
            }
            return null;
        }

        private static boolean clientError(Exception error) {
            if (error instanceof ErrorResponse response) {
                return response.getStatusCode().is4xxClientError();
            }
            ResponseStatus status = AnnotatedElementUtils.findMergedAnnotation(error.getClass(), ResponseStatus.class);
            return status != null && status.code().is4xxClientError();
        }

        /** First, so it sees every exception before a resolver handles it. */
        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
