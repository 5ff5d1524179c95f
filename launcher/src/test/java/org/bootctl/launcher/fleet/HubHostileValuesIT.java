package org.bootctl.launcher.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bootctl.testing.Waits;
import org.bootctl.tools.bench.LocalPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub on PostgreSQL fed what PostgreSQL refuses (a NUL in text, a year past 294276, a payload
 * past its column): every other record is stored, the one that cannot be is refused with its
 * unit named; then, with the database stopped, a fleet e-stop still goes out (docs/HUB.md).
 */
@Tag("broker")
@Tag("database")
class HubHostileValuesIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path folder;

    @Test
    void whatPostgresqlRefusesStopsNothingAndTheEstopNeedsNoDatabase() throws Exception {
        LocalPostgres pg = Postgres.start();
        try (Mosquitto broker = Mosquitto.start(folder.resolve("broker"), List.of("s1/u1"), null);
             HubProcess hub = HubProcess.start(folder, "a", broker.url(), pg.url(), "--var", "hub-db-user=" + Postgres.USER,
                     "--var", "hub-db-password-file=" + pg.passwordFile(folder));
             BrokerWatch unit = new BrokerWatch(broker, "fake-unit")) {
            unit.publish("bootctl/v1/s1/u1/status", "{\"state\":\"online\",\"version\":\"0.1.0\",\"since\":\"2026-12-06T08:00:00Z\"}", true);
            unit.publish("bootctl/v1/s1/u1/devices/d1", "{\"id\":\"d1\",\"model\":\"RB2-L5\",\"firmware\":\"2.1.0\",\"state\":\"RUNNING\","
                    + "\"session\":\"x1\",\"program\":\"sequential\",\"remainingMs\":90000,\"fault\":null}", true);
            unit.publish("bootctl/v1/s1/u1/records", record("r-ok-0", "completed", "2026-12-06T10:20:00Z"), false);
            Waits.until(() -> "the first record stored: " + ids(hub), WAIT, () -> ids(hub).containsKey("r-ok-0"));

            unit.publish("bootctl/v1/s1/u1/records", record("r-nul", "a\\u0000b", "2026-12-06T10:21:00Z"), false);
            unit.publish("bootctl/v1/s1/u1/records", record("r-far", "completed", "+300000-01-01T00:00:00Z"), false);
            unit.publish("bootctl/v1/s1/u1/events", "{\"event\":\"fault\",\"time\":\"+300000-01-01T00:00:00Z\",\"device\":\"d1\\u0000\"}", false);
            unit.publish("bootctl/v1/s1/u1/status", "{\"state\":\"online\",\"version\":\"0.1.0\\u0000\",\"since\":\"+300000-01-01T00:00:00Z\"}", true);
            unit.publish("bootctl/v1/s1/u1/records", record("r-big", "\\u0001".repeat(170_000), "2026-12-06T10:22:00Z"), false);
            unit.publish("bootctl/v1/s1/u1/records", record("r-ok-1", "completed", "2026-12-06T10:23:00Z"), false);
            Waits.until(() -> "the last record stored: " + ids(hub).keySet(), WAIT, () -> ids(hub).containsKey("r-ok-1"));

            Map<String, JsonObject> stored = ids(hub);
            assertEquals("a\u0000b", stored.get("r-nul").get("endReason").getAsString(), "the payload keeps it as it came");
            assertTrue(stored.get("r-big").get("truncated").getAsBoolean(), "kept, its long text cut");
            assertFalse(stored.containsKey("r-far"), "an end past the year 9999 is no end");
            Waits.until(() -> "the refused record logged with its unit", WAIT, () -> hub.process().err().stream()
                    .anyMatch(l -> l.contains("refused a message from unit s1/u1") && l.contains("+300000")));
            assertEquals(200, hub.get("/api/fleet/units/s1/u1").statusCode());

            // the database stops: the stop still goes to the unit the hub heard of on the broker
            pg.close();
            HttpResponse<String> estop = hub.post("/api/fleet/estop", "application/json", "{\"site\":\"s1\"}");
            assertEquals(200, estop.statusCode(), estop.body());
            unit.await(m -> m.topic().equals("bootctl/v1/s1/u1/cmd/estop"), WAIT, "the e-stop, the database down");
            JsonObject sent = JsonParser.parseString(estop.body()).getAsJsonObject().getAsJsonArray("units").get(0).getAsJsonObject();
            assertTrue(sent.get("sent").getAsBoolean(), estop.body());
            assertEquals("d1", JsonParser.parseString(estop.body()).getAsJsonObject().getAsJsonArray("devices").get(0)
                    .getAsJsonObject().get("device").getAsString());
        } finally {
            pg.close();
        }
    }

    private static String record(String id, String reason, String end) {
        return "{\"id\":\"" + id + "\",\"deviceId\":\"d1\",\"programId\":\"p\",\"state\":\"COMPLETED\",\"endReason\":\"" + reason
                + "\",\"start\":\"2026-12-06T10:00:00Z\",\"end\":\"" + end + "\"}";
    }

    /** The stored records by id (none while the API does not answer). */
    private static Map<String, JsonObject> ids(HubProcess hub) {
        JsonArray a;
        try {
            a = hub.array("/api/fleet/sessions?site=s1&limit=100");
        } catch (Exception | AssertionError e) {
            return Map.of();
        }
        return a.asList().stream().map(JsonElement::getAsJsonObject)
                .collect(Collectors.toMap(r -> r.get("id").getAsString(), r -> r, (x, y) -> x));
    }
}
