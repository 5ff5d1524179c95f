package org.bootctl.driver.rb1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.bootctl.driver.rb1.codec.SerialLink;
import org.bootctl.testing.SocatPair;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why a port does not open, in words a person can act on: a port another program holds was
 * "cannot open serial port /dev/ttyUSB0 (error 2)", and a missing one carried jSerialComm's
 * "Unable to create a serial port object from the invalid port descriptor" (the RB2 driver says
 * "busy, or no permission" and "no such port").
 */
@Tag("serial")
class SerialLinkOpenIT {

    @TempDir
    Path dir;

    private static final SerialLink.Handler NOTHING = new SerialLink.Handler() {
        @Override
        public void line(String body, long nanos) {
        }

        @Override
        public void lost(String why) {
        }
    };

    @Test
    void aPortAnotherProgramHoldsIsCalledBusy() throws Exception {
        SocatPair.assumeInstalled();
        try (SocatPair socat = new SocatPair(dir).start();
             SerialLink first = SerialLink.open(socat.host(), NOTHING, "first")) {
            IOException e = assertThrows(IOException.class, () -> SerialLink.open(socat.host(), NOTHING, "second").close());
            assertTrue(e.getMessage().startsWith("cannot open serial port " + socat.host() + " (busy, or no permission;"),
                    e.getMessage());
        }
    }

    @Test
    void aMissingPortIsCalledMissing() {
        String path = dir.resolve("nothing-here").toString();
        IOException e = assertThrows(IOException.class, () -> SerialLink.open(path, NOTHING, "missing").close());
        assertEquals("no serial port " + path + " (not plugged in?)", e.getMessage());
    }
}
