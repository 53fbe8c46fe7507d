package dev.vigil.spring.security;

import static dev.vigil.testing.http.Browser.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.http.Browser;
import java.net.http.HttpResponse;
import java.util.Map;
import dev.vigil.api.Access;
import dev.vigil.api.Operation;
import dev.vigil.api.Result;
import dev.vigil.spring.boot.MonitorApiCustomizer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A host that signs people in with a login form and keeps them in a session (HTTP Basic too, as many do), with
 * every route of its own behind {@code anyRequest().authenticated()}: Vigil's paths answer as Vigil decides, the
 * session user has the Vigil role its host role maps to, and its changes need the CSRF cookie's token.
 */
@SpringBootTest(classes = FormLoginSecurityTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"monitor.checks.disk.enabled=false", "monitor.metrics.system=false",
                "monitor.admin.token=" + HostParts.ADMIN_TOKEN,
                "monitor.security.roles.admin=ADMIN", "monitor.security.roles.read=OPS"})
class FormLoginSecurityTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(HostParts.class)
    static class App {

        @Bean
        SecurityFilterChain hostChain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())
                    .httpBasic(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        UserDetailsService users() {
            return HostParts.users();
        }

        /** A signed callback at the root, as Slack's interactivity endpoint is: public, it checks its own signature. */
        @Bean
        MonitorApiCustomizer slackInteractions() {
            return api -> api.register(Operation.post("slack.interactions", "/api/slack/interactions").atRoot()
                    .access(Access.PUBLIC)
                    .description("a signed callback (stand-in)")
                    .handler((caller, arguments) -> Result.ok(Map.of("caller", caller.id())))
                    .build());
        }
    }

    private static final String TRIGGER = "{\"action\": \"clear_cache\"}";

    @LocalServerPort
    int port;

    @Test
    void healthAndDashboardPageAnswerWithoutCredentials() throws Exception {
        Browser anonymous = Browser.script(port);

        assertThat(anonymous.get("/api/health").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/admin/monitoring").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/api/health").headers().allValues("Set-Cookie")).as("no cookie for anonymous calls")
                .noneMatch(cookie -> cookie.startsWith("XSRF-TOKEN"));
    }

    @Test
    void hostRoutesStayTheHosts() throws Exception {
        Browser anonymous = Browser.script(port);

        HttpResponse<String> page = anonymous.get("/other", "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
        assertThat(anonymous.get("/other").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/other", bearer(HostParts.ADMIN_TOKEN)).statusCode())
                .as("Vigil's token opens nothing of the host").isEqualTo(401);
    }

    @Test
    void anonymousAdminCallIsVigilsOwn401() throws Exception {
        HttpResponse<String> response = Browser.script(port).get("/api/admin/alerts");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"vigil\"");
        assertThat(response.body()).contains("\"unauthorized\"");
    }

    @Test
    void sessionUserWithAdminRoleReadsAndTriggersWithTheCsrfCookiesToken() throws Exception {
        Browser alice = Browser.browser(port);
        HttpResponse<String> login = alice.logIn("alice", HostParts.PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));

        HttpResponse<String> alerts = alice.get("/api/admin/alerts");
        assertThat(alerts.statusCode()).isEqualTo(200);
        assertThat(alice.cookie("XSRF-TOKEN")).as("the dashboard's script reads this cookie").isPresent();
        String csrf = alice.cookie("XSRF-TOKEN").orElseThrow();

        HttpResponse<String> withoutToken = alice.postJson("/api/admin/trigger-action", TRIGGER);
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withoutToken.body()).contains("\"error\":\"csrf_token_invalid\"").contains("X-XSRF-TOKEN");

        HttpResponse<String> withWrongToken = alice.postJson("/api/admin/trigger-action", TRIGGER, "X-XSRF-TOKEN", "forged");
        assertThat(withWrongToken.statusCode()).isEqualTo(403);

        HttpResponse<String> madeUpBearer = alice.postJson("/api/admin/trigger-action", TRIGGER, bearer("made-up"));
        assertThat(madeUpBearer.statusCode()).as("a made-up bearer header does not skip the session's CSRF check")
                .isEqualTo(403);

        HttpResponse<String> triggered = alice.postJson("/api/admin/trigger-action", TRIGGER, "X-XSRF-TOKEN", csrf);
        assertThat(triggered.statusCode()).isEqualTo(200);
        assertThat(triggered.body()).contains("\"status\":\"succeeded\"").contains("\"who\":\"alice\"");

        HttpResponse<String> audit = alice.get("/api/admin/audit?type=action");
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.body()).contains("\"subject\":\"clear_cache\"").contains("\"who\":\"alice\"");
    }

    @Test
    void sessionUserWithMappedReadRoleReadsButMayNotAct() throws Exception {
        Browser bob = Browser.browser(port);
        bob.logIn("bob", HostParts.PASSWORD);

        assertThat(bob.get("/api/admin/alerts").statusCode()).isEqualTo(200);
        String csrf = bob.cookie("XSRF-TOKEN").orElseThrow();
        HttpResponse<String> refused = bob.postJson("/api/admin/trigger-action", TRIGGER, "X-XSRF-TOKEN", csrf);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).as("Vigil's own answer").contains("\"forbidden\"").contains("bob");
    }

    @Test
    void sessionUserWithUnmappedRoleIsForbiddenByVigil() throws Exception {
        Browser carol = Browser.browser(port);
        carol.logIn("carol", HostParts.PASSWORD);

        HttpResponse<String> refused = carol.get("/api/admin/alerts");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"forbidden\"").contains("carol");
    }

    @Test
    void vigilTokenReadsAndActsWithoutCsrfAndAWrongOneIs401() throws Exception {
        Browser script = Browser.script(port);

        assertThat(script.get("/api/admin/alerts", bearer(HostParts.ADMIN_TOKEN)).statusCode()).isEqualTo(200);
        HttpResponse<String> triggered = script.postJson("/api/admin/trigger-action", TRIGGER, bearer(HostParts.ADMIN_TOKEN));
        assertThat(triggered.statusCode()).isEqualTo(200);
        assertThat(triggered.body()).contains("\"who\":\"admin-token\"");

        assertThat(script.get("/api/admin/alerts", bearer("wrong-token")).statusCode()).isEqualTo(401);
        assertThat(script.postJson("/api/admin/trigger-action", TRIGGER, bearer("wrong-token")).statusCode()).isEqualTo(401);
    }

    @Test
    void signedInBrowserWithAVigilTokenNeedsNoCsrfToken() throws Exception {
        Browser carol = Browser.browser(port); // the dashboard used with a token by someone also signed in to the host
        carol.logIn("carol", HostParts.PASSWORD);

        HttpResponse<String> triggered = carol.postJson("/api/admin/trigger-action", TRIGGER, bearer(HostParts.ADMIN_TOKEN));

        assertThat(triggered.statusCode()).isEqualTo(200);
        assertThat(triggered.body()).as("the token wins over the session").contains("\"who\":\"admin-token\"");
    }

    @Test
    void publicPostsNeedNoCsrfTokenEvenFromASession() throws Exception {
        Browser alice = Browser.browser(port);
        alice.logIn("alice", HostParts.PASSWORD);

        HttpResponse<String> beacon = alice.postJson("/api/notices/beacon", "{\"path\": \"/home\", \"loadMs\": 120}");

        assertThat(beacon.statusCode()).as(beacon.body()).isEqualTo(204);
    }

    @Test
    void signedCallbacksNeedNoCsrfTokenAndNoCredentials() throws Exception {
        HttpResponse<String> anonymous = Browser.script(port).postJson("/api/slack/interactions", "{}");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).contains("\"caller\":\"anonymous\"");

        Browser alice = Browser.browser(port);
        alice.logIn("alice", HostParts.PASSWORD);
        assertThat(alice.postJson("/api/slack/interactions", "{}").statusCode()).isEqualTo(200);
        HttpResponse<String> sentry = alice.postJson("/api/admin/errors/sentry", "{}");
        assertThat(sentry.body()).as("Vigil's answer (the signature check), not the CSRF refusal")
                .doesNotContain("csrf_token_invalid").contains("\"error\"");
    }

    @Test
    void dashboardFilesAreServedThroughVigilsChain() throws Exception {
        Browser anonymous = Browser.script(port);

        HttpResponse<String> chart = anonymous.get("/admin/monitoring-lib/chart.umd.min.js");

        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @Test
    void hostFormPostStillNeedsTheHostsCsrfToken() throws Exception {
        Browser alice = Browser.browser(port);
        alice.logIn("alice", HostParts.PASSWORD);

        assertThat(alice.get("/other").body()).isEqualTo("host content");
        assertThat(alice.postForm("/other", Map.of("x", "1")).statusCode()).isEqualTo(403);
    }
}
