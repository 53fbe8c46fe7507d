package dev.vigil.spring.boot3;

import java.util.List;
import dev.vigil.metrics.MetricCollector;
import dev.vigil.metrics.MetricSample;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A fresh Spring Boot 3.5 application as a user writes it: Spring MVC, Actuator, Prometheus, an H2 DataSource, the
 * Vigil starter, one business collector and one health indicator of its own, and no security: Spring Security is on
 * this module's class path for {@link SecuredActuatorIntegrationTest}'s application, so this one leaves Spring Boot's
 * security auto-configurations out, as an application without the security starter has none. It scans no package:
 * the secured application of this module lives in the same package.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
        "org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration",
        "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration"})
public class ActuatorApp {

    /** The application's own collector: exported as vigil.business.orders.open{collector="orders",region="eu"}. */
    @Bean
    MetricCollector orders() {
        return () -> List.of(MetricSample.of("orders.open", 7, "region", "eu"));
    }

    /** An Actuator indicator of the application's: Vigil runs it as the check actuator.payments. */
    @Bean
    HealthIndicator paymentsHealthIndicator() {
        return () -> Health.up().withDetail("provider", "test").build();
    }

    @RestController
    static class Greetings {
        @GetMapping("/hello/{id}")
        String hello(@PathVariable String id) {
            return "hello " + id;
        }
    }
}
