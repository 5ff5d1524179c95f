package org.bootctl.launcher.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The page given what a driver, a unit or a program bundle may send: markup, bidi controls and
 * strings of many kilobytes in the model, the zone names, a fault message, program names and
 * descriptions, history records. The answers of the real server are rewritten in the browser
 * before the page reads them (a script injected ahead of the page's own). None of it runs as
 * markup, and the emergency stop and "Clear fault" stay whole on screen at the control unit's
 * 800x480 and a 390x844 phone.
 */
@Tag("realtime")
@Tag("browser")
class WebHostileValuesIT {

    /** Rewrites /api/devices, /api/programs, /api/history and the stream's device events. */
    static final String HOSTILE = """
            (() => {
              const H = '<img src=x onerror="window.__xss = 1">';
              const LONG = ('the driver said: ' + H + ' ').repeat(300) + '\\u202Eevil\\u202C end';
              const device = (d) => {
                d.model = H + 'M'.repeat(3000);
                d.fault = { cause: 'driver', channel: null, zone: 0, pressureMmHg: 0, message: LONG };
                d.zones.forEach((z) => { z.name = H + '\\u202E' + 'Z'.repeat(500); });
                return d;
              };
              const original = window.fetch;
              window.fetch = async (...args) => {
                const answer = await original(...args);
                const url = String(args[0]);
                const which = url === '/api/devices' ? 'devices' : url === '/api/programs' ? 'programs'
                  : url.startsWith('/api/history') ? 'history' : null;
                if (!which || !answer.ok) return answer;
                const data = await answer.json();
                if (which === 'devices') data.forEach(device);
                if (which === 'programs') data.forEach((p) => { p.name = H + p.name; p.description = H + 'D'.repeat(5000); });
                if (which === 'history') data.forEach((r) => { r.program = H; r.device = H; r.endReason = LONG; });
                return new Response(JSON.stringify(data), { status: 200, headers: { 'Content-Type': 'application/json' } });
              };
              const add = EventSource.prototype.addEventListener;
              EventSource.prototype.addEventListener = function (name, handler, options) {
                if (name !== 'device') return add.call(this, name, handler, options);
                return add.call(this, name, (e) => {
                  const event = JSON.parse(e.data);
                  device(event.device);
                  handler({ data: JSON.stringify(event) });
                }, options);
              };
            })();""";

    @TempDir
    static Path data;
    @TempDir
    static Path profile;
    static WebRuntime web;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        web = WebRuntime.start(data, Map.of());
        // one session in the history, so its record is drawn too
        String id = WebRuntime.object(web.post("/api/sessions", WebApiIT.QUICK)).get("id").getAsString();
        web.awaitState(id, "RUNNING");
        web.post("/api/sessions/" + id + "/stop", null);
        web.awaitState(id, "STOPPED");
        browser = new Browser(profile, 800, 480);
        browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", HOSTILE));
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

    @AfterEach
    void noEmulation() {
        browser.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Number> rect(String css) {
        return (Map<String, Number>) browser.js("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                + "return {left: r.left, top: r.top, right: r.right, bottom: r.bottom};", css);
    }

    /** The text of an element as the page put it there, seen or not. */
    private static String content(String css) {
        return String.valueOf(browser.js("return document.querySelector(arguments[0]).textContent", css));
    }

    /** Whole inside the viewport, and what a tap at its centre reaches. */
    private static void reachable(String css, int width, int height) {
        Map<String, Number> r = rect(css);
        String where = css + " at " + r + " in " + width + "x" + height;
        assertTrue(r.get("left").doubleValue() >= 0 && r.get("top").doubleValue() >= 0
                && r.get("right").doubleValue() <= width && r.get("bottom").doubleValue() <= height, "on screen: " + where);
        double cx = (r.get("left").doubleValue() + r.get("right").doubleValue()) / 2;
        double cy = (r.get("top").doubleValue() + r.get("bottom").doubleValue()) / 2;
        assertEquals(true, browser.js("const e = document.elementFromPoint(arguments[0], arguments[1]);"
                + " return Boolean(e && e.closest(arguments[2]))", cx, cy, css), "nothing over " + where);
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"800, 480", "390, 844"})
    void hostileStringsAreShownAsTextAndTheStopsStayWholeOnScreen(int width, int height) throws Exception {
        if (width < 480) {
            browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                    "height", height, "deviceScaleFactor", 1, "mobile", true));
            browser.driver.get(web.base + "/?device=sim-1");
            browser.until("the page ready", d -> "true".equals(browser.find("body").getDomAttribute("data-ready")));
        } else {
            browser.open(web.base + "/?device=sim-1", width, height);
        }
        assertEquals(List.of(width, height), List.of(((Long) browser.js("return window.innerWidth")).intValue(),
                ((Long) browser.js("return window.innerHeight")).intValue()), "the viewport asked for");
        browser.until("the fault banner", d -> browser.find("#fault-banner").isDisplayed());
        browser.until("the hostile fault shown", d -> content("#fault-message").contains("the driver said: <img"));
        browser.until("the hostile program shown", d -> content("#program-description").startsWith("<img"));
        browser.until("the hostile zone names drawn", d -> content("#garment").contains("<img"));
        String name = "hostile-" + width + "x" + height;
        browser.screenshot(name);

        reachable("#estop", width, height);
        reachable("#clear-fault", width, height);
        long pageWidth = (Long) browser.js("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
        assertTrue(pageWidth <= width, "the page is " + pageWidth + " px wide in a " + width + " px viewport");

        browser.find("#tab-history").click();
        browser.until("the hostile record listed", d -> content("#history-list").contains("<img"));
        browser.find("#tab-live").click();
        browser.until("the live legend", d -> content("#live-chart").contains("<img"));
        reachable("#estop", width, height);
        browser.screenshot(name + "-history");
        browser.find("#tab-session").click();

        assertEquals(0L, browser.js("return document.querySelectorAll('img').length"), "no markup from the values");
        assertEquals(true, browser.js("return window.__xss === undefined"), "no script from the values");
    }
}
