package org.bootctl.driver.rb2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bootctl.driver.rb2.codec.Message;
import org.bootctl.serial.SerialUnit;
import org.junit.jupiter.api.Test;

/**
 * INFO whose limits make no sense: a unit saying its hard limit is 0 mmHg was registered with that
 * limit, and the engine latched "over-pressure in zone 1 (foot, left): 0.0 mmHg" at rest (a sensor
 * full scale of 0 would have made every reading above 0 "implausible"): faults whose cause is not
 * what happened. Such a unit is refused at the handshake, naming port, unit and the value.
 */
class Rb2HandshakeLimitsTest {

    private final Rb2Link link = new Rb2Link(PortSettings.of("/dev/ttyUSB7", "auto", "", 50), (c, p) -> () -> { });

    @Test
    void aHardLimitOfZeroIsRefused() {
        SerialUnit.Failure e = assertThrows(SerialUnit.Failure.class,
                () -> link.describe(new Message.Info(2, 2, 5, 0, 300, 50, "RB2-L5", "SN9", "F")));
        assertEquals("port /dev/ttyUSB7: the device RB2-L5 (serial SN9) says its hard limit is 0 mmHg:"
                + " it cannot hold any pressure; check its firmware", e.getMessage());
    }

    @Test
    void aSensorThatCannotReadUpToTheHardLimitIsRefused() {
        SerialUnit.Failure zero = assertThrows(SerialUnit.Failure.class,
                () -> link.describe(new Message.Info(2, 2, 5, 130, 0, 50, "RB2-L5", "SN9", "F")));
        assertEquals("port /dev/ttyUSB7: the device RB2-L5 (serial SN9) says its pressure sensors read up to"
                + " 0 mmHg, not above its hard limit of 130 mmHg: an over-pressure could not be seen; check its firmware",
                zero.getMessage());
        SerialUnit.Failure low = assertThrows(SerialUnit.Failure.class,
                () -> link.describe(new Message.Info(2, 2, 5, 120, 120, 50, "RB2-L5", "SN9", "F")));
        assertEquals("port /dev/ttyUSB7: the device RB2-L5 (serial SN9) says its pressure sensors read up to"
                + " 120 mmHg, not above its hard limit of 120 mmHg: an over-pressure could not be seen; check its firmware",
                low.getMessage());
    }
}
