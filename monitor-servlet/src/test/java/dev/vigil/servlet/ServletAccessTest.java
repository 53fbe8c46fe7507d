package dev.vigil.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import dev.vigil.Monitor;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionResult;
import dev.vigil.api.AccessMatrix;
import dev.vigil.api.Operation;
import dev.vigil.api.StaticResources;
import dev.vigil.test.MutableClock;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The access rules over real HTTP, in an embedded Tomcat mapped only by {@link MonitorServlet#mappings}: every
 * registered operation as every kind of caller, with the body of a refused request never read; and the
 * static resources on their own mapping.
 */
class ServletAccessTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final BodyReadCounter BODIES = new BodyReadCounter();
    private static Monitor monitor;
    private static TomcatHost tomcat;
    private static String base;

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
        monitor.api().serve(StaticResources.builder("/admin/monitoring", "dev/vigil/api/static-test").build());

        tomcat = TomcatHost.start("/shop", monitor.api(), BODIES);
        base = tomcat.base();
    }

    @AfterAll
    static void stop() throws Exception {
        tomcat.close();
        monitor.close();
    }

    static List<Object[]> cases() {
        return AccessMatrix.cases(monitor.api());
    }

    private static HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.BodyPublisher body = method.equals("GET") || method.equals("DELETE")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void eachCallerReachesExactlyTheOperationsItsRolesAllow(String id, String caller) throws Exception {
        Operation operation = monitor.api().operations().find(id).orElseThrow();
        BODIES.reset();

        HttpResponse<String> response = HTTP.send(AccessMatrix.httpRequest(base, monitor.api(), operation, caller),
                HttpResponse.BodyHandlers.ofString());

        assertThat(AccessMatrix.check(operation, caller, response.statusCode(), response.body())).isNull();
        if (!operation.access().allows(AccessMatrix.caller(caller))) {
            assertThat(BODIES.bytesRead()).as("the body of a refused request stays unread").isZero();
        }
    }

    @Test
    void staticResourcesAreServedOnTheirOwnMapping() throws Exception {
        HttpResponse<String> script = send("GET", "/admin/monitoring/app.js", null);

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript;charset=utf-8");
        assertThat(script.headers().firstValue("Cache-Control")).hasValue("public, max-age=3600");
        assertThat(script.body()).isEqualTo("console.log(\"vigil\");\n");
        assertThat(send("GET", "/admin/monitoring", null).body()).contains("<title>Vigil</title>");
        assertThat(send("GET", "/admin/monitoring/notes.secret", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/admin/monitoring/%2e%2e/outside.txt", null).statusCode()).isIn(400, 404);
    }
}
