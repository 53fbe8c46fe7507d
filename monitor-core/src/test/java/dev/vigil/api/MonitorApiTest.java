package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Monitor;
import dev.vigil.api.endpoints.HealthEndpoints;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthRegistry;
import dev.vigil.health.HealthResult;
import dev.vigil.security.AdminAuthenticator;
import dev.vigil.security.Caller;
import dev.vigil.security.Role;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MonitorApiTest {

    private static final String TOKEN = "s3cret-token";
    private final MutableClock clock = MutableClock.atFixedStart();
    private final List<Monitor> monitors = new ArrayList<>();
    private final Monitor monitor = monitor(ShowDetails.WHEN_AUTHORIZED, AdminAuthenticator.bearerToken(TOKEN));
    private final HealthRegistry health = monitor.health();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        monitors.forEach(Monitor::close);
    }

    private Monitor monitor(ShowDetails showDetails, AdminAuthenticator authenticator) {
        Monitor created = Monitor.builder().clock(clock).version("2.0.0")
                .apiSettings(ApiSettings.ofDefaults().withShowDetails(showDetails))
                .adminAuthenticator(authenticator)
                .systemMetrics(false, Path.of("."))
                .bindSystemMeters(false)
                .build();
        monitors.add(created);
        return created;
    }

    /** An API over the same checks with another detail visibility: just the health operation. */
    private MonitorApi api(ShowDetails showDetails) {
        return api(ApiSettings.ofDefaults().withShowDetails(showDetails), AdminAuthenticator.bearerToken(TOKEN));
    }

    private MonitorApi api(ApiSettings settings, AdminAuthenticator authenticator) {
        MonitorApi api = new MonitorApi(settings, authenticator);
        api.register(HealthEndpoints.health(health, settings));
        return api;
    }

    private JsonNode body(ApiResponse response) throws Exception {
        return json.readTree(response.body());
    }

    private static ApiRequest get(String path, Map<String, String> headers) {
        return ApiRequest.of("GET", path, headers);
    }

    @Test
    void anonymousCallerGetsOnlyTheSummaryByDefault() throws Exception {
        health.register(HealthCheckRegistration.of("db", () -> HealthResult.down("password=hunter2 rejected")));
        health.runDue().join();
        clock.advance(Duration.ofSeconds(42));

        ApiResponse response = api(ShowDetails.WHEN_AUTHORIZED).handle(get("/api/health", Map.of()));

        assertThat(response.status()).isEqualTo(503);
        JsonNode body = body(response);
        assertThat(body.fieldNames()).toIterable().containsExactly("status", "timestamp", "uptime", "version");
        assertThat(body.get("status").asText()).isEqualTo("down");
        assertThat(body.get("uptime").asLong()).isEqualTo(42);
        assertThat(body.get("version").asText()).isEqualTo("2.0.0");
        assertThat(body.get("timestamp").asText()).isEqualTo("2026-01-01T00:00:42Z");
        assertThat(response.bodyText()).doesNotContain("hunter2");
        assertThat(response.headers()).containsEntry("Cache-Control", "no-store");
    }

    @Test
    void adminWithTheTokenSeesEveryService() throws Exception {
        health.register(HealthCheckRegistration.of("db", () -> HealthResult.up().withDetail("latencyMs", 3)));
        health.register(HealthCheckRegistration.builder("cache", () -> HealthResult.down("cache refused")
                .withSuggestedAction("clear_cache")).critical(false).build());
        health.runDue().join();

        ApiResponse response = api(ShowDetails.WHEN_AUTHORIZED)
                .handle(get("/api/health", Map.of("Authorization", "Bearer " + TOKEN)));

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = body(response);
        assertThat(body.get("status").asText()).isEqualTo("degraded");
        JsonNode db = body.get("services").get(0);
        assertThat(db.get("name").asText()).isEqualTo("db");
        assertThat(db.get("status").asText()).isEqualTo("up");
        assertThat(db.get("lastCheck").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(db.get("responseTime").isIntegralNumber()).isTrue();
        assertThat(db.has("error")).isFalse();
        assertThat(db.get("details").get("latencyMs").asInt()).isEqualTo(3);
        JsonNode cache = body.get("services").get(1);
        assertThat(cache.get("status").asText()).isEqualTo("down");
        assertThat(cache.get("critical").asBoolean()).isFalse();
        assertThat(cache.get("error").asText()).isEqualTo("cache refused");
        assertThat(cache.get("suggestedAction").asText()).isEqualTo("clear_cache");
    }

    @Test
    void authenticatorSeesTheUserTheHostSignedInButNeverTheBody() throws Exception {
        health.register(HealthCheckRegistration.of("db", HealthResult::up));
        health.runDue().join();
        List<String> seen = new ArrayList<>();
        AdminAuthenticator hostUsers = request -> {
            seen.add(request.userPrincipal().map(java.security.Principal::getName).orElse("-"));
            return request.userPrincipal().map(user -> Caller.person(user.getName()).withRoles(Role.READ));
        };
        MonitorApi api = api(ApiSettings.ofDefaults(), AdminAuthenticator.bearerToken(TOKEN).or(hostUsers));
        java.security.Principal alice = () -> "alice";

        ApiResponse signedIn = api.handle(get("/api/health", Map.of()).withUserPrincipal(alice));
        ApiResponse anonymous = api.handle(get("/api/health", Map.of()));
        ApiResponse withToken = api.handle(get("/api/health", Map.of("Authorization", "Bearer " + TOKEN))
                .withUserPrincipal(alice));

        assertThat(body(signedIn).has("services")).as("alice may read details").isTrue();
        assertThat(body(anonymous).has("services")).isFalse();
        assertThat(body(withToken).has("services")).isTrue();
        assertThat(seen).as("the token wins: the host's authenticator is not asked").containsExactly("alice", "-");
        assertThat(get("/x", Map.of()).withUserPrincipal(alice).withoutBody().userPrincipal()).contains(alice);
        assertThat(get("/x", Map.of()).withUserPrincipal(alice).withRemoteAddress("10.0.0.1").userPrincipal()).contains(alice);
    }

    @Test
    void wrongOrMalformedTokenGetsOnlyTheSummary() throws Exception {
        health.register(HealthCheckRegistration.of("db", HealthResult::up));
        health.runDue().join();
        MonitorApi api = api(ShowDetails.WHEN_AUTHORIZED);

        for (String header : new String[] {"Bearer wrong", "Bearer " + TOKEN + "x", "Basic " + TOKEN, TOKEN, "Bearer "}) {
            JsonNode body = body(api.handle(get("/api/health", Map.of("Authorization", header))));
            assertThat(body.has("services")).as(header).isFalse();
        }
    }

    @Test
    void showDetailsAlwaysAndNever() throws Exception {
        health.register(HealthCheckRegistration.of("db", HealthResult::up));
        health.runDue().join();

        assertThat(body(api(ShowDetails.ALWAYS).handle(get("/api/health", Map.of()))).has("services")).isTrue();
        assertThat(body(api(ShowDetails.NEVER).handle(get("/api/health", Map.of("Authorization", "Bearer " + TOKEN))))
                .has("services")).isFalse();
    }

    @Test
    void healthyWhenEveryCheckIsUp() throws Exception {
        health.register(HealthCheckRegistration.of("db", HealthResult::up));
        health.runDue().join();

        ApiResponse response = api(ShowDetails.ALWAYS).handle(get("/api/health/", Map.of()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(body(response).get("status").asText()).isEqualTo("healthy");
    }

    @Test
    void wrongMethodIs405AndUnknownPathIs404() throws Exception {
        MonitorApi api = api(ShowDetails.ALWAYS);

        ApiResponse post = api.handle(ApiRequest.of("POST", "/api/health", Map.of()));
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers()).containsEntry("Allow", "GET, HEAD");
        assertThat(body(post).get("error").asText()).isEqualTo("method_not_allowed");

        assertThat(api.handle(get("/api/admin/nothing", Map.of())).status()).isEqualTo(401);
        ApiResponse missing = api.handle(get("/api/admin/nothing", Map.of("Authorization", "Bearer " + TOKEN)));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(body(missing).get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void noTokenConfiguredMeansNobodyIsAdmin() throws Exception {
        health.register(HealthCheckRegistration.of("db", HealthResult::up));
        MonitorApi api = api(ApiSettings.ofDefaults(), AdminAuthenticator.DENY_ALL);

        JsonNode body = body(api.handle(get("/api/health", Map.of("Authorization", "Bearer "))));

        assertThat(body.has("services")).isFalse();
    }
}
