package org.bootctl.launcher.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;

/**
 * The page as another machine meets it (the server on every address with a token, the page opened
 * through this machine's non-loopback address): a start without the token says where the token goes,
 * and once it is entered on the About tab the session starts.
 */
@Tag("realtime")
@Tag("browser")
class WebTokenPageIT {

    static final String TOKEN = "page-T0ken-7a1";

    @TempDir
    Path data;
    @TempDir
    Path profile;

    @Test
    void aStartWithoutTheTokenSaysWhereItGoesAndStartsOnceItIsEntered() throws Exception {
        Optional<InetAddress> address = WebSecurityIT.nonLoopbackAddress();
        Assumptions.assumeTrue(address.isPresent(),
                "this machine has no non-loopback address up: a client from another machine cannot be played here");
        try (WebRuntime web = WebRuntime.start(data, Map.of("http-bind", "0.0.0.0", "web-token", TOKEN));
             Browser browser = new Browser(profile, 800, 480)) {
            String host = address.get().getHostAddress();
            browser.open("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + web.base.getPort() + "/?device=sim-1", 800, 480);
            new Select(browser.find("#program")).selectByValue("sequential");
            browser.js("document.getElementById('fit-check').checked = false");
            browser.find("#start").click();
            browser.until("the refusal shown", d -> !browser.text("#message").isEmpty());
            String refusal = browser.text("#message");
            assertTrue(refusal.contains("About") && refusal.contains("Access token"), "says where the token goes: " + refusal);

            browser.find("#tab-about").click();
            browser.find("#token").sendKeys(TOKEN);
            browser.find("[data-testid=token-use]").click();
            browser.find("#tab-session").click();
            browser.find("#start").click();
            browser.until("the session running", d -> "RUNNING".equals(browser.text("#state")));
            browser.find("#estop").click();
            browser.until("the session stopped", d -> "STOPPED".equals(browser.text("#state")));
        }
    }
}
