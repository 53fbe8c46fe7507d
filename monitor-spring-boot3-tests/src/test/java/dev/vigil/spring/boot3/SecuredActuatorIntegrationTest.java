package dev.vigil.spring.boot3;

import dev.vigil.spring.boottests.SecuredActuatorScenarios;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** The Spring Security, Actuator and Prometheus scenarios on Spring Boot 3.5.16 / Spring Security 6.5.11. */
@AutoConfigureObservability // Boot 3.5 tests turn metrics export off without it
@SpringBootTest(classes = SecuredActuatorIntegrationTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=vigil-boot3-secured-app",
                "spring.datasource.url=jdbc:h2:mem:boot3secured;DB_CLOSE_DELAY=-1",
                "monitor.security.roles.admin=ADMIN"})
class SecuredActuatorIntegrationTest extends SecuredActuatorScenarios {

    /**
     * The application: no component scan (the other application of this module scans this package), everything
     * it has is declared here or in {@link HostParts}.
     */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(HostParts.class)
    static class App {

        @Bean
        SecurityFilterChain hostChain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests
                            .requestMatchers(EndpointRequest.to("health")).permitAll()
                            .anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())
                    .httpBasic(Customizer.withDefaults());
            return http.build();
        }
    }
}
