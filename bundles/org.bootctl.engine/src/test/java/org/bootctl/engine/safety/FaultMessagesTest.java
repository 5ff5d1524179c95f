package org.bootctl.engine.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Pressures in fault messages as a person reads them: a reading that is no number says so. */
class FaultMessagesTest {

    @Test
    void pressuresAreShownInTenthsNeverAsMinusZero() {
        assertEquals("83.0", FaultMessages.mmHg(83));
        assertEquals("81.4", FaultMessages.mmHg(81.36));
        assertEquals("0.0", FaultMessages.mmHg(-0.04));
    }

    @Test
    void aReadingThatIsNoNumberIsNotShownAsAnEmptyZone() {
        assertEquals("NaN", FaultMessages.mmHg(Double.NaN));
        assertEquals("Infinity", FaultMessages.mmHg(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", FaultMessages.mmHg(Double.NEGATIVE_INFINITY));
    }
}
