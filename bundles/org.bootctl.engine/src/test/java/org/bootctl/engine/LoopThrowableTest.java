package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.bootctl.api.device.Models;
import org.bootctl.api.device.Valve;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Any throwable on a device's tick, an {@code Error} a driver throws included (out of memory, stack
 * overflow), vents the device and latches a fault naming it; the session ends in FAULT, the loop
 * goes on ticking, and the next session needs a person's clear.
 */
class LoopThrowableTest {

    @TempDir
    Path data;

    /** A fake unit whose commands throw what {@link #actuateThrows} or {@link #ventThrows} give. */
    private static final class Throwing extends ForwardingBoot {
        volatile Supplier<Error> actuateThrows;
        volatile Supplier<Error> ventThrows;
        int thrown;

        Throwing(FakeBoot boot) {
            super(boot);
        }

        @Override
        public void actuate(int pumpDuty, Valve[] valves) {
            Supplier<Error> error = actuateThrows;
            if (error != null) {
                thrown++;
                throw error.get();
            }
            super.actuate(pumpDuty, valves);
        }

        @Override
        public void ventAll() {
            Supplier<Error> error = ventThrows;
            if (error != null) {
                thrown++;
                throw error.get();
            }
            super.ventAll();
        }
    }

    @Test
    void anErrorADriverThrowsVentsLatchesAndTheNextSessionNeedsAClear() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        Throwing unit = new Throwing(FakeBoot.of("dev1", Models.RB2_L5, h.time));
        h.connect(unit);
        SessionInfo s = h.start("seq", Harness.plain(5, 10));
        h.seconds(3);
        assertTrue(unit.boot.highestPressure() > 20, "filling");
        int ventAlls = unit.boot.ventAlls;
        unit.actuateThrows = StackOverflowError::new;
        h.tick();
        unit.actuateThrows = null;

        assertEquals(SessionState.FAULT, h.state(s.id()));
        String reason = h.info(s.id()).endReason();
        assertTrue(reason.startsWith("controller error: java.lang.StackOverflowError; highest pressure in zone "), reason);
        assertTrue(unit.boot.ventAlls > ventAlls, "vented at once");
        assertEquals(SessionState.FAULT, h.engine.recent(1).get(0).state());
        h.seconds(3);
        assertTrue(unit.boot.lastCommandVents(), "and the loop goes on venting");
        assertTrue(unit.boot.highestPressure() < 5, "the air is out: " + unit.boot.highestPressure());

        SessionException refused = assertThrows(SessionException.class, () -> h.start("seq", Harness.plain(5, 10)));
        assertEquals(SessionException.Reason.CONFLICT, refused.reason());
        assertTrue(refused.getMessage().contains("a person must clear it first: controller error: java.lang.StackOverflowError"),
                refused.getMessage());
        h.engine.clearFault("dev1");
        assertNull(h.device().fault());
        SessionInfo next = h.start("seq", Harness.plain(5, 10));
        h.seconds(1);
        assertEquals(SessionState.RUNNING, h.state(next.id()));
    }

    @Test
    void outOfMemoryOnEveryCommandStillLatchesEndsTheSessionAndTheLoopKeepsTicking() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        Throwing unit = new Throwing(FakeBoot.of("dev1", Models.RB2_L5, h.time));
        h.connect(unit);
        SessionInfo s = h.start("seq", Harness.plain(5, 10));
        h.seconds(2);
        unit.actuateThrows = () -> new OutOfMemoryError("Java heap space");
        unit.ventThrows = () -> new OutOfMemoryError("Java heap space");
        h.seconds(1); // 50 ticks, each failing twice: nothing escapes to the timebase's thread

        assertEquals(SessionState.FAULT, h.state(s.id()));
        assertTrue(h.info(s.id()).endReason().startsWith("controller error: java.lang.OutOfMemoryError: Java heap space;"),
                h.info(s.id()).endReason());
        assertEquals(SessionState.FAULT, h.device().state());
        int thrown = unit.thrown;
        h.seconds(1);
        assertTrue(unit.thrown > thrown + 40, "still ticking: " + thrown + " then " + unit.thrown);

        unit.actuateThrows = null;
        unit.ventThrows = null;
        h.seconds(3);
        assertTrue(unit.boot.lastCommandVents(), "vents as soon as the driver takes commands again");
        assertThrows(SessionException.class, () -> h.start("seq", Harness.plain(5, 10)), "latched");
    }
}
