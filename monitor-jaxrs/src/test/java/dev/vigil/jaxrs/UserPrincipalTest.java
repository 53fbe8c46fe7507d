package dev.vigil.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import dev.vigil.Monitor;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionResult;
import dev.vigil.security.Caller;
import dev.vigil.security.Role;
import dev.vigil.test.MutableClock;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.SecurityContext;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The user an application signs in for a request (here with its own pre-matching filter) reaches Vigil's
 * {@code AdminAuthenticator} as {@code AuthenticationRequest.userPrincipal()}, as with {@code MonitorServlet}.
 */
class UserPrincipalTest {

    /** The application's sign-in: a filter that runs before Vigil's and names the user of header X-Test-User. */
    @PreMatching
    public static class SignIn implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            String user = request.getHeaderString("X-Test-User");
            if (user != null) {
                request.setSecurityContext(new User(user));
            }
        }
    }

    /** A signed-in user as the application's security context names it. */
    record User(String name) implements SecurityContext, Principal {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public Principal getUserPrincipal() {
            return this;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public String getAuthenticationScheme() {
            return "TEST";
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Optional<Principal>> seen = new CopyOnWriteArrayList<>();
    private Monitor monitor;
    private JerseyHost jersey;

    @BeforeEach
    void start() throws Exception {
        monitor = Monitor.builder()
                .clock(MutableClock.atFixedStart())
                .bindSystemMeters(false)
                .systemMetrics(false, Path.of("."))
                .adminAuthenticator(request -> {
                    seen.add(request.userPrincipal());
                    return request.userPrincipal().map(user -> new Caller(user.getName(), user.getName(),
                            Caller.Kind.PERSON, Set.of(Role.ADMIN), Caller.BY_HOST));
                })
                .action(ActionRegistration.builder("clear_cache", context -> ActionResult.succeeded("cleared")).build())
                .build();
        jersey = JerseyHost.start("/shop", new ResourceConfig()
                .register(SignIn.class, Priorities.AUTHENTICATION)
                .register(new MonitorFeature(monitor.api()))
                .property(ServerProperties.WADL_FEATURE_DISABLE, true));
    }

    @AfterEach
    void stop() throws Exception {
        jersey.close();
        monitor.close();
    }

    @Test
    void principalOfTheApplicationsSecurityContextReachesTheAuthenticator() throws Exception {
        HttpResponse<String> alerts = send(HttpRequest.newBuilder(URI.create(jersey.base() + "/api/admin/alerts"))
                .header("X-Test-User", "alice").GET());

        assertThat(alerts.statusCode()).as(alerts.body()).isEqualTo(200);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).get().isEqualTo(new User("alice"));
    }

    @Test
    void signedInUserIsTheCallerOfAChange() throws Exception {
        HttpResponse<String> triggered = send(HttpRequest.newBuilder(URI.create(jersey.base() + "/api/admin/trigger-action"))
                .header("X-Test-User", "alice").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\": \"clear_cache\"}")));

        assertThat(triggered.statusCode()).as(triggered.body()).isEqualTo(200);
        assertThat(triggered.body()).contains("\"who\":\"alice\"");
    }

    @Test
    void withoutASignedInUserTheAuthenticatorSeesNoPrincipal() throws Exception {
        HttpResponse<String> alerts = send(HttpRequest.newBuilder(URI.create(jersey.base() + "/api/admin/alerts")).GET());

        assertThat(alerts.statusCode()).isEqualTo(401);
        assertThat(seen).containsExactly(Optional.empty());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
