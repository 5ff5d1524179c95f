package org.bootctl.launcher.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page open while the whole controller stops and starts again on the same port (a service
 * restart, a power cut of the control unit): the session it showed running ended with the old
 * controller, and the new one knows no session on the device. Once the stream is back the page
 * must not go on showing it RUNNING with a Stop button and a countdown.
 */
@Tag("realtime")
@Tag("browser")
class WebControllerRestartIT {

    @TempDir
    Path data;
    @TempDir
    Path profile;
    WebRuntime web;
    Browser browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (web != null) {
            web.close();
        }
    }

    private boolean live() {
        return browser.find("#connection").getDomAttribute("class").contains("live");
    }

    @Test
    void aSessionRunningWhenTheControllerRestartedIsNotShownRunningAfterIt() throws Exception {
        web = WebRuntime.start(data, Map.of());
        String port = Integer.toString(web.base.getPort());
        browser = new Browser(profile, 800, 480);
        browser.open(web.base + "/?device=sim-1", 800, 480);
        browser.until("the stream live", d -> live());
        web.post("/api/sessions", WebApiIT.QUICK);
        browser.until("the session shown running", d -> "RUNNING".equals(browser.text("#state")));

        web.close(); // every device vented, the session ended "controller shut down"
        web = null;
        browser.until("the stream lost", d -> !live());
        web = WebRuntime.start(data, Map.of("http-port", port));

        browser.until("the stream live again", d -> live());
        browser.until("the session not shown running", d -> "IDLE".equals(browser.text("#state")));
        assertTrue(browser.find("#start").isDisplayed(), "a new session can be started");
        assertFalse(browser.find("#stop").isDisplayed(), "no Stop for a session that is over");
        assertTrue(browser.text("#remaining").isEmpty(), "no countdown: " + browser.text("#remaining"));
        assertTrue(browser.text("#message").contains("ended"), "says why: " + browser.text("#message"));
    }
}
