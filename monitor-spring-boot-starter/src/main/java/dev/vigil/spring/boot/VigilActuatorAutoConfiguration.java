package dev.vigil.spring.boot;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import dev.vigil.Monitor;
import dev.vigil.spring.actuator.ActuatorBridge;
import dev.vigil.spring.actuator.ActuatorSettings;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Vigil and Actuator health on Spring Boot 4 (health types in {@code org.springframework.boot.health.contributor}):
 * the {@code vigil} contributor showing Vigil's checks from their latest results (Actuator's {@code show-details} and
 * {@code show-components} decide what a caller sees), and Actuator's indicators imported as Vigil checks
 * {@code actuator.<name>} run on Vigil's schedule ({@code monitor.actuator.indicators.*}). The rules, the status
 * mapping and the no-duplicates rule are {@link ActuatorBridge}'s; the Boot 3.5 twin is
 * {@code dev.vigil.spring.boot3.VigilBoot3ActuatorAutoConfiguration}.
 */
@AutoConfiguration(after = {VigilAutoConfiguration.class, VigilJdbcAutoConfiguration.class},
        beforeName = {"org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration",
                "org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration"})
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(Monitor.class)
public final class VigilActuatorAutoConfiguration {

    /** Vigil's checks as the Actuator component {@code vigil}, read from Vigil's latest results. */
    @Bean(ActuatorBridge.CONTRIBUTOR_BEAN)
    @ConditionalOnMissingBean(name = ActuatorBridge.CONTRIBUTOR_BEAN)
    @ConditionalOnBooleanProperty(name = "monitor.actuator.contributor", matchIfMissing = true)
    HealthContributor vigilHealthContributor(Monitor monitor) {
        return new VigilContributor(monitor);
    }

    /** Actuator's indicators as Vigil checks, once every bean exists and before Vigil starts. */
    @Bean
    @ConditionalOnBooleanProperty(name = "monitor.actuator.indicators.enabled", matchIfMissing = true)
    SmartInitializingSingleton vigilActuatorIndicators(Monitor monitor, ListableBeanFactory beans, Environment environment) {
        return () -> {
            ActuatorSettings settings = ActuatorSettings.from(environment);
            Set<String> checks = new HashSet<>(monitor.health().names());
            beans.getBeansOfType(HealthContributor.class, false, false).forEach((beanName, contributor) -> {
                String name = ActuatorBridge.actuatorName(beanName);
                if (contributor instanceof VigilContributor || !ActuatorBridge.imports(name, checks, settings)) {
                    return;
                }
                monitor.health().register(ActuatorBridge.registration(name, () -> {
                    ActuatorBridge.Reading reading = read(contributor);
                    return ActuatorBridge.result(reading.code(), reading.details());
                }, settings));
                checks.add(ActuatorBridge.IMPORTED_PREFIX + name);
            });
        };
    }

    static ActuatorBridge.Reading read(HealthContributor contributor) {
        if (contributor instanceof HealthIndicator indicator) {
            Health health = indicator.health(true);
            return new ActuatorBridge.Reading(health.getStatus().getCode(), health.getDetails());
        }
        if (contributor instanceof CompositeHealthContributor composite) {
            Map<String, ActuatorBridge.Reading> parts = new LinkedHashMap<>();
            composite.stream().forEach(part -> parts.put(part.name(), read(part.contributor())));
            return ActuatorBridge.combine(parts);
        }
        return new ActuatorBridge.Reading("UNKNOWN", Map.of("type", contributor.getClass().getName()));
    }

    /** Each Vigil check (but the imported ones) as a component; the set follows checks registered later. */
    static final class VigilContributor implements CompositeHealthContributor {
        private final Monitor monitor;

        VigilContributor(Monitor monitor) {
            this.monitor = monitor;
        }

        @Override
        public HealthContributor getContributor(String name) {
            return ActuatorBridge.component(monitor, name).map(VigilContributor::indicator).orElse(null);
        }

        @Override
        public Stream<HealthContributors.Entry> stream() {
            return ActuatorBridge.componentNames(monitor).stream()
                    .flatMap(name -> ActuatorBridge.component(monitor, name).stream())
                    .map(component -> new HealthContributors.Entry(component.name(), indicator(component)));
        }

        private static HealthIndicator indicator(ActuatorBridge.Component component) {
            return () -> (component.up() ? Health.up() : Health.down()).withDetails(component.details()).build();
        }
    }
}
