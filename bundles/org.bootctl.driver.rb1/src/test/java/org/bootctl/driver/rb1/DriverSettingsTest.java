package org.bootctl.driver.rb1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A port written with spaces around it (a .cfg file, a --var with a stray blank): RB2 trims it,
 * RB1 kept it and reported "no serial port  /dev/ttyUSB0" for a port that is there.
 */
class DriverSettingsTest {

    @Test
    void thePortIsTrimmedAsEveryOtherSerialSetting() {
        DriverSettings settings = new DriverSettings(" /dev/ttyUSB0 ", " RB1-L4 ", "", 20);
        assertEquals("/dev/ttyUSB0", settings.port());
        assertEquals("RB1-L4", settings.model());
        assertEquals("rb1-ttyUSB0", settings.deviceId());
    }
}
