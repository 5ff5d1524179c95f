package org.bootctl.driver.rb1.emulator;

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
                "garbage@5, garbage:16@2/10 bad-checksum@6+0.5 bad-checksum@1/4 overpressure:2@7+2 silence@8 "
                        + "unplug@9+4 unplug@30 reset@10 reset@5/20 pressurised:60 pressurised faulted:pump faulted", 4);
        assertEquals(List.of(
                new EmulatorFault(EmulatorFault.Kind.GARBAGE, 64, null, 5, 0, 0),
                new EmulatorFault(EmulatorFault.Kind.GARBAGE, 16, null, 2, 10, 0),
                new EmulatorFault(EmulatorFault.Kind.BAD_CHECKSUM, 0, null, 6, 0, 0.5),
                new EmulatorFault(EmulatorFault.Kind.BAD_CHECKSUM, 0, null, 1, 4, 1),
                new EmulatorFault(EmulatorFault.Kind.OVERPRESSURE, 2, null, 7, 0, 2),
                new EmulatorFault(EmulatorFault.Kind.SILENCE, 0, null, 8, 0, 3),
                new EmulatorFault(EmulatorFault.Kind.UNPLUG, 0, null, 9, 0, 4),
                new EmulatorFault(EmulatorFault.Kind.UNPLUG, 0, null, 30, 0, 0),
                new EmulatorFault(EmulatorFault.Kind.RESET, 0, null, 10, 0, 0),
                new EmulatorFault(EmulatorFault.Kind.RESET, 0, null, 5, 20, 0),
                new EmulatorFault(EmulatorFault.Kind.PRESSURISED, 60, null, 0, 0, 0),
                new EmulatorFault(EmulatorFault.Kind.PRESSURISED, 40, null, 0, 0, 0),
                new EmulatorFault(EmulatorFault.Kind.FAULTED, 0, "PUMP", 0, 0, 0),
                new EmulatorFault(EmulatorFault.Kind.FAULTED, 0, "WATCHDOG", 0, 0, 0)), faults);
        assertEquals(1, EmulatorFault.parse("overpressure:4@0", 4).forSeconds());
        assertTrue(EmulatorFault.parseAll("  ", 4).isEmpty());
    }

    @Test
    void aFaultReadsBackAsItsSpec() {
        for (String spec : List.of("garbage:64@5/10", "bad-checksum@2+1", "overpressure:2@10+1", "silence@1.5+3",
                "unplug@9", "reset@5/20", "pressurised:40", "faulted:pump")) {
            assertEquals(spec, EmulatorFault.parse(spec, 4).toString());
        }
    }

    @Test
    void aPeriodAndALengthInTheWrongOrderOrTwiceAreRefusedNotDropped() {
        // bad-checksum@5+3/2 was read as bad-checksum@5/2 lasting 1 s, garbage@5/2/3 as garbage@5/2
        for (String spec : List.of("bad-checksum@5+3/2", "garbage@5/2/3", "bad-checksum@5/2+1+3")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmulatorFault.parse(spec, 4), spec);
            assertTrue(e.getMessage().contains("'" + spec + "'") && e.getMessage().contains("the time is written S[/P][+D]"),
                    e.getMessage());
        }
    }

    @Test
    void aPeriodOrALengthUnder10MsIsRefused() {
        // garbage@0/0.000001 kept a core busy writing garbage; unplug@5+0.0000000001 rounded to 0 ns: for good
        for (String spec : List.of("garbage:9999@0/0.000001", "reset@1/0.0000000001", "unplug@5+0.0000000001",
                "silence@1+0")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmulatorFault.parse(spec, 4), spec);
            assertTrue(e.getMessage().contains("'" + spec + "'") && (e.getMessage().contains("above 0")
                    || e.getMessage().contains("at least 0.01 s")), e.getMessage());
        }
        assertEquals(0.02, EmulatorFault.parse("bad-checksum@1/0.5+0.02", 4).forSeconds());
    }

    @Test
    void badSpecsSayWhatIsWrong() {
        for (String spec : List.of("garbage", "garbage@5+1", "garbage:0@1", "reset@x", "reset@1+2", "overpressure@3",
                "overpressure:5@3", "overpressure:2@3/4", "silence@1/2", "pressurised@3", "faulted:HOT", "faulted@2",
                "latched:PUMP", "silence:2@3", "leak:2", "unplug@-1", "reset@1/0")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmulatorFault.parse(spec, 4), spec);
            assertTrue(e.getMessage().contains(spec) && e.getMessage().contains("known:"), e.getMessage());
        }
    }
}
