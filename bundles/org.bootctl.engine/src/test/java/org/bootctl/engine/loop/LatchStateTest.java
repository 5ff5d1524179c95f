package org.bootctl.engine.loop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bootctl.api.session.Fault;
import org.junit.jupiter.api.Test;

class LatchStateTest {

    private static Latch fault(String words) {
        return new Latch(new Fault(words, null, 1, 40, words + " in zone 1"), false, false);
    }

    private static Latch estop() {
        return new Latch(new Fault("emergency stop", null, 0, 40, "emergency stop"), false, true);
    }

    @Test
    void theFirstCauseStaysLatched() {
        Latch first = fault("over-pressure");
        LatchState state = LatchState.CLEAR.latch(first).latch(fault("sensor fault"));
        assertSame(first, state.held());
        assertFalse(state.estopPending());
    }

    @Test
    void anEmergencyStopIsPendingUntilApplied() {
        Latch stop = estop();
        LatchState stopped = LatchState.CLEAR.estop(stop);
        assertSame(stop, stopped.held());
        assertTrue(stopped.estopPending());
        LatchState applied = stopped.estopApplied();
        assertSame(stop, applied.held(), "applying it keeps the latch");
        assertFalse(applied.estopPending());
    }

    @Test
    void anEmergencyStopOnALatchedFaultKeepsTheFaultAndIsStillPending() {
        Latch first = fault("over-pressure");
        LatchState state = LatchState.CLEAR.latch(first).estop(estop());
        assertSame(first, state.held());
        assertTrue(state.estopPending(), "the loop must still stop the session");
    }

    @Test
    void onlyTheLatchAPersonSawIsCleared() {
        Latch seen = fault("over-pressure");
        Latch sameWords = fault("over-pressure");
        LatchState state = LatchState.CLEAR.latch(seen);
        assertSame(state, state.clear(sameWords), "another latch with the same words stays");
        assertSame(LatchState.CLEAR, LatchState.CLEAR.clear(null), "nothing to clear");
        assertNull(state.clear(seen).held());
    }

    @Test
    void clearingKeepsAPendingStop() {
        Latch stop = estop();
        LatchState cleared = LatchState.CLEAR.estop(stop).clear(stop);
        assertNull(cleared.held());
        assertTrue(cleared.estopPending());
    }

    @Test
    void aDriverThatStopsAnsweringReplacesAnyLatch() {
        Latch stuck = fault("driver not responding");
        assertSame(stuck, LatchState.CLEAR.latch(fault("over-pressure")).replace(stuck).held());
    }

    @Test
    void theLoopNoticesAClearEvenWhenLatchedAgain() {
        Latch seen = fault("over-pressure");
        LatchState state = LatchState.CLEAR.latch(seen);
        assertFalse(state.clearedSince(seen));
        assertFalse(state.clearedSince(null), "nothing was seen");
        assertTrue(state.clear(seen).clearedSince(seen));
        assertTrue(state.clear(seen).latch(fault("over-pressure")).clearedSince(seen));
    }
}
