package dev.vigil.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Monitor;
import dev.vigil.api.MonitorApi;
import dev.vigil.dashboard.Dashboard;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class VigilDashboardAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(VigilDashboardAutoConfiguration.class, VigilAutoConfiguration.class));

    @Test
    void theDashboardIsServedWhenTheModuleIsPresent() {
        runner.run(context -> assertThat(context.getBean(Monitor.class).api().mounts())
                .contains(new MonitorApi.Mount(Dashboard.PATH, true), new MonitorApi.Mount(Dashboard.CHART_JS_PATH, true)));
    }

    @Test
    void theDashboardCanBeTurnedOff() {
        runner.withPropertyValues("monitor.dashboard.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean("vigilDashboard");
            assertThat(context.getBean(Monitor.class).api().mounts()).extracting(MonitorApi.Mount::path)
                    .doesNotContain(Dashboard.PATH);
        });
    }

    @Test
    void withoutTheModuleThereIsNoDashboard() {
        runner.withClassLoader(new FilteredClassLoader(Dashboard.class)).run(context -> {
            assertThat(context).doesNotHaveBean("vigilDashboard");
            assertThat(context.getBean(Monitor.class).api().mounts()).extracting(MonitorApi.Mount::path)
                    .doesNotContain(Dashboard.PATH);
        });
    }
}
