package org.bootctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bootctl.api.device.Models;
import org.bootctl.sim.SimFault.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimFaultTest {

    private static final String KNOWN = "known kinds are leak:Z, disconnected:Z, stuck-fill:Z@S, sensor-stuck:Z@S, "
            + "sensor-dropout@S, pump-failure@S, stall@S";

    @Test
    void everyKindParses() {
        assertEquals(new SimFault(Kind.LEAK, 2, 0), SimFault.parse("leak:3", Models.RB2_L5));
        assertEquals(new SimFault(Kind.DISCONNECTED, 0, 0), SimFault.parse("disconnected:1", Models.RB2_L5));
        assertEquals(new SimFault(Kind.STUCK_FILL, 1, 12.5), SimFault.parse("stuck-fill:2@12.5", Models.RB2_L5));
        assertEquals(new SimFault(Kind.SENSOR_STUCK, 4, 3), SimFault.parse("sensor-stuck:5@3", Models.RB2_L5));
        assertEquals(new SimFault(Kind.SENSOR_DROPOUT, -1, 0.25), SimFault.parse("sensor-dropout@0.25", Models.RB2_L5));
        assertEquals(new SimFault(Kind.PUMP_FAILURE, -1, 60), SimFault.parse("pump-failure@60", Models.RB2_L5));
        assertEquals(new SimFault(Kind.STALL, -1, 0), SimFault.parse("stall@0", Models.RB2_L5));
    }

    @Test
    void aZoneIsTheLeftLimbOrAChannelIdPicksOne() {
        assertEquals(7, SimFault.parse("leak:R3", Models.RB2_L5).channel());
        assertEquals(2, SimFault.parse("leak:l3", Models.RB2_L5).channel());
        assertEquals(15, SimFault.parse("stuck-fill:R8@1", Models.RB2_M8).channel());
        assertEquals(3, SimFault.parse("leak:4", Models.RB1_L4).channel(), "RB1: the zone's Z channel");
        assertEquals(3, SimFault.parse("LEAK:Z4", Models.RB1_L4).channel());
    }

    @Test
    void aListIsSeparatedByCommasOrSpaces() {
        assertEquals(List.of(), SimFault.parseAll("", Models.RB2_L5));
        assertEquals(List.of(), SimFault.parseAll("  ", Models.RB2_L5));
        assertEquals(List.of(), SimFault.parseAll(null, Models.RB2_L5));
        assertEquals(List.of(new SimFault(Kind.LEAK, 0, 0), new SimFault(Kind.STALL, -1, 5), new SimFault(Kind.LEAK, 6, 0)),
                SimFault.parseAll(" leak:1, stall@5  leak:R2 ,", Models.RB2_L5));
    }

    @Test
    void anUnknownKindListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimFault.parse("leek:3", Models.RB2_L5));
        assertEquals("unknown simulated fault 'leek:3': " + KNOWN, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "leak:9            | RB2-L5 | bad simulated fault 'leak:9': zone 9 does not exist on RB2-L5 (zones 1..5)",
            "leak:0            | RB2-L5 | bad simulated fault 'leak:0': zone 0 does not exist on RB2-L5 (zones 1..5)",
            "leak:5            | RB1-L4 | bad simulated fault 'leak:5': zone 5 does not exist on RB1-L4 (zones 1..4)",
            "leak:L3           | RB1-L4 | bad simulated fault 'leak:L3': no zone or channel 'L3' on RB1-L4 (zones 1..4, channels Z1 Z2 Z3 Z4)",
            "leak:X            | RB2-A4 | bad simulated fault 'leak:X': no zone or channel 'X' on RB2-A4 (zones 1..4, channels L1 L2 L3 L4 R1 R2 R3 R4)",
            "leak              | RB2-L5 | bad simulated fault 'leak': leak needs a zone: leak:Z",
            "leak:3@5          | RB2-L5 | bad simulated fault 'leak:3@5': leak is there from the start and takes no time: leak:Z",
            "stuck-fill:3      | RB2-L5 | bad simulated fault 'stuck-fill:3': stuck-fill needs a time in seconds: stuck-fill:Z@S",
            "stuck-fill:3@     | RB2-L5 | bad simulated fault 'stuck-fill:3@': stuck-fill needs a time in seconds: stuck-fill:Z@S",
            "stuck-fill@3:2    | RB2-L5 | bad simulated fault 'stuck-fill@3:2': the zone comes before the time (stuck-fill:Z@S)",
            "stall:2@3         | RB2-L5 | bad simulated fault 'stall:2@3': stall concerns the whole device and takes no zone: stall@S",
            "stall@soon        | RB2-L5 | bad simulated fault 'stall@soon': time 'soon' is not a number of seconds",
            "stall@-1          | RB2-L5 | bad simulated fault 'stall@-1': time '-1' must be a plain number of seconds, 0 or more",
            "stall@1e3         | RB2-L5 | bad simulated fault 'stall@1e3': time '1e3' must be a plain number of seconds, 0 or more",
            "stall@NaN         | RB2-L5 | bad simulated fault 'stall@NaN': time 'NaN' must be a plain number of seconds, 0 or more",
    })
    void aBadSpecSaysWhatIsWrong(String spec, String model, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimFault.parse(spec, Models.find(model).orElseThrow()));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aBadSpecInAListIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimFault.parseAll("leak:1, stall@x", Models.RB2_L5));
        assertTrue(e.getMessage().contains("'stall@x'"), e.getMessage());
    }

    @Test
    void aHugeSpecIsRepeatedShortenedInItsError() {
        String zone = "9".repeat(100_000);
        String message = assertThrows(IllegalArgumentException.class,
                () -> SimFault.parseAll("leak:" + zone, Models.RB2_L5)).getMessage();
        assertTrue(message.length() < 1000, message.length() + " characters");
        assertTrue(message.startsWith("bad simulated fault 'leak:999") && message.contains("(100005 characters)"), message);
        String kind = "x".repeat(100_000);
        String unknown = assertThrows(IllegalArgumentException.class, () -> SimFault.parseAll(kind, Models.RB2_L5))
                .getMessage();
        assertTrue(unknown.length() < 1000 && unknown.endsWith(KNOWN), unknown.length() + " characters");
    }
}
