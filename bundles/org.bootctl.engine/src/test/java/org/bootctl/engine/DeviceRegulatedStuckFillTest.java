package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bootctl.api.device.Models;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.bootctl.sim.SimFault;
import org.bootctl.sim.SimulatedDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by the fault matrix (docs/SAFETY.md, finding 4): on RB1-L4 a fill valve stuck open on zone 4
 * let the pump's air out through zone 4's open vent while zone 1 filled, so zone 1 fell short and
 * the setpoint-response rule named zone 1. The vented-zone rise rule names the zone whose air
 * rises while it is set to vent.
 */
class DeviceRegulatedStuckFillTest {

    @TempDir
    Path data;

    @Test
    void aFillValveStuckOpenIsReportedAgainstItsOwnZone() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 60_000));
        SimulatedDevice sim = SimulatedDevice.of("dev1", Models.RB1_L4, SimFault.parseAll("stuck-fill:4@40", Models.RB1_L4),
                h.time, 42);
        sim.start();
        h.connect(sim);
        SessionInfo s = h.start("seq", Settings.level(7, 5).withFitCheck(false)); // as in the fault matrix
        assertTrue(h.runUntil(() -> h.state(s.id()).isFinal(), 200), "the session ends");
        SessionInfo end = h.info(s.id());
        assertEquals(SessionState.FAULT, end.state(), end.endReason());
        assertEquals(4, end.fault().zone(), end.fault().message());
        assertTrue(end.fault().message().startsWith("uncommanded pressure rise in zone 4 (thigh): "), end.fault().message());
        assertTrue(end.fault().message().endsWith(" mmHg above its lowest since it was set to vent (fill valve stuck open?)"),
                end.fault().message());
    }
}
