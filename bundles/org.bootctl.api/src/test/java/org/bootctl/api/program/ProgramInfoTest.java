package org.bootctl.api.program;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import org.junit.jupiter.api.Test;

class ProgramInfoTest {

    private static ProgramInfo zones(int min, int max) {
        return new ProgramInfo("p", "P", "1.0.0", null, "test", min, max);
    }

    private static Garment garment(int zones) {
        return new Garment(Collections.nCopies(zones, "zone"), 2, 150);
    }

    @Test
    void zoneRangeSaysOneNumberWhenTheFewestAndTheMostAreTheSame() {
        assertEquals("2 to 12 zones", zones(2, 12).zoneRange());
        assertEquals("4 zones", zones(4, 4).zoneRange());
    }

    @Test
    void requireSupportedRefusesGarmentsOutsideTheRangeInTheCommonWords() throws PlanException {
        ProgramInfo info = zones(3, 8);
        assertEquals("p runs on garments of 3 to 8 zones; this one has 2",
                assertThrows(PlanException.class, () -> info.requireSupported(garment(2))).getMessage());
        assertEquals("p runs on garments of 3 to 8 zones; this one has 9",
                assertThrows(PlanException.class, () -> info.requireSupported(garment(9))).getMessage());
        assertDoesNotThrow(() -> info.requireSupported(garment(3)));
        info.requireSupported(garment(8));
    }
}
