package org.bootctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.DeviceRegulatedConnection;
import org.bootctl.api.device.HostRegulatedConnection;
import org.bootctl.api.device.Models;
import org.bootctl.api.device.Sample;
import org.bootctl.api.device.Valve;
import org.junit.jupiter.api.Test;

/** The simulated firmware: hard limit latch, clearing it, vent-all, RB1's own regulation. */
class FirmwareTest {

    @Test
    void aboveTheHardLimitLatchesOverpressureVentsAndRefusesToActuate() {
        Recorder sim = new Recorder(Models.RB2_L5, "");
        sim.fill(255, 6); // R2
        assertTrue(sim.runUntil(s -> s.latchedFault() != null, 30) > 0, "the pump pushes R2 past 130 mmHg");

        int latchedAt = sim.samples.size() - 1;
        assertEquals(1, sim.faults.size(), "reported once");
        DeviceFault fault = sim.faults.get(0);
        assertEquals(DeviceFault.Kind.OVERPRESSURE, fault.kind());
        assertEquals(6, fault.channel());
        assertTrue(fault.detail().startsWith("over-pressure in zone 2 (ankle, right): 13"), fault.detail());
        assertTrue(sim.last().pressure(6) > 130);

        assertFalse(clear(sim), "the cause persists: the reading that tripped is still the latest");

        sim.advance(3);
        assertTrue(sim.reading(6) < 5, "vented: " + sim.reading(6));
        sim.fill(255, 6);
        sim.advance(1);
        assertTrue(sim.device.truePressure(6) < 1, "actuation refused while latched");
        for (Sample sample : sim.samples.subList(latchedAt, sim.samples.size())) {
            assertEquals(fault, sample.latchedFault(), "every sample carries the latched fault");
        }
        assertEquals(1, sim.faults.size(), "reported once");

        assertTrue(clear(sim), "cleared once under the limit");
        sim.advance(0.1);
        assertNull(sim.last().latchedFault());
        sim.fill(255, 6);
        sim.advance(1);
        assertTrue(sim.device.truePressure(6) > 10, "actuates again after the clear");
    }

    @Test
    void clearingWithoutAFaultSucceeds() {
        Recorder sim = new Recorder(Models.RB1_L4, "");
        sim.advance(0.1);
        assertTrue(clear(sim));
    }

    @Test
    void ventAllTakesOverFromCommandsStillOnTheirWay() {
        Recorder sim = new Recorder(Models.RB2_L5, "");
        sim.fill(255, 0);
        sim.runUntil(s -> s.pressure(0) >= 60, 30);
        sim.fill(255, 0, 1);
        sim.device.ventAll();
        sim.advance(0.5);
        assertTrue(sim.device.truePressure(1) < 0.01, "the fill sent before vent-all never acted");
        assertTrue(sim.device.truePressure(0) < 40, "zone 1 vents: " + sim.device.truePressure(0));
        sim.advance(4);
        assertTrue(sim.reading(0) < 5);
    }

    @Test
    void commandsAreCheckedAgainstTheDevice() {
        SimulatedDevice rb2 = new Recorder(Models.RB2_L5, "").device;
        // the wrong kind of command cannot even be sent: each unit is one kind of connection only
        assertTrue(rb2 instanceof HostRegulatedConnection && !(rb2 instanceof DeviceRegulatedConnection));
        HostRegulatedConnection host = (HostRegulatedConnection) rb2;
        assertThrows(IllegalArgumentException.class, () -> host.actuate(256, new Valve[10]));
        assertThrows(IllegalArgumentException.class, () -> host.actuate(0, new Valve[]{Valve.FILL}));
        SimulatedDevice rb1 = new Recorder(Models.RB1_L4, "").device;
        assertTrue(rb1 instanceof DeviceRegulatedConnection && !(rb1 instanceof HostRegulatedConnection));
        DeviceRegulatedConnection unit = (DeviceRegulatedConnection) rb1;
        assertThrows(IllegalArgumentException.class, () -> unit.setpoints(new double[]{200, 0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> unit.setpoints(new double[]{Double.NaN, 0, 0, 0}));
    }

    @Test
    void rb1FillsAZoneTo100InAboutTenSecondsAndHoldsItWithin3() {
        Recorder sim = new Recorder(Models.RB1_L4, "");
        sim.unit().setpoints(new double[]{100, 0, 0, 0});
        long fill = sim.runUntil(s -> s.pressure(0) >= 99, 30);
        assertTrue(fill >= sim.seconds(8) && fill <= sim.seconds(12), "RB1 zone 1 to 100 mmHg in " + fill / 1e9 + " s");

        int from = sim.samples.size();
        sim.advance(120);
        for (Sample sample : sim.samples.subList(from, sim.samples.size())) {
            assertEquals(100, sample.pressure(0), 3, "held at " + sample.deviceTimeMs() + " ms");
            assertTrue(Math.abs(sample.pressure(1)) < 1.5, "zone 2 stays vented");
        }

        sim.unit().setpoints(new double[]{60, 0, 0, 0});
        sim.advance(5);
        from = sim.samples.size();
        sim.advance(30);
        for (Sample sample : sim.samples.subList(from, sim.samples.size())) {
            assertEquals(60, sample.pressure(0), 3, "lowered to 60 and held at " + sample.deviceTimeMs() + " ms");
        }

        sim.unit().setpoints(new double[4]);
        long vent = sim.runUntil(s -> s.pressure(0) < 5, 30);
        assertTrue(vent > 0 && vent < sim.seconds(5), "vented in " + vent / 1e9 + " s");
    }

    @Test
    void rb1HoldsSeveralZonesAtOnce() {
        Recorder sim = new Recorder(Models.RB1_L4, "");
        double[] setpoints = {80, 60, 40, 0};
        sim.unit().setpoints(setpoints);
        sim.advance(40);
        int from = sim.samples.size();
        sim.advance(30);
        for (Sample sample : sim.samples.subList(from, sim.samples.size())) {
            for (int zone = 0; zone < 4; zone++) {
                assertEquals(setpoints[zone], sample.pressure(zone), 3, "Z" + (zone + 1) + " at " + sample.deviceTimeMs() + " ms");
            }
        }
    }

    /**
     * docs/protocols/rb1-line.md: the firmware fills every zone below its setpoint and holds within about ±3 mmHg.
     * A zone reached must not empty into the next one filling (they share one manifold), and zones
     * far apart that both want air both rise, all the time, not one after the other.
     */
    @Test
    void rb1FillsEveryZoneBelowItsSetpointAtOnceAndNoneEmptiesIntoAnother() {
        Recorder sim = new Recorder(Models.RB1_L4, "");
        sim.unit().setpoints(new double[]{97, 0, 0, 0});
        assertTrue(sim.runUntil(s -> s.pressure(0) >= 85, 30) > 0, "Z1 fills");
        // the engine moves on when Z1 has nearly reached (sequential): Z2 starts while Z1 still tops up
        sim.unit().setpoints(new double[]{97, 97, 0, 0});
        int from = sim.samples.size();
        assertTrue(sim.runUntil(s -> s.pressure(1) >= 94, 30) > 0, "Z2 fills");
        double lowest = Double.POSITIVE_INFINITY;
        for (Sample sample : sim.samples.subList(from, sim.samples.size())) {
            lowest = Math.min(lowest, sample.pressure(0));
        }
        assertTrue(lowest >= 82, "Z1 kept its air while Z2 filled: lowest " + lowest + " mmHg");
        assertEquals(97, sim.last().pressure(0), 3, "Z1 reached its setpoint meanwhile");

        // Z3 at 40, Z4 empty, both to 110: each one rises in every second, together
        sim.unit().setpoints(new double[]{97, 97, 40, 0});
        assertTrue(sim.runUntil(s -> s.pressure(2) >= 39, 30) > 0, "Z3 fills");
        sim.unit().setpoints(new double[]{97, 97, 110, 110});
        for (int second = 0; second < 6; second++) {
            double z3 = sim.reading(2);
            double z4 = sim.reading(3);
            sim.advance(1);
            assertTrue(sim.reading(2) > z3 + 2 && sim.reading(3) > z4 + 2, "in second " + second + " Z3 " + z3 + " -> "
                    + sim.reading(2) + ", Z4 " + z4 + " -> " + sim.reading(3));
        }
    }

    @Test
    void rb1LatchesAboveItsLimitAndRefusesSetpointsUntilCleared() {
        Recorder sim = new Recorder(Models.RB1_L4, "");
        sim.unit().setpoints(new double[]{120, 0, 0, 0}); // at the limit itself: holding it, Z1 soon reads above
        assertTrue(sim.runUntil(s -> s.latchedFault() != null, 60) > 0, "Z1 passes 120 mmHg");
        DeviceFault fault = sim.faults.get(0);
        assertEquals(0, fault.channel());
        assertTrue(fault.detail().startsWith("over-pressure in zone 1 (foot): 12"), fault.detail());

        sim.advance(5);
        assertTrue(sim.reading(0) < 5 && sim.reading(1) < 5, "everything vented, pump off");
        sim.unit().setpoints(new double[]{0, 50, 0, 0});
        sim.advance(2);
        assertTrue(sim.reading(1) < 5, "setpoints refused while latched");
        assertTrue(clear(sim));
    }

    @Test
    void rb1FirmwareTrustsItsOwnSensorButVentAllStillWorks() {
        Recorder sim = new Recorder(Models.RB1_L4, "sensor-stuck:Z2@0.5");
        sim.unit().setpoints(new double[]{0, 100, 0, 0});
        sim.advance(20);
        // a stuck sensor blinds the firmware's regulator and its limit alike: the host's checks must catch it
        assertNull(sim.last().latchedFault());
        assertTrue(sim.device.truePressure(1) > 120, "filled on, blind: " + sim.device.truePressure(1));
        sim.device.ventAll();
        sim.advance(5);
        assertTrue(sim.device.truePressure(1) < 5, "vent-all still works");
    }

    private static boolean clear(Recorder sim) {
        CompletableFuture<Boolean> cleared = sim.device.clearFault().toCompletableFuture();
        sim.time.advance(0); // runs on the device's timebase, like its firmware answering
        assertTrue(cleared.isDone());
        return cleared.join();
    }
}
