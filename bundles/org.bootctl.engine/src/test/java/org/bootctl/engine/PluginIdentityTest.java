package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bootctl.api.device.Models;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin's service object is known by its identity, never by its own equals and hashCode: a
 * driver's connection whose hashCode changes once the engine listens (a record over a list of
 * listeners, say) must still go away when its service does.
 */
class PluginIdentityTest {

    @TempDir
    Path data;

    /** Its hash follows how many listeners it has had, as a record over a mutable list would. */
    private static final class Shifting extends ForwardingBoot {
        volatile int listeners;

        Shifting(FakeBoot boot) {
            super(boot);
        }

        @Override
        public void listen(Listener listener) {
            listeners++;
            super.listen(listener);
        }

        @Override
        public int hashCode() {
            return listeners;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Shifting s && s.listeners == listeners;
        }
    }

    @Test
    void aConnectionWhoseHashCodeChangesStillGoesAwayAndEndsItsSessionInFault() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        Shifting unit = new Shifting(FakeBoot.of("dev1", Models.RB2_L5, h.time));
        h.connect(unit);
        SessionInfo s = h.start("seq", Harness.plain(5, 10));
        h.seconds(3);
        h.engine.removeDevice(unit); // its service went away
        assertEquals(SessionState.FAULT, h.state(s.id()), "the session ends at once");
        assertTrue(h.engine.devices().isEmpty(), "the device is gone");
        int commands = unit.boot.commands();
        h.seconds(1);
        assertEquals(commands, unit.boot.commands(), "nothing is sent to it again");
    }

    @Test
    void aProgramWhoseHashCodeChangesCanNoLongerBeChosenOnceItGoes() throws Exception {
        Harness h = new Harness(data);
        h.connect(Models.RB2_L5);
        org.bootctl.api.program.Program seq = TestPrograms.sequential(2000, 30_000);
        int[] calls = {0};
        org.bootctl.api.program.Program shifting = new org.bootctl.api.program.Program() {
            @Override
            public org.bootctl.api.program.ProgramInfo info() {
                calls[0]++;
                return seq.info();
            }

            @Override
            public org.bootctl.api.program.Plan compile(org.bootctl.api.program.Garment garment,
                    org.bootctl.api.program.Settings settings) throws org.bootctl.api.program.PlanException {
                calls[0]++;
                return seq.compile(garment, settings);
            }

            @Override
            public int hashCode() {
                return calls[0];
            }

            @Override
            public boolean equals(Object o) {
                return o == this || (o != null && o.hashCode() == calls[0] && o.getClass() == getClass());
            }
        };
        h.program(shifting);
        h.engine.preview("dev1", "seq", Harness.plain(5, 10)); // its info() and compile() ran: its hash moved
        h.engine.removeProgram(shifting);
        org.bootctl.api.session.SessionException gone = org.junit.jupiter.api.Assertions.assertThrows(
                org.bootctl.api.session.SessionException.class, () -> h.start("seq", Harness.plain(5, 10)));
        assertEquals(org.bootctl.api.session.SessionException.Reason.NOT_FOUND, gone.reason(), gone.getMessage());
    }
}
