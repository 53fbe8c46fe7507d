package dev.vigil.spring.boot;

import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import dev.vigil.Monitor;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.jdbc.DataSourceHealthCheck;
import dev.vigil.jdbc.JdbcMonitoring;
import dev.vigil.jdbc.JdbcMonitoringSettings;
import dev.vigil.jdbc.MonitoredDataSource;
import dev.vigil.jdbc.query.QueryRunnerSettings;
import dev.vigil.jdbc.query.ReadOnlyQueryRunner;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.DisposableBean;
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
@AutoConfiguration(after = VigilAutoConfiguration.class, afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"})
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
        return VigilAutoConfiguration.registration("database", check.build(), database, true);
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

    /**
     * Turns on {@code POST /api/admin/run-query} when {@code monitor.query.enabled=true}: with the
     * least-privileged {@code monitor.query.datasource.*} connection, or the application's DataSource
     * only when {@code monitor.query.allow-app-datasource=true}. The role is inspected at start-up;
     * an unsafe one is refused (logged; the endpoint answers 503). The runner's threads stop with the context.
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "monitor.query.enabled")
    QueryRunnerLifecycle vigilQueryRunner(Monitor monitor, MonitorProperties properties,
            ObjectProvider<DataSource> appDataSource) {
        return new QueryRunnerLifecycle(() -> {
            MonitorProperties.Query query = properties.getQuery();
            DataSource dataSource;
            boolean app;
            if (query.getDatasource().getUrl() != null && !query.getDatasource().getUrl().isBlank()) {
                dataSource = new DriverManagerDataSource(query.getDatasource());
                app = false;
            } else if (query.isAllowAppDatasource() && appDataSource.getIfUnique() != null) {
                dataSource = appDataSource.getIfUnique();
                app = true;
            } else {
                throw new IllegalStateException("monitor.query.enabled=true needs monitor.query.datasource.url (a read-only "
                        + "role), or monitor.query.allow-app-datasource=true to use the application's DataSource");
            }
            QueryRunnerSettings.Builder settings = QueryRunnerSettings.builder()
                    .timeout(query.getTimeout())
                    .maxConcurrentQueries(query.getMaxConcurrent())
                    .poolReserve(query.getPoolReserve())
                    .defaultMaxRows(query.getMaxRows())
                    .maxSeriesRows(query.getMaxSeriesRows())
                    .maxRowsCap(query.getMaxRowsCap())
                    .maxQueryLength(query.getMaxQueryLength())
                    .maxResultChars(query.getMaxResultChars())
                    .maxCellChars(query.getMaxCellChars())
                    .allowedTables(query.getAllowedTables());
            if (query.getRedactedColumns() != null) {
                settings.redactedColumns(query.getRedactedColumns());
            }
            ReadOnlyQueryRunner runner = JdbcMonitoring.queryRunner(monitor, dataSource)
                    .settings(settings.build())
                    .applicationDataSource(app)
                    .build();
            runner.inspect();
            JdbcMonitoring.enableRunQuery(monitor, runner);
            return runner;
        });
    }

    /** Builds the query runner once every singleton exists, and closes it with the context. */
    static final class QueryRunnerLifecycle implements SmartInitializingSingleton, DisposableBean {
        private final Supplier<ReadOnlyQueryRunner> factory;
        private volatile ReadOnlyQueryRunner runner;

        QueryRunnerLifecycle(Supplier<ReadOnlyQueryRunner> factory) {
            this.factory = factory;
        }

        @Override
        public void afterSingletonsInstantiated() {
            runner = factory.get();
        }

        @Override
        public void destroy() {
            ReadOnlyQueryRunner started = runner;
            if (started != null) {
                started.close();
            }
        }
    }

    /** A connection per query from the configured URL: the runner closes each one, nothing is pooled. */
    private static final class DriverManagerDataSource implements DataSource {
        private final MonitorProperties.QueryDataSource config;

        DriverManagerDataSource(MonitorProperties.QueryDataSource config) {
            this.config = config;
        }

        @Override
        public java.sql.Connection getConnection() throws java.sql.SQLException {
            return java.sql.DriverManager.getConnection(config.getUrl(), config.getUsername(), config.getPassword());
        }

        @Override
        public java.sql.Connection getConnection(String username, String password) throws java.sql.SQLException {
            return java.sql.DriverManager.getConnection(config.getUrl(), username, password);
        }

        @Override
        public java.io.PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) {
            // DriverManager logs through its own writer
        }

        @Override
        public void setLoginTimeout(int seconds) {
            java.sql.DriverManager.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() {
            return java.sql.DriverManager.getLoginTimeout();
        }

        @Override
        public java.util.logging.Logger getParentLogger() throws java.sql.SQLFeatureNotSupportedException {
            throw new java.sql.SQLFeatureNotSupportedException("no parent logger");
        }

        @Override
        public <T> T unwrap(Class<T> type) throws java.sql.SQLException {
            if (type.isInstance(this)) {
                return type.cast(this);
            }
            throw new java.sql.SQLException("not a wrapper of " + type.getName());
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return type.isInstance(this);
        }
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
                JdbcMonitoring.of(monitor, monitored)
                        .name(first ? JdbcMonitoring.DEFAULT_NAME : JdbcMonitoring.DEFAULT_NAME + "." + entry.getKey())
                        .sizeMetrics(properties.getJdbc().isSizeMetrics())
                        .queryStatistics(first)
                        .install();
                first = false;
            }
        };
    }
}
