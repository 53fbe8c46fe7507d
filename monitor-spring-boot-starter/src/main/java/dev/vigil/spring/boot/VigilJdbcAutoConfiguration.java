package dev.vigil.spring.boot;

import java.util.Map;
import javax.sql.DataSource;
import dev.vigil.Monitor;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.jdbc.DataSourceHealthCheck;
import dev.vigil.jdbc.DatabaseSizeCollector;
import dev.vigil.jdbc.JdbcMonitoringSettings;
import dev.vigil.jdbc.MonitoredDataSource;
import dev.vigil.jdbc.PoolMetricsCollector;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The application's database under watch: every {@link DataSource} bean is wrapped in a
 * {@link MonitoredDataSource} (statement timing, statistics by statement shape, slow queries;
 * {@code monitor.jdbc.enabled=false} turns it off), its statistics, pool and size metrics go into
 * Vigil's history, {@code GET /api/admin/queries} lists the statement shapes, and the primary
 * DataSource gets the {@code database} health check.
 */
@AutoConfiguration(after = VigilAutoConfiguration.class,
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({DataSource.class, DataSourceHealthCheck.class})
@ConditionalOnBooleanProperty(name = "monitor.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MonitorProperties.class)
public final class VigilJdbcAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "databaseHealthCheck")
    @ConditionalOnSingleCandidate(DataSource.class)
    @ConditionalOnBooleanProperty(name = "monitor.checks.database.enabled", matchIfMissing = true)
    HealthCheckRegistration databaseHealthCheck(DataSource dataSource, MonitorProperties properties) {
        MonitorProperties.Database database = properties.getChecks().getDatabase();
        DataSourceHealthCheck.Builder check = DataSourceHealthCheck.builder(dataSource)
                .queryTimeout(database.getQueryTimeout())
                .degradedAbove(database.getDegradedAbove())
                .connectionUsageDegradedAbove(database.getConnectionUsageDegradedAbove());
        if (database.getValidationQuery() != null && !database.getValidationQuery().isBlank()) {
            check.validationQuery(database.getValidationQuery());
        }
        return VigilAutoConfiguration.registration("database", check.build(), database);
    }

    /** Wraps every DataSource bean as it is created (before anything injects it). */
    @Bean
    @ConditionalOnBooleanProperty(name = "monitor.jdbc.enabled", matchIfMissing = true)
    static BeanPostProcessor vigilDataSourceWrapper(ObjectProvider<MeterRegistry> meterRegistry, Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof DataSource dataSource) || bean instanceof MonitoredDataSource) {
                    return bean;
                }
                MonitorProperties.Jdbc jdbc = Binder.get(environment)
                        .bind("monitor.jdbc", MonitorProperties.Jdbc.class).orElseGet(MonitorProperties.Jdbc::new);
                JdbcMonitoringSettings settings = JdbcMonitoringSettings.builder()
                        .slowQueryThreshold(jdbc.getSlowQueryThreshold())
                        .maxStatementShapes(jdbc.getMaxStatementShapes())
                        .build();
                return MonitoredDataSource.wrap(dataSource, meterRegistry.getObject(), settings);
            }
        };
    }

    /** Once every bean exists, hands the wrapped DataSources' statistics and collectors to the monitor. */
    @Bean
    @ConditionalOnBooleanProperty(name = "monitor.jdbc.enabled", matchIfMissing = true)
    SmartInitializingSingleton vigilDataSourceRegistrar(ListableBeanFactory beans, Monitor monitor,
            MonitorProperties properties) {
        return () -> {
            Map<String, DataSource> dataSources = beans.getBeansOfType(DataSource.class);
            boolean first = true;
            for (Map.Entry<String, DataSource> entry : dataSources.entrySet()) {
                if (!(entry.getValue() instanceof MonitoredDataSource monitored)) {
                    continue;
                }
                String name = first ? "database" : "database." + entry.getKey();
                monitor.metrics().register(name, monitored.statistics());
                monitor.metrics().register(name + ".pool", PoolMetricsCollector.of(monitored));
                if (properties.getJdbc().isSizeMetrics()) {
                    monitor.metrics().register(name + ".size", DatabaseSizeCollector.of(monitored));
                }
                if (first) {
                    monitor.api().registerView("queries", monitored.statistics()::snapshot);
                }
                first = false;
            }
        };
    }
}
