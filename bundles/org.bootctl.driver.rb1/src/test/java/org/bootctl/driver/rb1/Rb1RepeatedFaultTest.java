package org.bootctl.driver.rb1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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
            AtomicInteger told = toldCount(session);
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

    /**
     * A unit whose latched code alternates (FLT,SENSOR, FLT,PUMP, FLT,SENSOR...): each change is
     * told, as before (a new code is a new latch); the log has each code's line once within ten
     * seconds, not one line per change.
     */
    @Test
    void alternatingCodesAreToldEachTimeAndLoggedOnceEach() throws Exception {
        Logger logger = Logger.getLogger(Rb1Session.class.getName());
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue() && record.getMessage().contains("latched")) {
                    warnings.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try (ScriptedRb1Unit unit = new ScriptedRb1Unit()) {
            Rb1Session session = unit.session;
            session.handshake();
            AtomicInteger told = toldCount(session);
            for (int i = 0; i < 200; i++) {
                session.line(i % 2 == 0 ? "FLT,SENSOR" : "FLT,PUMP", System.nanoTime());
            }
            assertEquals(200, told.get(), "every change of code is a latch of its own, told");
            assertEquals(DeviceFault.Kind.PUMP, session.latchedFault().kind());
            assertTrue(warnings.size() <= 2, warnings.size() + " lines for 200 changes: " + warnings.subList(0,
                    Math.min(4, warnings.size())));
            assertTrue(warnings.stream().anyMatch(w -> w.contains("SENSOR")) && warnings.stream().anyMatch(w -> w.contains("PUMP")),
                    "each code said once: " + warnings);
        } finally {
            logger.removeHandler(handler);
        }
    }

    /** How often the session tells its listener of a fault, from now on. */
    private static AtomicInteger toldCount(Rb1Session session) {
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
        return told;
    }
}
