package dev.vigil.spring.security;

import static dev.vigil.testing.http.Browser.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.http.Browser;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import com.jayway.jsonpath.JsonPath;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthResult;
import dev.vigil.testing.browser.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboard in headless Chromium on a host that signs people in with Spring Security's login form: Vigil's
 * real chain, not a stand-in. Without a session the page shows its token form; after the host's login it opens
 * on the session (no token form), and acknowledging an alert goes through the {@code XSRF-TOKEN} cookie and
 * {@code X-XSRF-TOKEN} header the chain checks; a user whose host role maps to read sees no operator button.
 * Every page logs no console error and fetches nothing from another origin.
 */
@SpringBootTest(classes = DashboardFormLoginBrowserTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=orders-service", "monitor.checks.disk.enabled=false",
                "monitor.metrics.system=false", "monitor.health.interval=1s", "monitor.alerts.evaluation-interval=1s",
                "monitor.admin.token=" + HostParts.ADMIN_TOKEN,
                "monitor.security.roles.operator=OPS", "monitor.security.roles.read=VIEWER"})
class DashboardFormLoginBrowserTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final By DEGRADED_ROW = By.cssSelector("#alerts tr[data-rule='service-degraded']");

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({HostParts.class, DashboardFormLoginBrowserTest.Favicon.class})
    static class App {

        /** The host's own chain: everything of its own behind its login form, home page {@code /other}. */
        @Bean
        SecurityFilterChain hostChain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.requestMatchers("/favicon.ico").permitAll()
                            .anyRequest().authenticated())
                    .formLogin(form -> form.defaultSuccessUrl("/other", true));
            return http.build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("ops").password("{noop}" + HostParts.PASSWORD).roles("OPS").build(),
                    User.withUsername("viewer").password("{noop}" + HostParts.PASSWORD).roles("VIEWER").build());
        }

        /** A check that is always down but not critical: the service is degraded, and rule service-degraded fires. */
        @Bean
        HealthCheckRegistration payments() {
            return HealthCheckRegistration.builder("payments", () -> HealthResult.down("payment provider unreachable"))
                    .critical(false).build();
        }
    }

    /** The host serves its icon, as a real one does, so its pages log no 404 that the browser reports late. */
    @RestController
    static class Favicon {

        @GetMapping("/favicon.ico")
        ResponseEntity<Void> favicon() {
            return ResponseEntity.noContent().build();
        }
    }

    private static HeadlessChromium chromium;
    private static ChromeDriver browser;

    @LocalServerPort
    int port;

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

    @BeforeEach
    void signedOut() {
        browser.get(url("/login"));
        browser.manage().deleteAllCookies();
        chromium.console(); // starts each test with an empty log
    }

    @AfterEach
    void nothingFailedAndNothingLeftTheService() {
        assertThat(chromium.requestedUrls()).as("no request leaves the service")
                .allSatisfy(name -> assertThat(name).startsWith(url("/")));
        HeadlessChromium.ConsoleLog console = chromium.console();
        assertThat(console.captured()).isTrue();
        assertThat(console.errors()).as("browser console errors").isEmpty();
    }

    @Test
    void theHostsLoginOpensTheDashboardAndAnAcknowledgementPassesTheCsrfCheck() throws Exception {
        browser.get(url("/admin/monitoring"));
        waitFor("the token form without a session", driver -> byId("token").isDisplayed());
        assertThat(byId("dashboard").isDisplayed()).isFalse();
        assertThat(browser.manage().getCookieNamed("XSRF-TOKEN")).as("no CSRF cookie without a session").isNull();
        assertThat(chromium.console().errors()).as("the signed-out page logs no refused call").isEmpty();

        logIn("ops");
        browser.get(url("/admin/monitoring"));
        waitFor("the dashboard on the host session", driver -> byId("dashboard").isDisplayed()
                && browser.executeScript("return document.body.dataset.refreshes") != null);
        assertThat(byId("login").isDisplayed()).as("no token form").isFalse();
        assertThat(browser.executeScript("return sessionStorage.length")).as("no token kept").isEqualTo(0L);
        assertThat(byId("service").getText()).isEqualTo("orders-service");
        assertThat(byId("who").getText()).isEqualTo("operator (host session)");
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-role")).isEqualTo("operator");
        assertThat(browser.manage().getCookieNamed("XSRF-TOKEN")).as("issued to the session before any change")
                .isNotNull();

        waitFor("the service-degraded alert", driver -> !driver.findElements(DEGRADED_ROW).isEmpty());
        String alert = browser.findElement(DEGRADED_ROW).getAttribute("data-alert-id");
        waitFor("a click on Acknowledge", driver -> {
            driver.findElement(DEGRADED_ROW).findElement(By.cssSelector("button.ack")).click();
            return true;
        });
        waitFor("the alert acknowledged by ops", driver -> {
            List<WebElement> rows = driver.findElements(DEGRADED_ROW);
            return !rows.isEmpty() && rows.get(0).findElement(By.cssSelector(".alert-state")).getText()
                    .contains("acknowledged by ops");
        });
        assertThat(byId("action-result").isDisplayed()).as("no refusal shown").isFalse();

        HttpResponse<String> alerts = Browser.script(port).get("/api/admin/alerts", bearer(HostParts.ADMIN_TOKEN));
        assertThat(alerts.statusCode()).isEqualTo(200);
        List<String> acknowledgedBy = JsonPath.read(alerts.body(),
                "$.warnings[?(@.id == '" + alert + "')].acknowledgedBy");
        assertThat(acknowledgedBy).containsExactly("ops");
    }

    @Test
    void aUserWhoseRoleMapsToReadSeesNoOperatorButton() throws Exception {
        logIn("viewer");
        browser.get(url("/admin/monitoring"));
        waitFor("the dashboard on the host session", driver -> byId("dashboard").isDisplayed()
                && browser.executeScript("return document.body.dataset.refreshes") != null);
        assertThat(byId("login").isDisplayed()).isFalse();
        assertThat(byId("service").getText()).isEqualTo("orders-service");
        assertThat(byId("who").getText()).isEqualTo("read-only (host session)");
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-role")).isEqualTo("read");

        waitFor("the service-degraded alert", driver -> !driver.findElements(DEGRADED_ROW).isEmpty());
        waitFor("the actions listed", driver -> !driver.findElements(By.cssSelector("#all-actions .chip")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#alerts button, #incidents button, #briefing-actions button,"
                + " #all-actions button"))).as("operator buttons").isEmpty();
        assertThat(byId("query-panel").isDisplayed()).isFalse();
        assertThat(byId("approval").isDisplayed()).isFalse();
        assertThat(byId("actions-readonly").isDisplayed()).isTrue();
    }

    /** Signs in through the host's own login form, as a person would. */
    private void logIn(String user) {
        browser.get(url("/login"));
        waitFor("the host's login form", driver -> byId("username").isDisplayed());
        byId("username").sendKeys(user);
        byId("password").sendKeys(HostParts.PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor("the host's home page after login", driver -> driver.getCurrentUrl().equals(url("/other")));
        assertThat(browser.findElement(By.tagName("body")).getText()).isEqualTo("host content");
        assertThat(chromium.console().errors()).as("the host's own pages").isEmpty();
    }

    private WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private <T> T waitFor(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, DEADLINE, Duration.ofMillis(250))
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> what + "; console errors: " + chromium.console().errors())
                .until(condition);
    }
}
