package org.bootctl.launcher.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** The page's About tab in headless Chromium: the modules with their state, or why it cannot list them. */
@Tag("browser")
class AboutPageIT {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 480;

    @TempDir
    Path data;
    @TempDir
    Path profile;

    @Test
    void theAboutTabListsEveryModuleWithItsState() throws Exception {
        try (WebRuntime web = WebRuntime.start(data, Map.of()); Browser browser = new Browser(profile, WIDTH, HEIGHT)) {
            browser.open(web.base + "/", WIDTH, HEIGHT);
            assertTrue(browser.find("#about").getDomAttribute("hidden") != null, "hidden until chosen");
            browser.find("#tab-about").click();
            browser.until("the engine listed ACTIVE", d -> !d.findElements(
                    By.cssSelector("#modules li[data-bundle='org.bootctl.engine'][data-state='ACTIVE']")).isEmpty());
            int listed = browser.driver.findElements(By.cssSelector("#modules li")).size();
            assertEquals(WebRuntime.array(web.get("/api/bundles")).size(), listed, "one line per bundle");
            assertTrue(browser.text("#modules li[data-bundle='org.bootctl.engine']").contains("0.1.0"));
            browser.screenshot("about-modules");
        }
    }

    @Test
    void withATokenTheTabSaysTheListNeedsItAndListsItOnceTheTokenIsEntered() throws Exception {
        try (WebRuntime web = WebRuntime.start(data, Map.of("web-token", "about-t0ken"));
             Browser browser = new Browser(profile, WIDTH, HEIGHT)) {
            browser.open(web.base + "/", WIDTH, HEIGHT);
            browser.find("#tab-about").click();
            browser.until("the token asked for", d -> browser.text("#modules-message").contains("access token"));
            assertEquals(0, browser.driver.findElements(By.cssSelector("#modules li")).size());

            browser.find("#token").sendKeys("wrong-t0ken");
            browser.find("[data-testid=token-use]").click();
            browser.until("a wrong token said refused", d -> browser.text("#modules-message").contains("refused"));
            assertEquals(0, browser.driver.findElements(By.cssSelector("#modules li")).size());

            browser.find("#token").sendKeys("about-t0ken");
            browser.find("[data-testid=token-use]").click();
            browser.until("the engine listed with the token", d -> !d.findElements(
                    By.cssSelector("#modules li[data-bundle='org.bootctl.engine'][data-state='ACTIVE']")).isEmpty());
            assertEquals("", browser.text("#modules-message"));
            assertEquals("", browser.find("#token").getDomProperty("value"), "the field emptied, the token not shown");

            // the emergency stop goes out without it, whatever is kept
            browser.js("sessionStorage.setItem('bootctl-token', 'caf\u00e9\u2603')");
            browser.find("#estop").click();
            browser.until("the stop confirmed", d -> browser.text("#message").contains("every device is venting"));
            browser.screenshot("about-token");
        }
    }
}
