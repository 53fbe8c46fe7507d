package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import dev.vigil.security.AdminAuthenticator;
import dev.vigil.security.AuthenticationRequest;
import dev.vigil.security.BearerTokens;
import dev.vigil.security.Caller;
import dev.vigil.security.Role;
import dev.vigil.testing.browser.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard on a host whose own login session reaches Vigil's admin API: here an authenticator that knows a
 * session cookie and, for anything but a read, wants the {@code XSRF-TOKEN} cookie's value back as
 * {@code X-XSRF-TOKEN} (the contract of a Spring Security chain with a cookie CSRF token repository). Without the
 * session the page shows its token form and logs no refused call; with it the page opens without a token, and
 * acknowledging an alert passes the CSRF check.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "monitor.health.interval=1s", "monitor.metrics.collect-interval=1s", "monitor.alerts.evaluation-interval=1s",
        "monitor.alerts.rules.curation-idle.for=0s"})
class DashboardSessionBrowserTest {

    private static final int PORT = DemoClient.freePort();
    private static final int MANAGEMENT_PORT = DemoClient.freePort();
    private static final String TOKEN = "session-test-token";
    private static final String SESSION = "s3ss10n-of-ann";
    private static final String XSRF = "x5rf-" + Long.toHexString(System.nanoTime());
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private static HeadlessChromium chromium;
    private static ChromeDriver browser;

    private final DemoClient demo = new DemoClient(PORT, TOKEN);

    /** The host's sign-in, as Vigil sees it: the session cookie, and the CSRF check on every non-read. */
    @TestConfiguration
    static class HostSession {

        @Bean
        AdminAuthenticator hostSessionAuthenticator() {
            AdminAuthenticator session = request -> {
                if (!SESSION.equals(cookie(request, "HOST_SESSION"))) {
                    return Optional.empty();
                }
                boolean read = request.method().equals("GET") || request.method().equals("HEAD");
                if (!read && !XSRF.equals(request.header("X-XSRF-TOKEN").orElse(null))) {
                    return Optional.empty();
                }
                return Optional.of(Caller.person("ann").withRoles(Role.OPERATOR).withAuthenticatedBy("host-session"));
            };
            return session.or(BearerTokens.builder().adminToken(TOKEN).build());
        }

        private static String cookie(AuthenticationRequest request, String name) {
            return request.header("Cookie").stream().flatMap(header -> Arrays.stream(header.split(";")))
                    .map(String::trim).filter(pair -> pair.startsWith(name + "="))
                    .map(pair -> pair.substring(name.length() + 1)).findFirst().orElse(null);
        }
    }

    @DynamicPropertySource
    static void ports(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("management.server.port", () -> MANAGEMENT_PORT);
    }

    @BeforeAll
    static void startBrowser() throws Exception {
        chromium = HeadlessChromium.start(1280, 800);
        browser = chromium.driver();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @AfterEach
    void clearFaults() throws Exception {
        demo.clearFaults();
        assertThat(chromium.requestedUrls()).as("no request leaves the service")
                .allSatisfy(name -> assertThat(name).startsWith(url("/")));
        HeadlessChromium.ConsoleLog console = chromium.console();
        assertThat(console.captured()).isTrue();
        assertThat(console.errors()).as("browser console errors").isEmpty();
    }

    private String url(String path) {
        return "http://localhost:" + PORT + path;
    }

    private <T> T waitFor(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, DEADLINE, Duration.ofMillis(250))
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> what + "; console errors: " + chromium.console().errors())
                .until(condition);
    }

    @Test
    void theHostSessionOpensTheDashboardWithoutATokenAndItsWritesCarryTheCsrfToken() throws Exception {
        browser.get(url("/admin/monitoring?refresh=2"));
        waitFor("the token form without a session", driver -> driver.findElement(By.id("token")).isDisplayed());

        browser.manage().addCookie(new Cookie.Builder("HOST_SESSION", SESSION).path("/").isHttpOnly(true).build());
        browser.manage().addCookie(new Cookie.Builder("XSRF-TOKEN", XSRF).path("/").build());
        assertThat(demo.postFault("{\"job\": \"curation\", \"paused\": true}").statusCode()).isEqualTo(200);
        browser.navigate().refresh();

        waitFor("the dashboard on the session", driver -> driver.findElement(By.id("dashboard")).isDisplayed()
                && browser.executeScript("return document.body.dataset.refreshes") != null);
        assertThat(browser.findElement(By.id("login")).isDisplayed()).isFalse();
        assertThat(browser.executeScript("return sessionStorage.length")).isEqualTo(0L);
        assertThat(browser.findElement(By.id("logout")).isDisplayed()).as("the host signs out, not the page").isFalse();
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("operator (host session)");

        By idleRow = By.cssSelector("#alerts tr[data-rule='curation-idle']");
        waitFor("the curation-idle alert", driver -> !driver.findElements(idleRow).isEmpty());
        waitFor("a click on Acknowledge", driver -> {
            driver.findElement(idleRow).findElement(By.cssSelector("button.ack")).click();
            return true;
        });
        waitFor("the alert acknowledged by the session's user", driver -> {
            var rows = driver.findElements(idleRow);
            return !rows.isEmpty() && rows.get(0).findElement(By.cssSelector(".alert-state")).getText()
                    .contains("acknowledged by ann");
        });

        String alert = browser.findElement(idleRow).getAttribute("data-alert-id");
        int withoutCsrf = demo.send(HttpRequest.newBuilder(demo.uri("/api/admin/alerts/" + alert + "/ack"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json")
                .header("Cookie", "HOST_SESSION=" + SESSION)).statusCode();
        assertThat(withoutCsrf).as("the session alone may not write").isEqualTo(401);
    }
}
