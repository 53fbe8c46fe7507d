package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.Monitor;
import dev.vigil.notice.NoticeSettings;
import dev.vigil.notice.PageLoads;
import dev.vigil.testing.browser.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
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

    private static final int PORT = DemoClient.freePort();
    private static final int MANAGEMENT_PORT = DemoClient.freePort();
    private static final String PAGE = "/media-upload/index.html";

    private static HeadlessChromium chromium;
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
        chromium = HeadlessChromium.start(1280, 900);
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

    private void rememberRequests() {
        requested.addAll(chromium.requestedUrls());
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
        chromium.saveScreenshot("media-upload-notice.png");

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

        HeadlessChromium.ConsoleLog console = chromium.console();
        assertThat(console.captured()).as("the console log reaches the test").isTrue();
        assertThat(console.errors()).as("browser console errors").isEmpty();
        assertThat(requested).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith(url("/")));
        assertThat(requested).anyMatch(name -> name.startsWith(url("/api/notices?path=")));
    }
}
