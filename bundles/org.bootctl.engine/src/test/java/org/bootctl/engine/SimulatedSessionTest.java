package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.api.device.Models;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionRecord;
import org.bootctl.api.session.SessionState;
import org.bootctl.sim.SimFault;
import org.bootctl.sim.SimulatedDevice;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Whole sessions on the simulator, in virtual time, read back from their traces. */
class SimulatedSessionTest {

    @TempDir
    Path data;

    private Harness h;
    private SimulatedDevice sim;

    private void connect(ModelSpec model, String faults) {
        h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 60_000));
        sim = SimulatedDevice.of("dev1", model, SimFault.parseAll(faults, model), h.time, 42);
        sim.start();
        h.connect(sim);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RB2-L5", "RB2-M8", "RB1-L4"})
    void aFiveMinuteLevel7SessionCompletes(String modelId) throws Exception {
        ModelSpec model = Models.find(modelId).orElseThrow();
        connect(model, "");
        SessionInfo s = h.start("seq", Settings.level(7, 5));
        assertTrue(h.runUntilState(s.id(), SessionState.COMPLETED, 6 * 60), "state " + h.state(s.id())
                + " " + h.info(s.id()).endReason());
        SessionInfo done = h.info(s.id());
        assertEquals("completed", done.endReason());
        assertTrue(done.cycle() >= 4, "cycles " + done.cycle());

        Trace trace = Trace.read(h.engine.trace(s.id()).orElseThrow());
        DeviceDescription device = sim.description();
        assertEquals(SessionState.COMPLETED.name(), trace.last()[1]);
        for (int c = 0; c < device.channelCount(); c++) {
            assertTrue(trace.pressure(trace.rows.size() - 1, c) < 5, "vented at the end: " + device.channel(c).id());
        }
        double cap = 110;
        assertTrue(trace.highest() <= cap + 15, "nothing above cap + 15: " + trace.highest());
        assertZonesFillInOrder(trace, device);
        if (device.regulation() == org.bootctl.api.device.RegulationMode.HOST) {
            double overshoot = trace.worstOvershoot();
            assertTrue(overshoot < 5, "overshoot " + overshoot + " mmHg");
        }
        SessionRecord record = h.engine.recent(1).get(0);
        assertEquals(SessionState.COMPLETED, record.state());
        assertEquals(model.zones(), record.fitCheckMs().size());
        assertEquals(done.cycle(), record.cycles());
    }

    /** In every cycle, zone k first reaches its target before zone k + 1. */
    private static void assertZonesFillInOrder(Trace trace, DeviceDescription device) {
        int zones = device.zoneCount();
        int cycles = 0;
        for (int cycle = 1; ; cycle++) {
            long[] reached = new long[zones + 1];
            Arrays.fill(reached, -1);
            boolean any = false;
            for (int r = 0; r < trace.rows.size(); r++) {
                String[] row = trace.rows.get(r);
                if (!row[1].equals("RUNNING") || Integer.parseInt(row[2]) != cycle) {
                    continue;
                }
                any = true;
                for (int c = 0; c < device.channelCount(); c++) {
                    int zone = device.channel(c).zone();
                    double target = trace.target(r, c);
                    if (target > 0 && reached[zone] < 0 && trace.pressure(r, c) >= target - Math.max(4, target / 10)) {
                        reached[zone] = Long.parseLong(row[0]);
                    }
                }
            }
            if (!any) {
                break;
            }
            boolean complete = Arrays.stream(reached, 1, zones + 1).allMatch(t -> t >= 0);
            if (complete) {
                cycles++;
                for (int z = 2; z <= zones; z++) {
                    assertTrue(reached[z] >= reached[z - 1], "cycle " + cycle + ": zone " + z + " before zone " + (z - 1));
                }
            }
        }
        assertTrue(cycles >= 3, "complete cycles " + cycles);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "leak:3;zone 3 (calf, left);fit check: zone 3 \\(calf, left\\) not connected or leaking",
        "disconnected:2;zone 2 (ankle, left);fit check: zone 2 \\(ankle, left\\) not connected or leaking",
        "stuck-fill:4@40;zone 4 (knee, left);valve stuck open",
        "sensor-stuck:3@40;zone 3 (calf, left);pressure not rising while filling|over target",
        "sensor-dropout@40;;implausible sensor reading",
        "pump-failure@40;;pressure not rising while filling",
        "stall@40;;stale telemetry"})
    void everySimulatedFaultEndsInAFaultNamingItsZone(String fault, String zone, String words) throws Exception {
        connect(Models.RB2_L5, fault);
        SessionInfo s = h.start("seq", Settings.level(7, 5));
        assertTrue(h.runUntil(() -> h.state(s.id()).isFinal(), 5 * 60));
        SessionInfo ended = h.info(s.id());
        assertEquals(SessionState.FAULT, ended.state(), ended.endReason());
        String message = ended.fault().message();
        assertTrue(message.matches(".*(" + words + ").*"), fault + ": " + message);
        if (zone != null) {
            assertTrue(message.contains(zone), fault + ": " + message);
        } else {
            assertTrue(message.matches(".*zone \\d \\(\\w+, (left|right)\\): -?\\d+\\.\\d mmHg.*"), message);
        }
        // the trace goes on while the boots vent, and shows it
        h.seconds(11);
        Trace trace = Trace.read(h.engine.trace(s.id()).orElseThrow());
        String[] last = trace.last();
        assertEquals("FAULT", last[1]);
        assertEquals("0", last[4], "pump off");
        int channels = sim.description().channelCount();
        for (int c = 0; c < channels; c++) {
            assertEquals("V", last[5 + 2 * channels + c], "every valve VENT");
        }
    }

    /** A trace read back by its header. */
    record Trace(String[] header, List<String[]> rows, int channels) {
        static Trace read(Path file) throws IOException {
            List<String> lines;
            try (Stream<String> s = Files.lines(file)) {
                lines = s.toList();
            }
            String[] header = lines.get(0).split(",", -1);
            int channels = (int) Arrays.stream(header).filter(c -> c.endsWith("_p")).count();
            List<String[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                assertEquals(header.length, cells.length, line);
                rows.add(cells);
            }
            return new Trace(header, rows, channels);
        }

        String[] last() {
            return rows.get(rows.size() - 1);
        }

        double pressure(int row, int channel) {
            return Double.parseDouble(rows.get(row)[5 + channel]);
        }

        double target(int row, int channel) {
            return Double.parseDouble(rows.get(row)[5 + channels + channel]);
        }

        double highest() {
            double max = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < channels; c++) {
                    max = Math.max(max, pressure(r, c));
                }
            }
            return max;
        }

        /** The most any channel rose above its target while it had one (RUNNING rows). */
        double worstOvershoot() {
            double worst = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < rows.size(); r++) {
                if (!rows.get(r)[1].equals("RUNNING")) {
                    continue;
                }
                for (int c = 0; c < channels; c++) {
                    double target = target(r, c);
                    if (target > 0) {
                        worst = Math.max(worst, pressure(r, c) - target);
                    }
                }
            }
            return worst;
        }
    }
}
