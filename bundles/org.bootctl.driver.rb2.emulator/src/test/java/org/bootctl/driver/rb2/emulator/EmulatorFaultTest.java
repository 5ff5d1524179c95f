package org.bootctl.driver.rb2.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bootctl.api.device.Models;
import org.bootctl.driver.rb2.codec.FaultCode;
import org.junit.jupiter.api.Test;

class EmulatorFaultTest {

    private static EmulatorFault parse(String spec) {
        return EmulatorFault.parse(spec, Models.RB2_L5);
    }

    private static void refused(String spec, String words) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(spec));
        assertTrue(e.getMessage().contains(words), e.getMessage());
        assertTrue(e.getMessage().contains("'" + spec.trim() + "'") || e.getMessage().contains(spec.trim()), e.getMessage());
    }

    @Test
    void everyKindWithItsDefaults() {
        assertEquals(new EmulatorFault(EmulatorFault.Kind.GARBAGE, 5, 0, 0, 0xFF, 64, null), parse("garbage@5"));
        assertEquals(new EmulatorFault(EmulatorFault.Kind.GARBAGE, 1.5, 10, 0, 0xFF, 300, null), parse("garbage:300@1.5/10"));
        assertEquals(new EmulatorFault(EmulatorFault.Kind.CORRUPT_CRC, 2, 0, 0, 0xFF, 1, null), parse("corrupt-crc@2"));
        assertEquals(new EmulatorFault(EmulatorFault.Kind.CORRUPT_FRAME, 2, 3, 0, 0xFF, 4, null), parse("corrupt-frame:4@2/3"));
        assertEquals(new EmulatorFault(EmulatorFault.Kind.OVERPRESSURE, 30, 0, 2, 2, 0, null), parse("overpressure:3@30"));
        assertEquals(new EmulatorFault(EmulatorFault.Kind.OVERPRESSURE, 30, 0, 5, 7, 0, null), parse("overpressure:R3@30+5"));
        assertEquals(new EmulatorFault(EmulatorFault.Kind.SILENCE, 10, 0, 0, 0xFF, 0, null), parse("silence@10"));
        assertEquals(new EmulatorFault(EmulatorFault.Kind.UNPLUG, 10, 0, 3, 0xFF, 0, null), parse("unplug@10+3"));
        assertEquals(new EmulatorFault(EmulatorFault.Kind.RESET, 60, 0, 0, 0xFF, 0, null), parse("reset@60"));
        assertEquals(new EmulatorFault(EmulatorFault.Kind.PRESSURISED, 0, 0, 0, 0xFF, 40, null), parse("pressurised"));
        assertEquals(60, parse("pressurised:60").amount());
        assertEquals(FaultCode.WATCHDOG, parse("faulted").code());
        EmulatorFault overpressure = parse("faulted:overpressure:L2");
        assertEquals(FaultCode.OVERPRESSURE, overpressure.code());
        assertEquals(1, overpressure.channel());
        assertNull(parse("reset@1").code());
    }

    @Test
    void aFaultReadsBackAsASpec() {
        assertEquals("garbage:300@1.5/10", parse("garbage:300@1.5/10").toString());
        assertEquals("overpressure:ch7@30+2", parse("overpressure:R3@30").toString());
        assertEquals("faulted:watchdog", parse("faulted").toString());
        assertEquals("silence@4", parse("silence@4").toString());
        for (String spec : List.of("garbage:64@5/10", "overpressure:ch9@1+3", "faulted:pump:ch2", "pressurised:40", "reset@60/30")) {
            assertEquals(spec, parse(parse(spec).toString()).toString());
        }
    }

    @Test
    void aListSplitsOnCommasAndSpaces() {
        assertEquals(3, EmulatorFault.parseAll("garbage@1, reset@2  silence@3", Models.RB2_L5).size());
        assertEquals(List.of(), EmulatorFault.parseAll("  ", Models.RB2_L5));
        assertEquals(2, EmulatorFault.parseAll(List.of("garbage@1", "reset@2"), Models.RB2_L5).size());
    }

    @Test
    void badSpecsSayWhatIsWrong() {
        refused("sparks@1", "known kinds are");
        refused("garbage", "needs a time");
        refused("reset@1+2", "does not go with reset");
        refused("silence@1/2", "does not go with silence");
        refused("overpressure@3", "wrong number of ':' parts");
        refused("overpressure:6@3", "zone 6 does not exist on RB2-L5");
        refused("overpressure:X1@3", "no zone or channel 'X1'");
        refused("overpressure:ch10@3", "channel 10 does not exist on RB2-L5 (ch0..ch9)");
        refused("pressurised@3", "takes no time");
        refused("pressurised:140", "hard limit");
        refused("faulted:sparks", "unknown fault code");
        refused("garbage:0@1", "whole number from 1");
        refused("garbage@soon", "not a number of seconds");
        refused("unplug@2+0", "above 0");
    }

    @Test
    void aPeriodOrALengthUnder10MsIsRefused() {
        // garbage@0/0.000001 kept a core busy writing garbage; a period or length that rounded to 0 ns
        // meant once, or (unplug, silence) for good
        refused("garbage:100000@0/0.000001", "at least 0.01 s");
        refused("reset@1/0.0000000001", "at least 0.01 s");
        refused("unplug@5+0.0000000001", "at least 0.01 s");
        assertEquals(0.01, parse("corrupt-frame:2@1/0.01").everySeconds());
    }

    @Test
    void aSecondPeriodOrLengthIsRefusedNotDropped() {
        // read as garbage@5/2 and unplug@5+1: the rest of the time was silently left out
        refused("garbage@5/2/3", "the time is written S[/P][+D]");
        refused("reset@1/60/1", "the time is written S[/P][+D]");
        refused("unplug@5+1+2", "the time is written S[/P][+D]");
    }
}
