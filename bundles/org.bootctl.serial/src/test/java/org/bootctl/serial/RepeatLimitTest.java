package org.bootctl.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The first line of each key, then one per interval per key; a bounded memory of keys. */
class RepeatLimitTest {

    static final long SECOND = 1_000_000_000L;

    @Test
    void twoAlternatingKeysAreLetThroughOncePerIntervalEach() {
        RepeatLimit limit = new RepeatLimit(10 * SECOND);
        int through = 0;
        for (int i = 0; i < 500; i++) { // A, B, A, B... 50 a second for 10 s
            through += limit.allows(i % 2 == 0 ? "A" : "B", i * SECOND / 50) ? 1 : 0;
        }
        assertEquals(2, through, "A and B once each");
        assertTrue(limit.allows("A", 10 * SECOND + 1), "again after the interval");
        assertFalse(limit.allows("A", 10 * SECOND + 2));
        assertTrue(limit.allows("B", 11 * SECOND), "B too, ten seconds after its line");
        assertTrue(limit.allows("C", 10 * SECOND + 4), "a new key at once");
    }

    @Test
    void madeUpKeysDoNotGrowItsMemory() {
        RepeatLimit limit = new RepeatLimit(10 * SECOND);
        for (int i = 0; i < 100_000; i++) {
            assertTrue(limit.allows("code " + i, i));
        }
        assertTrue(limit.allows("code 0", 100_001), "forgotten once past the bound: let through once more");
    }
}
