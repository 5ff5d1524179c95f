package org.bootctl.timebase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bootctl.api.time.Cancellable;
import org.junit.jupiter.api.Test;

class ManualTimebaseTest {

    @Test
    void runsTasksInTimeOrderThenSchedulingOrder() {
        ManualTimebase time = new ManualTimebase();
        List<String> log = new ArrayList<>();
        time.schedule(20, () -> log.add("b@" + time.nanoTime()));
        time.schedule(10, () -> log.add("a@" + time.nanoTime()));
        time.schedule(20, () -> log.add("c@" + time.nanoTime()));
        time.advance(15);
        assertEquals(List.of("a@10"), log);
        assertEquals(15, time.nanoTime());
        time.advance(100);
        assertEquals(List.of("a@10", "b@20", "c@20"), log);
        assertEquals(115, time.nanoTime());
    }

    /** A delay that means "never" stays in the future: it wrapped round to the past and ran at the next advance. */
    @Test
    void aDelayPastTheEndOfTheClockNeverRuns() {
        ManualTimebase time = new ManualTimebase();
        List<String> log = new ArrayList<>();
        time.advance(1_000);
        time.schedule(Long.MAX_VALUE, () -> log.add("never"));
        time.schedule(Long.MAX_VALUE - 500, () -> log.add("never either"));
        time.schedule(10, () -> log.add("soon"));
        time.advance(1_000_000);
        assertEquals(List.of("soon"), log);
        assertFalse(time.runUntil(() -> false, Long.MAX_VALUE / 2), "nothing is due before the end of the clock");
        assertEquals(List.of("soon"), log);
        time.advance(Long.MAX_VALUE);
        assertEquals(Long.MAX_VALUE, time.nanoTime(), "the clock stands at its end");
        assertEquals(List.of("soon", "never", "never either"), log, "due only at the end of the clock");
    }

    @Test
    void periodicTaskRepeatsUntilCancelled() {
        ManualTimebase time = new ManualTimebase();
        List<Long> runs = new ArrayList<>();
        Cancellable task = time.scheduleAtFixedRate(10, () -> runs.add(time.nanoTime()));
        time.advance(35);
        assertEquals(List.of(10L, 20L, 30L), runs);
        task.cancel();
        time.advance(100);
        assertEquals(3, runs.size());
        assertEquals(0, time.pending());
    }

    @Test
    void runUntilStopsWhenDoneOrAtTheLimit() {
        ManualTimebase time = new ManualTimebase();
        int[] count = {0};
        time.scheduleAtFixedRate(1_000, () -> count[0]++);
        assertTrue(time.runUntil(() -> count[0] == 5, 1_000_000));
        assertEquals(5_000, time.nanoTime());
        assertFalse(time.runUntil(() -> false, 10_000));
        assertEquals(15_000, time.nanoTime());
        assertEquals(15, count[0]);
    }

    @Test
    void taskScheduledFromATaskRunsInTheSameAdvance() {
        ManualTimebase time = new ManualTimebase();
        List<Long> runs = new ArrayList<>();
        time.schedule(5, () -> time.schedule(5, () -> runs.add(time.nanoTime())));
        time.advance(20);
        assertEquals(List.of(10L), runs);
    }
}
