package dev.vigil.spring.boot3;

import dev.vigil.spring.boottests.ActuatorScenarios;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;

/** The Actuator and Prometheus scenarios on Spring Boot 3.5.16. */
@AutoConfigureObservability // Boot 3.5 tests turn metrics export off without it
@SpringBootTest(classes = ActuatorApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActuatorIntegrationTest extends ActuatorScenarios {
}
