package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.DeviceRegulatedConnection;
import org.bootctl.api.device.HostRegulatedConnection;
import org.bootctl.api.device.Models;
import org.bootctl.api.device.SimulatedUnit;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.bootctl.api.time.VirtualTimebase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine commands each kind of unit in its own terms, chosen by the connection's type: pump and
 * valves to a {@link HostRegulatedConnection}, setpoints to a {@link DeviceRegulatedConnection}; a
 * connection of neither kind, or of the kind its description contradicts, is never commanded.
 */
class ConnectionKindTest {

    @TempDir
    Path data;

    @Test
    void aHostRegulatedUnitGetsValvesAndPumpOnly() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        FakeBoot boot = h.connect(Models.RB2_L5);
        assertTrue(boot instanceof HostRegulatedConnection && !(boot instanceof DeviceRegulatedConnection));
        SessionInfo s = h.start("seq", Harness.plain(3, 0.2));
        assertTrue(h.runUntilState(s.id(), SessionState.COMPLETED, 60));
        assertTrue(boot.actuations > 100, "actuated on every tick: " + boot.actuations);
        assertTrue(boot.peak[0] > 20, "the valves it got filled zone 1: " + boot.peak[0]);
        assertEquals(0, boot.setpointCommands);
    }

    @Test
    void aDeviceRegulatedUnitGetsSetpointsOnly() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        FakeBoot boot = h.connect(Models.RB1_L4);
        assertTrue(boot instanceof DeviceRegulatedConnection && !(boot instanceof HostRegulatedConnection));
        SessionInfo s = h.start("seq", Harness.plain(3, 0.2));
        assertTrue(h.runUntilState(s.id(), SessionState.COMPLETED, 60));
        assertTrue(boot.setpointCommands > 100, "setpoints on every tick: " + boot.setpointCommands);
        assertTrue(boot.peak[0] > 20, "the setpoints it got filled zone 1: " + boot.peak[0]);
        assertEquals(0, boot.actuations);
    }

    @Test
    void aConnectionOfTheKindItsDescriptionContradictsIsNeverCommanded() {
        Harness h = new Harness(data);
        FakeBoot rb1 = FakeBoot.of("dev1", Models.RB1_L4, h.time); // device-regulated by its description
        h.connect(new ForwardingBoot(rb1) { });                   // but offered as host-regulated
        h.seconds(2);
        assertTrue(h.engine.device("dev1").isEmpty(), "refused, not a device");
        assertEquals(0, rb1.actuations + rb1.setpointCommands + rb1.ventAlls, "not one command");
    }

    @Test
    void aConnectionOfNeitherKindIsNeverCommanded() {
        Harness h = new Harness(data);
        FakeBoot rb2 = FakeBoot.of("dev1", Models.RB2_L5, h.time);
        h.connect(new Neither(rb2));
        h.seconds(2);
        assertTrue(h.engine.device("dev1").isEmpty(), "refused, not a device");
        assertEquals(0, rb2.actuations + rb2.setpointCommands + rb2.ventAlls, "not one command");
    }

    /** A driver that implements only the common part: it could not be told what to do. */
    private record Neither(FakeBoot boot) implements BootConnection, SimulatedUnit {
        @Override
        public DeviceDescription description() {
            return boot.description();
        }

        @Override
        public Optional<VirtualTimebase> timebase() {
            return boot.timebase();
        }

        @Override
        public double truePressure(int channel) {
            return boot.truePressure(channel);
        }

        @Override
        public long minimumFillNanos(int[] channels, double fromMmHg, double toMmHg) {
            return 0;
        }

        @Override
        public void listen(Listener listener) {
            boot.listen(listener);
        }

        @Override
        public void ventAll() {
            boot.ventAll();
        }

        @Override
        public CompletionStage<Boolean> clearFault() {
            return CompletableFuture.completedFuture(false);
        }
    }
}
