package dev.vigil.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Monitor;
import dev.vigil.incident.Incident;
import dev.vigil.incident.IncidentQuery;
import dev.vigil.incident.SentryWebhook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Incidents as the starter serves them over real HTTP: ingest, a signed Sentry webhook, and MVC exceptions. */
@SpringBootTest(classes = VigilIncidentsHttpTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"monitor.ingest.token=ingest-token", "monitor.admin.token=admin-token",
                "monitor.incidents.sentry.client-secrets=sentry-secret", "monitor.checks.disk.enabled=false",
                "monitor.checks.memory.enabled=false", "monitor.metrics.system=false", "spring.application.name=shop"})
class VigilIncidentsHttpTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Orders.class)
    static class App {
    }

    /** A handler that fails like application code does. */
    @RestController
    static class Orders {
        @GetMapping("/orders/{id}")
        String order(@PathVariable String id) {
            throw new IllegalStateException("order " + id + " has a negative total");
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Monitor monitor;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void errorsPostedOverHttpAndFromSentryAndFromHandlersBecomeIncidents() throws Exception {
        HttpResponse<String> ingested = post("/api/admin/errors",
                "{\"error\": {\"message\": \"Cannot connect to database\"}, \"context\": {\"application\": \"billing\"}}",
                "Authorization", "Bearer ingest-token");
        assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(202);
        assertThat(json.readTree(ingested.body()).get("severity").asText()).isEqualTo("CRITICAL");

        String payload = "{\"action\": \"created\", \"data\": {\"issue\": {\"id\": \"42\", \"title\": \"TimeoutError: api timeout\","
                + " \"level\": \"error\", \"project\": {\"slug\": \"web\"},"
                + " \"metadata\": {\"type\": \"TimeoutError\", \"value\": \"API timeout on /checkout\"}}}}";
        String signature = SentryWebhook.sign("sentry-secret", payload.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> tampered = post("/api/admin/errors/sentry", payload.replace("42", "43"),
                "Sentry-Hook-Resource", "issue", "Sentry-Hook-Signature", signature, "Request-ID", "d1");
        HttpResponse<String> signed = post("/api/admin/errors/sentry", payload,
                "Sentry-Hook-Resource", "issue", "Sentry-Hook-Signature", signature, "Request-ID", "d1");
        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(202);
        assertThat(json.readTree(signed.body()).get("severity").asText()).isEqualTo("HIGH");

        HttpResponse<String> failed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders/7"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(failed.statusCode()).as("Spring still answers the failure").isEqualTo(500);

        assertThat(monitor.incidents().list(IncidentQuery.all(10))).extracting(Incident::title).containsExactlyInAnyOrder(
                "Cannot connect to database", "API timeout on /checkout", "order 7 has a negative total");
        Incident handler = monitor.incidents().list(IncidentQuery.all(10)).stream()
                .filter(incident -> incident.title().startsWith("order")).findFirst().orElseThrow();
        assertThat(handler.endpoints()).containsExactly("/orders/{id}");
        assertThat(handler.applications()).containsExactly("shop");

        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/admin/incidents?severity=CRITICAL")).header("Authorization", "Bearer admin-token").build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode incidents = json.readTree(list.body()).get("incidents");
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).get("title").asText()).isEqualTo("Cannot connect to database");
    }
}
