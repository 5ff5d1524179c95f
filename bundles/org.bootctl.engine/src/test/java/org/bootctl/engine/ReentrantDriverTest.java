package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bootctl.api.device.Models;
import org.bootctl.api.device.Valve;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A driver that calls back into the engine from inside a command: its unit goes (its bundle stopped itself), or it stops the session. */
class ReentrantDriverTest {

    @TempDir
    Path data;

    private static final class Reentrant extends ForwardingBoot {
        volatile Runnable inside;

        Reentrant(FakeBoot boot) {
            super(boot);
        }

        @Override
        public void actuate(int pumpDuty, Valve[] valves) {
            Runnable r = inside;
            inside = null;
            if (r != null) {
                r.run();
            }
            super.actuate(pumpDuty, valves);
        }
    }

    @Test
    void aDriverWhoseConnectionGoesFromInsideItsCommandEndsTheSessionInFault() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        Reentrant unit = new Reentrant(FakeBoot.of("dev1", Models.RB2_L5, h.time));
        h.connect(unit);
        SessionInfo s = h.start("seq", Harness.plain(5, 10));
        h.seconds(3);
        unit.inside = () -> h.engine.removeDevice(unit); // the driver's bundle stops itself from inside actuate
        h.tick();
        h.seconds(1);
        assertEquals(SessionState.FAULT, h.state(s.id()));
        assertTrue(h.engine.devices().isEmpty());
        int commands = unit.boot.commands();
        h.seconds(1);
        assertEquals(commands, unit.boot.commands(), "nothing sent to it again");
    }

    @Test
    void aDriverThatStopsItsUnitFromInsideItsCommandIsCarriedOut() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        Reentrant unit = new Reentrant(FakeBoot.of("dev1", Models.RB2_L5, h.time));
        h.connect(unit);
        SessionInfo s = h.start("seq", Harness.plain(5, 10));
        h.seconds(3);
        unit.inside = () -> h.engine.emergencyStop("dev1");
        h.tick();
        h.tick();
        assertEquals(SessionState.STOPPED, h.state(s.id()));
        assertTrue(unit.boot.lastCommandVents());
    }
}
