package org.bootctl.launcher.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The hub's dashboard in headless Chromium against {@link DashboardStub}: the page's own files from
 * its built bundle, the API as canned answers in the contract's shapes. What the page shows, what it
 * asks the API, and how it looks on a phone; the same page against a real hub is
 * {@link HubDashboardIT}. Screenshots: target/hub-screenshots/.
 */
@Tag("browser")
class HubDashboardPageIT {

    static final String NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    static final String SINCE = "2026-12-06T08:05:09Z";

    @TempDir
    static Path profile;
    static DashboardStub stub;
    static DashboardBrowser browser;

    @BeforeAll
    static void start() throws Exception {
        stub = new DashboardStub(DashboardStub.bundleJar(), answers());
        browser = new DashboardBrowser(profile, 1280, 800);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (stub != null) {
            stub.close();
        }
    }

    @BeforeEach
    void freshPage() {
        stub.token = null;
        browser.desktop();
        browser.open(stub.base() + "/", 1280, 800);
    }

    static Map<String, String> answers() {
        Map<String, String> a = new HashMap<>();
        a.put("/api/fleet/units", "[" + unit("studio-1", "unit-1", "online", device("dev-a", "RB2-L5", "2.1.0", "IDLE", null, null, null),
                device("stubborn", "RB2-L5", "2.0.3", "FAULT", "sequential", null,
                        "{\"cause\":\"over-pressure\",\"channel\":\"L3\",\"zone\":3,\"pressureMmHg\":127.4,"
                                + "\"message\":\"over-pressure in zone 3 (calf, left): 127.4 mmHg\"}"))
                + "," + unit("studio-1", "unit-2", "offline", device("dev-c", "RB1-A4", "1.4.2", "IDLE", null, null, null))
                + "," + unit("studio-2", "unit-1", "online", device("dev-d", "RB2-L5", "2.1.0", "RUNNING", "wave", 600, null)) + "]");
        String records = "[" + record("r-3", "studio-2", "unit-1", "dev-d", "wave", "2026-12-06T10:00:00Z", "2026-12-06T10:20:00Z",
                "COMPLETED", "completed", "c-42") + ","
                + record("r-2", "studio-1", "unit-1", "stubborn", "sequential", "2026-12-05T09:00:00Z", "2026-12-05T09:07:30Z",
                "FAULT", "over-pressure in zone 3 (calf, left): 127.4 mmHg", null) + ","
                + record("r-1", "studio-1", "unit-2", "dev-c", "sequential", "2026-12-04T17:30:00Z", "2026-12-04T17:45:00Z",
                "STOPPED", "emergency stop", "c-42") + "]";
        a.put("/api/fleet/sessions", records);
        a.put("/api/fleet/sessions?csv", "id,site,unit,device\nr-3,studio-2,unit-1,dev-d\n");
        a.put("/api/fleet/utilisation", utilisation());
        a.put("/api/fleet/faults?by=model", "[{\"key\":\"RB2-L5\",\"sessions\":120,\"faults\":3,\"per100\":2.5},"
                + "{\"key\":\"RB1-A4\",\"sessions\":40,\"faults\":0,\"per100\":0.0}]");
        a.put("/api/fleet/faults?by=firmware", "[{\"key\":\"2.0.3\",\"sessions\":50,\"faults\":3,\"per100\":6.0},"
                + "{\"key\":\"2.1.0\",\"sessions\":70,\"faults\":0,\"per100\":0.0}]");
        JsonArray all = JsonParser.parseString(records).getAsJsonArray();
        JsonArray mine = new JsonArray();
        mine.add(all.get(0));
        mine.add(all.get(2));
        a.put("/api/fleet/clients/c-42", "{\"client\":\"c-42\",\"weeks\":[{\"week\":\"2026-W49\",\"sessions\":2,\"minutes\":35.0}],"
                + "\"sessions\":" + mine + "}");
        return a;
    }

    static String unit(String site, String unit, String state, String... devices) {
        return "{\"site\":\"" + site + "\",\"unit\":\"" + unit + "\",\"state\":\"" + state + "\",\"since\":\"" + SINCE
                + "\",\"version\":\"0.1.0\",\"lastSeen\":\"" + NOW + "\",\"devices\":[" + String.join(",", devices) + "]}";
    }

    static String device(String id, String model, String firmware, String state, String program, Integer remainingS, String fault) {
        return "{\"device\":\"" + id + "\",\"model\":\"" + model + "\",\"firmware\":\"" + firmware + "\",\"state\":\"" + state
                + "\",\"program\":" + (program == null ? "null" : "\"" + program + "\"") + ",\"session\":null,\"remainingS\":"
                + remainingS + ",\"lastFault\":" + fault + "}";
    }

    static String record(String id, String site, String unit, String device, String program, String start, String end,
                         String state, String reason, String client) {
        String fault = !state.equals("FAULT") ? "" : ",\"fault\":{\"cause\":\"over-pressure\",\"channel\":\"L3\",\"zone\":3,"
                + "\"pressureMmHg\":127.4,\"message\":\"" + reason + "\"}";
        // a history line as the unit publishes it (docs/FLEET.md), plus the hub's site and unit
        return "{\"id\":\"" + id + "\",\"deviceId\":\"" + device + "\",\"model\":\"RB2-L5\",\"serial\":\"SIM-0001\","
                + "\"programId\":\"" + program + "\",\"programVersion\":\"1.0.0\","
                + "\"settings\":{\"level\":4,\"capMmHg\":0.0,\"minutes\":20.0,\"boostZones\":[3],\"rampIn\":true,\"fitCheck\":true},"
                + "\"start\":\"" + start + "\",\"end\":\"" + end + "\",\"state\":\"" + state + "\",\"endReason\":\"" + reason
                + "\"" + fault + ",\"cycles\":12,\"peakMmHg\":{\"L1\":71.2},\"fitCheckMs\":{\"1\":1840},\"interrupted\":false"
                + (client == null ? "" : ",\"client\":\"" + client + "\"") + ",\"site\":\"" + site + "\",\"unit\":\"" + unit + "\"}";
    }

    /** 30 days up to today: studio-1 busy every day, its unit-1 with most of it, studio-2 on even days. */
    static String utilisation() {
        LocalDate to = DashboardStub.today();
        LocalDate from = to.minusDays(29);
        StringBuilder s1 = new StringBuilder();
        StringBuilder u1 = new StringBuilder();
        StringBuilder s2 = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            String date = from.plusDays(i).toString();
            String sep = i == 0 ? "" : ",";
            s1.append(sep).append(day(date, 4 + i % 5, (4 + i % 5) * 20));
            u1.append(sep).append(day(date, 3 + i % 5, (3 + i % 5) * 20));
            s2.append(sep).append(day(date, i % 2 == 0 ? 2 : 0, i % 2 == 0 ? 45 : 0));
        }
        return "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"sites\":[{\"site\":\"studio-1\",\"days\":[" + s1 + "]},"
                + "{\"site\":\"studio-2\",\"days\":[" + s2 + "]}],\"units\":[{\"site\":\"studio-1\",\"unit\":\"unit-1\",\"days\":["
                + u1 + "]},{\"site\":\"studio-2\",\"unit\":\"unit-1\",\"days\":[" + s2 + "]}]}";
    }

    static String day(String date, int sessions, int minutes) {
        return "{\"date\":\"" + date + "\",\"sessions\":" + sessions + ",\"minutes\":" + minutes + "}";
    }

    private static WebElement deviceRow(String site, String unit, String device) {
        return browser.find(".unit[data-site='" + site + "'][data-unit='" + unit + "'] .device[data-device='" + device + "']");
    }

    @Test
    void theFleetShowsSitesUnitsDevicesAndChangesLive() throws Exception {
        assertEquals(List.of("studio-1", "studio-2"), browser.all(".site").stream().map(e -> e.getDomAttribute("data-site")).toList());
        assertEquals("offline", browser.find(".unit[data-site='studio-1'][data-unit='unit-2']").getDomAttribute("data-state"));
        // ISO date and 24 h time in a German browser in Berlin: the page's words, not the locale's
        assertTrue(browser.text(".unit[data-site='studio-1'][data-unit='unit-2'] .since").contains("since 2026-12-06 08:05:09"),
                browser.text(".unit[data-site='studio-1'][data-unit='unit-2'] .since"));
        String offline = deviceRow("studio-1", "unit-2", "dev-c").getText();
        assertTrue(offline.toLowerCase(java.util.Locale.ROOT).contains("idle (last known)"), offline);
        WebElement stubborn = deviceRow("studio-1", "unit-1", "stubborn");
        assertTrue(stubborn.getText().contains("last fault: over-pressure in zone 3 (calf, left): 127.4 mmHg"), stubborn.getText());
        assertTrue(stubborn.getText().contains("firmware 2.0.3"), stubborn.getText());
        WebElement running = deviceRow("studio-2", "unit-1", "dev-d");
        assertTrue(running.getText().contains("wave"), running.getText());
        assertTrue(running.getText().matches("(?s).*\\b(10:00|9:5\\d) left.*"), running.getText());
        browser.screenshot("stub-fleet");

        browser.until("the live stream open", d -> stub.openStreams() > 0);
        stub.event("unit", unit("studio-1", "unit-1", "online", device("dev-a", "RB2-L5", "2.1.0", "RUNNING", "sequential", 1200, null),
                device("stubborn", "RB2-L5", "2.0.3", "IDLE", null, null, null)));
        browser.until("dev-a running", d -> "RUNNING".equals(deviceRow("studio-1", "unit-1", "dev-a").getDomAttribute("data-state")));
        assertTrue(deviceRow("studio-1", "unit-1", "dev-a").getText().contains("sequential"));
        stub.event("unit", unit("studio-3", "unit-9", "online", device("dev-z", "RB2-L5", "2.1.0", "IDLE", null, null, null)));
        browser.until("a new site listed", d -> browser.all(".site[data-site='studio-3'] .device[data-device='dev-z']").size() == 1);
        browser.screenshot("stub-fleet-live");
    }

    @Test
    void anEmergencyStopSaysWhichDevicesConfirmed() throws Exception {
        int before = stub.requests("/api/fleet/estop").size();
        browser.find(".unit[data-site='studio-1'][data-unit='unit-1'] .unit-head button.estop").click();
        browser.until("the stop's answer", d -> browser.text(".site[data-site='studio-1'] .estop-result").contains("NOT confirmed"));
        DashboardStub.Request sent = stub.requests("/api/fleet/estop").get(before);
        assertEquals("POST", sent.method());
        JsonObject body = JsonParser.parseString(sent.body()).getAsJsonObject();
        assertEquals("studio-1", body.get("site").getAsString());
        assertEquals("unit-1", body.get("unit").getAsString());
        assertFalse(body.has("device"));
        String result = browser.text(".site[data-site='studio-1'] .estop-result");
        assertTrue(result.contains("Confirmed: unit-1/dev-a") && result.contains("NOT confirmed: unit-1/stubborn"), result);
        String confirmed = deviceRow("studio-1", "unit-1", "dev-a").getText();
        assertTrue(confirmed.contains("stop confirmed") && confirmed.contains("stopped, by its reply"), confirmed);
        assertTrue(deviceRow("studio-1", "unit-1", "stubborn").getText().contains("stop NOT confirmed"));
        browser.screenshot("stub-estop-unit");

        deviceRow("studio-2", "unit-1", "dev-d").findElement(org.openqa.selenium.By.cssSelector("button.estop")).click();
        browser.until("the device stop confirmed", d -> browser.text(".site[data-site='studio-2'] .estop-result").contains("Confirmed: unit-1/dev-d"));
        JsonObject one = JsonParser.parseString(stub.requests("/api/fleet/estop").get(before + 1).body()).getAsJsonObject();
        assertEquals("dev-d", one.get("device").getAsString());
    }

    @Test
    void aStopTheHubDoesNotAnswerIsSaidNotConfirmedAndCanBeTappedAgain() throws Exception {
        stub.estopDelayMs = 15_000;
        try {
            WebElement stop = deviceRow("studio-2", "unit-1", "dev-d").findElement(By.cssSelector("button.estop"));
            stop.click();
            browser.until("the stop said under way", d -> browser.text(".site[data-site='studio-2'] .estop-result").startsWith("Stopping"));
            browser.until("the stop said not confirmed", d -> browser.text(".site[data-site='studio-2'] .estop-result")
                    .contains("NOT confirmed"));
            String result = browser.text(".site[data-site='studio-2'] .estop-result");
            assertTrue(result.contains("did not answer within 10 s") && result.contains("on site"), result);
            assertTrue(deviceRow("studio-2", "unit-1", "dev-d").findElement(By.cssSelector("button.estop")).isEnabled(),
                    "the stop can be tapped again");
        } finally {
            stub.estopDelayMs = 0;
        }
    }

    @Test
    void sessionsFilterShowDetailsAndExportCsv() throws Exception {
        browser.find("#tab-sessions").click();
        browser.until("three sessions", d -> browser.all("#sessions tbody tr.record-row").size() == 3);
        assertEquals("2026-12-06 10:20:00", browser.find("#sessions tbody tr[data-id='r-3'] td").getText());
        new Select(browser.find("#f-site")).selectByValue("studio-1");
        browser.find("#f-device").sendKeys("stubborn");
        browser.find("#f-from").sendKeys("2026-12-01");
        browser.find("#f-reason").sendKeys("fault");
        int before = stub.requests("/api/fleet/sessions").size();
        browser.find("#session-filter button[type=submit]").click();
        browser.until("the filtered query", d -> stub.requests("/api/fleet/sessions").size() > before);
        browser.until("the filtered rows", d -> String.valueOf(browser.find("#sessions").getDomAttribute("data-query")).contains("device=stubborn"));
        String query = stub.requests("/api/fleet/sessions").get(before).query();
        assertTrue(query.contains("site=studio-1") && query.contains("device=stubborn") && query.contains("reason=fault")
                && query.contains("from=2026-12-01&") && query.contains("limit=100"), query);

        browser.find("#sessions tbody tr[data-id='r-2']").click();
        browser.until("the record's details", d -> browser.find("#record").isDisplayed());
        String details = browser.text("#record");
        assertTrue(details.contains("Session r-2") && details.contains("over-pressure in zone 3") && details.contains("L1 71.2")
                && details.contains("2026-12-05 09:07:30"), details);
        browser.screenshot("stub-sessions");

        browser.find("#f-to").sendKeys("6.12.2026");
        browser.find("#session-filter button[type=submit]").click();
        browser.until("a bad day refused in words", d -> browser.text("#sessions-message").contains("To must be a day written YYYY-MM-DD"));
        browser.find("#f-to").clear();

        browser.find("#csv").click();
        browser.until("the CSV asked for", d -> stub.requests("/api/fleet/sessions").stream().anyMatch(r -> r.query().contains("format=csv")));
        browser.until("the refusal's message gone once the CSV is made", d -> browser.text("#sessions-message").isEmpty());
    }

    @Test
    void utilisationChartAndFaultRates() throws Exception {
        browser.find("#tab-usage").click();
        browser.until("the chart drawn", d -> !browser.all("#usage-chart .uplot canvas").isEmpty());
        assertEquals(4, browser.all("#usage-table tbody tr").size());
        assertTrue(browser.find("#usage-chart").getDomAttribute("aria-label").startsWith("Site studio-1 (all units): 180 sessions"),
                browser.find("#usage-chart").getDomAttribute("aria-label"));
        browser.find("#usage-table tr[data-scope='unit:studio-1/unit-1']").click();
        browser.until("the unit's chart", d -> browser.find("#usage-chart").getDomAttribute("aria-label").startsWith("Site studio-1, unit unit-1: 150 sessions"));
        browser.until("fault rates", d -> browser.all("#faults-firmware tbody tr[data-key]").size() == 2);
        assertTrue(browser.text("#faults-firmware tr[data-key='2.0.3']").contains("6.0"));
        assertTrue(browser.text("#faults-model tr[data-key='RB2-L5']").contains("2.5"));
        browser.fullScreenshot("stub-utilisation", false);
        browser.desktop();
    }

    @Test
    void clientViewAndItsErrors() throws Exception {
        browser.find("#tab-client").click();
        browser.find("#client-id").sendKeys("c-42");
        browser.find("#client-form button").click();
        browser.until("the client's weeks", d -> browser.all("#client-weeks tr[data-week='2026-W49']").size() == 1);
        assertEquals(2, browser.all("#client-sessions tbody tr.record-row").size());
        browser.screenshot("stub-client");
        browser.find("#client-id").clear();
        browser.find("#client-id").sendKeys("nobody");
        browser.find("#client-form button").click();
        browser.until("the API's error shown", d -> browser.text("#client-message").contains("no such thing: /api/fleet/clients/nobody"));
        assertFalse(browser.find("#client-weeks").isDisplayed());
    }

    @Test
    void aTokenNoBrowserCanSendNeverStandsInTheWayOfAnEmergencyStop() throws Exception {
        // a token with a letter beyond Latin-1: fetch refuses any request with a header holding it
        browser.find("#token-toggle").click();
        browser.find("#token").sendKeys("st\u20acp");
        browser.find("#token-form button[type=submit]").click();
        browser.until("the refusal shown", d -> browser.text("#fleet-message").contains("cannot send this token"));
        assertEquals(null, browser.js("return sessionStorage.getItem('bootctl-hub-token')"), "nothing kept");

        // one kept all the same (from another version of the page): the stop goes out without it
        browser.js("sessionStorage.setItem('bootctl-hub-token', 'st\u20acp')");
        int before = stub.requests("/api/fleet/estop").size();
        deviceRow("studio-2", "unit-1", "dev-d").findElement(By.cssSelector("button.estop")).click();
        browser.until("the stop's answer", d -> !browser.text(".site[data-site='studio-2'] .estop-result").startsWith("Stopping"));
        String result = browser.text(".site[data-site='studio-2'] .estop-result");
        browser.js("sessionStorage.clear()");
        assertTrue(result.contains("Confirmed: unit-1/dev-d"), result);
        assertEquals(before + 1, stub.requests("/api/fleet/estop").size(), "the stop went out");
    }

    @Test
    void theTokenGoesWithEveryRequestOnceEntered() throws Exception {
        stub.token = "s3cret";
        browser.open(stub.base() + "/", 1280, 800);
        browser.until("the 401 shown", d -> browser.text("#fleet-message").contains("needs the access token"));
        browser.find("#token-toggle").click();
        browser.find("#token").sendKeys("s3cret");
        int before = stub.requests.size();
        browser.find("#token-form button[type=submit]").click();
        browser.until("the fleet loaded with the token", d -> browser.all(".site").size() >= 2);
        browser.until("the stream opened with the token", d -> stub.requests.stream().skip(before)
                .anyMatch(r -> r.path().equals("/api/fleet/events") && "Bearer s3cret".equals(r.authorization())));
        assertTrue(stub.requests.stream().skip(before).filter(r -> r.path().equals("/api/fleet/units"))
                .allMatch(r -> "Bearer s3cret".equals(r.authorization())));
        assertEquals("s3cret", browser.js("return sessionStorage.getItem('bootctl-hub-token')"));
        browser.until("no error left", d -> browser.text("#fleet-message").isEmpty());
        browser.js("sessionStorage.clear()");
    }

    @Test
    void onAPhoneNothingScrollsSidewaysAndStopButtonsAreBig() throws Exception {
        browser.phone(390, 844);
        assertEquals(390L, browser.js("return window.innerWidth"), "a phone's viewport");
        for (String tab : List.of("fleet", "sessions", "usage", "client")) {
            browser.find("#tab-" + tab).click();
            if (tab.equals("sessions")) {
                browser.until("sessions listed", d -> !browser.all("#sessions tbody tr.record-row").isEmpty());
                browser.find("#sessions tbody tr.record-row").click();
            }
            if (tab.equals("usage")) {
                browser.until("the chart drawn", d -> !browser.all("#usage-chart .uplot canvas").isEmpty());
            }
            long scroll = (Long) browser.js("return document.documentElement.scrollWidth");
            assertTrue(scroll <= 390, tab + ": the page is " + scroll + " px wide on a 390 px phone");
            browser.fullScreenshot("stub-phone-" + tab, true);
        }
        browser.find("#tab-fleet").click();
        @SuppressWarnings("unchecked")
        List<List<Number>> sizes = (List<List<Number>>) browser.js(
                "return [...document.querySelectorAll('button.estop')].map(b => { const r = b.getBoundingClientRect(); return [r.width, r.height]; })");
        assertFalse(sizes.isEmpty());
        for (List<Number> size : sizes) {
            assertTrue(size.get(0).doubleValue() >= 44 && size.get(1).doubleValue() >= 44, "an e-stop button of " + size);
        }
        browser.desktop();
    }
}
