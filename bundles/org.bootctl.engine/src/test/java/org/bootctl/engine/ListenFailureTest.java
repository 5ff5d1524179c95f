package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bootctl.api.device.Models;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.Fault;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver whose {@code listen} throws when the engine takes its connection on: the device is not
 * half taken on (a loop ticking with no listener and no telemetry), but listed in FAULT with a
 * fault naming the driver and what it threw, vented, and sent nothing more; the others go on.
 */
class ListenFailureTest {

    @TempDir
    Path data;

    private static final class RefusesToListen extends ForwardingBoot {
        RefusesToListen(FakeBoot boot) {
            super(boot);
        }

        @Override
        public void listen(Listener listener) {
            if (listener != null) {
                throw new IllegalStateException("the port is not open");
            }
            super.listen(null);
        }
    }

    @Test
    void aDriverWhoseListenThrowsIsLatchedNamingItAndNeverCommanded() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        RefusesToListen refusing = new RefusesToListen(FakeBoot.of("dev1", Models.RB2_L5, h.time));
        FakeBoot other = FakeBoot.of("dev2", Models.RB2_L5, h.time);
        h.engine.addDevice(refusing);
        h.engine.addDevice(other);
        h.seconds(1);

        DeviceStatus status = h.device();
        assertEquals(SessionState.FAULT, status.state());
        Fault fault = status.fault();
        assertEquals("controller error", fault.cause());
        assertTrue(fault.message().startsWith("controller error: the driver of dev1 (" + RefusesToListen.class.getName()
                + ") failed to start listening: java.lang.IllegalStateException: the port is not open; highest pressure in zone 1"),
                fault.message());
        assertTrue(fault.message().contains("restart its driver"), fault.message());
        DeviceStatus announced = h.deviceEvents.stream().filter(d -> d.id().equals("dev1")).reduce((a, b) -> b).orElseThrow();
        assertEquals(SessionState.FAULT, announced.state(), "listeners learn it is faulted");

        assertEquals(0, refusing.boot.actuations, "no tick commands a device that is not listened to");
        Waits.until("a vent-all tried aside", 20_000, () -> refusing.boot.commands() > 0);
        SessionException start = assertThrows(SessionException.class, () -> h.start("seq", Harness.plain(5, 10)));
        assertEquals(SessionException.Reason.CONFLICT, start.reason());
        assertTrue(start.getMessage().contains("failed to start listening"), start.getMessage());
        h.seconds(5);
        SessionException clear = assertThrows(SessionException.class, () -> h.engine.clearFault("dev1"));
        assertTrue(clear.getMessage().contains("dev1 is not controlled"), clear.getMessage());
        assertEquals(1, refusing.boot.commands(), "nothing but the one vent-all");
        assertFalse(h.engine.emergencyStop("dev1"), "not controlled: nothing to stop");

        SessionInfo s = h.engine.start("dev2", "seq", Harness.plain(5, 10));
        assertTrue(h.runUntil(() -> other.highestPressure() > 20, 10), "the other device is served");
        assertEquals(SessionState.RUNNING, h.state(s.id()));

        h.engine.removeDevice(refusing);
        assertTrue(h.engine.device("dev1").isEmpty(), "gone with its connection");
    }
}
