package org.bootctl.launcher.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The dashboard of a real {@code bootctl hub}, fed by a real controller on the simulator through a
 * real Mosquitto: the page shows the unit and its device, the device turning RUNNING live, and its
 * STOP goes over the broker as the fleet's {@code cmd/estop}, stops the device (which confirms),
 * and the session's record and the utilisation chart follow. Screenshots: target/hub-screenshots/.
 */
@Tag("realtime")
@Tag("browser")
@Tag("broker")
class HubDashboardIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path folder;
    @TempDir
    Path profile;

    @Test
    void theDashboardShowsTheFleetLiveAndItsStopReachesTheDevice() throws Exception {
        try (Mosquitto broker = Mosquitto.start(folder.resolve("broker"), List.of("studio-1/unit-1"), null);
             BrokerWatch watch = new BrokerWatch(broker, "dashboard-test");
             HubProcess hub = HubProcess.start(folder, "a", broker.url(), null);
             FleetController unit = FleetController.start(folder, broker.url(), "studio-1", "unit-1");
             DashboardBrowser browser = new DashboardBrowser(profile, 1280, 800)) {
            String device = "unit-1-dev";
            String row = ".unit[data-site='studio-1'][data-unit='unit-1'] .device[data-device='" + device + "']";
            String base = hub.get("/").uri().toString();
            awaitUnitOnline(hub);
            browser.open(base, 1280, 800);
            browser.until("the unit online with its device", d -> browser.all(row).size() == 1
                    && "online".equals(browser.find(".unit[data-unit='unit-1']").getDomAttribute("data-state")));
            browser.screenshot("hub-fleet");

            HttpResponse<String> start = unit.post("/sessions", "{\"device\":\"" + device
                    + "\",\"program\":\"sequential\",\"level\":1,\"minutes\":20,\"fitCheck\":false}");
            assertEquals(201, start.statusCode(), start.body());
            String session = JsonParser.parseString(start.body()).getAsJsonObject().get("id").getAsString();
            browser.until("the device running, live", d -> "RUNNING".equals(browser.find(row).getDomAttribute("data-state")));
            browser.until("its program shown", d -> browser.find(row).getText().contains("sequential"));
            browser.screenshot("hub-fleet-running");

            browser.find(row).findElement(By.cssSelector("button.estop")).click();
            BrokerWatch.Message estop = watch.await(BrokerWatch.on("bootctl/v1/studio-1/unit-1/cmd/estop", m -> true), WAIT,
                    "the page's stop as cmd/estop");
            JsonObject command = estop.json();
            assertEquals(device, command.get("device").getAsString());
            assertTrue(command.has("requestId"), estop.payload());
            // the hub gives a stop 2 s to be confirmed; on a machine too busy to carry it through three processes in
            // that time the page says NOT confirmed, and the stop is pressed again (a stopped device confirms at once)
            int[] presses = {1};
            browser.until("the stop confirmed", d -> {
                String result = browser.text(".site[data-site='studio-1'] .estop-result");
                if (result.contains("NOT confirmed") && presses[0] < 3) {
                    presses[0]++;
                    browser.find(row).findElement(By.cssSelector("button.estop")).click();
                }
                return result.contains("Confirmed: unit-1/" + device);
            });
            // confirmed by what the unit published after the stop: its reply naming the device stopped, its state, or its estop event
            browser.until("the device marked confirmed", d -> browser.find(row).getText().matches("(?s).*stop confirmed .*by its (reply|state|estop event).*"));
            JsonObject ended = awaitEnded(unit, session);
            assertEquals("STOPPED", ended.get("state").getAsString(), ended.toString());
            assertEquals("emergency stop", ended.get("endReason").getAsString(), ended.toString());
            browser.screenshot("hub-estop");

            browser.find("#tab-sessions").click();
            String recordRow = "#sessions tbody tr[data-id='" + session + "']";
            browser.until("the session's record listed", d -> {
                if (browser.all(recordRow).isEmpty()) {
                    browser.find("#session-filter button[type=submit]").click(); // the record may reach the hub after the page asked
                    return false;
                }
                return true;
            });
            browser.until("the record's end reason", d -> browser.find(recordRow).getText().contains("emergency stop"));
            browser.until("the record's details", d -> {
                browser.find(recordRow).click();
                return browser.find("#record").isDisplayed();
            });
            String details = browser.text("#record");
            assertTrue(details.contains("Session " + session) && details.contains(device) && details.contains("sequential"), details);
            browser.screenshot("hub-session");

            browser.find("#tab-usage").click();
            browser.until("the chart drawn", d -> !browser.all("#usage-chart .uplot canvas").isEmpty());
            String label = browser.find("#usage-chart").getDomAttribute("aria-label");
            assertTrue(label.startsWith("Site studio-1 (all units): 1 session,"), label);
            browser.until("the fault rates", d -> !browser.all("#faults-model tbody tr[data-key='RB2-L5']").isEmpty());
            browser.fullScreenshot("hub-utilisation", false);
        }
    }

    /** The session once it has ended (the stop vents first). */
    private static JsonObject awaitEnded(FleetController unit, String session) throws Exception {
        return Waits.until("session " + session + " ended", WAIT, () -> unit.get("/sessions/" + session).getAsJsonObject(),
                s -> !List.of("FIT_CHECK", "RUNNING", "PAUSED", "VENTING").contains(s.get("state").getAsString()));
    }

    private static void awaitUnitOnline(HubProcess hub) throws Exception {
        Waits.until("the hub listing studio-1/unit-1 online with its device", WAIT,
                () -> hub.get("/api/fleet/units/studio-1/unit-1"),
                r -> r.statusCode() == 200 && r.body().contains("\"online\"") && r.body().contains("unit-1-dev"),
                r -> r.statusCode() + " " + r.body());
    }
}
