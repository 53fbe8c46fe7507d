package dev.vigil.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * The world outside the nodes, on one WireMock server: the {@code /target} and {@code /canary} URLs
 * the nodes check, and the {@code /sink} webhook their notifications go to. Each answers with a status
 * the test sets; the sink's requests are read back as {@link Delivery deliveries}.
 */
final class Remote implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;
    private final Map<String, StubMapping> stubs = new HashMap<>();

    Remote() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(20));
        server.start();
        answer("/target", 200);
        answer("/canary", 200);
        answer("/sink", 200);
        warmUp();
    }

    /** A few requests first, so that the nodes' first checks do not meet a cold server. */
    private void warmUp() {
        HttpClient client = HttpClient.newHttpClient();
        try {
            for (int i = 0; i < 20; i++) {
                client.send(HttpRequest.newBuilder(URI.create(url(i % 2 == 0 ? "/target" : "/canary"))).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("WireMock does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        server.resetRequests();
    }

    /** Makes {@code path} answer {@code status} from now on. */
    void answer(String path, int status) {
        answer(path, status, Duration.ZERO);
    }

    /** Makes {@code path} answer {@code status} after {@code delay} from now on. */
    synchronized void answer(String path, int status, Duration delay) {
        StubMapping previous = stubs.remove(path);
        if (previous != null) {
            server.removeStub(previous);
        }
        ResponseDefinitionBuilder response = aResponse().withStatus(status).withFixedDelay((int) delay.toMillis());
        StubMapping stub = path.equals("/sink")
                ? post(urlEqualTo(path)).willReturn(response).build()
                : any(urlEqualTo(path)).willReturn(response.withBody(status == 200 ? "ok" : "failing")).build();
        server.addStubMapping(stub);
        stubs.put(path, stub);
    }

    /** The URL of {@code path} on this server. */
    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** The arguments that point a node at this server. */
    Map<String, String> nodeOptions() {
        return Map.of("target", url("/target"), "canary", url("/canary"), "sink", url("/sink"));
    }

    /**
     * A notification as the sink received it in one request.
     *
     * @param id the notification's id
     * @param kind firing or resolved
     * @param rule the alert's rule
     * @param alertId the alert's id
     * @param status what the sink answered to the request that carried it
     */
    record Delivery(String id, String kind, String rule, String alertId, int status) {
        boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    /** Every notification every request to the sink carried, whatever the sink answered. */
    List<Delivery> deliveries() {
        List<Delivery> deliveries = new ArrayList<>();
        for (ServeEvent event : server.getAllServeEvents()) {
            if (!event.getRequest().getUrl().equals("/sink")) {
                continue;
            }
            int status = event.getResponse() == null ? 0 : event.getResponse().getStatus();
            try {
                JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
                for (JsonNode notification : body.path("notifications")) {
                    deliveries.add(new Delivery(notification.path("id").asText(), notification.path("kind").asText(),
                            notification.path("alert").path("rule").asText(),
                            notification.path("alert").path("id").asText(), status));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("the sink received a body that is not JSON", e);
            }
        }
        return deliveries;
    }

    /** The notifications the sink accepted (answered 2xx). */
    List<Delivery> accepted() {
        return deliveries().stream().filter(Delivery::accepted).toList();
    }

    @Override
    public void close() {
        server.stop();
    }
}
