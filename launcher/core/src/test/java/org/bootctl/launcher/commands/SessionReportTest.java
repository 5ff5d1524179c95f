package org.bootctl.launcher.commands;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Instant;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.api.device.Models;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.junit.jupiter.api.Test;

class SessionReportTest {

    /**
     * The end reason is a fault's message, which may carry what a driver or its unit said: an ESC
     * sequence or a carriage return in it could repaint the summary's first line (FAULT shown as
     * COMPLETED). It is printed as text, as the error line below it is.
     */
    @Test
    void anEndReasonWithTerminalControlsIsPrintedAsTextNotAsControls() {
        DeviceDescription device = DeviceDescription.of("rb2-1", ModelDescription.of(Models.RB2_L5), "S1", "1.0", 20);
        SessionInfo session = new SessionInfo("s1", device.id(), "sequential", "1.0.0", Settings.level(3, 20),
                SessionState.FAULT, 1, 0, 1000, 0, Instant.EPOCH, Instant.EPOCH, "unit fault\r\u001b[2KCOMPLETED", null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SessionReport.summary(new PrintStream(bytes, true, UTF_8), session, device, null,
                new double[device.channels().size()], null);
        String text = bytes.toString(UTF_8);
        assertTrue(text.chars().noneMatch(c -> c == 0x1b || c == '\r'), text);
        assertEquals("session s1 on rb2-1 (RB2-L5): FAULT, unit fault\\x0d\\x1b[2KCOMPLETED", text.lines().findFirst().orElseThrow());
    }
}
