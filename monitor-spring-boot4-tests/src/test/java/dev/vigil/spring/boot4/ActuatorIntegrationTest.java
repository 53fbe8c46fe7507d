package dev.vigil.spring.boot4;

import dev.vigil.spring.boottests.ActuatorScenarios;
import org.springframework.boot.test.context.SpringBootTest;

/** The Actuator and Prometheus scenarios on Spring Boot 4.1. */
@SpringBootTest(classes = ActuatorApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActuatorIntegrationTest extends ActuatorScenarios {
}
