package dev.vigil.example.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The example over real HTTP: its own routes, and Vigil's API next to them. */
class JaxrsAppTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private JaxrsApp app;
    private String base;

    @BeforeEach
    void start() throws Exception {
        app = JaxrsApp.start(0);
        base = "http://localhost:" + app.port();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    private HttpResponse<String> admin(String path) throws Exception {
        return get(path, "Authorization", "Bearer " + app.adminToken());
    }

    private JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.path(field).asText()));
        return values;
    }

    @Test
    void publicHealthIsASummaryAndTheTokenShowsEveryCheck() throws Exception {
        HttpResponse<String> summary = get("/api/health");

        assertThat(summary.statusCode()).isEqualTo(200);
        assertThat(body(summary).path("status").asText()).isIn("healthy", "degraded");
        assertThat(body(summary).has("services")).isFalse();

        app.monitor().health().runNow("stock").join();
        JsonNode services = body(admin("/api/health")).path("services");
        assertThat(texts(services, "name")).contains("disk", "stock");
        JsonNode stock = services.get(texts(services, "name").indexOf("stock"));
        assertThat(stock.path("status").asText()).isEqualTo("degraded");
        assertThat(stock.path("message").asText()).isEqualTo("1 item(s) out of stock");
    }

    @Test
    void adminEndpointsNeedTheToken() throws Exception {
        assertThat(get("/api/admin/metrics").statusCode()).isEqualTo(401);
        assertThat(get("/api/admin/metrics", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);

        app.monitor().metrics().collectNow().join();
        HttpResponse<String> systemHealth = admin("/api/admin/system-health");
        assertThat(systemHealth.statusCode()).isEqualTo(200);
        assertThat(body(systemHealth).path("inventory").path("items").asDouble()).isEqualTo(3);
        assertThat(body(systemHealth).path("inventory").path("outOfStock").asDouble()).isEqualTo(1);
    }

    @Test
    void itemsAreTheApplicationsOwnRoutes() throws Exception {
        assertThat(body(get("/items"))).hasSize(3);
        assertThat(body(get("/items/2")).path("name").asText()).isEqualTo("mouse");
        assertThat(get("/items/99").statusCode()).isEqualTo(404);

        HttpResponse<String> added = send(HttpRequest.newBuilder(URI.create(base + "/items"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"cable\", \"stock\": 40}")));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(added.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/items/4"));
        assertThat(body(get("/items/4")).path("stock").asInt()).isEqualTo(40);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/items")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"stock\": -1}"))).statusCode()).isEqualTo(400);
    }
}
