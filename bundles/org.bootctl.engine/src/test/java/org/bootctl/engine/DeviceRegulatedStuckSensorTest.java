package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bootctl.api.device.Models;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.sim.SimFault;
import org.bootctl.sim.SimulatedDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by the fault matrix (issue 9): on a device-regulated unit (RB1-L4) a zone whose sensor
 * sticks near 0 mmHg is pumped by the firmware's own regulator, which trusts that sensor (and so
 * does its hard limit). With only the fill timeout to notice (20 s after the step began) the
 * chamber reached about 170 mmHg, far past the 120 mmHg hard limit. The supervisor's
 * {@code SetpointResponseRule} (a zone more than 5 mmHg under its setpoint whose reading moves
 * less than 0.5 mmHg in 2 s) ends it within about 2 s of the fill's start; the stricter
 * {@code SustainedOffsetRule.shortfall} (more than 3.5 mmHg under for 0.5 s without moving) now within 0.5 s.
 */
class DeviceRegulatedStuckSensorTest {

    @TempDir
    Path data;

    @Test
    void aStuckSensorOnADeviceRegulatedUnitEndsTheSessionBeforeTheChamberPassesItsTripBound() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 60_000));
        SimulatedDevice sim = SimulatedDevice.of("dev1", Models.RB1_L4,
                SimFault.parseAll("sensor-stuck:3@40", Models.RB1_L4), h.time, 42);
        sim.start();
        h.connect(sim);
        SessionInfo s = h.start("seq", Settings.level(7, 5).withFitCheck(false)); // ramp-in on, as in the matrix
        double bound = Math.min(Models.RB1_L4.hardLimitMmHg() - 5, Settings.levelMmHg(7) + 15);
        double highest = 0;
        for (int tick = 0; tick < 50 * 300 && !h.state(s.id()).isFinal(); tick++) {
            h.tick();
            for (int c = 0; c < sim.description().channelCount(); c++) {
                highest = Math.max(highest, sim.truePressure(c));
            }
        }
        assertTrue(h.state(s.id()).isFinal(), "the session ends");
        assertTrue(highest <= bound + 5, "a chamber reached " + highest + " mmHg; the trip bound is " + bound
                + " mmHg (" + h.info(s.id()).endReason() + ")");
    }
}
