package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Talks to a running demo over real HTTP, as a user, an operator or a load balancer would. */
final class DemoClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final int port;
    private final String authorization;

    DemoClient(int port, String token) {
        this.port = port;
        this.authorization = "Bearer " + token;
    }

    /** A port nobody listens on right now, for a test's server. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String authorization() {
        return authorization;
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** GET with the admin token; the answer must be 200 JSON. */
    JsonNode admin(String path) throws Exception {
        HttpResponse<String> response = get(path, "Authorization", authorization);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    JsonNode json(String body) throws Exception {
        return json.readTree(body);
    }

    HttpResponse<String> postFault(String body) throws Exception {
        return send(HttpRequest.newBuilder(uri("/demo/faults")).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", authorization));
    }

    void clearFaults() throws Exception {
        send(HttpRequest.newBuilder(uri("/demo/faults")).DELETE().header("Authorization", authorization));
    }

    HttpClient http() {
        return http;
    }
}
