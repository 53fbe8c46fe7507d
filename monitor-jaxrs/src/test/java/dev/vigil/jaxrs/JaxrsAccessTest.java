package dev.vigil.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.vigil.Monitor;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionResult;
import dev.vigil.api.AccessMatrix;
import dev.vigil.api.Operation;
import dev.vigil.test.MutableClock;
import jakarta.ws.rs.Priorities;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The access rules over real HTTP through {@link MonitorFeature} in Jersey, as {@code ServletAccessTest} proves
 * them for the servlet: every registered operation as every kind of caller, with the body of a refused
 * request never read.
 */
class JaxrsAccessTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final EntityReadCounter BODIES = new EntityReadCounter();
    private static Monitor monitor;
    private static JerseyHost jersey;

    @BeforeAll
    static void start() throws Exception {
        monitor = Monitor.builder()
                .clock(MutableClock.atFixedStart())
                .adminAuthenticator(AccessMatrix.AUTHENTICATOR)
                .bindSystemMeters(false)
                .systemMetrics(false, Path.of("."))
                .action(ActionRegistration.builder("clear_cache", context -> ActionResult.succeeded("cleared")).build())
                .build();
        monitor.api().registerView("queries", () -> Map.of("statements", List.of()));
        jersey = JerseyHost.start("/shop", new ResourceConfig()
                .register(BODIES, Priorities.USER) // before Vigil's filter, to see every byte it reads
                .register(new MonitorFeature(monitor.api()))
                .property(ServerProperties.WADL_FEATURE_DISABLE, true));
    }

    @AfterAll
    static void stop() throws Exception {
        jersey.close();
        monitor.close();
    }

    static List<Object[]> cases() {
        return AccessMatrix.cases(monitor.api());
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void eachCallerReachesExactlyTheOperationsItsRolesAllow(String id, String caller) throws Exception {
        Operation operation = monitor.api().operations().find(id).orElseThrow();
        BODIES.reset();

        HttpResponse<String> response = HTTP.send(AccessMatrix.httpRequest(jersey.base(), monitor.api(), operation, caller),
                HttpResponse.BodyHandlers.ofString());

        assertThat(AccessMatrix.check(operation, caller, response.statusCode(), response.body())).isNull();
        if (!operation.access().allows(AccessMatrix.caller(caller))) {
            assertThat(BODIES.bytesRead()).as("the body of a refused request stays unread").isZero();
        }
    }
}
