package org.bootctl.launcher.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;

/**
 * The page at the sizes people use it (a 320 px phone, a 390x844 phone upright and on its side,
 * the 800x480 control unit, a 1280 px desktop), against the real bundles in Felix: the emergency
 * stop whole, on screen, at least 44x44 px, not covering the state, and stopping the session when
 * clicked at its centre; the page never wider than the screen; a session started over REST shown
 * as it runs on a freshly loaded page. Screenshots: target/web-screenshots/layout-*.png.
 */
@Tag("realtime")
@Tag("browser")
class WebLayoutIT {

    @TempDir
    static Path data;
    @TempDir
    static Path profile;
    static WebRuntime web;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        web = WebRuntime.start(data, Map.of());
        browser = new Browser(profile, 800, 480);
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

    /** Whatever a failed test left running ends vented, so the next starts on an idle device. */
    @AfterEach
    void ventEverything() {
        web.post("/api/estop", null);
        browser.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    @BeforeEach
    void idleDevice() throws InterruptedException {
        web.settle("sim-1");
        web.await("sim-1 without a fault", () -> web.post("/api/devices/sim-1/clear-fault", null),
                r -> r.statusCode() == 200);
    }

    /** A session started elsewhere: wave, level 6, 3 minutes, zone 2 boosted, no fit check, no ramp-in. */
    private static String startOverRest() throws InterruptedException {
        var answer = web.post("/api/sessions", "{\"device\":\"sim-1\",\"program\":\"wave\",\"level\":6,\"minutes\":3,"
                + "\"boost\":[2],\"fitCheck\":false,\"ramp\":false}");
        assertEquals(201, answer.statusCode(), answer.body());
        String id = WebRuntime.object(answer).get("id").getAsString();
        web.awaitState(id, "RUNNING");
        return id;
    }

    /** A phone narrower than a desktop window may be. */
    private static boolean phone(int width, int height) {
        return Math.min(width, height) < 480;
    }

    /**
     * The page in a viewport of exactly that size: a phone as Chromium's mobile emulation shows one
     * (touch, the page's viewport meta honoured), a larger screen as a window of that size.
     */
    private static void open(int width, int height) {
        if (phone(width, height)) {
            browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                    "height", height, "deviceScaleFactor", 1, "mobile", true));
            browser.driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
            browser.driver.get(web.base + "/?device=sim-1");
            browser.until("the page ready", d -> "true".equals(browser.find("body").getDomAttribute("data-ready")));
        } else {
            browser.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            browser.driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", false));
            browser.open(web.base + "/?device=sim-1", width, height);
        }
        assertEquals(List.of(width, height), List.of(((Long) browser.js("return window.innerWidth")).intValue(),
                ((Long) browser.js("return window.innerHeight")).intValue()), "the viewport asked for");
    }

    /** A tap (touch) on a phone, a mouse click elsewhere, at a point of the viewport. */
    private static void tapAt(double x, double y, boolean touch) {
        PointerInput pointer = touch ? new PointerInput(PointerInput.Kind.TOUCH, "finger")
                : new PointerInput(PointerInput.Kind.MOUSE, "mouse");
        Sequence tap = new Sequence(pointer, 0);
        tap.addAction(pointer.createPointerMove(Duration.ZERO, PointerInput.Origin.viewport(),
                (int) Math.round(x), (int) Math.round(y)));
        tap.addAction(pointer.createPointerDown(PointerInput.MouseButton.LEFT.asArg()));
        tap.addAction(pointer.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        browser.driver.perform(List.of(tap));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Number> rect(String css) {
        return (Map<String, Number>) browser.js("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                + "return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height};", css);
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"320, 568", "390, 844", "844, 390", "800, 480", "1280, 800"})
    void theEmergencyStopIsWholeOnScreenAndStopsTheSessionAtEveryWidth(int width, int height) throws Exception {
        String id = startOverRest();
        open(width, height);
        browser.until("the running session shown", d -> browser.text("#session-program").equals("Wave")
                || browser.text("#session-program").toLowerCase().contains("wave"));
        browser.until("the plan preview drawn", d -> !d.findElements(By.cssSelector("#plan-chart canvas")).isEmpty());
        String name = "layout-" + width + "x" + height;
        browser.screenshot(name + "-running");

        long pageWidth = (Long) browser.js("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
        assertTrue(pageWidth <= width, "the page is " + pageWidth + " px wide in a " + width + " px viewport");
        Map<String, Number> estop = rect("#estop");
        String where = name + ": e-stop " + estop;
        assertTrue(estop.get("left").doubleValue() >= 0 && estop.get("top").doubleValue() >= 0
                && estop.get("right").doubleValue() <= width && estop.get("bottom").doubleValue() <= height,
                "inside the viewport: " + where);
        assertTrue(estop.get("width").doubleValue() >= 44 && estop.get("height").doubleValue() >= 44, "44x44 px at least: " + where);
        assertTrue(browser.find("#estop").getText().replaceAll("\\s+", " ").equals("EMERGENCY STOP"),
                "its words whole: " + browser.find("#estop").getText());
        assertTrue((Boolean) browser.js("const b = document.getElementById('estop'); return b.scrollWidth <= b.clientWidth"
                + " && b.scrollHeight <= b.clientHeight"), "no word of it clipped: " + where);
        Map<String, Number> state = rect("#state");
        boolean apart = state.get("right").doubleValue() <= estop.get("left").doubleValue()
                || state.get("left").doubleValue() >= estop.get("right").doubleValue()
                || state.get("bottom").doubleValue() <= estop.get("top").doubleValue()
                || state.get("top").doubleValue() >= estop.get("bottom").doubleValue();
        assertTrue(apart, "the state " + state + " is not under the " + where);
        assertTrue(browser.find("#state").isDisplayed() && browser.find("#remaining").getText().endsWith("left"),
                browser.text("#remaining"));
        // every zone of the garment is on the page, none hidden under the panel below it (at 320x568 the
        // foot, zone 1, was: the garment overflowed its panel and the session panel covered it)
        Map<String, Number> garment = rect("#garment");
        Map<String, Number> panel = rect(".garment-panel");
        assertTrue(garment.get("bottom").doubleValue() <= panel.get("bottom").doubleValue() + 1
                && garment.get("top").doubleValue() >= panel.get("top").doubleValue() - 1,
                name + ": the garment " + garment + " inside its panel " + panel);
        double cx = (estop.get("left").doubleValue() + estop.get("right").doubleValue()) / 2;
        double cy = (estop.get("top").doubleValue() + estop.get("bottom").doubleValue()) / 2;
        assertEquals("estop", browser.js("const e = document.elementFromPoint(arguments[0], arguments[1]);"
                + " return e && e.closest('#estop') ? 'estop' : (e ? e.outerHTML.slice(0, 80) : 'nothing')", cx, cy),
                "what is at the e-stop's centre");

        tapAt(cx, cy, phone(width, height));
        web.awaitState(id, "STOPPED");
        browser.until("the fault banner", d -> browser.find("#fault-banner").isDisplayed());
        Map<String, Number> message = rect("#fault-message");
        assertTrue(message.get("width").doubleValue() >= Math.min(width, 800) * 0.5,
                "the fault message has room: " + message + " of " + width);
        assertTrue(browser.text("#fault-message").contains("emergency stop"), browser.text("#fault-message"));
        assertFalse(browser.driver.findElements(By.cssSelector("#plan-chart canvas")).isEmpty(),
                "the plan preview stays after an emergency stop");
        pageWidth = (Long) browser.js("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
        assertTrue(pageWidth <= width, "with the banner the page is " + pageWidth + " px wide in " + width);
        browser.screenshot(name + "-estop");
    }

    @Test
    void aSessionStartedOverRestShowsAsItRunsOnAFreshlyLoadedPage() throws Exception {
        startOverRest();
        JsonArray levels = WebRuntime.array(web.get("/api/levels"));
        assertEquals(7, levels.size());
        double level6 = levels.get(5).getAsJsonObject().get("capMmHg").getAsDouble();
        open(800, 480);
        browser.until("wave in the top bar", d -> browser.text("#session-program").toLowerCase().contains("wave"));
        assertEquals("wave", browser.find("#program").getDomProperty("value"));
        assertEquals("6", browser.find("#level").getDomProperty("value"));
        assertEquals("3", browser.find("#minutes").getDomProperty("value"));
        browser.until("the level's cap from the server", d -> browser.text("#level-mmhg").equals("· " + Math.round(level6) + " mmHg")
                || browser.text("#level-mmhg").equals("· " + level6 + " mmHg"));
        assertTrue(browser.text("#boost").contains("zone 2"), browser.text("#boost"));
        assertFalse(browser.find("#fit-check").isSelected(), "no fit check, as the session runs");
        assertFalse(browser.find("#ramp").isSelected(), "no ramp-in, as the session runs");
        assertTrue(List.of("RUNNING").contains(browser.find("#state").getDomAttribute("data-state")));
        browser.until("the session's plan", d -> !d.findElements(By.cssSelector("#plan-chart canvas")).isEmpty());
        assertTrue(browser.text("#plan-chart").contains("zone") || browser.text("#plan-chart").contains("■"),
                "a legend of the zones: " + browser.text("#plan-chart"));
        browser.screenshot("rest-session-on-a-fresh-page");
        // the plan preview is the session's own: level 6 and the boost on zone 2
        JsonObject plan = WebRuntime.object(web.get("/api/programs/wave/plan?device=sim-1&level=6&boost=2&ramp=false"));
        assertEquals(6, plan.getAsJsonObject("settings").get("level").getAsInt());
    }

    @Test
    void startIsDisabledWhileLatchedAndEveryFieldErrorShowsByItsField() throws Exception {
        open(800, 480);
        WebElement level = browser.find("#level");
        level.clear();
        level.sendKeys("9");
        WebElement minutes = browser.find("#minutes");
        minutes.clear();
        minutes.sendKeys("-1");
        browser.find("#start").click();
        browser.until("both errors", d -> !browser.text("#level-error").isEmpty() && !browser.text("#minutes-error").isEmpty());
        assertEquals("level must be a whole number 1..7, not 9", browser.text("#level-error"));
        assertTrue(browser.text("#minutes-error").startsWith("minutes must be"), browser.text("#minutes-error"));
        browser.screenshot("field-errors");
        level.clear();
        level.sendKeys("3");
        assertEquals("", browser.text("#level-error"), "the level's error goes once the level is changed");

        minutes.clear();
        minutes.sendKeys("20");
        browser.find("#estop").click();
        browser.until("the fault banner", d -> browser.find("#fault-banner").isDisplayed());
        browser.until("Start disabled while latched", d -> !browser.find("#start").isEnabled());
        browser.find("#clear-fault").click();
        browser.until("the banner gone", d -> !browser.find("#fault-banner").isDisplayed());
        browser.until("Start enabled again", d -> browser.find("#start").isEnabled());
        browser.until("no message left about the fault", d -> browser.text("#message").isEmpty()
                || browser.find("#message").getDomAttribute("class").contains("ok"));
    }
}
