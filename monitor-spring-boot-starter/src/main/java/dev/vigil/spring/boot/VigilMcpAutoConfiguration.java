package dev.vigil.spring.boot;

import dev.vigil.Monitor;
import dev.vigil.mcp.VigilMcp;
import dev.vigil.mcp.VigilMcpServlet;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Vigil's MCP endpoint for AI assistants ({@code monitor.mcp.path}, default {@value VigilMcp#DEFAULT_PATH}) when
 * {@code monitor-mcp} is on the class path and {@code monitor.mcp.enabled=true}: the admin operations as tools,
 * called as the assistant's token's caller through the API's own dispatch.
 */
@AutoConfiguration(after = VigilAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({VigilMcp.class, ServletRegistrationBean.class})
@ConditionalOnBooleanProperty("monitor.mcp.enabled") // off unless set; monitor.enabled=false leaves no Monitor bean
@ConditionalOnBean(Monitor.class)
public final class VigilMcpAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    VigilMcp vigilMcp(Monitor monitor, MonitorProperties properties) {
        MonitorProperties.Mcp settings = properties.getMcp();
        VigilMcp.Builder builder = VigilMcp.builder(monitor).path(settings.getPath());
        if (!settings.getTools().isEmpty()) {
            builder.tools(settings.getTools());
        }
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean(name = "vigilMcpServletRegistration")
    ServletRegistrationBean<VigilMcpServlet> vigilMcpServletRegistration(VigilMcp mcp) {
        ServletRegistrationBean<VigilMcpServlet> registration = new ServletRegistrationBean<>(mcp.servlet(), mcp.path());
        registration.setName(VigilMcp.SERVLET_NAME);
        registration.setAsyncSupported(true); // the transport answers asynchronously
        // initialised on the first request (the default): its tools are the operations registered by then, every bean's
        return registration;
    }
}
