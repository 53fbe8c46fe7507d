package dev.vigil.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import dev.vigil.health.HealthCheck;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthStatus;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The demo's own checks, and the fault switch wired into every check so a demo can force one down.
 */
@Configuration(proxyBeanMethods = false)
class DemoChecks {

    /** A critical dependency: without the payment gateway the service is down. */
    @Bean("payments-gateway")
    HealthCheck paymentsGateway() {
        return () -> HealthResult.up("gateway answered").withDetail("provider", "demo-pay");
    }

    /** A non-critical one: uploads can be stored later, so a failure only degrades the service. */
    @Bean
    HealthCheckRegistration mediaStorage() {
        return HealthCheckRegistration.builder("media-storage", DemoChecks::probeMediaStorage)
                .critical(false)
                .timeout(Duration.ofSeconds(2))
                .build();
    }

    private static HealthResult probeMediaStorage() throws IOException {
        Path probe = Files.createTempFile("vigil-demo-media", ".probe");
        try {
            Files.writeString(probe, "ok");
            return HealthResult.up("media store writable").withDetail("dir", probe.getParent().toString());
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /** Routes every check through the fault switch: {@code {"check": name, "status": "down"}} forces a result. */
    @Bean
    static BeanPostProcessor faultInjectingChecks(org.springframework.beans.factory.ObjectProvider<FaultSwitch> faults) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
                if (bean instanceof HealthCheck check) {
                    return withFaults(beanName, check, faults);
                }
                if (bean instanceof HealthCheckRegistration registration) {
                    return registration.withCheck(withFaults(registration.name(), registration.check(), faults));
                }
                return bean;
            }
        };
    }

    private static HealthCheck withFaults(String name, HealthCheck check,
            org.springframework.beans.factory.ObjectProvider<FaultSwitch> faults) {
        return () -> {
            HealthStatus forced = faults.getObject().forced(name).orElse(null);
            if (forced != null) {
                return HealthResult.of(forced, "forced " + forced.jsonName() + " by the demo fault switch");
            }
            return check.check();
        };
    }
}
