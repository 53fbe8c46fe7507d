package dev.vigil.spring.boot;

import java.time.Clock;
import javax.sql.DataSource;
import dev.vigil.alert.AlertSettings;
import dev.vigil.jdbc.MonitoredDataSource;
import dev.vigil.jdbc.store.JdbcMonitorStore;
import dev.vigil.jdbc.store.SchemaInitialization;
import dev.vigil.store.MemoryMonitorStore;
import dev.vigil.store.MonitorStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Conditional;
import org.springframework.util.ClassUtils;

/**
 * The {@link MonitorStore} the monitor keeps its state in, chosen by {@code monitor.store.type}: {@code memory}
 * (the default) or {@code jdbc}, on the application's {@code DataSource} or, with
 * {@code monitor.store.datasource.url}, on a pool of its own. A {@code MonitorStore} bean of the application's
 * wins.
 */
@AutoConfiguration(before = VigilAutoConfiguration.class,
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnBooleanProperty(name = "monitor.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MonitorProperties.class)
public final class VigilStoreAutoConfiguration {

    private static final String TYPE = "monitor.store.type";
    private static final String JDBC_STORE = "dev.vigil.jdbc.store.JdbcMonitorStore";

    /** Everything in the process, lost on a restart. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = TYPE, havingValue = "memory", matchIfMissing = true)
    static final class Memory {

        @Bean
        @ConditionalOnMissingBean
        MonitorStore vigilMonitorStore(MonitorProperties properties) {
            return new MemoryMonitorStore(Clock.systemUTC(), AlertSettings.DEFAULT_HISTORY_SIZE,
                    properties.getHealth().getHistorySize());
        }
    }

    /** The JDBC store on a pool of its own, from {@code monitor.store.datasource.*}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = JDBC_STORE)
    @ConditionalOnProperty(name = TYPE, havingValue = "jdbc")
    @ConditionalOnProperty(name = "monitor.store.datasource.url")
    static final class JdbcOwnDataSource {

        /** Closed after the store (the store bean depends on it), so the monitor's last writes still reach it. */
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(MonitorStore.class)
        StoreConnectionPool vigilStoreConnectionPool(MonitorProperties properties) {
            if (!ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource", VigilStoreAutoConfiguration.class.getClassLoader())) {
                throw new IllegalStateException("monitor.store.datasource.url needs HikariCP on the class path "
                        + "(spring-boot-starter-jdbc brings it), or leave it unset to use the application's DataSource");
            }
            return StoreConnectionPool.create(properties.getStore().getDatasource());
        }

        @Bean
        @ConditionalOnMissingBean
        MonitorStore vigilMonitorStore(MonitorProperties properties, StoreConnectionPool pool) {
            return JdbcStores.create(pool.dataSource(), properties.getStore());
        }
    }

    /** The JDBC store on the application's DataSource bean. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = JDBC_STORE)
    @ConditionalOnProperty(name = TYPE, havingValue = "jdbc")
    @Conditional(NoStoreUrl.class)
    static final class JdbcApplicationDataSource {

        @Bean
        @ConditionalOnMissingBean
        MonitorStore vigilMonitorStore(MonitorProperties properties, ObjectProvider<DataSource> dataSources) {
            DataSource dataSource = dataSources.getIfUnique();
            if (dataSource == null) {
                throw new IllegalStateException("monitor.store.type=jdbc needs a DataSource: set monitor.store.datasource.url "
                        + "(and monitor.store.datasource.username / password) for a data source of the store's own, "
                        + "or define one primary DataSource bean (spring.datasource.url), or set monitor.store.type=memory");
            }
            // Vigil's own statements are not the application's: they stay out of its statement statistics.
            DataSource target = dataSource instanceof MonitoredDataSource monitored ? monitored.target() : dataSource;
            return JdbcStores.create(target, properties.getStore());
        }
    }

    /** Matches when {@code monitor.store.datasource.url} is not set. */
    static final class NoStoreUrl extends NoneNestedConditions {

        NoStoreUrl() {
            super(ConfigurationPhase.PARSE_CONFIGURATION);
        }

        @ConditionalOnProperty(name = "monitor.store.datasource.url")
        static final class StoreUrl {
        }
    }

    /** {@code monitor.store.type=jdbc} without the module that has the JDBC store: fail at start-up, saying so. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass(JDBC_STORE)
    @ConditionalOnProperty(name = TYPE, havingValue = "jdbc")
    static final class JdbcModuleMissing {

        @Bean
        @ConditionalOnMissingBean
        MonitorStore vigilMonitorStore() {
            throw new IllegalStateException("monitor.store.type=jdbc needs the dev.vigil:monitor-jdbc module on the class path");
        }
    }

    /** Builds the JDBC store; a class of its own, loaded only when the JDBC store is configured. */
    static final class JdbcStores {

        private JdbcStores() {
        }

        static MonitorStore create(DataSource dataSource, MonitorProperties.Store store) {
            return JdbcMonitorStore.builder(dataSource)
                    .tablePrefix(store.getTablePrefix())
                    .initializeSchema(switch (store.getInitializeSchema()) {
                        case EMBEDDED -> SchemaInitialization.EMBEDDED;
                        case ALWAYS -> SchemaInitialization.ALWAYS;
                        case NEVER -> SchemaInitialization.NEVER;
                    })
                    .clock(Clock.systemUTC())
                    .build();
        }
    }
}
