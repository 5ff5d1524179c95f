package org.bootctl.driver.rb1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.Sample;
import org.junit.jupiter.api.Test;

/**
 * A fault whose {@code FLT} line was lost on the way (a corrupted line is dropped): the keep-alive
 * {@code ST?} picks it up, but only after 500 ms with nothing sent. While the engine changes the
 * setpoints more often than that (a ramp), every {@code ALL} went out, was answered
 * {@code ERR,FAULT} and only logged: no {@code ST?} ever went, and the engine was never told of the
 * latch (the session ran on, the unit vented, nobody said why). {@code ERR,FAULT} says a fault is
 * latched: the driver asks {@code ST?} next.
 */
class Rb1RefusedSetpointsTest {

    @Test
    void setpointsRefusedForALatchedFaultTellTheFaultWhileTheEngineKeepsChangingThem() throws Exception {
        AtomicBoolean latched = new AtomicBoolean();
        try (ScriptedRb1Unit unit = new ScriptedRb1Unit(line -> line.startsWith("ALL,")
                ? (latched.get() ? "ERR,FAULT" : "OK")
                : line.equals("ST?") ? (latched.get() ? "ST,OVERPRESSURE,0,0,0,0,20" : "ST,NONE,0,0,0,0,0")
                : ScriptedRb1Unit.RB1_L4.get(line))) {
            Rb1Session session = unit.session;
            session.handshake();
            AtomicReference<DeviceFault> told = new AtomicReference<>();
            session.listen(new BootConnection.Listener() {
                @Override
                public void sample(Sample sample) {
                }

                @Override
                public void deviceFault(DeviceFault fault) {
                    told.set(fault);
                }
            });
            CompletableFuture<Throwable> served = unit.serve();
            latched.set(true); // the unit latched OVERPRESSURE; its FLT line never arrived
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            for (int t = 0; System.nanoTime() < end && told.get() == null && !served.isDone(); t++) {
                int mmHg = 20 + t % 40; // a ramp: new setpoints on every tick
                session.setpoints(new int[] {mmHg, mmHg, mmHg, mmHg});
                unit.deliver("S," + t * 20 + ",0.0,0.0,0.0,0.0");
                Thread.sleep(20);
            }
            session.stop();
            assertNotNull(told.get(), "after 5 s of ALL answered ERR,FAULT the engine was not told of the latch;"
                    + " lines sent: " + unit.sent + (served.isDone() ? ", serve ended: " + served.get() : ""));
            assertEquals(DeviceFault.Kind.OVERPRESSURE, told.get().kind());
        }
    }
}
