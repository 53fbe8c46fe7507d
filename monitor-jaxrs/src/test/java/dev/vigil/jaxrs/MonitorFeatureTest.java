package dev.vigil.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.Monitor;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionResult;
import dev.vigil.action.ActionSeverity;
import dev.vigil.api.ApiSettings;
import dev.vigil.api.MonitorApi;
import dev.vigil.api.ShowDetails;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthResult;
import dev.vigil.notice.NoticeSettings;
import dev.vigil.test.MutableClock;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The feature in Jersey next to an application's own resources, over real HTTP. */
class MonitorFeatureTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger cacheClears = new AtomicInteger();
    private Monitor monitor;

    /** The application's own resource. */
    @Path("orders")
    public static class OrdersResource {
        @GET
        @Produces(MediaType.APPLICATION_JSON)
        public List<Map<String, Object>> list() {
            return List.of(Map.of("id", 1, "customer", "Ada"));
        }
    }

    /** An application resource that matches every path, Vigil's included. */
    @Path("{any: .*}")
    public static class CatchAllResource {
        @GET
        @Produces(MediaType.TEXT_PLAIN)
        public String any(@PathParam("any") String any) {
            return "application: " + any;
        }
    }

    /** The application's own pre-matching filter, handing Vigil the client address (here from a test header). */
    @PreMatching
    public static class ClientAddressFilter implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            String client = request.getHeaderString("X-Test-Client");
            if (client != null) {
                request.setProperty(MonitorFeature.REMOTE_ADDRESS_PROPERTY, client);
            }
        }
    }

    @BeforeEach
    void createMonitor() {
        monitor = monitor(ApiSettings.ofDefaults());
    }

    private Monitor monitor(ApiSettings settings) {
        Monitor created = Monitor.builder()
                .clock(clock)
                .version("9.9.9")
                .adminToken("t0ken")
                .apiSettings(settings)
                .healthCheck(HealthCheckRegistration.of("db", () -> HealthResult.up().withDetail("latencyMs", 2)))
                .action(ActionRegistration.builder("clear_cache", context -> {
                    cacheClears.incrementAndGet();
                    return ActionResult.succeeded("cleared");
                }).build())
                .action(ActionRegistration.builder("clear_connections", context -> ActionResult.succeeded("evicted"))
                        .severity(ActionSeverity.CRITICAL).build())
                .build();
        created.health().runDue().join();
        return created;
    }

    @AfterEach
    void closeMonitor() {
        monitor.close();
    }

    /** The standard way: the feature as a class, the API in the application's properties. */
    private static Application standard(MonitorApi api, Class<?>... resources) {
        return new Application() {
            @Override
            public Set<Class<?>> getClasses() {
                Set<Class<?>> classes = new HashSet<>(List.of(resources));
                classes.add(MonitorFeature.class);
                return classes;
            }

            @Override
            public Map<String, Object> getProperties() {
                return Map.of(MonitorFeature.API_PROPERTY, api, ServerProperties.WADL_FEATURE_DISABLE, true);
            }
        };
    }

    /** Jersey's way: components, instances included, registered with its {@link ResourceConfig}. */
    private static ResourceConfig jersey(Object... components) {
        ResourceConfig application = new ResourceConfig().property(ServerProperties.WADL_FEATURE_DISABLE, true);
        for (Object component : components) {
            if (component instanceof Class<?> type) {
                application.register(type);
            } else {
                application.register(component);
            }
        }
        return application;
    }

    private HttpResponse<String> send(String method, String url, HttpRequest.BodyPublisher body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).method(method, body);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url, String... headers) throws Exception {
        return send("GET", url, HttpRequest.BodyPublishers.noBody(), headers);
    }

    private HttpResponse<String> adminPost(String url, String body, String... extraHeaders) throws Exception {
        List<String> headers = new ArrayList<>(List.of("Authorization", "Bearer t0ken", "Content-Type", "application/json"));
        headers.addAll(List.of(extraHeaders));
        return send("POST", url, HttpRequest.BodyPublishers.ofString(body), headers.toArray(String[]::new));
    }

    private JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    @Test
    void servesItsPathsAndLeavesEveryOtherToTheApplication() throws Exception {
        try (JerseyHost host = JerseyHost.start("/", standard(monitor.api(), OrdersResource.class, CatchAllResource.class))) {
            HttpResponse<String> health = get(host.base() + "/api/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(body(health).path("version").asText()).isEqualTo("9.9.9");
            assertThat(get(host.base() + "/api/admin/metrics").statusCode()).isEqualTo(401);

            HttpResponse<String> orders = get(host.base() + "/orders");
            assertThat(orders.statusCode()).isEqualTo(200);
            assertThat(body(orders).get(0).path("customer").asText()).isEqualTo("Ada");
            for (String path : List.of("api/healthz", "api/health/x", "api/administration", "api")) {
                assertThat(get(host.base() + "/" + path).body()).as(path).isEqualTo("application: " + path);
            }
        }
    }

    @Test
    void applicationsResponseFiltersSeeVigilsAnswersAndItsPostMatchingFiltersDoNot() throws Exception {
        ContainerRequestFilter teapot = request -> request.abortWith(Response.status(418).build()); // post-matching
        ContainerResponseFilter stamp = (request, response) -> response.getHeaders().add("X-Served-By", "shop");
        try (JerseyHost host = JerseyHost.start("/", jersey(OrdersResource.class, new MonitorFeature(monitor.api()),
                teapot, stamp))) {
            HttpResponse<String> health = get(host.base() + "/api/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("X-Served-By")).hasValue("shop");

            assertThat(get(host.base() + "/orders").statusCode()).isEqualTo(418);
        }
    }

    @Test
    void theBeaconIsRateLimitedByTheClientAddressTheApplicationHandsOver() throws Exception {
        try (Monitor limited = Monitor.builder().clock(clock).bindSystemMeters(false)
                .systemMetrics(false, java.nio.file.Path.of("."))
                .notices(NoticeSettings.builder().beaconRateLimit(1, 100).build()).build();
                JerseyHost host = JerseyHost.start("/", jersey(new MonitorFeature(limited.api()), ClientAddressFilter.class))) {
            String beacon = host.base() + "/api/notices/beacon";
            String body = "{\"path\":\"/media-upload\",\"loadMs\":800}";
            HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.ofString(body);

            assertThat(send("POST", beacon, publisher, "Content-Type", "application/json", "X-Test-Client", "10.0.0.1")
                    .statusCode()).isEqualTo(204);
            HttpResponse<String> limitedAnswer = send("POST", beacon, publisher, "Content-Type", "application/json",
                    "X-Test-Client", "10.0.0.1");
            assertThat(limitedAnswer.statusCode()).isEqualTo(429);
            assertThat(limitedAnswer.headers().firstValue("Retry-After")).hasValue("60");
            assertThat(send("POST", beacon, publisher, "Content-Type", "application/json", "X-Test-Client", "10.0.0.2")
                    .statusCode()).isEqualTo(204);
        }
    }

    @Test
    void registersInAJerseyResourceConfig() throws Exception {
        ResourceConfig application = new ResourceConfig(OrdersResource.class)
                .register(new MonitorFeature(monitor.api()))
                .property(ServerProperties.WADL_FEATURE_DISABLE, true);
        HttpServer server = JdkHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), application);
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();

            assertThat(body(get(base + "/api/health", "Authorization", "Bearer t0ken")).path("services")).hasSize(1);
            assertThat(get(base + "/api/admin/system-health", "Authorization", "Bearer t0ken").statusCode()).isEqualTo(200);
            assertThat(get(base + "/orders").statusCode()).isEqualTo(200);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void pathsComeFromTheApiSettingsUnderTheApplicationsRoot() throws Exception {
        monitor.close();
        monitor = monitor(new ApiSettings("/status", "/ops/vigil", ShowDetails.WHEN_AUTHORIZED));
        try (JerseyHost host = JerseyHost.start("/shop", standard(monitor.api(), CatchAllResource.class))) {
            assertThat(body(get(host.base() + "/status")).path("status").asText()).isEqualTo("healthy");
            assertThat(get(host.base() + "/ops/vigil/metrics").statusCode()).isEqualTo(401);
            assertThat(get(host.base() + "/ops/vigil/metrics", "Authorization", "Bearer t0ken").statusCode()).isEqualTo(200);
            assertThat(get(host.base() + "/api/health").body()).isEqualTo("application: api/health");
            assertThat(get(host.base() + "/ops/vigilant").body()).isEqualTo("application: ops/vigilant");
        }
    }

    @Test
    void featureWithoutAnApiStopsTheStartAndSaysHowToGiveIt() {
        Application withoutApi = new Application() {
            @Override
            public Set<Class<?>> getClasses() {
                return Set.of(MonitorFeature.class, OrdersResource.class);
            }
        };

        assertThatThrownBy(() -> JerseyHost.start("/", withoutApi).close())
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'" + MonitorFeature.API_PROPERTY + "'");
    }

    @Test
    void actionsRunOnceAndReplaysSayWhy() throws Exception {
        try (JerseyHost host = JerseyHost.start("/", jersey(new MonitorFeature(monitor.api())))) {
            String trigger = host.base() + "/api/admin/trigger-action";

            HttpResponse<String> ran = adminPost(trigger, "{\"action\": \"clear_cache\"}", "Idempotency-Key", "k-1");
            assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
            assertThat(body(ran).path("status").asText()).isEqualTo("succeeded");
            assertThat(body(ran).path("who").asText()).isEqualTo("admin-token");
            assertThat(cacheClears).hasValue(1);

            HttpResponse<String> replayed = adminPost(trigger, "{\"action\": \"clear_cache\"}", "Idempotency-Key", "k-1");
            assertThat(replayed.statusCode()).isEqualTo(200);
            assertThat(replayed.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(body(replayed).path("auditId").asText()).isEqualTo(body(ran).path("auditId").asText());
            assertThat(cacheClears).hasValue(1);

            HttpResponse<String> critical = adminPost(trigger, "{\"action\": \"clear_connections\"}");
            assertThat(critical.statusCode()).isEqualTo(202);
            assertThat(body(critical).path("status").asText()).isEqualTo("pending_approval");
        }
    }

    @Test
    void silenceIsCreatedListedAndDeleted() throws Exception {
        try (JerseyHost host = JerseyHost.start("/", jersey(new MonitorFeature(monitor.api())))) {
            String silences = host.base() + "/api/admin/silences";

            HttpResponse<String> created = adminPost(silences,
                    "{\"matchers\": {\"rule\": \"disk-critical\"}, \"duration\": \"2h\", \"reason\": \"resizing\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = body(created).path("id").asText();
            assertThat(body(created).path("createdBy").asText()).isEqualTo("admin-token");

            assertThat(body(get(silences, "Authorization", "Bearer t0ken")).path("silences").get(0).path("id").asText())
                    .isEqualTo(id);
            HttpResponse<String> deleted = send("DELETE", silences + "/" + id, HttpRequest.BodyPublishers.noBody(),
                    "Authorization", "Bearer t0ken");
            assertThat(deleted.statusCode()).isEqualTo(204);
            assertThat(deleted.body()).isEmpty();
            assertThat(monitor.alerts().silences()).isEmpty();
        }
    }
}
