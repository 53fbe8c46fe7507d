package dev.vigil.spring.boot;

import javax.sql.DataSource;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.jdbc.DataSourceHealthCheck;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Adds the {@code database} health check when the application has one (primary) {@link DataSource}. */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({DataSource.class, DataSourceHealthCheck.class})
@ConditionalOnBooleanProperty(name = "monitor.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(MonitorProperties.class)
public final class VigilJdbcAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "databaseHealthCheck")
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
}
