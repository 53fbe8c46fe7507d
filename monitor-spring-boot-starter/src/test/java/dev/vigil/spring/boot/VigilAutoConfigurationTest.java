package dev.vigil.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import dev.vigil.Monitor;
import dev.vigil.api.ApiRequest;
import dev.vigil.api.ShowDetails;
import dev.vigil.health.HealthCheck;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthSettings;
import dev.vigil.jdbc.JdbcMonitoring;
import dev.vigil.jdbc.MonitoredDataSource;
import dev.vigil.security.AdminAuthenticator;
import dev.vigil.security.Caller;
import dev.vigil.security.Role;
import dev.vigil.servlet.MonitorServlet;
import dev.vigil.servlet.RequestTracingFilter;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class VigilAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class, VigilJdbcAutoConfiguration.class,
                    VigilWebAutoConfiguration.class));

    @Test
    void defaultsCreateAStartedMonitorWithDiskAndMemoryChecks() {
        runner.run(context -> {
            Monitor monitor = context.getBean(Monitor.class);
            assertThat(monitor.health().names()).containsExactlyInAnyOrder("disk", "memory");
            assertThat(monitor.health().registration("disk").orElseThrow().critical()).isFalse();
            assertThat(context.getBean(HealthSettings.class)).isEqualTo(HealthSettings.ofDefaults());
            assertThat(context.getBean(VigilAutoConfiguration.VigilLifecycle.class).isRunning()).isTrue();
            assertThat(context).doesNotHaveBean(ServletRegistrationBean.class); // not a web application
        });
    }

    @Test
    void runWhenDisabledShouldCreateNothing() {
        runner.withPropertyValues("monitor.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(Monitor.class);
            assertThat(context).doesNotHaveBean(HealthCheckRegistration.class);
        });
    }

    @Test
    void healthCheckBeansAreRegisteredUnderTheirBeanNames() {
        runner.withUserConfiguration(UserChecks.class).run(context -> {
            Monitor monitor = context.getBean(Monitor.class);
            assertThat(monitor.health().names()).contains("payments", "search");
            assertThat(monitor.health().registration("payments").orElseThrow().critical()).isTrue();
            assertThat(monitor.health().registration("search").orElseThrow().critical()).isFalse();
            assertThat(monitor.health().registration("search").orElseThrow().interval()).contains(Duration.ofSeconds(5));
        });
    }

    @Test
    void propertiesMapOntoTheCoreSettings() {
        runner.withPropertyValues("monitor.health.interval=30s", "monitor.health.timeout=2s",
                "monitor.health.show-details=always", "monitor.health.path=/status",
                "monitor.checks.disk.degraded-above=0.5", "monitor.checks.disk.critical=true",
                "monitor.checks.memory.enabled=false", "monitor.version=7.1.0").run(context -> {
                    Monitor monitor = context.getBean(Monitor.class);
                    assertThat(monitor.health().settings().interval()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(monitor.health().settings().timeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(monitor.api().settings().showDetails()).isEqualTo(ShowDetails.ALWAYS);
                    assertThat(monitor.api().settings().healthPath()).isEqualTo("/status");
                    assertThat(monitor.health().names()).containsExactly("disk");
                    assertThat(monitor.health().registration("disk").orElseThrow().critical()).isTrue();
                    assertThat(monitor.health().report().version()).isEqualTo("7.1.0");
                });
    }

    @Test
    void environmentVariablesBindTheUsualSpringWay() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().replace(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("MONITOR_HEALTH_INTERVAL", "45s",
                        "MONITOR_ADMIN_TOKEN", "from-env"))))
                .run(context -> {
                    assertThat(context.getBean(Monitor.class).health().settings().interval())
                            .isEqualTo(Duration.ofSeconds(45));
                    AdminAuthenticator auth = context.getBean(AdminAuthenticator.class);
                    assertThat(auth.authenticate(ApiRequest.of("GET", "/", Map.of("Authorization", "Bearer from-env"))))
                            .hasValueSatisfying(caller -> {
                                assertThat(caller.id()).isEqualTo("admin-token");
                                assertThat(caller.identifiesPerson()).isFalse();
                                assertThat(caller.roles()).containsExactly(Role.ADMIN);
                                assertThat(caller.authenticatedBy()).isEqualTo(Caller.BY_BEARER_TOKEN);
                            });
                });
    }

    @Test
    void noTokenMeansNobodyIsAdmin() {
        runner.withPropertyValues("monitor.admin.token=  ").run(context -> {
            AdminAuthenticator auth = context.getBean(AdminAuthenticator.class);
            assertThat(auth.authenticate(ApiRequest.of("GET", "/", Map.of("Authorization", "Bearer ")))).isEmpty();
        });
    }

    @Test
    void namedTokensAreCallersWithTheirRoles() {
        runner.withPropertyValues("monitor.admin.token=shared", "monitor.admin.tokens.grafana.token=read-secret",
                "monitor.admin.tokens.grafana.roles=read", "monitor.admin.tokens.deploy-bot.token=ingest-secret",
                "monitor.admin.tokens.deploy-bot.roles=ingest", "monitor.admin.tokens.alice.token=alice-secret",
                "monitor.admin.tokens.alice.roles=operator,ingest").run(context -> {
                    AdminAuthenticator auth = context.getBean(AdminAuthenticator.class);
                    Caller grafana = auth.authenticate(ApiRequest.of("GET", "/", Map.of("Authorization", "Bearer read-secret")))
                            .orElseThrow();
                    assertThat(grafana.id()).isEqualTo("grafana");
                    assertThat(grafana.roles()).containsExactly(Role.READ);
                    assertThat(auth.authenticate(ApiRequest.of("GET", "/", Map.of("Authorization", "Bearer ingest-secret")))
                            .orElseThrow().id()).isEqualTo("deploy-bot");
                    assertThat(auth.authenticate(ApiRequest.of("GET", "/", Map.of("Authorization", "Bearer alice-secret")))
                            .orElseThrow().roles()).containsExactlyInAnyOrder(Role.OPERATOR, Role.INGEST);
                    assertThat(auth.authenticate(ApiRequest.of("GET", "/", Map.of("Authorization", "Bearer shared")))
                            .orElseThrow().id()).isEqualTo("admin-token");
                    assertThat(context.getBean(MonitorProperties.class).toString()).doesNotContain("secret");
                });
    }

    @Test
    void badNamedTokensFailStartupNamingTheSetting() {
        runner.withPropertyValues("monitor.admin.tokens.ci.token=x", "monitor.admin.tokens.ci.roles=root").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("monitor.admin.tokens.ci.roles: unknown role 'root'"));
        runner.withPropertyValues("monitor.admin.tokens.ci.token=x").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("monitor.admin.tokens.ci.roles"));
        runner.withPropertyValues("monitor.admin.token=same", "monitor.admin.tokens.ci.token=same",
                "monitor.admin.tokens.ci.roles=read").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("is the same token as monitor.admin.token"));
    }

    @Test
    void httpChecksComeFromProperties() {
        runner.withPropertyValues("monitor.checks.http[0].name=portal",
                "monitor.checks.http[0].url=http://127.0.0.1:9/portal",
                "monitor.checks.http[0].critical=true",
                "monitor.checks.http[0].interval=15s").run(context -> {
                    HealthCheckRegistration portal = context.getBean(Monitor.class).health().registration("portal").orElseThrow();
                    assertThat(portal.critical()).isTrue();
                    assertThat(portal.interval()).contains(Duration.ofSeconds(15));
                });
    }

    @Test
    void httpCheckWithoutNameFailsStartupNamingTheSetting() {
        runner.withPropertyValues("monitor.checks.http[0].url=http://127.0.0.1:9/").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("monitor.checks.http[].name is required"));
    }

    @Test
    void dataSourceGetsADatabaseCheckThatReallyRuns() {
        runner.withUserConfiguration(H2DataSource.class).run(context -> {
            Monitor monitor = context.getBean(Monitor.class);
            assertThat(monitor.health().names()).contains("database");
            assertThat(monitor.health().registration("database").orElseThrow().critical()).isTrue();
            HealthResult result = monitor.health().runNow("database").join();
            assertThat(result.details()).containsEntry("database", "H2");
        });
    }

    @Test
    void dataSourcesAreWrappedAndTheirStatisticsCollected() {
        runner.withUserConfiguration(H2DataSource.class).run(context -> {
            DataSource dataSource = context.getBean(DataSource.class);
            assertThat(dataSource).isInstanceOf(MonitoredDataSource.class);
            try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement("SELECT ?")) {
                statement.setInt(1, 7);
                statement.executeQuery().close();
            }
            Monitor monitor = context.getBean(Monitor.class);
            assertThat(monitor.metrics().collectorNames()).contains("database", "database.pool", "database.size");
            assertThat(monitor.api().operations().find(JdbcMonitoring.QUERIES_OPERATION)).isPresent();
            assertThat(((MonitoredDataSource) dataSource).statistics().snapshot().statements())
                    .anySatisfy(shape -> assertThat(shape.sql()).isEqualTo("SELECT ?"));
        });
    }

    @Test
    void dataSourceWrappingCanBeSwitchedOff() {
        runner.withUserConfiguration(H2DataSource.class).withPropertyValues("monitor.jdbc.enabled=false").run(context -> {
            assertThat(context.getBean(DataSource.class)).isNotInstanceOf(MonitoredDataSource.class);
            assertThat(context.getBean(Monitor.class).health().names()).contains("database");
        });
    }

    @Test
    void webApplicationTracesRequestsBeforeSecurity() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class, VigilWebAutoConfiguration.class))
                .withPropertyValues("monitor.requests.platform-header=X-Platform", "monitor.requests.max-routes=50")
                .run(context -> {
                    @SuppressWarnings("unchecked")
                    FilterRegistrationBean<RequestTracingFilter> filter = context.getBean(FilterRegistrationBean.class);
                    assertThat(filter.getOrder()).isLessThan(-100);
                    assertThat(filter.getUrlPatterns()).containsExactly("/*");
                    assertThat(context.getBean(Monitor.class).metrics().collectorNames()).contains("requests");
                });
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class, VigilWebAutoConfiguration.class))
                .withPropertyValues("monitor.requests.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
    }

    @Test
    void databaseCheckCanBeSwitchedOff() {
        runner.withUserConfiguration(H2DataSource.class).withPropertyValues("monitor.checks.database.enabled=false")
                .run(context -> assertThat(context.getBean(Monitor.class).health().names()).doesNotContain("database"));
    }

    @Test
    void userMonitorReplacesOurs() {
        runner.withUserConfiguration(OwnMonitor.class).run(context -> {
            assertThat(context).hasSingleBean(Monitor.class);
            assertThat(context.getBean(Monitor.class).health().names()).containsExactly("own");
        });
    }

    @Test
    void userRegistrationReplacesABuiltInOne() {
        runner.withUserConfiguration(OwnDiskCheck.class).run(context -> {
            Monitor monitor = context.getBean(Monitor.class);
            assertThat(monitor.health().runNow("disk").join().message()).isEqualTo("custom disk");
        });
    }

    @Test
    void customizerRunsLast() {
        runner.withBean(MonitorBuilderCustomizer.class, () -> builder -> builder.version("from-customizer"))
                .withPropertyValues("monitor.version=from-properties")
                .run(context -> assertThat(context.getBean(Monitor.class).health().report().version())
                        .isEqualTo("from-customizer"));
    }

    @Test
    void webApplicationGetsTheServletOnTheApiPaths() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class, VigilWebAutoConfiguration.class))
                .withPropertyValues("monitor.admin.base-path=/ops/admin")
                .run(context -> {
                    @SuppressWarnings("unchecked")
                    ServletRegistrationBean<MonitorServlet> registration = context.getBean(ServletRegistrationBean.class);
                    assertThat(registration.getUrlMappings()).containsExactly("/api/health", "/api/notices", "/api/notices/beacon",
                            "/ops/admin/*", "/api/notices.js/*");
                });
    }

    @Test
    void webApplicationWithVigilDisabledGetsNoServlet() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class, VigilWebAutoConfiguration.class))
                .withPropertyValues("monitor.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ServletRegistrationBean.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserChecks {
        @Bean
        HealthCheck payments() {
            return HealthResult::up;
        }

        @Bean
        HealthCheckRegistration searchRegistration() {
            return HealthCheckRegistration.builder("search", HealthResult::up)
                    .critical(false).interval(Duration.ofSeconds(5)).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class H2DataSource {
        @Bean
        DataSource dataSource() {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:mem:starter;DB_CLOSE_DELAY=-1");
            return dataSource;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnMonitor {
        @Bean(destroyMethod = "close")
        Monitor monitor() {
            return Monitor.builder().healthCheck("own", HealthResult::up).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnDiskCheck {
        @Bean
        HealthCheckRegistration diskSpaceHealthCheck() {
            return HealthCheckRegistration.of("disk", () -> HealthResult.up("custom disk"));
        }
    }
}
