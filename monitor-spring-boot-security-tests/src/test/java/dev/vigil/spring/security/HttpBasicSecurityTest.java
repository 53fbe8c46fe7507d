package dev.vigil.spring.security;

import static dev.vigil.testing.http.Browser.basic;
import static dev.vigil.testing.http.Browser.bearer;
import static dev.vigil.testing.http.Browser.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testing.http.Browser;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A host whose clients send HTTP Basic credentials and keep no session: a user whose role maps to Vigil's admin
 * reads and acts (a change carries the CSRF cookie's token, as Basic credentials are replayed by browsers), a user
 * whose role maps to nothing is refused by Vigil with 403, a wrong password is a failed login.
 */
@SpringBootTest(classes = HttpBasicSecurityTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"monitor.checks.disk.enabled=false", "monitor.metrics.system=false",
                "monitor.admin.token=" + HostParts.ADMIN_TOKEN, "monitor.security.roles.admin=ROLE_ADMIN"})
class HttpBasicSecurityTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(HostParts.class)
    static class App {

        @Bean
        SecurityFilterChain hostChain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .httpBasic(Customizer.withDefaults())
                    .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
            return http.build();
        }

        @Bean
        UserDetailsService users() {
            return HostParts.users();
        }
    }

    private static final String TRIGGER = "{\"action\": \"clear_cache\"}";
    private static final String[] ALICE = basic("alice", HostParts.PASSWORD);

    @LocalServerPort
    int port;

    @Test
    void healthIsPublicAndHostRoutesStayClosed() throws Exception {
        Browser anonymous = Browser.script(port);

        assertThat(anonymous.get("/api/health").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/other").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/other", bearer(HostParts.ADMIN_TOKEN)).statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/other", ALICE).body()).isEqualTo("host content");
    }

    @Test
    void basicUserWithMappedAdminRoleReadsAndTriggers() throws Exception {
        Browser alice = Browser.browser(port);

        HttpResponse<String> read = alice.get("/api/admin/system-health", ALICE);
        assertThat(read.statusCode()).isEqualTo(200);
        String csrf = alice.cookie("XSRF-TOKEN").orElseThrow();

        HttpResponse<String> withoutToken = alice.postJson("/api/admin/trigger-action", TRIGGER, ALICE);
        assertThat(withoutToken.statusCode()).as("a change without the CSRF token").isEqualTo(403);
        assertThat(withoutToken.body()).contains("\"error\":\"csrf_token_invalid\"");
        HttpResponse<String> triggered = alice.postJson("/api/admin/trigger-action", TRIGGER,
                join(ALICE, new String[] {"X-XSRF-TOKEN", csrf}));
        assertThat(triggered.statusCode()).isEqualTo(200);
        assertThat(triggered.body()).contains("\"status\":\"succeeded\"").contains("\"who\":\"alice\"");
    }

    @Test
    void basicUserWithUnmappedRoleIsForbiddenByVigil() throws Exception {
        HttpResponse<String> refused = Browser.script(port).get("/api/admin/alerts", basic("carol", HostParts.PASSWORD));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"forbidden\"").contains("carol has");
    }

    @Test
    void vigilTokenReadsAndActsWithoutCsrfAndAWrongOneIs401() throws Exception {
        Browser script = Browser.script(port);

        assertThat(script.get("/api/admin/alerts", bearer(HostParts.ADMIN_TOKEN)).statusCode()).isEqualTo(200);
        assertThat(script.postJson("/api/admin/trigger-action", TRIGGER, bearer(HostParts.ADMIN_TOKEN)).statusCode())
                .isEqualTo(200);
        assertThat(script.get("/api/admin/alerts", bearer("wrong-token")).statusCode()).isEqualTo(401);
    }

    @Test
    void wrongPasswordIsRefusedAndRecordedAsAFailedLogin() throws Exception {
        Browser script = Browser.script(port);

        HttpResponse<String> refused = script.get("/api/admin/alerts", basic("mallory-" + port, "guess"));

        assertThat(refused.statusCode()).isEqualTo(401);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                script.get("/api/admin/security-events?type=failed_login", bearer(HostParts.ADMIN_TOKEN)).body())
                .contains("mallory-" + port));
    }
}
