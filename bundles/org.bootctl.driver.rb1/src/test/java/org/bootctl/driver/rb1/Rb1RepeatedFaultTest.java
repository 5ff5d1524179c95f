package org.bootctl.driver.rb1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.Sample;
import org.junit.jupiter.api.Test;

/**
 * docs/DRIVERS.md life-cycle rule 8: "Tell the engine about the unit's own faults ... once per
 * latch". Rb1Session.onFault tells the engine (and logs a WARNING) for every FLT line, so a unit
 * that repeats its FLT line floods both; the RB2 driver keeps the rule (Rb2Session.told).
 */
class Rb1RepeatedFaultTest {

    @Test
    void aRepeatedFltLineIsToldOncePerLatch() throws Exception {
        try (ScriptedRb1Unit unit = new ScriptedRb1Unit()) {
            Rb1Session session = unit.session;
            session.handshake();
            AtomicInteger told = new AtomicInteger();
            session.listen(new BootConnection.Listener() {
                @Override
                public void sample(Sample sample) {
                }

                @Override
                public void deviceFault(DeviceFault fault) {
                    told.incrementAndGet();
                }
            });
            for (int i = 0; i < 200; i++) {
                session.line("FLT,SENSOR", System.nanoTime());
            }
            assertEquals(1, told.get(), "one latch (FLT,SENSOR, never cleared) told " + told.get() + " times");

            session.line("FLT,PUMP", System.nanoTime());
            assertEquals(2, told.get(), "another code is another latch");
            assertEquals(DeviceFault.Kind.PUMP, session.latchedFault().kind());
            for (int i = 0; i < 10; i++) {
                session.line("FLT,PUMP", System.nanoTime());
            }
            assertEquals(2, told.get(), "and told once");
        }
    }
}
