package org.bootctl.engine.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bootctl.api.session.LoopTiming;
import org.junit.jupiter.api.Test;

/** Tick lateness as the loop counts it: against the phase the earliest tick reveals. */
class TickTimingTest {

    private static final long PERIOD = 20_000_000L;

    @Test
    void countsEachTicksDelayFromTheSchedulesPhase() {
        TickTiming timing = new TickTiming();
        timing.scheduled(PERIOD);
        long origin = 5_000_000_123L;
        long[] late = {300_000, 0, 50_000, 2_000_000, 40_000}; // the second tick shows the phase
        for (int k = 0; k < late.length; k++) {
            timing.tick(origin + k * PERIOD + late[k]);
        }
        LoopTiming t = timing.snapshot("dev1");
        assertEquals(5, t.ticks());
        assertEquals(2.0, t.maxLatenessMillis(), 1e-9);
        // by lateness: 0 (the first: nothing earlier to judge it by), 0, 40 us, 50 us, 2 ms
        assertEquals(0.05, t.latenessMillis(0.6), 1e-9, "third of five: 40 us, read as its bucket's upper bound");
        assertEquals(0.06, t.latenessMillis(0.8), 1e-9);
        assertEquals(0.01, t.latenessMillis(0.2), 1e-9);
    }

    @Test
    void aResetStartsTheCountsAfreshOnTheNextTick() {
        TickTiming timing = new TickTiming();
        timing.scheduled(PERIOD);
        timing.tick(0);
        timing.tick(PERIOD + 3_000_000);
        timing.reset();
        assertEquals(2, timing.snapshot("dev1").ticks(), "nothing changes until the loop ticks");
        timing.tick(2 * PERIOD + 10_000);
        LoopTiming after = timing.snapshot("dev1");
        assertEquals(1, after.ticks());
        assertEquals(0.01, after.maxLatenessMillis(), 1e-9);
    }

    @Test
    void lateTicksAreCountedUntilTheLoopCatchesUp() {
        TickTiming timing = new TickTiming();
        timing.scheduled(PERIOD);
        timing.tick(0);
        timing.tick(PERIOD + 45_000_000); // a stall: the fixed-rate schedule runs the missed ticks at once
        timing.tick(PERIOD + 45_100_000);
        timing.tick(3 * PERIOD + 5_000_000);
        LoopTiming t = timing.snapshot("dev1");
        assertEquals(45.0, t.maxLatenessMillis(), 1e-9);
        assertEquals(25.1, t.latenessMillis(0.75), 1.0);
    }
}
