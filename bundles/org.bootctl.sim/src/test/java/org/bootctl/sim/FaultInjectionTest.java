package org.bootctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bootctl.api.device.Models;
import org.bootctl.api.device.Sample;
import org.bootctl.api.device.Valve;
import org.junit.jupiter.api.Test;

/** Every injected fault, as the engine would see it in the samples. */
class FaultInjectionTest {

    @Test
    void aLeakingZoneCannotGetFarAndLosesWhatItHas() {
        Recorder sim = new Recorder(Models.RB2_L5, "leak:3");
        sim.fill(255, 2);
        sim.advance(15);
        double reached = sim.reading(2);
        // enough for the fit check's 20 mmHg (reached at 16), short of the lowest level's 30 (reached at 26)
        assertTrue(reached > 16 && reached < 26, "a hard leak keeps zone 3 low: " + reached);
        sim.hold();
        sim.advance(1);
        assertTrue(sim.reading(2) < reached - 10, "and it loses pressure fast: " + reached + " -> " + sim.reading(2));

        sim.fill(255, 3); // its sound neighbour fills normally
        assertTrue(sim.runUntil(s -> s.pressure(3) >= 100, 10) > 0);
    }

    @Test
    void aDisconnectedZoneNeverRises() {
        Recorder sim = new Recorder(Models.RB2_L5, "disconnected:2");
        sim.fill(255, 1);
        sim.advance(10);
        for (Sample sample : sim.samples) {
            assertTrue(Math.abs(sample.pressure(1)) < 1.5, "zone 2 reads " + sample.pressure(1));
        }
        assertEquals(0, sim.device.truePressure(1));
    }

    @Test
    void aStuckFillValveRisesWhileClosedAndThePumpRunsForAnotherZone() {
        Recorder sim = new Recorder(Models.RB2_L5, "stuck-fill:1@2");
        Valve[] valves = sim.valves(Valve.CLOSED, Valve.FILL, 1); // zone 2 fills; zone 1 commanded CLOSED
        sim.host().actuate(255, valves);
        sim.advance(1.9);
        assertTrue(sim.reading(0) < 1.5, "before the fault zone 1 stays shut: " + sim.reading(0));
        sim.advance(1.5);
        assertTrue(sim.reading(0) > 15, "from 2 s zone 1 rises while CLOSED: " + sim.reading(0));

        sim.device.ventAll();
        sim.advance(4);
        assertTrue(sim.reading(0) < 5, "vent-all with the pump off still empties it: " + sim.reading(0));
    }

    @Test
    void aStuckSensorFreezesWhileThePressureMoves() {
        Recorder sim = new Recorder(Models.RB2_L5, "sensor-stuck:L1@1.5");
        sim.fill(255, 0);
        sim.advance(1.5);
        sim.advance(0.02);
        double frozen = sim.reading(0);
        double truth = sim.device.truePressure(0);
        int from = sim.samples.size();
        sim.advance(2);
        for (Sample sample : sim.samples.subList(from, sim.samples.size())) {
            assertEquals(frozen, sample.pressure(0), "frozen at " + sample.deviceTimeMs() + " ms");
        }
        assertTrue(sim.device.truePressure(0) > truth + 20, "while the chamber keeps filling");
    }

    @Test
    void aSensorStuckAtAChosenReadingIsWhatTheRb1FirmwareRegulatesOn() {
        Recorder sim = new Recorder(Models.RB1_L4, "");
        sim.unit().setpoints(new double[]{80, 0, 0, 0});
        sim.advance(15);
        assertEquals(80, sim.device.truePressure(0), 3, "held");
        sim.device.stickSensor(0, 76.0); // 4 mmHg under: outside the simulated firmware's band, it fills on
        int from = sim.samples.size();
        sim.advance(2);
        for (Sample sample : sim.samples.subList(from, sim.samples.size())) {
            assertEquals(76.0, sample.pressure(0), "stuck at " + sample.deviceTimeMs() + " ms");
        }
        assertTrue(sim.device.truePressure(0) > 90, "the firmware pumps on, trusting it: " + sim.device.truePressure(0));
        assertThrows(IllegalArgumentException.class, () -> sim.device.stickSensor(4, 0));
    }

    @Test
    void aSensorDropoutPutsEveryChannelOnTheRail() {
        Recorder sim = new Recorder(Models.RB2_M8, "sensor-dropout@1");
        sim.advance(0.98);
        assertTrue(sim.reading(0) > -2);
        sim.advance(0.04);
        for (int channel = 0; channel < 16; channel++) {
            assertEquals(SensorModel.DROPOUT_RAIL_MMHG, sim.reading(channel));
            assertTrue(sim.reading(channel) < -10, "implausible for the engine");
        }
    }

    @Test
    void aFailedPumpGivesNoFlow() {
        Recorder sim = new Recorder(Models.RB2_L5, "pump-failure@1");
        sim.fill(255, 0);
        sim.advance(1);
        double before = sim.device.truePressure(0);
        assertTrue(before > 5, "the pump worked for a second: " + before);
        sim.advance(5);
        assertTrue(sim.device.truePressure(0) <= before, "no rise after the failure: " + sim.device.truePressure(0));
        assertTrue(sim.reading(0) < before + 1);
    }

    @Test
    void aStalledDeviceSendsNothingButStillTakesCommands() {
        Recorder sim = new Recorder(Models.RB2_L5, "stall@1");
        sim.fill(255, 0);
        sim.advance(3);
        int sent = sim.samples.size();
        assertTrue(sent >= 49 && sim.last().deviceTimeMs() <= 1000, "samples stop at 1 s: " + sent);
        sim.advance(1);
        assertEquals(sent, sim.samples.size());
        sim.device.ventAll();
        sim.advance(4);
        assertTrue(sim.device.truePressure(0) < 5, "vent-all still works");
    }

    @Test
    void aChannelIdPicksTheLimb() {
        Recorder sim = new Recorder(Models.RB2_L5, "disconnected:R3");
        sim.fill(255, 7);
        sim.advance(3);
        assertEquals(0, sim.device.truePressure(7), "R3 is off its hose");
        sim.fill(255, 2);
        sim.advance(3);
        assertTrue(sim.device.truePressure(2) > 50, "L3 fills");
    }
}
