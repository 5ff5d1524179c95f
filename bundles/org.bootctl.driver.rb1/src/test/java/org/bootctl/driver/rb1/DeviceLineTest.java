package org.bootctl.driver.rb1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Typed parsing of what the device sends. */
class DeviceLineTest {

    private static DeviceLine parse(String body) {
        return DeviceLine.parse(body).orElseThrow(() -> new AssertionError("did not parse: " + body));
    }

    @Test
    void parsesEveryLineTheDeviceSends() {
        assertEquals(new DeviceLine.Identity("RB1-L4", "E1234", "1.4.2", 4, 120), parse("ID,RB1-L4,E1234,1.4.2,4,120"));

        DeviceLine.Status status = (DeviceLine.Status) parse("ST,NONE,0,40,0,0,20");
        assertNull(status.fault());
        assertArrayEquals(new int[] {0, 40, 0, 0}, status.setpoints());
        assertEquals(20, status.streamHz());
        assertTrue(status.pressurised());
        DeviceLine.Status faulted = (DeviceLine.Status) parse("ST,WATCHDOG,0,0,0,0,0");
        assertEquals("WATCHDOG", faulted.fault());
        assertFalse(faulted.pressurised());

        assertEquals(new DeviceLine.Ok(), parse("OK"));
        DeviceLine.Pressures p = (DeviceLine.Pressures) parse("P,1200,82.4,-0.3,0.0,7.0");
        assertEquals(1200, p.uptimeMs());
        assertArrayEquals(new double[] {82.4, -0.3, 0.0, 7.0}, p.mmHg());
        DeviceLine.Stream s = (DeviceLine.Stream) parse("S,99,1.0,2.0,3.0,4.5");
        assertEquals(4, s.zones());
        assertEquals(4.5, s.pressure(3));
        assertEquals(new DeviceLine.Fault("OVERPRESSURE"), parse("FLT,OVERPRESSURE"));
        assertEquals(new DeviceLine.Boot("RB1-L4"), parse("BOOT,RB1-L4"));
        for (String code : List.of("CMD", "ARG", "RANGE", "FAULT", "CHK")) {
            assertEquals(new DeviceLine.Error(code), parse("ERR," + code));
        }
        assertTrue(parse("OK").isAnswer());
        assertFalse(s.isAnswer());
        assertFalse(parse("FLT,PUMP").isAnswer());
        assertFalse(parse("BOOT,RB1-L4").isAnswer());
    }

    @Test
    void malformedLinesAreEmpty() {
        for (String body : List.of("", "XYZ", "OK,1", "ID,RB1-L4,E1,1.0,4", "ID,RB1-L4,E1,1.0,0,120",
                "ID,RB1-L4,E1,1.0,x,120", "ST,NONE,20", "ST,NONE,a,0,0,0,20", "ST,none,0,0,0,0,20",
                "P,12", "S,12,1.0,NaN", "S,-5,1.0", "S,12,1e3", "S,12,0x10", "S,12,1.0,,2.0", "FLT", "FLT,",
                "FLT,over", "BOOT", "ERR", "ERR,CHK,1", "S,12,Infinity")) {
            assertTrue(DeviceLine.parse(body).isEmpty(), body);
        }
    }
}
