package org.bootctl.api.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class DeviceTextTest {

    @Test
    void printableTextIsKept() {
        assertEquals("SN-0042 rev. B (Zürich)", DeviceText.clean("SN-0042 rev. B (Zürich)"));
        assertNull(DeviceText.clean(null));
    }

    @Test
    void controlAndFormatCharactersAreEscaped() {
        assertEquals("a\\x0abootctl ready:\\x0d\\x1b[2J\\u202etxt\\u2028",
                DeviceText.clean("a\nbootctl ready:\r\u001b[2J\u202etxt\u2028"));
    }

    @Test
    void cleaningCleanTextChangesNothing() {
        String once = DeviceText.clean("S\n1\u001b[0m" + "y".repeat(80));
        assertEquals(once, DeviceText.clean(once));
    }

    @Test
    void lengthIsBoundedAndACutIsMarked() {
        String cut = DeviceText.clean("x".repeat(10_000));
        assertEquals("x".repeat(DeviceText.MAX_LENGTH - 3) + "...", cut);
        assertEquals("x".repeat(DeviceText.MAX_LENGTH), DeviceText.clean("x".repeat(DeviceText.MAX_LENGTH)), "fits");
        assertEquals("\\x0a".repeat(15) + "...", DeviceText.clean("\n".repeat(100)),
                "escapes count toward the bound and are never cut in half");
    }

    @Test
    void aDescriptionKeepsTheUnitsStringsClean() {
        DeviceDescription d = DeviceDescription.of("rb2-1", Models.find("RB2-L5").orElseThrow(), "S\n1", "\u001b[0m", 50);
        assertEquals("S\\x0a1", d.serial());
        assertEquals("\\x1b[0m", d.firmware());
    }
}
