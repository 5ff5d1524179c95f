package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import org.bootctl.api.device.Models;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.sim.SimFault;
import org.bootctl.sim.SimulatedDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by the soak (issue 9): on a host-regulated unit with small chambers (RB2-A4, arm) a
 * sensor that sticks mid-fill (here at 42 mmHg, zone 4 boosted to 68 mmHg) hides the rise, and
 * the unit's hard limit trusts the same sensor. docs/DESIGN.md's sensor-response rule (less than
 * 0.5 mmHg in 2 s while filling above half duty) fired only after the chamber had reached 147 mmHg,
 * past the 130 mmHg hard limit. The supervisor's {@code FillStallRule} scales the window to the
 * chamber: a reading that stops moving for the time its own rise rate needs for 4 mmHg ends it.
 */
class HostRegulatedStuckSensorTest {

    @TempDir
    Path data;

    @Test
    void aSensorStuckMidFillOnASmallChamberEndsTheSessionBeforeTheChamberPassesItsTripBound() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 60_000));
        SimulatedDevice sim = SimulatedDevice.of("dev1", Models.RB2_A4,
                SimFault.parseAll("sensor-stuck:4@12", Models.RB2_A4), h.time, 42);
        sim.start();
        h.connect(sim);
        Settings settings = new Settings(0, 58, 4, Set.of(3, 4), true, false);
        SessionInfo s = h.start("seq", settings);
        double bound = Math.min(Models.RB2_A4.hardLimitMmHg() - 5, settings.limit(4) + 15);
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
