package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.Monitor;
import dev.vigil.notice.NoticeSettings;
import dev.vigil.notice.PageLoads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The media-upload page in a real headless Chromium: no notice while the area is healthy; the calm message as
 * an overlay once the media store is forced down; gone again once it recovers. Along the way the page reports
 * its load time, the browser logs no error, and no request leaves the service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "monitor.admin.token=browser-token", "monitor.health.interval=1s", "monitor.metrics.collect-interval=1s",
        "monitor.alerts.evaluation-interval=1s", "monitor.notices.beacon.rate-limit=600"})
class MediaUploadNoticeBrowserTest {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final int PORT = DemoClient.freePort();
    private static final int MANAGEMENT_PORT = DemoClient.freePort();
    private static final String PAGE = "/media-upload/index.html";

    private static ChromeDriverService service;
    private static ChromeDriver browser;

    private final DemoClient demo = new DemoClient(PORT, "browser-token");
    private final List<String> requested = new ArrayList<>();

    @Autowired
    private Monitor monitor;

    @DynamicPropertySource
    static void ports(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("management.server.port", () -> MANAGEMENT_PORT);
    }

    @BeforeAll
    static void startBrowser() throws Exception {
        // the binaries are given explicitly, so Selenium Manager never looks for (or downloads) a browser or driver
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        service.start();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @AfterEach
    void clearFaults() throws Exception {
        demo.clearFaults();
    }

    private String url(String path) {
        return "http://localhost:" + PORT + path;
    }

    private boolean noticeActive() throws Exception {
        JsonNode answer = demo.json(demo.get("/api/notices?path=%2Fmedia-upload").body());
        return answer.get("active").asBoolean();
    }

    /** Loads (or reloads) the page and waits until its script has asked for the notice and reported the load. */
    private void load() {
        long before = monitor.pageLoads().count("/media-upload");
        browser.get(url(PAGE));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> monitor.pageLoads().count("/media-upload") > before);
        rememberRequests();
    }

    @SuppressWarnings("unchecked")
    private void rememberRequests() {
        Object names = ((JavascriptExecutor) browser).executeScript(
                "return [location.href].concat(performance.getEntriesByType('resource').map(function (e) { return e.name; }));");
        requested.addAll((List<String>) names);
    }

    private List<WebElement> overlays() {
        return browser.findElements(By.id("vigil-notice"));
    }

    @Test
    void theCalmMessageComesAndGoesWithTheMediaStore() throws Exception {
        load();
        assertThat(overlays()).as("no notice while the area is healthy").isEmpty();
        assertThat(noticeActive()).isFalse();

        assertThat(demo.postFault("{\"check\": \"media-storage\", \"status\": \"down\"}").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(this::noticeActive);

        // the browser may keep the last answer for the few seconds of its max-age: reload until it asks again
        new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(500)).until(driver -> {
            load();
            return !overlays().isEmpty();
        });
        WebElement overlay = overlays().get(0);
        assertThat(overlay.isDisplayed()).isTrue();
        assertThat(overlay.getText()).contains(NoticeSettings.DEFAULT_MESSAGE);
        assertThat(overlay.getAttribute("role")).isEqualTo("status");
        assertThat(overlay.getAttribute("aria-live")).isEqualTo("polite");
        assertThat(overlay.getText()).doesNotContain("media-storage", "down", "forced");
        saveScreenshot("media-upload-notice.png");

        overlay.findElement(By.tagName("button")).sendKeys(Keys.ESCAPE);
        assertThat(overlays()).as("dismissed with the keyboard").isEmpty();

        demo.clearFaults();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> !noticeActive());
        new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(500)).until(driver -> {
            browser.executeScript("sessionStorage.clear();"); // forget the dismissal: the notice would show again if active
            load();
            return overlays().isEmpty();
        });

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                monitor.metrics().store().latest(PageLoads.COUNT, Map.of("page", "/media-upload"))).isNotEmpty());
        JsonNode samples = demo.admin("/api/admin/metrics?name=page.load.p95&range=10m&page=/media-upload");
        assertThat(samples.toString()).contains("/media-upload");

        browser.executeScript("console.info('console is captured');");
        List<String> errors = new ArrayList<>();
        boolean captured = false;
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            captured |= entry.getMessage().contains("console is captured");
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
        assertThat(captured).as("the console log reaches the test").isTrue();
        assertThat(errors).as("browser console errors").isEmpty();
        assertThat(requested).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith(url("/")));
        assertThat(requested).anyMatch(name -> name.startsWith(url("/api/notices?path=")));
    }

    private void saveScreenshot(String name) throws Exception {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
