package org.bootctl.launcher.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.bootctl.testing.Tools;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, with a viewport of exactly the
 * size asked (the touch screen of a control unit: 800x480). No network beyond loopback.
 */
final class Browser implements AutoCloseable {

    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "web-screenshots");

    final ChromeDriver driver;

    Browser(Path profile, int width, int height) {
        Tools.require(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(), "chromium and chromium-driver",
                "apt-get install -y chromium chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // as root Chromium needs --no-sandbox with --headless=new; the rest keeps it off the network
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    /** Opens a page, then sizes the window so the page itself gets width x height. */
    void open(String url, int width, int height) {
        driver.get(url);
        long extraWidth = (Long) js("return window.outerWidth - window.innerWidth");
        long extraHeight = (Long) js("return window.outerHeight - window.innerHeight");
        driver.manage().window().setSize(new Dimension(width + (int) extraWidth, height + (int) extraHeight));
        until("the page ready", d -> "true".equals(find("body").getDomAttribute("data-ready")));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    /** Waits for the condition; on a timeout fails with what the page shows, and a screenshot of it. */
    <T> T until(String what, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, WebRuntime.DEADLINE, Duration.ofMillis(100)).until(condition);
        } catch (TimeoutException e) {
            String shot;
            try {
                shot = screenshot("failed-" + what.replaceAll("[^A-Za-z0-9]+", "-")).toString();
            } catch (IOException | RuntimeException io) {
                shot = "no screenshot: " + io;
            }
            throw new AssertionError("waited " + WebRuntime.DEADLINE.toSeconds() + " s for " + what
                    + "; the page shows state '" + text("#state") + "', message '" + text("#message")
                    + "', fault '" + text("#fault-message") + "' (" + shot + ")", e);
        }
    }

    /** Saves the page as target/web-screenshots/NAME.png, for a person to look at. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
