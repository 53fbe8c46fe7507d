package dev.vigil.spring.boot3;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.vigil.Monitor;
import dev.vigil.spring.actuator.ActuatorBridge;
import dev.vigil.spring.actuator.ActuatorSettings;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Vigil and Actuator health on Spring Boot 3.5 (health types in {@code org.springframework.boot.actuate.health}):
 * the {@code vigil} contributor showing Vigil's checks, and Actuator's indicators imported as Vigil checks
 * {@code actuator.<name>}. The rules are {@link ActuatorBridge}'s; the Boot 4 twin is in the starter. The class
 * condition is a string, read before the class loads, so this class never loads on Boot 4.
 */
@AutoConfiguration(afterName = {"dev.vigil.spring.boot.VigilAutoConfiguration",
        "dev.vigil.spring.boot.VigilJdbcAutoConfiguration"},
        beforeName = {"org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration",
                "org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration"})
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnBean(Monitor.class)
public final class VigilBoot3ActuatorAutoConfiguration {

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
            Health health = indicator.getHealth(true);
            return new ActuatorBridge.Reading(health.getStatus().getCode(), health.getDetails());
        }
        if (contributor instanceof CompositeHealthContributor composite) {
            Map<String, ActuatorBridge.Reading> parts = new LinkedHashMap<>();
            for (NamedContributor<HealthContributor> part : composite) {
                parts.put(part.getName(), read(part.getContributor()));
            }
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
        public Iterator<NamedContributor<HealthContributor>> iterator() {
            List<NamedContributor<HealthContributor>> parts = new java.util.ArrayList<>();
            for (String name : ActuatorBridge.componentNames(monitor)) {
                ActuatorBridge.component(monitor, name)
                        .ifPresent(component -> parts.add(NamedContributor.of(name, indicator(component))));
            }
            return parts.iterator();
        }

        private static HealthIndicator indicator(ActuatorBridge.Component component) {
            return () -> (component.up() ? Health.up() : Health.down()).withDetails(component.details()).build();
        }
    }
}
