package org.bootctl.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.Models;
import org.bootctl.api.device.Valve;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.ProgramEntry;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;
import org.bootctl.api.program.Step;
import org.bootctl.api.program.ValidationError;
import org.bootctl.api.program.ZoneAction;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.Fault;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionRecord;
import org.bootctl.api.session.SessionState;
import org.bootctl.api.session.Telemetry;
import org.bootctl.web.contract.FieldError;
import org.bootctl.web.contract.Views;
import org.junit.jupiter.api.Test;

class ViewsTest {

    private static final DeviceDescription L5 = DeviceDescription.of("sim-1", Models.RB2_L5, "S1", "2.0", 50);
    private static final Fault FAULT = new Fault("over-pressure", "L3", 3, 127.43,
            "over-pressure in zone 3 (calf, left): 127.4 mmHg");

    private static JsonObject json(Object view) {
        return JsonParser.parseString(Json.write(view)).getAsJsonObject();
    }

    @Test
    void sessionObject() {
        Settings settings = new Settings(0, 65, 20, Set.of(2), false, true).withClient("C-0042");
        SessionInfo info = new SessionInfo("s-42", "sim-1", "sequential", "1.0", settings, SessionState.FAULT, 3, 2,
                61_000, 1_139_000, Instant.parse("2026-01-02T10:00:00Z"), Instant.parse("2026-01-02T10:01:05Z"),
                FAULT.message(), FAULT);
        JsonObject o = json(Views.SessionView.of(info));
        assertEquals("s-42", o.get("id").getAsString());
        assertEquals("sim-1", o.get("device").getAsString());
        assertEquals("sequential", o.get("program").getAsString());
        assertEquals("FAULT", o.get("state").getAsString());
        assertEquals(3, o.get("cycle").getAsInt());
        assertEquals(2, o.get("step").getAsInt());
        assertEquals(61_000, o.get("elapsedMs").getAsLong());
        assertEquals(1_139_000, o.get("remainingMs").getAsLong());
        assertEquals("2026-01-02T10:00:00Z", o.get("startedAt").getAsString());
        assertEquals(FAULT.message(), o.get("endReason").getAsString());
        JsonObject s = o.getAsJsonObject("settings");
        assertTrue(s.get("level").isJsonNull(), "a pressure cap has no level");
        assertEquals(65, s.get("pressure").getAsDouble());
        assertEquals(65, s.get("capMmHg").getAsDouble());
        assertEquals(20, s.get("minutes").getAsDouble());
        assertEquals("[2]", s.get("boost").toString());
        assertEquals(true, s.get("fitCheck").getAsBoolean());
        assertEquals(false, s.get("ramp").getAsBoolean());
        assertEquals("C-0042", s.get("client").getAsString());
        JsonObject f = o.getAsJsonObject("fault");
        assertEquals("L3", f.get("channel").getAsString());
        assertEquals(127.4, f.get("pressureMmHg").getAsDouble());
    }

    @Test
    void aRunningSessionHasExplicitNulls() {
        SessionInfo info = new SessionInfo("s-1", "d", "p", "1", Settings.level(4, 20), SessionState.RUNNING, 1, 0, 0,
                1_200_000, Instant.EPOCH, null, null, null);
        JsonObject o = json(Views.SessionView.of(info));
        assertTrue(o.get("endedAt").isJsonNull());
        assertTrue(o.get("endReason").isJsonNull());
        assertTrue(o.get("fault").isJsonNull());
        assertEquals(4, o.getAsJsonObject("settings").get("level").getAsInt());
        assertEquals(70, o.getAsJsonObject("settings").get("capMmHg").getAsDouble());
        assertTrue(o.getAsJsonObject("settings").get("pressure").isJsonNull());
        assertTrue(o.getAsJsonObject("settings").get("client").isJsonNull(), "no client reference");
    }

    @Test
    void deviceObject() {
        JsonObject o = json(Views.DeviceView.of(new DeviceStatus(L5, SessionState.FAULT, "s-9", FAULT)));
        assertEquals("sim-1", o.get("id").getAsString());
        assertEquals("RB2-L5", o.get("model").getAsString());
        assertEquals(2, o.get("limbs").getAsInt());
        assertEquals(5, o.getAsJsonArray("zones").size());
        assertEquals("calf", o.getAsJsonArray("zones").get(2).getAsJsonObject().get("name").getAsString());
        assertEquals(10, o.getAsJsonArray("channels").size());
        JsonObject r1 = o.getAsJsonArray("channels").get(5).getAsJsonObject();
        assertEquals("R1", r1.get("id").getAsString());
        assertEquals(1, r1.get("zone").getAsInt());
        assertEquals("right", r1.get("limb").getAsString());
        assertEquals(130, o.getAsJsonObject("limits").get("hardLimitMmHg").getAsDouble());
        assertEquals(120, o.getAsJsonObject("limits").get("maxTargetMmHg").getAsDouble());
        assertEquals("HOST", o.get("regulation").getAsString());
        assertEquals("FAULT", o.get("state").getAsString());
        assertEquals("s-9", o.get("session").getAsString());
        assertEquals(FAULT.message(), o.getAsJsonObject("fault").get("message").getAsString());
    }

    @Test
    void sharedZoneChannelsHaveNoLimb() {
        DeviceDescription rb1 = DeviceDescription.of("rb1", Models.RB1_L4, "S", "1", 10);
        JsonObject o = json(Views.DeviceView.of(new DeviceStatus(rb1, SessionState.IDLE, null, null)));
        JsonObject z1 = o.getAsJsonArray("channels").get(0).getAsJsonObject();
        assertEquals("Z1", z1.get("id").getAsString());
        assertTrue(z1.get("limb").isJsonNull());
        assertEquals("DEVICE", o.get("regulation").getAsString());
    }

    @Test
    void telemetryFrameIsRoundedAndCompact() {
        Telemetry t = new Telemetry("sim-1", "s-1", 1234, SessionState.RUNNING, 2, 1,
                new double[] {12.345, 0.04}, new double[] {43, 0}, new Valve[] {Valve.FILL, Valve.VENT}, 200);
        JsonObject o = json(Views.TelemetryView.of(t));
        assertEquals("[12.3,0.0]", o.get("pressures").toString());
        assertEquals("[43.0,0.0]", o.get("targets").toString());
        assertEquals("FV", o.get("valves").getAsString());
        assertEquals(1234, o.get("timeMs").getAsLong());
        assertEquals("RUNNING", o.get("state").getAsString());
        Telemetry device = new Telemetry("rb1", null, 5, SessionState.IDLE, 0, -1, new double[] {1}, new double[] {0},
                null, -1);
        JsonObject d = json(Views.TelemetryView.of(device));
        assertTrue(d.get("valves").isJsonNull());
        assertTrue(d.get("session").isJsonNull());
    }

    @Test
    void programEntryWithErrorsAndOnlyTheFileName() {
        ProgramEntry broken = new ProgramEntry("mine", null, "file", "/data/programs/mine.json",
                List.of(new ValidationError("$.cycle[0]", 4, "a step needs zones")));
        JsonObject o = json(Views.ProgramView.of(broken));
        assertEquals(false, o.get("valid").getAsBoolean());
        assertEquals("mine.json", o.get("location").getAsString());
        JsonObject error = o.getAsJsonArray("errors").get(0).getAsJsonObject();
        assertEquals("$.cycle[0]", error.get("path").getAsString());
        assertEquals(4, error.get("line").getAsInt());
        ProgramInfo info = new ProgramInfo("sequential", "Sequential", "1.0", "bootctl", "Fills 1 to n.", 1, 16);
        JsonObject ok = json(Views.ProgramView.of(new ProgramEntry("sequential", info, "built-in", "org.bootctl.programs",
                List.of())));
        assertEquals("Fills 1 to n.", ok.get("description").getAsString());
        assertEquals(true, ok.get("valid").getAsBoolean());
    }

    /** A plugin's program without a name is shown by its id, not as "null" (the list of programs showed that). */
    @Test
    void aProgramWithoutANameIsCalledByItsId() {
        for (String name : new String[] {null, " "}) {
            ProgramInfo info = new ProgramInfo("acme-wave", name, "1.0", "", "", 2, 8);
            assertEquals("acme-wave", json(Views.ProgramView.of(info)).get("name").getAsString());
            assertEquals("acme-wave", json(Views.ProgramView.of(new ProgramEntry("acme-wave", info, "bundle", "acme",
                    List.of()))).get("name").getAsString());
        }
    }

    @Test
    void planWithStepsAndActions() {
        Plan plan = new Plan("wave", "2", List.of(
                new Step(List.of(ZoneAction.fill(43), ZoneAction.vent()), 2000),
                new Step(List.of(ZoneAction.hold(43), ZoneAction.fill(40)), 1000, 15_000)), 30_000);
        JsonObject o = json(Views.PlanView.of(plan, DeviceDescription.of("d", Models.RB2_A4, "s", "f", 50),
                Settings.level(3, 0)));
        assertEquals(2, o.get("zones").getAsInt());
        assertEquals(30_000, o.get("minCycleMs").getAsLong());
        assertEquals(3000, o.get("holdMs").getAsLong());
        JsonObject second = o.getAsJsonArray("steps").get(1).getAsJsonObject();
        assertEquals(15_000, second.get("timeLimitMs").getAsLong());
        assertEquals("HOLD", second.getAsJsonArray("actions").get(0).getAsJsonObject().get("kind").getAsString());
        assertEquals(40, second.getAsJsonArray("actions").get(1).getAsJsonObject().get("targetMmHg").getAsDouble());
    }

    @Test
    void historyRecordLinksItsTrace() {
        SessionRecord r = SessionRecord.builder().id("s-7").deviceId("sim-1").model("RB2-L5").serial("S1")
                .programId("sequential").programVersion("1").settings(Settings.level(2, 10)).start(Instant.EPOCH)
                .end(Instant.EPOCH.plusSeconds(600)).state(SessionState.COMPLETED).endReason("completed").cycles(12)
                .peakMmHg(Map.of("L1", 44.1)).fitCheckMs(Map.of()).build();
        JsonObject o = json(Views.RecordView.of(r, true));
        assertEquals("/api/history/s-7/trace", o.get("trace").getAsString());
        assertEquals("completed", o.get("endReason").getAsString());
        assertEquals(44.1, o.getAsJsonObject("peakMmHg").get("L1").getAsDouble());
        assertTrue(json(Views.RecordView.of(r, false)).get("trace").isJsonNull());
    }

    @Test
    void errorsHaveTheDocumentedShape() {
        JsonObject o = json(new ApiError(400, "level must be 1..7", List.of(new FieldError("level", "level must be 1..7"))).body());
        assertEquals("level must be 1..7", o.get("error").getAsString());
        assertEquals("level", o.getAsJsonArray("details").get(0).getAsJsonObject().get("field").getAsString());
        assertEquals("[]", json(ApiError.notFound("no device 'x'").body()).get("details").toString());
    }
}
