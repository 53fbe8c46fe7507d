package dev.vigil.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import dev.vigil.Monitor;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionResult;
import dev.vigil.api.AccessMatrix;
import dev.vigil.api.Operation;
import dev.vigil.security.Role;
import dev.vigil.servlet.BodyReadCounter;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The access rules over real HTTP as the starter serves the API, with its callers configured the way a
 * service configures them: the admin role through {@code monitor.admin.token}, every other role through a
 * named token in {@code monitor.admin.tokens}. Every operation registered in the context's {@link Monitor},
 * as every kind of caller, with the body of a refused request never read, as {@code ServletAccessTest}
 * proves it for the plain servlet.
 */
@SpringBootTest(classes = SpringAccessTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"monitor.checks.disk.enabled=false", "monitor.metrics.system=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // the cases come from the context's monitor, injected first
class SpringAccessTest {

    /** A host with an action and a database (which brings the {@code queries} operation), and a filter in front of everything that counts the body bytes read. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        final BodyReadCounter bodies = new BodyReadCounter();

        @Bean
        FilterRegistrationBean<BodyReadCounter> bodyReadCounter() {
            FilterRegistrationBean<BodyReadCounter> registration = new FilterRegistrationBean<>(bodies);
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        @Bean
        ActionRegistration clearCache() {
            return ActionRegistration.builder("clear_cache", context -> ActionResult.succeeded("cleared")).build();
        }

        @Bean
        DataSource dataSource() {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:mem:access;DB_CLOSE_DELAY=-1");
            return dataSource;
        }
    }

    @DynamicPropertySource
    static void tokens(DynamicPropertyRegistry registry) {
        for (Map.Entry<String, Optional<String>> caller : AccessMatrix.TOKENS.entrySet()) {
            String name = caller.getKey();
            caller.getValue().ifPresent(token -> {
                if (name.equals(Role.ADMIN.jsonName())) {
                    registry.add("monitor.admin.token", () -> token);
                } else {
                    registry.add("monitor.admin.tokens." + name + "-user.token", () -> token);
                    registry.add("monitor.admin.tokens." + name + "-user.roles", () -> name);
                }
            });
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    App app;

    @Autowired
    Monitor monitor;

    List<Object[]> cases() {
        return AccessMatrix.cases(monitor.api());
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void eachCallerReachesExactlyTheOperationsItsRolesAllow(String id, String caller) throws Exception {
        Operation operation = monitor.api().operations().find(id).orElseThrow();
        app.bodies.reset();

        HttpResponse<String> response = http.send(
                AccessMatrix.httpRequest("http://127.0.0.1:" + port, monitor.api(), operation, caller),
                HttpResponse.BodyHandlers.ofString());

        assertThat(AccessMatrix.check(operation, caller, response.statusCode(), response.body())).isNull();
        if (!operation.access().allows(AccessMatrix.caller(caller))) {
            assertThat(app.bodies.bytesRead()).as("the body of a refused request stays unread").isZero();
        }
    }
}
