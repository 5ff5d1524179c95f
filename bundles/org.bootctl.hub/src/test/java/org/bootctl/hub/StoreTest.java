package org.bootctl.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store and the queries on the embedded H2 (HubIngestIT runs the whole hub on H2 and PostgreSQL). */
class StoreTest {

    @TempDir
    Path folder;

    Database db;
    Store store;
    Queries queries;

    @BeforeEach
    void open() throws Exception {
        db = Database.open("", "", "", folder);
        assertEquals(Migrations.files().size(), Migrations.run(db));
        store = new Store(db);
        queries = new Queries(db);
    }

    @Test
    void migrationsRunOnceAndAgainDoNothing() throws Exception {
        assertEquals(Migrations.files().size(), Migrations.run(db), "a second start finds the schema at its version");
        store.close();
        Database again = Database.open("", "", "", folder);
        assertEquals(Migrations.files().size(), Migrations.run(again));
    }

    @Test
    void aRecordReceivedTwiceIsStoredOnceButTheSameIdOfAnotherUnitIsItsOwn() throws Exception {
        JsonObject r = record("r-1", "FAULT", "c-7", Instant.now().minus(1, ChronoUnit.HOURS), 20);
        assertTrue(store.record("s1", "u1", r));
        assertFalse(store.record("s1", "u1", r), "the second time is a duplicate");
        assertTrue(store.record("s1", "u2", r), "ids are a unit's own");
        assertEquals(2, queries.sessions(filter(null, null, 100)).size());
        assertEquals(1, queries.sessions(filter("s1", "u2", 100)).size());
    }

    @Test
    void anEventReceivedTwiceIsStoredOnce() throws Exception {
        JsonObject e = JsonParser.parseString("{\"event\":\"fault\",\"time\":\"2026-12-06T10:00:00Z\",\"device\":\"d\"}").getAsJsonObject();
        assertTrue(store.event("s1", "u1", e));
        assertFalse(store.event("s1", "u1", e));
    }

    @Test
    void unitsWithDevicesTheirLastFaultAndOnlineHistory() throws Exception {
        store.status("s1", "u1", json("{\"state\":\"online\",\"version\":\"0.1.0\",\"since\":\"2026-12-06T08:00:00Z\"}"));
        store.device("s1", "u1", "d1", json("{\"id\":\"d1\",\"model\":\"RB2-L5\",\"firmware\":\"2.1\",\"state\":\"RUNNING\","
                + "\"program\":\"sequential\",\"session\":\"x\",\"remainingMs\":61000,"
                + "\"fault\":{\"cause\":\"OVERPRESSURE\",\"channel\":\"L1\",\"pressureMmHg\":121.0}}"));
        store.device("s1", "u1", "d1", json("{\"id\":\"d1\",\"model\":\"RB2-L5\",\"firmware\":\"2.1\",\"state\":\"IDLE\",\"remainingMs\":0,\"fault\":null}"));
        store.status("s1", "u1", json("{\"state\":\"offline\",\"since\":null}"));
        JsonObject u = queries.unit("s1", "u1").orElseThrow();
        assertEquals("offline", u.get("state").getAsString());
        assertEquals("0.1.0", u.get("version").getAsString());
        JsonObject d = u.getAsJsonArray("devices").get(0).getAsJsonObject();
        assertEquals("IDLE", d.get("state").getAsString());
        assertTrue(d.get("remainingS").isJsonNull(), "no time left without a session");
        assertEquals("OVERPRESSURE", d.getAsJsonObject("lastFault").get("cause").getAsString(), "the last fault stays after it cleared");
        assertTrue(queries.unit("s1", "nope").isEmpty());
        try (var c = db.connect(); var s = c.createStatement(); var r = s.executeQuery("SELECT state FROM unit_history ORDER BY id")) {
            r.next();
            assertEquals("online", r.getString(1));
            r.next();
            assertEquals("offline", r.getString(1));
            assertFalse(r.next());
        }
        store.device("s1", "u1", "d1", null);
        assertEquals(0, queries.unit("s1", "u1").orElseThrow().getAsJsonArray("devices").size(), "an empty retained message removes it");
    }

    @Test
    void sessionsNewestFirstFilteredAndLimited() throws Exception {
        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) {
            store.record("s1", "u1", record("r-" + i, i % 2 == 0 ? "COMPLETED" : "FAULT", null, now.minus(5 - i, ChronoUnit.HOURS), 10));
        }
        List<JsonObject> all = queries.sessions(filter(null, null, 100));
        assertEquals(List.of("r-4", "r-3", "r-2", "r-1", "r-0"), all.stream().map(o -> o.get("id").getAsString()).toList());
        assertEquals("s1", all.get(0).get("site").getAsString());
        assertEquals(2, queries.sessions(filter(null, null, 2)).size());
        assertEquals(2, queries.sessions(new Queries.SessionFilter(null, null, null, null, "FAULT", null, null, null, 100)).size());
        String csv = Csv.sessions(all);
        assertTrue(csv.startsWith("site,unit,id,"), csv);
        assertEquals(6, csv.split("\r\n").length);
    }

    @Test
    void utilisationHasEveryDayAndFaultsPer100ByFirmware() throws Exception {
        store.device("s1", "u1", "d", json("{\"model\":\"RB2-L5\",\"firmware\":\"2.1\",\"state\":\"IDLE\"}"));
        Instant today = LocalDate.now(ZoneOffset.UTC).atTime(0, 30).toInstant(ZoneOffset.UTC);
        store.record("s1", "u1", record("a", "COMPLETED", "c-1", today, 20));
        store.record("s1", "u1", record("b", "FAULT", "c-1", today.plusSeconds(3600), 10));
        store.record("s1", "u1", record("c", "COMPLETED", null, today.minus(2, ChronoUnit.DAYS), 30));
        store.status("s1", "u1", json("{\"state\":\"online\"}"));
        JsonObject u = JsonParser.parseString(queries.utilisation(null, 7).toString()).getAsJsonObject(); // the streamed text
        JsonArray days = u.getAsJsonArray("sites").get(0).getAsJsonObject().getAsJsonArray("days");
        assertEquals(7, days.size(), "every day present");
        JsonObject last = days.get(6).getAsJsonObject();
        assertEquals(2, last.get("sessions").getAsInt());
        assertEquals(30.0, last.get("minutes").getAsDouble(), 0.01);
        assertEquals(0, days.get(5).getAsJsonObject().get("sessions").getAsInt());
        assertEquals(1, days.get(4).getAsJsonObject().get("sessions").getAsInt());
        JsonObject f = queries.faults(true).get(0).getAsJsonObject();
        assertEquals("2.1", f.get("key").getAsString());
        assertEquals(3, f.get("sessions").getAsInt());
        assertEquals(33.3, f.get("per100").getAsDouble(), 0.01);
        JsonObject client = queries.client("c-1");
        assertEquals(2, client.getAsJsonArray("sessions").size());
        assertEquals(30.0, client.getAsJsonArray("weeks").get(0).getAsJsonObject().get("minutes").getAsDouble(), 0.01);
    }

    @Test
    void aRecordTwiceInOneBatchOrAcrossBatchesIsStoredAndCountedOnce() throws Exception {
        Instant today = LocalDate.now(ZoneOffset.UTC).atTime(0, 30).toInstant(ZoneOffset.UTC);
        JsonObject a = record("a", "FAULT", null, today, 20);
        JsonObject b = record("b", "COMPLETED", null, today, 10);
        List<String> stored = new java.util.ArrayList<>();
        store.write(w -> {
            w.record("s1", "u1", a, () -> stored.add("a"));
            w.record("s1", "u1", a, () -> stored.add("a again"));
            w.record("s1", "u1", b, () -> stored.add("b"));
            return null;
        });
        assertEquals(List.of("a", "b"), stored, "the second copy in the batch is not new");
        store.write(w -> {
            w.record("s1", "u1", b, () -> stored.add("b again"));
            w.record("s1", "u1", record("c", "COMPLETED", null, today, 30), () -> stored.add("c"));
            return null;
        });
        assertEquals(List.of("a", "b", "c"), stored, "a copy of an earlier batch's record is not new");
        assertEquals(3, queries.sessions(filter(null, null, 100)).size());
        JsonObject f = queries.faults(false).get(0).getAsJsonObject();
        assertEquals(3, f.get("sessions").getAsInt(), "each record counted once in the sums");
        assertEquals(33.3, f.get("per100").getAsDouble(), 0.01);
        JsonArray days = JsonParser.parseString(queries.utilisation(null, 1).toString()).getAsJsonObject()
                .getAsJsonArray("sites").get(0).getAsJsonObject().getAsJsonArray("days");
        assertEquals(3, days.get(0).getAsJsonObject().get("sessions").getAsInt());
        assertEquals(60.0, days.get(0).getAsJsonObject().get("minutes").getAsDouble(), 0.01);
    }

    @Test
    void aRecordNamesTheFirmwareItsDeviceLastReportedAndNeverOneRolledBack() throws Exception {
        Instant today = LocalDate.now(ZoneOffset.UTC).atTime(0, 30).toInstant(ZoneOffset.UTC);
        store.status("s1", "u1", json("{\"state\":\"online\"}"));
        store.device("s1", "u1", "d", json("{\"model\":\"RB2-L5\",\"firmware\":\"2.1\",\"state\":\"IDLE\"}"));
        store.record("s1", "u1", record("a", "COMPLETED", null, today, 20));
        store.write(w -> { // an update in the same batch, before the record
            w.device("s1", "u1", "d", json("{\"model\":\"RB2-L5\",\"firmware\":\"2.2\",\"state\":\"IDLE\"}"));
            w.record("s1", "u1", record("b", "COMPLETED", null, today, 20), () -> { });
            return null;
        });
        assertThrows(java.sql.SQLException.class, () -> store.write(w -> {
            w.device("s1", "u1", "d", json("{\"model\":\"RB2-L5\",\"firmware\":\"9.9\",\"state\":\"IDLE\"}"));
            throw new java.sql.SQLException("the database went away");
        }));
        store.record("s1", "u1", record("c", "COMPLETED", null, today, 20));
        store.device("s1", "u1", "d", null); // the device went: its records name no firmware
        store.record("s1", "u1", record("d", "COMPLETED", null, today, 20));
        JsonArray f = queries.faults(true);
        assertEquals("[\"unknown\", \"2.1\", \"2.2\"]", keys(f), f.toString());
        assertEquals(1, f.get(1).getAsJsonObject().get("sessions").getAsInt());
        assertEquals(2, f.get(2).getAsJsonObject().get("sessions").getAsInt(), "the rolled-back 9.9 was never used");
    }

    private static String keys(JsonArray a) {
        List<String> keys = new java.util.ArrayList<>();
        a.forEach(e -> keys.add("\"" + e.getAsJsonObject().get("key").getAsString() + "\""));
        return keys.toString();
    }

    @Test
    void csvNeverHandsASpreadsheetAFormula() {
        assertEquals("'=HYPERLINK(1)", Csv.cell("=HYPERLINK(1)"));
        assertEquals("\"a,b\"", Csv.cell("a,b"));
        assertEquals("-3", Csv.cell("-3"));
    }

    @Test
    void hostsThatAreThisServerOnly() {
        assertTrue(Guard.hostAllowed("localhost:8090", "127.0.0.1"));
        assertTrue(Guard.hostAllowed("127.0.0.1:8090", "127.0.0.1"));
        assertTrue(Guard.hostAllowed("10.0.0.5:8090", "10.0.0.5"));
        assertFalse(Guard.hostAllowed("evil.example:8090", "127.0.0.1"), "DNS rebinding");
        assertFalse(Guard.hostAllowed("10.0.0.6", "10.0.0.5"));
        assertFalse(Guard.hostAllowed(null, "127.0.0.1"));
    }

    private static Queries.SessionFilter filter(String site, String unit, int limit) {
        return new Queries.SessionFilter(site, unit, null, null, null, null, null, null, limit);
    }

    private static JsonObject json(String s) {
        return JsonParser.parseString(s).getAsJsonObject();
    }

    private static JsonObject record(String id, String state, String client, Instant start, int minutes) {
        JsonObject r = new JsonObject();
        r.addProperty("id", id);
        r.addProperty("deviceId", "d");
        r.addProperty("model", "RB2-L5");
        r.addProperty("programId", "sequential");
        r.addProperty("start", start.toString());
        r.addProperty("end", start.plus(minutes, ChronoUnit.MINUTES).toString());
        r.addProperty("state", state);
        r.addProperty("endReason", state.toLowerCase());
        JsonObject settings = new JsonObject(); // as a unit's history.jsonl line carries it
        settings.addProperty("level", 3);
        if (client != null) {
            settings.addProperty("client", client);
        }
        r.add("settings", settings);
        return r;
    }
}
