package org.bootctl.driver.rb1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.Sample;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docs/DRIVERS.md life-cycle rule 8: "Tell the engine about the unit's own faults ... once per
 * latch". Rb1Session.onFault tells the engine (and logs a WARNING) for every FLT line, so a unit
 * that repeats its FLT line floods both; the RB2 driver keeps the rule (Rb2Session.told).
 */
class Rb1RepeatedFaultTest {

    private final ExecutorService reader = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        reader.shutdownNow();
    }

    @Test
    void aRepeatedFltLineIsToldOncePerLatch() throws Exception {
        Rb1Session session = new Rb1Session(new DriverSettings("/dev/ttyTEST", "RB1-L4", "", 20));
        Map<String, String> answers = Map.of("ID?", "ID,RB1-L4,E7,2.0,4,120", "ST?", "ST,NONE,0,0,0,0,0",
                "STREAM,20", "OK", "VENT", "OK");
        session.attach(line -> {
            String answer = answers.get(line);
            if (answer != null) {
                reader.execute(() -> session.line(answer, System.nanoTime()));
            }
            return true;
        });
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
