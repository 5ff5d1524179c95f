package org.bootctl.launcher.fleet;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.bootctl.testing.Tools;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The hub's dashboard in Debian's headless Chromium, in a German locale and a Berlin time zone so
 * that anything the page leaves to the browser's locale shows. Screenshots go to
 * target/hub-screenshots/ for a person to look at.
 */
final class DashboardBrowser implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(20);
    static final Path SCREENSHOTS = Path.of("target", "hub-screenshots");
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    final ChromeDriver driver;

    DashboardBrowser(Path profile, int width, int height) {
        Tools.require(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(), "chromium and chromium-driver",
                "apt-get install chromium chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--user-data-dir=" + profile.toAbsolutePath(), "--lang=de-DE",
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .withEnvironment(java.util.Map.of("TZ", "Europe/Berlin", "LANGUAGE", "de_DE"))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    /** Opens a page, sizes the window so the page gets width x height, waits until it has loaded the fleet. */
    void open(String url, int width, int height) {
        driver.get(url);
        resize(width, height);
        until("the page ready", d -> "true".equals(find("body").getDomAttribute("data-ready")));
    }

    void resize(int width, int height) {
        long extraWidth = (Long) js("return window.outerWidth - window.innerWidth");
        long extraHeight = (Long) js("return window.outerHeight - window.innerHeight");
        driver.manage().window().setSize(new Dimension(width + (int) extraWidth, height + (int) extraHeight));
    }

    /**
     * A phone's viewport of exactly width x height CSS pixels (a desktop window cannot be made that
     * narrow), through the DevTools protocol as Chromium's device mode does it.
     */
    void phone(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
    }

    /** Back to the window's own size. */
    void desktop() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        List<WebElement> found = all(css);
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    /** Waits for the condition; on a timeout fails with the page's messages and a screenshot. */
    <T> T until(String what, Function<WebDriver, T> condition) {
        try {
            // a live update may redraw an element between finding and reading it: look again
            return new WebDriverWait(driver, DEADLINE, Duration.ofMillis(100))
                    .ignoring(StaleElementReferenceException.class).until(condition);
        } catch (TimeoutException e) {
            String shot;
            try {
                shot = screenshot("failed-" + what.replaceAll("[^A-Za-z0-9]+", "-")).toString();
            } catch (IOException | RuntimeException io) {
                shot = "no screenshot: " + io;
            }
            StringBuilder messages = new StringBuilder();
            for (WebElement m : all(".message")) {
                if (!m.getText().isBlank()) {
                    messages.append(" '").append(m.getText()).append('\'');
                }
            }
            throw new AssertionError("waited " + DEADLINE.toSeconds() + " s for " + what + "; the page says" + messages
                    + " (" + shot + ")", e);
        }
    }

    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /** A screenshot of the whole page, however long (up to 4000 px), at the viewport's width. */
    Path fullScreenshot(String name, boolean mobile) throws IOException {
        long width = (Long) js("return window.innerWidth");
        long innerHeight = (Long) js("return window.innerHeight");
        long height = (Long) js("return Math.max(document.documentElement.scrollHeight, window.innerHeight)");
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", width, "height", Math.min(height, 4000), "deviceScaleFactor", 1, "mobile", mobile));
        try {
            return screenshot(name);
        } finally {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    java.util.Map.of("width", width, "height", innerHeight, "deviceScaleFactor", 1, "mobile", mobile));
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
