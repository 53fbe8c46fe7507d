package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import com.fasterxml.jackson.databind.JsonNode;
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
import org.openqa.selenium.WindowType;
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
 * confirmation; the job timeline, check strips, health events, security events, deployments (also on the charts'
 * time axes), the platform selector and the read-only query console show what the demo did; a critical action
 * waits for a second operator's approval (listed as waiting; another operator picks it from the list and enters
 * the token); a read-only token sees no operator buttons. The page refreshes every 2 s here (?refresh=2); every wait is on a condition with a deadline.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "monitor.admin.token=dashboard-token", "monitor.health.interval=1s", "monitor.metrics.collect-interval=1s",
        "monitor.alerts.evaluation-interval=1s", "monitor.alerts.rules.curation-idle.for=0s",
        "monitor.admin.tokens.ann.token=ann-operator-token", "monitor.admin.tokens.ann.roles=operator",
        "monitor.admin.tokens.bob.token=bob-operator-token", "monitor.admin.tokens.bob.roles=operator"})
class DashboardBrowserTest {

    private static final int PORT = DemoClient.freePort();
    private static final int MANAGEMENT_PORT = DemoClient.freePort();
    private static final String TOKEN = "dashboard-token";
    /** The demo's read-only token (application.yml, monitor.admin.tokens.viewer). */
    private static final String VIEWER_TOKEN = "demo-viewer-token";
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
        // a new tab: no token of the last test in its sessionStorage, no refresh of the last page still running
        String last = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        String fresh = browser.getWindowHandle();
        browser.switchTo().window(last).close();
        browser.switchTo().window(fresh);
        chromium.desktop();
        browser.get(url("/admin/monitoring?refresh=2"));
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
        logInAndWaitForData(TOKEN);
    }

    private void logInAndWaitForData(String token) {
        logIn(token);
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

        expectedConsoleErrors.add("/api/admin/operations - Failed to load resource: the server responded with a status of 401");
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
        assertThat(byId("service").getText()).as("spring.application.name").isEqualTo("vigil-demo");
        assertThat(browser.getTitle()).startsWith("vigil-demo");
        waitFor("the uptime", driver -> !byId("uptime").getText().equals("–"));
        assertThat(byId("who").getText()).isEqualTo("operator");

        Object before = layout();
        long count = refreshes();
        waitFor("two more refreshes", driver -> refreshes() > count + 1);
        assertThat(layout()).as("a refresh moves nothing").isEqualTo(before);
    }

    /** Where the header's parts and the first panels sit. */
    private Object layout() {
        return browser.executeScript("return ['badge', 'service', 'uptime', 'refreshed', 'range', 'card-database', 'card-server']"
                + ".map(function (id) { var r = document.getElementById(id).getBoundingClientRect();"
                + " return id + ':' + Math.round(r.left) + ',' + Math.round(r.top) + ',' + Math.round(r.height); }).join(' ');");
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

        for (int i = 0; i < 3; i++) {
            demo.get("/bookings", "X-Platform", "ios"); // requests of one platform: the selector appears
        }
        waitFor("the platform selector", driver -> byId("platform").isDisplayed()
                && !byId("platform").findElements(By.cssSelector("option[value='ios']")).isEmpty());
        long beforePlatform = refreshes();
        new Select(byId("platform")).selectByValue("ios");
        waitFor("a refresh for ios", driver -> refreshes() > beforePlatform);
        assertThat(byId("load-error").isDisplayed()).as("every series answered for ios").isFalse();
        waitFor("ios requests in the rps chart", driver -> ((Number) browser.executeScript(
                "return window.vigilCharts.rps.data.datasets[0].data.length")).intValue() > 0);
        new Select(byId("platform")).selectByValue("");
        new Select(byId("range")).selectByValue("1h");
        long lastHour = refreshes();
        waitFor("a refresh over the last hour for all platforms", driver -> refreshes() > lastHour + 1);
        assertThat(browser.executeScript("var x = window.vigilCharts.system.options.scales.x; return x.max - x.min"))
                .as("the time axis spans the range").isEqualTo(3600000L);

        browser.executeScript("window.scrollTo(0, 0)");
        chromium.saveScreenshot("dashboard-desktop.png");
        chromium.saveFullPageScreenshot("dashboard-desktop-full.png");
        chromium.phone(375, 812);
        waitFor("the cards in one column", driver -> byId("card-jobs").getLocation().getX()
                == byId("card-database").getLocation().getX());
        assertThat(browser.executeScript("return window.innerWidth")).isEqualTo(375L);
        assertThat((Long) browser.executeScript("return document.documentElement.scrollWidth"))
                .as("no sideways scrolling at 375 px; wider: %s", browser.executeScript(
                        "return Array.from(document.querySelectorAll('body *')).filter(function (e) {"
                                + " return e.getBoundingClientRect().right > window.innerWidth + 1; }).slice(0, 8)"
                                + ".map(function (e) { return e.tagName + '#' + e.id + '.' + e.className + ' '"
                                + " + Math.round(e.getBoundingClientRect().right); }).join(', ');"))
                .isLessThanOrEqualTo(375L);
        chromium.saveScreenshot("dashboard-phone.png");
    }

    @Test
    void anAlertIsAcknowledgedAndItsSuggestedActionRunsFromTheBriefing() throws Exception {
        logInAndWaitForData();
        assertThat(demo.postFault("{\"job\": \"curation\", \"paused\": true}").statusCode()).isEqualTo(200);

        By idleRow = By.cssSelector("#alerts tr[data-rule='curation-idle']");
        waitFor("the curation-idle alert", driver -> !browser.findElements(idleRow).isEmpty());
        waitFor("the alert's text and severity", driver -> {
            WebElement row = browser.findElement(idleRow);
            return row.getText().contains("Curation system idle")
                    && row.findElement(By.cssSelector(".sev")).getAttribute("class").contains("critical");
        });
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

    @Test
    void theJobTimelineCheckStripsAndHealthEventsShowWhatRan() throws Exception {
        logInAndWaitForData();
        HttpResponse<String> ran = demo.send(java.net.http.HttpRequest.newBuilder(demo.uri("/api/admin/trigger-action"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"action\": \"start_curation\"}"))
                .header("Content-Type", "application/json").header("Authorization", demo.authorization()));
        assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);

        waitFor("curation runs in the Gantt", driver -> ((Number) browser.executeScript(
                "return window.vigilCharts.jobs.data.datasets[0].data.filter(function (d) { return d.y === 'curation'; }).length"))
                .intValue() > 0);
        assertThat(browser.executeScript("return window.vigilCharts.jobs.options.indexAxis")).isEqualTo("y");
        assertThat(browser.executeScript("var d = window.vigilCharts.jobs.data.datasets[0];"
                + " return d.data.every(function (p, i) { return Array.isArray(p.x) && p.x[0] <= p.x[1]"
                + " && d.backgroundColor[i] === (p.run.outcome === 'failure' ? '#b42318' : p.run.outcome === 'success'"
                + " ? '#2f8f4e' : '#1f5fa8'); })")).as("bars span their runs, failures in red").isEqualTo(true);
        assertThat(byId("jobs-empty").isDisplayed()).isFalse();

        By payments = By.cssSelector("#check-strips li[data-check='payments-gateway'] .cell");
        waitFor("the payments-gateway strip, up", driver -> browser.findElements(payments).size() > 1
                && browser.findElement(payments).getAttribute("class").contains("up"));
        assertThat(demo.postFault("{\"check\": \"payments-gateway\", \"status\": \"down\"}").statusCode()).isEqualTo(200);
        expectedConsoleErrors.add("/api/health - Failed to load resource: the server responded with a status of 503");
        waitFor("a red cell in the strip", driver -> !browser.findElements(
                By.cssSelector("#check-strips li[data-check='payments-gateway'] .cell.down")).isEmpty());
        waitFor("a health event", driver -> !browser.findElements(By.cssSelector("#health-events li")).isEmpty()
                && !browser.findElement(By.cssSelector("#health-events li")).getText().isBlank());
        demo.clearFaults();
        waitFor("the badge green again", driver -> "healthy".equals(badge()));
    }

    @Test
    void securityEventsAndDeploymentsShowRowsAndDeploymentsAreMarkedOnTheCharts() throws Exception {
        HttpResponse<String> recorded = demo.send(java.net.http.HttpRequest.newBuilder(demo.uri("/api/admin/deployments"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"version\": \"9.9.9-dashboard\", \"commit\": \"4f2a9c1e77\", \"environment\": \"test\"}"))
                .header("Content-Type", "application/json").header("Authorization", demo.authorization()));
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        assertThat(demo.get("/api/admin/metrics", "Authorization", "Bearer not-a-token").statusCode()).isEqualTo(401);

        logInAndWaitForData();
        waitFor("the deployment's row", driver -> !browser.findElements(
                By.cssSelector("#deployments tr[data-version='9.9.9-dashboard']")).isEmpty());
        waitFor("commit and environment in the row", driver -> {
            String row = driver.findElement(By.cssSelector("#deployments tr[data-version='9.9.9-dashboard']")).getText();
            return row.contains("4f2a9c1e77") && row.contains("test");
        });
        waitFor("the deployment on the latency chart", driver -> (Boolean) browser.executeScript(
                "return window.vigilCharts.latency.options.plugins.deployments.marks.some(function (m) {"
                        + " return m.label === '9.9.9-dashboard' && m.x > Date.now() - 3600000; })"));
        waitFor("the refused token as a security event", driver -> !browser.findElements(
                By.cssSelector("#security-events tr[data-type='unauthorized']")).isEmpty());
        assertThat(byId("security-empty").isDisplayed()).isFalse();
    }

    @Test
    void theQueryConsoleRunsSelectOneAndShowsTheRefusalOfADelete() throws Exception {
        expectedConsoleErrors.add("/api/admin/run-query - Failed to load resource: the server responded with a status of 400");
        logInAndWaitForData();
        waitFor("the query console", driver -> byId("query-panel").isDisplayed());
        byId("query").sendKeys("select 1");
        byId("query-run").click();
        waitFor("the result table", driver -> byId("query-result").isDisplayed());
        List<WebElement> cells = byId("query-result").findElements(By.cssSelector("tbody td"));
        assertThat(cells).extracting(WebElement::getText).containsExactly("1");
        assertThat(byId("query-error").isDisplayed()).isFalse();

        byId("query").clear();
        byId("query").sendKeys("delete from orders");
        byId("query-run").click();
        WebElement error = waitFor("the refusal", driver -> byId("query-error").isDisplayed() ? byId("query-error") : null);
        JsonNode orders = demo.json(demo.send(java.net.http.HttpRequest.newBuilder(demo.uri("/api/admin/run-query"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"query\": \"delete from orders\"}"))
                .header("Content-Type", "application/json").header("Authorization", demo.authorization())).body());
        assertThat(error.getText()).as("the API's own words").contains(orders.get("message").asText())
                .startsWith(orders.get("error").asText());
        assertThat(byId("query-result").isDisplayed()).isFalse();
    }

    @Test
    void aReadOnlyTokenSeesNoOperatorButtons() throws Exception {
        assertThat(demo.postFault("{\"job\": \"curation\", \"paused\": true}").statusCode()).isEqualTo(200);
        logInAndWaitForData(VIEWER_TOKEN);
        By idleRow = By.cssSelector("#alerts tr[data-rule='curation-idle']");
        waitFor("the curation-idle alert", driver -> !browser.findElements(idleRow).isEmpty());
        waitFor("the actions listed", driver -> !browser.findElements(By.cssSelector("#all-actions .chip")).isEmpty());
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-role")).isEqualTo("read");
        assertThat(byId("who").getText()).isEqualTo("read-only");
        assertThat(browser.findElements(By.cssSelector("#alerts button, #incidents button, #briefing-actions button,"
                + " #all-actions button"))).as("operator buttons").isEmpty();
        assertThat(byId("query-panel").isDisplayed()).isFalse();
        assertThat(byId("approval").isDisplayed()).isFalse();
        assertThat(byId("actions-readonly").isDisplayed()).isTrue();
        assertThat(byId("pause").isDisplayed()).as("a reader still controls the view").isTrue();
    }

    @Test
    void aCriticalActionAwaitsASecondOperatorsApproval() throws Exception {
        expectedConsoleErrors.add("/api/admin/trigger-action - Failed to load resource: the server responded with a status of 403");
        logInAndWaitForData("ann-operator-token");
        By critical = By.cssSelector("#all-actions button[data-action='clear_connections']");
        waitFor("the critical action's button", driver -> !browser.findElements(critical).isEmpty());
        assertThat(browser.findElement(critical).getAttribute("class")).contains("critical");
        browser.findElement(critical).click();
        waitFor("the confirmation dialog", driver -> byId("confirm").isDisplayed());
        assertThat(byId("confirm-run").getText()).isEqualTo("Request approval");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("focus in the dialog").isEqualTo("confirm-run");
        byId("confirm-run").click();
        WebElement result = waitFor("the pending approval", driver -> byId("action-result").isDisplayed()
                && "pending_approval".equals(byId("action-result").getAttribute("data-outcome")) ? byId("action-result") : null);
        assertThat(result.getText()).contains("awaits approval by a second person");
        String approval = result.getAttribute("data-approval-token");
        assertThat(approval).isNotBlank();
        assertThat(result.getText()).contains(approval);
        assertThat(browser.switchTo().activeElement().getAttribute("data-action")).as("focus back on the button")
                .isEqualTo("clear_connections");

        By waiting = By.cssSelector("#approvals-waiting li[data-action='clear_connections']");
        WebElement own = waitFor("the request in the waiting list", driver -> browser.findElements(waiting).isEmpty()
                ? null : browser.findElement(waiting));
        assertThat(own.getText()).contains("requested by ann").contains("waiting for another person");
        assertThat(own.findElements(By.tagName("button"))).as("no approve button for the requester").isEmpty();
        assertThat(own.getText()).as("the list carries no token").doesNotContain(approval);

        byId("approve-token").sendKeys(approval);
        byId("approve-run").click();
        waitFor("the requester's own approval refused", driver ->
                "rejected".equals(byId("action-result").getAttribute("data-outcome")));
        assertThat(byId("action-result").getText()).contains("approval_by_requester");

        byId("logout").click();
        logInAndWaitForData("bob-operator-token");
        waitFor("the approval form", driver -> byId("approval").isDisplayed()
                && !byId("approve-action").findElements(By.cssSelector("option[value='clear_connections']")).isEmpty());
        By approve = By.cssSelector("#approvals-waiting li[data-action='clear_connections'] button");
        waitFor("ann's request with an approve button", driver -> !browser.findElements(approve).isEmpty());
        assertThat(browser.findElement(approve).getText()).isEqualTo("Approve…");
        browser.findElement(approve).click();
        assertThat(new Select(byId("approve-action")).getFirstSelectedOption().getAttribute("value")).isEqualTo("clear_connections");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("focus on the token").isEqualTo("approve-token");
        byId("approve-token").sendKeys(approval);
        byId("approve-run").click();
        waitFor("the approved run", driver -> "succeeded".equals(byId("action-result").getAttribute("data-outcome"))
                || byId("action-result").getText().contains("approval_invalid"));
        assertThat(byId("action-result").getAttribute("data-outcome")).as(byId("action-result").getText()).isEqualTo("succeeded");
        assertThat(byId("action-result").getText()).contains("evicted");
        assertThat(demo.admin("/api/admin/audit?who=bob").toString()).as("audited as the approver")
                .contains("clear_connections");
        waitFor("the approved request leaves the waiting list", driver -> browser.findElements(waiting).isEmpty());
    }
}
