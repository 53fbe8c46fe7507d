package dev.vigil.spring.boot.quickstart;

import java.time.Duration;
import java.util.List;
import dev.vigil.health.HealthCheck;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthResult;
import dev.vigil.metrics.MetricCollector;
import dev.vigil.metrics.MetricSample;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MonitoringConfiguration {

    @Bean
    HealthCheck paymentsGateway(PaymentClient client) {          // reports as "paymentsGateway", critical
        return () -> client.ping()
                ? HealthResult.up()
                : HealthResult.down("payment gateway does not answer").withSuggestedAction("restart_gateway");
    }

    @Bean
    HealthCheckRegistration mediaStorage(MediaStore store) {     // choose name, interval, timeout, criticality
        return HealthCheckRegistration.builder("media-storage", store::probe)
                .critical(false)
                .interval(Duration.ofSeconds(15))
                .timeout(Duration.ofSeconds(2))
                .build();
    }

    @Bean
    MetricCollector orders(OrderRepository orders) {             // business metrics, read every monitor.metrics.collect-interval
        return () -> List.of(
                MetricSample.of("orders.today", orders.countToday()),
                MetricSample.of("orders.revenue.today", orders.revenueToday(), "currency", "EUR"));
    }
}
