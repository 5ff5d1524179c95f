package org.bootctl.engine.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Who owns a loop when a driver call is slow: the tick that leaves it, or the watchdog that abandons it. */
class DriverCallTest {

    private static final long ROUND = 20_000_000L;
    private static final long LIMIT = 100_000_000L;

    @Test
    void aCallSeenUnderWayForTheLimitOfWatchedTimeIsAbandonedAndTheTickLoses() {
        DriverCall call = new DriverCall();
        assertTrue(call.enter("actuate"));
        assertFalse(call.overdue(ROUND, LIMIT), "first seen: timed from here");
        int rounds = 0;
        while (!call.overdue(ROUND, LIMIT)) {
            rounds++;
            assertTrue(rounds < 10, "never abandoned");
        }
        assertEquals(4, rounds, "abandoned on the 5th round after it was first seen (100 ms)");
        assertEquals("actuate", call.what());
        assertTrue(call.abandoned());
        assertFalse(call.leave(), "the call came back too late");
        assertFalse(call.enter("vent-all"), "nothing is called again");
        assertFalse(call.overdue(ROUND, LIMIT), "abandoned once only");
    }

    @Test
    void callsThatReturnAreNeverAbandonedHoweverManyThereAre() {
        DriverCall call = new DriverCall();
        for (int i = 0; i < 1000; i++) {
            assertTrue(call.enter("actuate"));
            assertTrue(call.busy());
            assertFalse(call.overdue(ROUND, LIMIT)); // every round sees a new call
            assertTrue(call.leave());
            assertFalse(call.busy());
            assertFalse(call.overdue(ROUND, LIMIT));
        }
        assertFalse(call.abandoned());
    }

    @Test
    void onlyTheWatchedTimeCounts() {
        DriverCall call = new DriverCall();
        assertTrue(call.enter("setpoints"));
        call.overdue(ROUND, LIMIT);
        for (int i = 0; i < 40; i++) {
            assertFalse(call.overdue(2_000_000L, LIMIT), "80 ms of watched time is not 100");
        }
        assertTrue(call.leave());
    }
}
