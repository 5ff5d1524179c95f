package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bootctl.api.device.Models;
import org.bootctl.api.device.Valve;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver may unregister its unit while the loop is inside one of its methods (say, its
 * deactivation holds the lock its actuate waits for): removal must not wait for that tick.
 */
class DeviceRemovalTest {

    @TempDir
    Path data;

    /** A fake unit whose actuate can be made to block until released. */
    private static final class Blocking extends ForwardingBoot {
        final Hang hang = new Hang();
        volatile int commandsAfterRemoval = -1;

        Blocking(FakeBoot boot) {
            super(boot);
        }

        @Override
        public void actuate(int pumpDuty, Valve[] valves) {
            if (commandsAfterRemoval >= 0) {
                commandsAfterRemoval++; // a call that begins after the removal returned
            }
            hang.hereIfArmed(10);
            super.actuate(pumpDuty, valves);
        }
    }

    @Test
    void removalDoesNotWaitForATickStuckInTheDriver() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        Blocking unit = new Blocking(FakeBoot.of("dev1", Models.RB2_L5, h.time));
        h.connect(unit);
        SessionInfo s = h.start("seq", Harness.plain(5, 10));
        h.seconds(2);
        unit.hang.armed.set(true);
        Thread loop = new Thread(() -> h.time.advance(Harness.TICK_NANOS * 3), "virtual-time");
        loop.start();
        assertTrue(unit.hang.entered.await(10, TimeUnit.SECONDS), "the tick is inside the driver");

        h.engine.removeDevice(unit); // returns although the tick still holds the loop
        unit.commandsAfterRemoval = 0;
        assertTrue(h.engine.devices().isEmpty());
        unit.hang.release.countDown();
        loop.join(10_000);
        assertEquals(SessionState.FAULT, h.state(s.id()), "ended by the tick on its way out");
        assertTrue(h.info(s.id()).endReason().startsWith("device disconnected; highest pressure in zone "));
        assertEquals(0, unit.commandsAfterRemoval, "no command after the removal");
        assertEquals(SessionState.FAULT, h.engine.recent(1).get(0).state());
    }
}
