package org.bootctl.driver.rb1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The emulator's fault specs. */
class EmulatorFaultTest {

    @Test
    void readsEveryKind() {
        List<EmulatorFault> faults = EmulatorFault.parseAll(
                "garbage@5, bad-checksum@6+0.5 overpressure:2@7+2 silence@8 unplug@9+4 unplug@30 reset@10 pressurised:60 latched:watchdog", 4);
        assertEquals(List.of(
                new EmulatorFault(EmulatorFault.Kind.GARBAGE, 0, null, 5, 0),
                new EmulatorFault(EmulatorFault.Kind.BAD_CHECKSUM, 0, null, 6, 0.5),
                new EmulatorFault(EmulatorFault.Kind.OVERPRESSURE, 2, null, 7, 2),
                new EmulatorFault(EmulatorFault.Kind.SILENCE, 0, null, 8, 3),
                new EmulatorFault(EmulatorFault.Kind.UNPLUG, 0, null, 9, 4),
                new EmulatorFault(EmulatorFault.Kind.UNPLUG, 0, null, 30, 0),
                new EmulatorFault(EmulatorFault.Kind.RESET, 0, null, 10, 0),
                new EmulatorFault(EmulatorFault.Kind.PRESSURISED, 60, null, 0, 0),
                new EmulatorFault(EmulatorFault.Kind.LATCHED, 0, "WATCHDOG", 0, 0)), faults);
        assertEquals(40, EmulatorFault.parse("pressurised", 4).argument());
        assertEquals(1, EmulatorFault.parse("overpressure:4@0", 4).forSeconds());
        assertTrue(EmulatorFault.parseAll("  ", 4).isEmpty());
    }

    @Test
    void badSpecsSayWhatIsWrong() {
        for (String spec : List.of("garbage", "garbage@5+1", "reset@x", "overpressure@3", "overpressure:5@3",
                "pressurised@3", "latched:HOT", "latched", "silence:2@3", "leak:2", "unplug@-1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmulatorFault.parse(spec, 4), spec);
            assertTrue(e.getMessage().contains(spec) && e.getMessage().contains("known:"), e.getMessage());
        }
    }
}
