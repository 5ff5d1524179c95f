package org.bootctl.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the store does with values a database would refuse (H2 here; PostgreSQL refuses NUL and far years too). */
class StoreBoundsTest {

    @TempDir
    Path folder;

    Store store;
    Queries queries;

    @BeforeEach
    void open() throws Exception {
        Database db = Database.open("", "", "", folder);
        Migrations.run(db);
        store = new Store(db);
        queries = new Queries(db);
    }

    @Test
    void nulIsTakenOutOfTextColumnsAndTheIdStaysUnique() throws Exception {
        JsonObject r = json("{\"id\":\"r\\u00001\",\"deviceId\":\"d\\u0000\",\"endReason\":\"x\\u0000y\",\"state\":\"COMPLETED\","
                + "\"start\":\"2026-12-06T10:00:00Z\",\"end\":\"2026-12-06T10:20:00Z\"}");
        assertTrue(store.record("s1", "u1", r));
        assertFalse(store.record("s1", "u1", r), "the same record again is a duplicate");
        JsonObject stored = queries.sessions(new Queries.SessionFilter("s1", null, null, null, null, null, null, null, 10))
                .get(0);
        assertEquals("r\u00001", stored.get("id").getAsString(), "the payload keeps the message as it came");
    }

    @Test
    void aTimeOutsideTheSaneRangeIsNone() throws Exception {
        assertNull(Store.time("+300000-01-01T00:00:00Z"));
        assertNull(Store.time("1800-01-01T00:00:00Z"));
        assertEquals(2026, Store.time("2026-12-06T10:00:00Z").getYear());
        JsonObject farEnd = json("{\"id\":\"r-far\",\"state\":\"COMPLETED\",\"end\":\"+300000-01-01T00:00:00Z\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.record("s1", "u1", farEnd));
        assertTrue(e.getMessage().contains("+300000"), e.getMessage());
        JsonObject farEvent = json("{\"event\":\"fault\",\"time\":\"+300000-01-01T00:00:00Z\"}");
        assertTrue(store.event("s1", "u1", farEvent), "stored, at the time it came");
        store.status("s1", "u1", json("{\"state\":\"online\",\"since\":\"+300000-01-01T00:00:00Z\"}"));
        assertTrue(queries.unit("s1", "u1").isPresent());
    }

    @Test
    void aPayloadPastTheColumnIsKeptWithItsTextsCut() throws Exception {
        JsonObject r = json("{\"id\":\"r-big\",\"state\":\"COMPLETED\",\"end\":\"2026-12-06T10:20:00Z\"}");
        r.addProperty("endReason", "\u0001".repeat(200_000)); // 1,200,000 characters as JSON
        assertTrue(r.toString().length() > Store.PAYLOAD_MAX);
        assertTrue(store.record("s1", "u1", r));
        JsonObject stored = queries.sessions(new Queries.SessionFilter("s1", null, null, null, null, null, null, null, 10))
                .get(0);
        assertTrue(stored.get("truncated").getAsBoolean(), stored.keySet().toString());
        assertEquals(Store.PAYLOAD_TEXT_CUT, stored.get("endReason").getAsString().length());

        JsonObject many = json("{\"id\":\"r-many\",\"state\":\"COMPLETED\",\"end\":\"2026-12-06T10:20:00Z\"}");
        for (int i = 0; i < 200_000; i++) {
            many.addProperty("k" + i, "\u0001");
        }
        assertThrows(IllegalArgumentException.class, () -> store.record("s1", "u1", many), "refused when cutting texts is not enough");
    }

    @Test
    void onlyWhatAMessageHoldsIsRefusedForGood() {
        assertTrue(Ingest.dataRefused(new SQLException("value too long", "22001")));
        assertTrue(Ingest.dataRefused(new SQLException("invalid byte sequence 0x00", "22021")));
        assertTrue(Ingest.dataRefused(new SQLException("timestamp out of range", "22008")));
        BatchUpdateException batch = new BatchUpdateException("batch failed", null, 0, new int[0], null);
        batch.setNextException(new SQLException("value too long", "22001"));
        assertTrue(Ingest.dataRefused(batch), "PostgreSQL names the cause in the next exception");
        assertFalse(Ingest.dataRefused(new SQLException("connection refused", "08001")));
        assertFalse(Ingest.dataRefused(new SQLException("deadlock detected", "40P01")));
        assertFalse(Ingest.dataRefused(new SQLException("canceling statement due to statement timeout", "57014")));
        assertFalse(Ingest.dataRefused(new SQLTransientConnectionException("pool timeout")));
        assertFalse(Ingest.dataRefused(new SQLException("the database answered 1 counts for 2 records")));
    }

    private static JsonObject json(String s) {
        return JsonParser.parseString(s).getAsJsonObject();
    }
}
