package org.bootctl.driver.rb2;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bootctl.driver.rb2.codec.Message;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A unit that says RB2-L5 (10 channels) in INFO but streams TELEMETRY with 8 channels, 50 a second:
 * Rb2Session.telemetry counts each frame malformed and returns before it counts as a sign of life,
 * so the unit is dropped with "silent for more than 1000 ms (no telemetry)": the reason a person
 * reads says the line is quiet when it is busy with telemetry the driver refuses.
 */
@Tag("realtime")
@Tag("serial")
class WrongGeometryTelemetryIT {

    @TempDir
    Path dir;

    @Test
    void telemetryOfTheWrongGeometryIsNotCalledSilence() throws Exception {
        try (FakeRb2Unit unit = FakeRb2Unit.start(dir, FakeRb2Unit.rb2L5(),
                count -> new Message.Telemetry(count * 20L, count & 0xFFFF, 0, 0, 0, 0, new short[8], new byte[8]))) {
            TestRegistrar registrar = new TestRegistrar();
            Rb2Link link = unit.connect(registrar);
            Waits.until("registered", 10_000, () -> registrar.registrations.get() >= 1);
            Waits.until("dropped", 10_000, () -> registrar.unregistrations.get() >= 1 && link.lastError() != null);
            String reason = link.lastError();
            System.out.println("dropped: " + reason + "; malformed " + link.counters().malformed());
            assertFalse(reason.contains("no telemetry"), "telemetry came 50 times a second, but: " + reason);
            assertTrue(reason.contains(unit.host()) && reason.contains("telemetry for 8 channels")
                    && reason.contains("RB2-L5 has 10"), "the reason names the port and the mismatch: " + reason);
        }
    }
}
