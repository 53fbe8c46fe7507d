package dev.vigil.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.mcp.VigilMcp;
import dev.vigil.mcp.VigilMcpServlet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

class VigilMcpAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withPropertyValues("monitor.admin.token=test-token")
            .withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class, VigilMcpAutoConfiguration.class));

    @Test
    void theEndpointIsOffUnlessEnabled() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(VigilMcp.class);
            assertThat(context).doesNotHaveBean("vigilMcpServletRegistration");
        });
    }

    @Test
    void runWhenEnabledShouldRegisterTheServletAsynchronousAtItsPath() {
        runner.withPropertyValues("monitor.mcp.enabled=true", "monitor.mcp.path=/ops/mcp").run(context -> {
            @SuppressWarnings("unchecked")
            ServletRegistrationBean<VigilMcpServlet> registration =
                    context.getBean("vigilMcpServletRegistration", ServletRegistrationBean.class);
            assertThat(registration.getServlet()).isInstanceOf(VigilMcpServlet.class);
            assertThat(registration.getUrlMappings()).containsExactly("/ops/mcp");
            assertThat(registration.isAsyncSupported()).isTrue();
            assertThat(context.getBean(VigilMcp.class).toolNames()).contains("vigil_health", "vigil_trigger_action");
        });
    }

    @Test
    void theToolsCanBeChosen() {
        runner.withPropertyValues("monitor.mcp.enabled=true", "monitor.mcp.tools=health,alerts").run(context ->
                assertThat(context.getBean(VigilMcp.class).toolNames()).containsExactly("vigil_health", "vigil_alerts"));
    }

    @Test
    void withoutTheModuleThereIsNoEndpoint() {
        runner.withPropertyValues("monitor.mcp.enabled=true").withClassLoader(new FilteredClassLoader(VigilMcp.class))
                .run(context -> assertThat(context).doesNotHaveBean("vigilMcpServletRegistration"));
    }

    @Test
    void vigilDisabledMeansNoEndpointEither() {
        runner.withPropertyValues("monitor.enabled=false", "monitor.mcp.enabled=true")
                .run(context -> assertThat(context).doesNotHaveBean("vigilMcpServletRegistration"));
    }
}
