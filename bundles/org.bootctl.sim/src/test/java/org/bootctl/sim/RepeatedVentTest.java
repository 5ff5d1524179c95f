package org.bootctl.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bootctl.api.device.DeviceRegulatedConnection;
import org.bootctl.api.device.Models;
import org.bootctl.timebase.ManualTimebase;
import org.junit.jupiter.api.Test;

/**
 * The engine sends vent-all on every tick (50 Hz) while a trip condition persists. A unit must
 * vent at the first of them; each new vent-all must not postpone the one already on its way.
 * Found by the soak (issue 9): {@link SimulatedDevice#ventAll()} used to drop every pending command,
 * the pending vent-all included, so with RB1-L4's valve delay (20 ms) equal to the engine's tick
 * the vent never became due and the boots stayed pressurised for as long as the engine kept asking.
 */
class RepeatedVentTest {

    @Test
    void aVentAllRepeatedEveryTickStillVents() {
        ManualTimebase time = new ManualTimebase();
        SimulatedDevice sim = SimulatedDevice.of("dev1", Models.RB1_L4, List.of(), time, 1);
        sim.start();
        ((DeviceRegulatedConnection) sim).setpoints(new double[] {40, 40, 40, 40});
        time.advance(20_000_000_000L);
        assertTrue(sim.truePressure(1) > 30, "filled first: " + sim.truePressure(1));
        time.scheduleAtFixedRate(20_000_000L, sim::ventAll); // what the engine does while latched
        time.advance(5_000_000_000L);
        for (int c = 0; c < 4; c++) {
            assertTrue(sim.truePressure(c) < 5, "channel " + c + " still at " + sim.truePressure(c)
                    + " mmHg after 5 s of vent-all every 20 ms");
        }
    }
}
