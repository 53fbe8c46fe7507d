package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import com.fasterxml.jackson.databind.JsonNode;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard at /admin/monitoring in a real headless Chromium against the demo: the token form refuses a
 * wrong token; the badge follows a critical check going down and up again; the charts hold points; the
 * curation-idle alert appears, is acknowledged, and its suggested action runs from the briefing after a
 * confirmation. The page refreshes every 2 s here (?refresh=2); every wait is on a condition with a deadline.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "monitor.admin.token=dashboard-token", "monitor.health.interval=1s", "monitor.metrics.collect-interval=1s",
        "monitor.alerts.evaluation-interval=1s", "monitor.alerts.rules.curation-idle.for=0s"})
class DashboardBrowserTest {

    private static final int PORT = DemoClient.freePort();
    private static final int MANAGEMENT_PORT = DemoClient.freePort();
    private static final String TOKEN = "dashboard-token";
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private static HeadlessChromium chromium;
    private static ChromeDriver browser;

    private final DemoClient demo = new DemoClient(PORT, TOKEN);
    private final List<String> requested = new ArrayList<>();
    /** Console errors a test causes on purpose (the browser logs a refused request as one). */
    private final List<String> expectedConsoleErrors = new ArrayList<>();

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

    @BeforeEach
    void freshPage() {
        chromium.desktop();
        browser.get(url("/admin/monitoring?refresh=2"));
        browser.executeScript("sessionStorage.clear();");
        browser.navigate().refresh();
    }

    @AfterEach
    void clearFaults() throws Exception {
        demo.clearFaults();
        requested.addAll(chromium.requestedUrls());
        assertThat(requested).as("no request leaves the service").isNotEmpty()
                .allSatisfy(name -> assertThat(name).startsWith(url("/")));
        HeadlessChromium.ConsoleLog console = chromium.console();
        assertThat(console.captured()).as("the console log reaches the test").isTrue();
        assertThat(console.errors()).as("browser console errors")
                .filteredOn(error -> expectedConsoleErrors.stream().noneMatch(error::contains)).isEmpty();
    }

    private String url(String path) {
        return "http://localhost:" + PORT + path;
    }

    private <T> T waitFor(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, DEADLINE, Duration.ofMillis(250))
                .ignoring(StaleElementReferenceException.class) // a refresh redraws the rows
                .withMessage(() -> what + "; page said: " + browser.executeScript(
                        "var e = document.getElementById('login-error'), b = document.getElementById('load-error');"
                                + " return (e ? e.textContent : '') + ' | ' + (b ? b.textContent : '');")
                        + "; console errors: " + chromium.console().errors())
                .until(condition);
    }

    private WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    private void logIn(String token) {
        WebElement field = waitFor("the token form", driver -> byId("token").isDisplayed() ? byId("token") : null);
        field.clear();
        field.sendKeys(token);
        byId("login-form").findElement(By.cssSelector("button[type=submit]")).click();
    }

    private void logInAndWaitForData() {
        logIn(TOKEN);
        waitFor("the dashboard after a refresh", driver -> byId("dashboard").isDisplayed()
                && browser.executeScript("return document.body.dataset.refreshes") != null);
    }

    private long refreshes() {
        Object count = browser.executeScript("return Number(document.body.dataset.refreshes || 0)");
        return ((Number) count).longValue();
    }

    private String badge() {
        return byId("badge").getAttribute("data-status");
    }

    @Test
    void aWrongTokenIsRefusedAndTheRightOneOpensTheDashboard() throws Exception {
        HttpResponse<String> page = demo.get("/admin/monitoring");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

        expectedConsoleErrors.add("/api/admin/system-health - Failed to load resource: the server responded with a status of 401");
        logIn("not-the-token");
        WebElement error = waitFor("the refusal", driver -> byId("login-error").isDisplayed() ? byId("login-error") : null);
        assertThat(error.getText()).startsWith("Refused:");
        assertThat(byId("dashboard").isDisplayed()).isFalse();
        assertThat(browser.executeScript("return sessionStorage.length")).isEqualTo(0L);

        logInAndWaitForData();
        assertThat(byId("login").isDisplayed()).isFalse();
        assertThat(browser.getCurrentUrl()).doesNotContain(TOKEN);
        waitFor("a status on the badge", driver -> List.of("healthy", "degraded", "down").contains(badge()));
        assertThat(byId("version").getText()).isNotEqualTo("–");
        assertThat(byId("card-database").getText()).contains("Database");
    }

    @Test
    void theBadgeTurnsRedWhileACriticalCheckIsDownAndGreenAgain() throws Exception {
        expectedConsoleErrors.add("/api/health - Failed to load resource: the server responded with a status of 503");
        logInAndWaitForData();
        waitFor("healthy before the fault", driver -> "healthy".equals(badge()));
        assertThat(byId("badge").getAttribute("class")).contains("healthy");

        assertThat(demo.postFault("{\"check\": \"payments-gateway\", \"status\": \"down\"}").statusCode()).isEqualTo(200);
        waitFor("the badge to turn red", driver -> "down".equals(badge()));
        assertThat(byId("badge").getAttribute("class")).contains("down");
        assertThat(byId("badge").getCssValue("background-color")).isEqualTo("rgba(180, 35, 24, 1)");
        chromium.saveScreenshot("dashboard-down.png");

        demo.clearFaults();
        waitFor("the badge to turn green", driver -> "healthy".equals(badge()));
        assertThat(byId("badge").getCssValue("background-color")).isEqualTo("rgba(30, 122, 60, 1)");
    }

    @Test
    void theChartsHoldDataPoints() throws Exception {
        logInAndWaitForData();
        for (int i = 0; i < 5; i++) {
            demo.get("/api/health"); // traffic the request metrics see
        }
        for (String chart : List.of("latency", "errors", "rps", "system")) {
            waitFor("points in the " + chart + " chart", driver -> ((Number) browser.executeScript(
                    "var c = window.vigilCharts && window.vigilCharts[arguments[0]];"
                            + " return c ? Math.max.apply(null, c.data.datasets.map(function (d) { return d.data.length; })) : 0;",
                    chart)).intValue() > 0);
        }
        Object cpu = browser.executeScript("return window.vigilCharts.system.data.datasets[0].data.at(-1).y");
        assertThat(((Number) cpu).doubleValue()).isBetween(0.0, 1.0);

        long before = refreshes();
        new Select(byId("range")).selectByValue("24h");
        waitFor("a refresh over 24 hours", driver -> refreshes() > before);
        assertThat(byId("load-error").isDisplayed()).as("every series answered for 24h").isFalse();
        assertThat(((Number) browser.executeScript("return window.vigilCharts.system.data.datasets[0].data.length"))
                .intValue()).isPositive();

        byId("pause").click();
        assertThat(byId("pause").getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(byId("pause").getText()).isEqualTo("Resume refresh");
        byId("pause").click();
        long resumed = refreshes();
        waitFor("refreshes again after resuming", driver -> refreshes() > resumed);

        chromium.saveScreenshot("dashboard-desktop.png");
        chromium.phone(390, 844);
        waitFor("the cards in one column", driver -> byId("card-jobs").getLocation().getX()
                == byId("card-database").getLocation().getX());
        assertThat(browser.executeScript("return window.innerWidth")).isEqualTo(390L);
        assertThat((Long) browser.executeScript("return document.documentElement.scrollWidth"))
                .as("no sideways scrolling at 390 px; wider: %s", browser.executeScript(
                        "return Array.from(document.querySelectorAll('body *')).filter(function (e) {"
                                + " return e.getBoundingClientRect().right > window.innerWidth + 1; }).slice(0, 8)"
                                + ".map(function (e) { return e.tagName + '#' + e.id + '.' + e.className + ' '"
                                + " + Math.round(e.getBoundingClientRect().right); }).join(', ');"))
                .isLessThanOrEqualTo(390L);
        chromium.saveScreenshot("dashboard-phone.png");
    }

    @Test
    void anAlertIsAcknowledgedAndItsSuggestedActionRunsFromTheBriefing() throws Exception {
        logInAndWaitForData();
        assertThat(demo.postFault("{\"job\": \"curation\", \"paused\": true}").statusCode()).isEqualTo(200);

        By idleRow = By.cssSelector("#alerts tr[data-rule='curation-idle']");
        waitFor("the curation-idle alert", driver -> !browser.findElements(idleRow).isEmpty());
        WebElement row = browser.findElement(idleRow);
        assertThat(row.getText()).contains("Curation system idle");
        assertThat(row.findElement(By.cssSelector(".sev")).getAttribute("class")).contains("critical");
        waitFor("a click on Acknowledge", driver -> {
            browser.findElement(idleRow).findElement(By.cssSelector("button.ack")).click();
            return true;
        });
        waitFor("the alert to show as acknowledged", driver -> {
            List<WebElement> rows = browser.findElements(idleRow);
            return !rows.isEmpty() && rows.get(0).findElement(By.cssSelector(".alert-state")).getText().contains("acknowledged");
        });
        JsonNode critical = demo.admin("/api/admin/alerts").get("critical");
        assertThat(critical.toString()).contains("\"acknowledged\":true");

        By action = By.cssSelector("#briefing-actions button[data-action='start_curation']");
        waitFor("the suggested action in the briefing", driver -> !browser.findElements(action).isEmpty());
        waitFor("a click on the action", driver -> {
            browser.findElement(action).click();
            return true;
        });
        waitFor("the confirmation dialog", driver -> byId("confirm").isDisplayed());
        assertThat(byId("confirm-title").getText()).contains("Start Curation");
        byId("confirm-run").click();
        WebElement result = waitFor("the action's result",
                driver -> byId("action-result").isDisplayed() ? byId("action-result") : null);
        assertThat(result.getAttribute("data-outcome")).isEqualTo("succeeded");
        assertThat(result.getText()).startsWith("Start Curation: succeeded");
        waitFor("the alert to resolve", driver -> browser.findElements(idleRow).isEmpty());
    }
}
