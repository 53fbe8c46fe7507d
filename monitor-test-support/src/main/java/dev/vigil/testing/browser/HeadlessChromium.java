package dev.vigil.testing.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven through its chromedriver, both given explicitly so Selenium Manager never
 * looks for (or downloads) a browser or driver; the browser console is captured for the tests to read.
 *
 * <p>For Vigil's own browser tests: {@code scripts/ensure-chromium.sh} installs {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}. Selenium is an optional dependency of this module: a test module that uses this
 * class declares {@code selenium-chrome-driver} itself.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    /** Starts a browser with a window of {@code width} by {@code height} pixels. */
    public static HeadlessChromium start(int width, int height) throws Exception {
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        service.start();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        try {
            return new HeadlessChromium(service, new ChromeDriver(service, options));
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
    }

    /** The driver, to load pages and find elements. */
    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Lays pages out as a phone of {@code width} by {@code height} CSS pixels would (a desktop window cannot be
     * made that narrow), until {@link #desktop()}.
     */
    public void phone(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /** Back to the window's own size after {@link #phone}. */
    public void desktop() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** Every console message logged since the last call, and whether a marker written now reached the test. */
    public ConsoleLog console() {
        String marker = "console is captured " + System.nanoTime();
        driver.executeScript("console.info(arguments[0]);", marker);
        List<String> errors = new ArrayList<>();
        boolean captured = false;
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            captured |= entry.getMessage().contains(marker);
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
        return new ConsoleLog(captured, errors);
    }

    /**
     * The console's errors and whether the console was captured at all.
     *
     * @param captured whether a message written just before reading reached the log (else the log is not there)
     * @param errors the messages of level SEVERE, in order
     */
    public record ConsoleLog(boolean captured, List<String> errors) {
    }

    /** The page's own URL and every resource it fetched (Resource Timing), to check nothing leaves the service. */
    @SuppressWarnings("unchecked")
    public List<String> requestedUrls() {
        return (List<String>) driver.executeScript("return [location.href].concat(performance.getEntriesByType('resource')"
                + ".map(function (e) { return e.name; }));");
    }

    /** Saves a screenshot of the window under {@code target/}. */
    public Path saveScreenshot(String name) throws Exception {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** Saves the whole page, not only the window, under {@code target/} (Chromium's captureBeyondViewport). */
    public Path saveFullPageScreenshot(String name) throws Exception {
        @SuppressWarnings("unchecked")
        List<Number> size = (List<Number>) driver.executeScript("return [document.documentElement.scrollWidth,"
                + " document.documentElement.scrollHeight];");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", size.get(0), "height", size.get(1),
                        "scale", 1)));
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.write(target, java.util.Base64.getDecoder().decode((String) shot.get("data")));
        return target;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
