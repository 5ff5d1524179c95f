package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.Models;
import org.bootctl.api.device.Valve;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.bootctl.engine.record.TraceBytes;
import org.bootctl.engine.record.TraceFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trace CSV contract of docs/TRACE.md. */
class TraceTest {

    @TempDir
    Path data;

    @Test
    void headerNamesEveryChannelInDeviceOrder() {
        DeviceDescription l5 = DeviceDescription.of("d", Models.RB2_L5, "s", "f", 50);
        assertEquals("t_ms,state,cycle,step,pump,L1_p,L2_p,L3_p,L4_p,L5_p,R1_p,R2_p,R3_p,R4_p,R5_p,"
                + "L1_sp,L2_sp,L3_sp,L4_sp,L5_sp,R1_sp,R2_sp,R3_sp,R4_sp,R5_sp,"
                + "L1_v,L2_v,L3_v,L4_v,L5_v,R1_v,R2_v,R3_v,R4_v,R5_v", TraceFormat.header(l5, true));
        DeviceDescription rb1 = DeviceDescription.of("d", Models.RB1_L4, "s", "f", 10);
        assertEquals("t_ms,state,cycle,step,pump,Z1_p,Z2_p,Z3_p,Z4_p,Z1_sp,Z2_sp,Z3_sp,Z4_sp",
                TraceFormat.header(rb1, false));
    }

    @Test
    void rowsHaveOneDecimalAndAnEmptyPumpWhereTheDeviceRegulates() {
        TraceBytes sb = new TraceBytes(8);
        TraceFormat.appendRow(sb, 61_020, SessionState.RUNNING, 2, 3, 200, new double[] {82.44, -0.04, -0.35},
                new double[] {83, 0, 57.05}, new Valve[] {Valve.CLOSED, Valve.VENT, Valve.FILL});
        assertEquals("61020,RUNNING,2,3,200,82.4,0.0,-0.4,83.0,0.0,57.1,C,V,F", sb.toString());
        sb.setLength(0);
        TraceFormat.appendRow(sb, 0, SessionState.FIT_CHECK, 0, -1, -1, new double[] {1.25}, new double[] {20}, null);
        assertEquals("0,FIT_CHECK,0,-1,,1.3,20.0", sb.toString());
    }

    @Test
    void aSessionsTraceReadsBackRowByRow() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        FakeBoot boot = h.connect(Models.RB1_L4);
        SessionInfo s = h.start("seq", org.bootctl.api.program.Settings.level(4, 0.5));
        assertTrue(h.runUntilState(s.id(), SessionState.COMPLETED, 120));
        List<String> lines = Files.readAllLines(h.engine.trace(s.id()).orElseThrow());
        String[] header = lines.get(0).split(",");
        assertEquals(5 + 2 * 4, header.length);
        String[] first = lines.get(1).split(",", -1);
        assertEquals("0", first[0]);
        assertEquals("FIT_CHECK", first[1]);
        assertEquals("0", first[2]);
        assertEquals("-1", first[3]);
        assertEquals("", first[4], "the device regulates: no pump column value");
        long previous = -1;
        boolean sawRunning = false;
        for (String line : lines.subList(1, lines.size())) {
            String[] row = line.split(",", -1);
            assertEquals(header.length, row.length);
            long t = Long.parseLong(row[0]);
            assertTrue(t > previous, "one row per tick, in time order");
            previous = t;
            SessionState.valueOf(row[1]);
            if (row[1].equals("RUNNING")) {
                sawRunning = true;
                assertTrue(Integer.parseInt(row[2]) >= 1);
                assertTrue(Integer.parseInt(row[3]) >= 0);
            }
            for (int c = 5; c < row.length; c++) {
                assertTrue(row[c].matches("-?\\d+\\.\\d"), row[c]);
            }
        }
        assertTrue(sawRunning);
        String[] last = lines.get(lines.size() - 1).split(",", -1);
        assertEquals("COMPLETED", last[1]);
        for (int c = 5; c < 9; c++) {
            assertTrue(Double.parseDouble(last[c]) < 5);
        }
        assertTrue(boot.highestPressure() < 5);
        assertEquals(s.id() + ".csv", h.engine.trace(s.id()).orElseThrow().getFileName().toString());
    }

    /**
     * "Every channel under 5 mmHg at the end" is read off the trace, whose pressures have one
     * decimal: a channel at 4.96 mmHg shows 5.0 there, so the session vents on until the last row
     * itself reads under 5.
     */
    @Test
    void theLastRowOfAVentedSessionReadsUnderFiveAsTheTraceShowsIt() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        FakeBoot boot = h.connect(Models.RB2_L5);
        SessionInfo s = h.start("seq", Harness.plain(5, 10));
        assertTrue(h.runUntil(() -> boot.highestPressure() > 40, 60));
        h.engine.stop(s.id());
        boot.force(0, 4.96); // under 5 mmHg, but "5.0" in the trace
        h.seconds(3);
        assertEquals(SessionState.VENTING, h.state(s.id()), "4.96 mmHg reads 5.0: not vented yet");
        boot.force(0, 4.94);
        assertTrue(h.runUntilState(s.id(), SessionState.STOPPED, 1));
        List<String> lines = Files.readAllLines(h.engine.trace(s.id()).orElseThrow());
        String[] last = lines.get(lines.size() - 1).split(",", -1);
        assertEquals("STOPPED", last[1]);
        for (int c = 5; c < 15; c++) {
            assertTrue(Double.parseDouble(last[c]) < 5, "every channel under 5 mmHg at the end: " + lines.get(lines.size() - 1));
        }
    }

    @Test
    void onlyTheLast50TracesAreKept() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(0, 0));
        h.connect(Models.RB2_A4);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 52; i++) {
            SessionInfo s = h.start("seq", Harness.plain(1, 0.01));
            ids.add(s.id());
            assertTrue(h.runUntil(() -> h.state(s.id()).isFinal(), 30));
            h.tick();
        }
        try (Stream<Path> traces = Files.list(data.resolve("traces"))) {
            assertEquals(50, traces.count());
        }
        assertFalse(h.engine.trace(ids.get(0)).isPresent());
        assertFalse(h.engine.trace(ids.get(1)).isPresent());
        assertTrue(h.engine.trace(ids.get(2)).isPresent());
        assertTrue(h.engine.trace(ids.get(51)).isPresent());
        assertEquals(52, h.engine.recent(100).size(), "the history keeps every session");
        assertFalse(h.engine.trace("../history.jsonl").isPresent());
    }
}
