package dev.vigil.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Calls a Vigil API over HTTP with an admin bearer token and reads the JSON answers. */
final class NodeApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String base;
    private final String token;

    NodeApi(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The server's root URL, e.g. {@code http://127.0.0.1:40123}. */
    String base() {
        return base;
    }

    /** GET {@code /api/admin<path>}; fails unless the answer is 200. */
    JsonNode get(String path) {
        return send("GET", path, null, 200);
    }

    /** POST {@code /api/admin<path>} with a JSON body; fails unless the answer is {@code expected}. */
    JsonNode post(String path, Object body, int expected) {
        return send("POST", path, body, expected);
    }

    /** PUT {@code /api/admin<path>} with a JSON body; fails unless the answer is {@code expected}. */
    JsonNode put(String path, Object body, int expected) {
        return send("PUT", path, body, expected);
    }

    /** Creates a silence for the alerts of {@code rule}, for an hour; returns its id. */
    String silenceRule(String rule, String reason) {
        return post("/silences", java.util.Map.of("matchers", java.util.Map.of("rule", rule), "duration", "1h",
                "reason", reason), 201).path("id").asText();
    }

    /** The ids of the current silences. */
    List<String> silenceIds() {
        List<String> ids = new ArrayList<>();
        get("/silences").path("silences").forEach(silence -> ids.add(silence.path("id").asText()));
        return ids;
    }

    /** The recorded alert transitions (newest first), as the API lists them. */
    List<JsonNode> history() {
        List<JsonNode> transitions = new ArrayList<>();
        get("/alerts?since=2000-01-01T00:00:00Z&limit=1000").path("history").forEach(transitions::add);
        return transitions;
    }

    /** The active alerts of every severity. */
    List<JsonNode> activeAlerts() {
        JsonNode body = get("/alerts");
        List<JsonNode> alerts = new ArrayList<>();
        for (String severity : List.of("critical", "warnings", "info")) {
            body.path(severity).forEach(alerts::add);
        }
        return alerts;
    }

    /** The recent outbox entries, newest first. */
    List<JsonNode> outbox() {
        List<JsonNode> entries = new ArrayList<>();
        get("/notifications?limit=1000").path("recent").forEach(entries::add);
        return entries;
    }

    private JsonNode send(String method, String path, Object body, int expected) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/admin" + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode()
                        + " (expected " + expected + "): " + response.body());
            }
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + base + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
