package org.bootctl.engine.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.Fault;
import org.bootctl.api.session.SessionRecord;
import org.bootctl.api.session.SessionState;
import org.junit.jupiter.api.Test;

/**
 * The history's JSON is a contract (history.jsonl, and the fleet forwards its lines as they are):
 * {@link SessionRecord} became a class with a builder, and reads and writes exactly what the
 * record it replaced did. The lines below were written by that record (API session package 1.x).
 */
class SessionRecordJsonTest {

    private static final String ENDED = "{\"id\":\"s-1\",\"deviceId\":\"sim-1\",\"model\":\"RB2-L5\",\"serial\":\"SIM-sim-1\","
            + "\"programId\":\"sequential\",\"programVersion\":\"1.0\",\"settings\":{\"level\":4,\"capMmHg\":0.0,"
            + "\"minutes\":20.0,\"boostZones\":[3],\"rampIn\":true,\"fitCheck\":true},\"start\":\"2025-06-01T10:00:00Z\","
            + "\"end\":\"2025-06-01T10:20:00Z\",\"state\":\"FAULT\",\"endReason\":\"over-pressure in zone 3 (calf, left): "
            + "127.4 mmHg\",\"fault\":{\"cause\":\"over-pressure\",\"channel\":\"L3\",\"zone\":3,\"pressureMmHg\":127.4,"
            + "\"message\":\"over-pressure in zone 3 (calf, left): 127.4 mmHg\"},\"cycles\":12,\"peakMmHg\":{\"L1\":71.2,"
            + "\"R1\":70.4},\"fitCheckMs\":{\"1\":1840,\"2\":2010},\"interrupted\":false}";
    /** An open-session marker's line: no end, no reason, no fault (null values have no key). */
    private static final String BEGUN = "{\"id\":\"s-2\",\"deviceId\":\"sim-1\",\"model\":\"RB1-L4\",\"serial\":\"SN\","
            + "\"programId\":\"wave\",\"programVersion\":\"2\",\"settings\":{\"level\":2,\"capMmHg\":0.0,\"minutes\":0.0,"
            + "\"boostZones\":[],\"rampIn\":true,\"fitCheck\":true},\"start\":\"2025-06-01T11:00:00Z\",\"state\":\"RUNNING\","
            + "\"cycles\":0,\"peakMmHg\":{},\"fitCheckMs\":{},\"interrupted\":false}";

    @Test
    void aLineTheOldRecordWroteReadsWithEveryValue() {
        SessionRecord r = HistoryStore.parse(ENDED);
        assertEquals("s-1", r.id());
        assertEquals("sim-1", r.deviceId());
        assertEquals("RB2-L5", r.model());
        assertEquals("SIM-sim-1", r.serial());
        assertEquals("sequential", r.programId());
        assertEquals("1.0", r.programVersion());
        assertEquals(Settings.level(4, 20).withBoost(Set.of(3)), r.settings());
        assertEquals(Instant.parse("2025-06-01T10:00:00Z"), r.start());
        assertEquals(Instant.parse("2025-06-01T10:20:00Z"), r.end());
        assertEquals(SessionState.FAULT, r.state());
        assertEquals("over-pressure in zone 3 (calf, left): 127.4 mmHg", r.endReason());
        assertEquals(new Fault("over-pressure", "L3", 3, 127.4, "over-pressure in zone 3 (calf, left): 127.4 mmHg"), r.fault());
        assertEquals(12, r.cycles());
        assertEquals(Map.of("L1", 71.2, "R1", 70.4), r.peakMmHg());
        assertEquals(Map.of("1", 1840L, "2", 2010L), r.fitCheckMs());
        assertFalse(r.interrupted());
    }

    @Test
    void whatIsReadIsWrittenBackByteForByte() {
        assertEquals(ENDED, Json.GSON.toJson(HistoryStore.parse(ENDED)));
        assertEquals(BEGUN, Json.GSON.toJson(HistoryStore.parse(BEGUN)));
    }

    @Test
    void aRecordFromTheBuilderWritesTheOldKeysInTheOldOrder() {
        Map<String, Double> peak = new LinkedHashMap<>();
        peak.put("L1", 71.2);
        peak.put("R1", 70.4);
        Map<String, Long> fit = new LinkedHashMap<>();
        fit.put("1", 1840L);
        fit.put("2", 2010L);
        SessionRecord built = SessionRecord.builder().id("s-1").deviceId("sim-1").model("RB2-L5").serial("SIM-sim-1")
                .programId("sequential").programVersion("1.0").settings(Settings.level(4, 20).withBoost(Set.of(3)))
                .start(Instant.parse("2025-06-01T10:00:00Z")).end(Instant.parse("2025-06-01T10:20:00Z"))
                .state(SessionState.FAULT).endReason("over-pressure in zone 3 (calf, left): 127.4 mmHg")
                .fault(new Fault("over-pressure", "L3", 3, 127.4, "over-pressure in zone 3 (calf, left): 127.4 mmHg"))
                .cycles(12).peakMmHg(peak).fitCheckMs(fit).build();
        String written = Json.GSON.toJson(built);
        assertEquals(keys(ENDED), keys(written));
        assertEquals(ENDED, written);
        assertEquals(built, HistoryStore.parse(written));
    }

    @Test
    void aLineFromBeforeAValueExistedReadsWithItsDefault() {
        SessionRecord r = HistoryStore.parse("{\"id\":\"s-0\",\"deviceId\":\"sim-1\",\"state\":\"COMPLETED\",\"cycles\":3}");
        assertEquals("s-0", r.id());
        assertEquals(3, r.cycles());
        assertNull(r.fitCheckMs());
        assertNull(r.fault());
        assertFalse(r.interrupted());
        assertEquals(r, r.toBuilder().build());
    }

    private static List<String> keys(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        return new ArrayList<>(o.keySet());
    }
}
