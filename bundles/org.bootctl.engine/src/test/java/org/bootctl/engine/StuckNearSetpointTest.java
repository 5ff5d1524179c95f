package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.bootctl.api.device.Models;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.sim.SimulatedDevice;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Open finding 5 (docs/SAFETY.md): on a device-regulated unit (RB1-L4) a sensor stuck a little under
 * its zone's setpoint. The firmware regulates on that reading and its own hard limit trusts it, so
 * if it keeps filling, only the host can stop the chamber. Zone 1 is filled to 110 mmHg (level 7,
 * the highest setpoint the headroom rule allows under RB1-L4's 120 mmHg hard limit) and held; its
 * sensor sticks {@code offset} mmHg under the setpoint, either on the way up ("filling": the firmware
 * is filling, the worst moment) or 30 s into the hold ("held": the simulated firmware refills a zone
 * that reads more than 2 mmHg under). The chamber's true pressure must stay under the hard limit: the
 * host cannot see it, the unit's own limit is blind, so the hard limit is the bound (as in the fault
 * matrix's sensor-blind rows).
 */
class StuckNearSetpointTest {

    private static final double SETPOINT = Settings.levelMmHg(7);
    private static final double HARD_LIMIT = Models.RB1_L4.hardLimitMmHg();

    @TempDir
    Path data;

    /** More than 3.5 mmHg under: the sustained-shortfall rule vents within 0.5 s. */
    @ParameterizedTest(name = "stuck {0} mmHg under the setpoint, {1}")
    @CsvSource({"3.6, held", "4, held", "5, held", "8, held", "3.6, filling", "4, filling", "5, filling", "8, filling"})
    void aSensorStuckMoreThan3point5MmHgUnderEndsTheSessionUnderTheHardLimit(double offset, String when) throws Exception {
        assertUnderTheHardLimit(offset, when);
    }

    /**
     * Inside the firmware's hold band, while held: the simulated firmware adds no air for a reading 2 mmHg
     * or less under its setpoint, so nothing runs away. A property of the simulated firmware, not a host
     * control: the host does not see these (docs/SAFETY.md, open finding 5).
     */
    @ParameterizedTest(name = "stuck {0} mmHg under the setpoint, {1}")
    @CsvSource({"0.5, held", "1, held", "2, held", "1, filling"})
    void aSensorStuckInsideTheSimulatedHoldBandAddsNoAir(double offset, String when) throws Exception {
        assertUnderTheHardLimit(offset, when);
    }

    /**
     * Open finding 5, what remains: stuck 3.5 mmHg or less under the setpoint while the firmware fills
     * (or, in the simulator, 2-3.5 mmHg under while held, which starts a fill). The host cannot tell this
     * reading from a zone held within the firmware's ±3 mmHg band, and the firmware pumps on: the
     * chamber reaches about 255 mmHg (the pump's stall pressure) in the simulator.
     */
    @Disabled("open finding 5 (docs/SAFETY.md): a sensor stuck 3.5 mmHg or less under its setpoint while the firmware fills")
    @ParameterizedTest(name = "stuck {0} mmHg under the setpoint, {1}")
    @CsvSource({"3, held", "3.5, held", "2, filling", "3, filling", "3.5, filling"})
    void aSensorStuckWithin3point5MmHgUnderWhileTheFirmwareFills(double offset, String when) throws Exception {
        assertUnderTheHardLimit(offset, when);
    }

    /**
     * Stuck inside the band while held adds no air in the simulator, but the next setpoint just above the
     * stuck reading would be filled on for ever: a sensor that does not follow the zone's vent ends the
     * session there (the sustained-excess rule), before the next fill.
     */
    @ParameterizedTest(name = "stuck {0} mmHg under the setpoint while held, then vented")
    @CsvSource({"0.5", "1", "2"})
    void aSensorStuckWhileHeldIsSeenWhenItsZoneVents(double offset) throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 60_000));
        SimulatedDevice sim = SimulatedDevice.of("dev1", Models.RB1_L4, List.of(), h.time, 7);
        sim.start();
        h.connect(sim);
        SessionInfo s = h.start("seq", Harness.plain(7, 10));
        h.seconds(12); // zone 1 filled and held while zone 2 fills
        sim.stickSensor(0, SETPOINT - offset);
        double highest = 0;
        for (int tick = 0; tick < 50 * 120 && !h.state(s.id()).isFinal(); tick++) {
            h.tick();
            highest = Math.max(highest, sim.truePressure(0));
        }
        SessionInfo end = h.info(s.id());
        assertTrue(end.fault() != null && end.fault().message().startsWith("pressure not falling toward its setpoint in zone 1"
                + " (foot): "), end.state() + " " + end.endReason());
        assertTrue(highest <= HARD_LIMIT, "the chamber reached " + highest + " mmHg");
    }

    private void assertUnderTheHardLimit(double offset, String when) throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.holdZoneOne(SETPOINT, 20_000));
        SimulatedDevice sim = SimulatedDevice.of("dev1", Models.RB1_L4, List.of(), h.time, 7);
        sim.start();
        h.connect(sim);
        SessionInfo s = h.start("hold1", Harness.plain(7, 10));
        double stuckAt = SETPOINT - offset;
        if (when.equals("held")) {
            h.seconds(30); // filled (about 10 s) and held a while
        } else {
            assertTrue(h.runUntil(() -> sim.truePressure(0) >= stuckAt, 30), "zone 1 fills");
        }
        sim.stickSensor(0, stuckAt);
        double highest = 0;
        for (int tick = 0; tick < 50 * 60; tick++) {
            h.tick();
            highest = Math.max(highest, sim.truePressure(0));
        }
        SessionInfo end = h.info(s.id());
        String outcome = end.state() + " (" + (end.fault() != null ? end.fault().message() : end.endReason()) + ")";
        System.out.printf("stuck %.1f mmHg under %.0f, %s: highest true %.1f mmHg; %s%n", offset, SETPOINT, when, highest,
                outcome);
        assertTrue(highest <= HARD_LIMIT, "sensor stuck at " + stuckAt + " mmHg (" + offset + " under the setpoint, " + when
                + "): the chamber reached " + highest + " mmHg, hard limit " + HARD_LIMIT + "; " + outcome);
    }
}
