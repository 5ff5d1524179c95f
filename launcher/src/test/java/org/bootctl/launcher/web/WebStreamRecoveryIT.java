package org.bootctl.launcher.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bootctl.api.session.SessionService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * The page when the live stream or the server goes away: it comes back by itself and catches up on
 * what it missed; an emergency stop that nobody confirmed is never told as sent.
 */
@Tag("realtime")
@Tag("browser")
class WebStreamRecoveryIT {

    static final int WIDTH = 800;
    static final int HEIGHT = 480;

    @TempDir
    static Path data;
    @TempDir
    static Path profile;
    static WebRuntime web;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        web = WebRuntime.start(data, Map.of());
        browser = new Browser(profile, WIDTH, HEIGHT);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (web != null) {
            web.close();
        }
    }

    @BeforeEach
    void idle() throws InterruptedException {
        web.settle("sim-1");
    }

    @AfterEach
    void webModuleBack() throws Exception {
        if (ui().getState() != Bundle.ACTIVE) {
            ui().start();
        }
        web.await("the API back", () -> web.get("/api/devices"), r -> r.statusCode() == 200);
    }

    private static Bundle ui() {
        return Arrays.stream(web.runtime.context().getBundles())
                .filter(b -> "org.bootctl.web".equals(b.getSymbolicName())).findFirst().orElseThrow();
    }

    /** Takes all six event streams this address may hold, as soon as they are free. */
    private static void takeAll(List<EventReader> taken) throws InterruptedException {
        web.await("all six streams of this address taken", () -> {
            try {
                taken.add(new EventReader(web.base));
            } catch (AssertionError stillHeld) {
                // tried again on the next poll
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return taken.size();
        }, n -> n == 6);
    }

    private static boolean live() {
        return browser.find("#connection").getDomAttribute("class").contains("live");
    }

    /** Date.now() as the page sees it, set back on demand (as NTP or a person may set a unit's clock). */
    static final String CLOCK = """
            (() => {
              const real = Date.now.bind(Date);
              let back = 0;
              Date.now = () => real() - back;
              window.setClockBack = (ms) => { back = ms; };
            })();""";

    private static int livePoints() {
        String points = browser.find("#live-chart").getDomAttribute("data-points");
        return points == null ? 0 : Integer.parseInt(points);
    }

    @Test
    void theLiveChartKeepsToItsMinuteWhenTheClockIsSetBack() throws Exception {
        browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CLOCK));
        browser.open(web.base + "/?device=sim-1", WIDTH, HEIGHT);
        browser.find("#tab-live").click();
        // the idle device's telemetry (about 20 frames a second) fills the chart
        int before = browser.until("a few seconds drawn", d -> livePoints() >= 40 ? livePoints() : null);
        browser.js("window.setClockBack(3600000)");
        // what was drawn now lies an hour ahead: it must go, not stay (and the chart grow) for the hour
        browser.until("the chart started afresh", d -> livePoints() > 0 && livePoints() < before);
    }

    @Test
    void aStreamRefusedAtFirstIsTriedAgainAndTheStreamGoesLive() throws Exception {
        // this address's six streams are taken: the page's own is refused (429), which EventSource
        // never tries again by itself
        List<EventReader> taken = new ArrayList<>();
        try {
            browser.driver.get("about:blank"); // an earlier page's stream goes (the server notices a little later)
            takeAll(taken);
            browser.open(web.base + "/?device=sim-1", WIDTH, HEIGHT);
            assertFalse(live(), "no stream while every one of this address is taken");
        } finally {
            taken.forEach(EventReader::close);
        }
        browser.until("the stream live again", d -> live());
        String id = WebRuntime.object(web.post("/api/sessions", WebApiIT.QUICK)).get("id").getAsString();
        browser.until("a session started elsewhere shown live", d -> "RUNNING".equals(browser.text("#state")));
        assertEquals(200, web.post("/api/sessions/" + id + "/stop", null).statusCode());
        browser.until("its stop shown live", d -> "STOPPED".equals(browser.text("#state")));
    }

    @Test
    void aPageLeftForAnotherGivesItsStreamBackAndTakesItAgainOnReturn() throws Exception {
        browser.open(web.base + "/?device=sim-1", WIDTH, HEIGHT);
        browser.until("the stream live", d -> live());
        browser.driver.get("about:blank"); // the page may be kept for Back, stream and all
        List<EventReader> taken = new ArrayList<>();
        try {
            takeAll(taken);
        } finally {
            taken.forEach(EventReader::close);
        }
        browser.driver.navigate().back();
        browser.until("the page back and its stream live", d -> browser.driver.getCurrentUrl().contains("device=sim-1") && live());
    }

    @Test
    void aSessionThatEndsWhileTheWebModuleIsAwayIsShownEndedWhenItIsBack() throws Exception {
        browser.open(web.base + "/?device=sim-1", WIDTH, HEIGHT);
        browser.until("the stream live", d -> live());
        String id = WebRuntime.object(web.post("/api/sessions", WebApiIT.QUICK)).get("id").getAsString();
        browser.until("the session shown running", d -> "RUNNING".equals(browser.text("#state")));

        ui().stop(); // the stream ends; its reconnects meet 404 until the module is back
        browser.until("the stream lost", d -> !live());
        SessionService sessions = web.runtime.service(SessionService.class, null).orElseThrow();
        sessions.stop(id);
        web.await("the session stopped", () -> sessions.session(id).orElseThrow().state().name(), "STOPPED"::equals);
        ui().start();

        browser.until("the stream live again", d -> live());
        browser.until("the session shown stopped", d -> "STOPPED".equals(browser.text("#state")));
        assertTrue(browser.find("#start").isDisplayed(), "a new session can be started");
        assertFalse(browser.find("#stop").isDisplayed(), "no Stop for a session that is over");
    }

    @Test
    void anEmergencyStopThatNobodyConfirmedSaysSoWhicheverTabIsOpen() throws Exception {
        browser.open(web.base + "/?device=sim-1", WIDTH, HEIGHT);
        browser.find("#tab-live").click();
        ui().stop(); // the page stays on screen; every request meets 404
        web.await("the API gone", () -> web.post("/api/estop", null), r -> r.statusCode() == 404);

        browser.find("#estop").click();
        browser.until("the outcome", d -> browser.text("#message").contains("NOT CONFIRMED"));
        String message = browser.text("#message");
        assertTrue(browser.find("#message").isDisplayed(), "the outcome on screen, not behind the Live chart tab");
        assertTrue(message.contains("sim-1") && message.contains("404"), message);
        assertFalse(message.contains("sent to each device"), message);
        browser.screenshot("emergency-stop-not-confirmed");

        ui().start();
        web.await("the API back", () -> web.get("/api/devices"), r -> r.statusCode() == 200);
        browser.find("#estop").click();
        browser.until("the stop confirmed", d -> browser.text("#message").contains("every device is venting"));
    }
}
