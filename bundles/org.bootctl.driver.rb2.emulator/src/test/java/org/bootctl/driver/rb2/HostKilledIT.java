package org.bootctl.driver.rb2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.Models;
import org.bootctl.driver.rb2.codec.FaultCode;
import org.bootctl.driver.rb2.codec.Message;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host process dies while it fills the boots. Killed (SIGKILL), nothing on the host can vent
 * them, so the unit's own watchdog must: this is what protects the person in the boots.
 * Terminated (SIGTERM, Ctrl-C), the driver vents them before jSerialComm closes the port.
 */
@Tag("realtime")
@Tag("serial")
class HostKilledIT {

    @TempDir
    Path dir;

    private Process host(Rig rig) throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), KilledHostMain.class.getName(), rig.socat.host())
                .redirectErrorStream(true).redirectOutput(dir.resolve("host.log").toFile()).start();
    }

    private void awaitFilling(Rig rig) {
        Waits.until("the host process filling (see " + dir.resolve("host.log") + ")", 20_000,
                () -> rig.emulator.snapshot().pump() == 255 && rig.emulator.snapshot().watchdogArmed());
        Waits.until("some air in", 5000, () -> rig.emulator.snapshot().highest() > 5);
    }

    @Test
    void terminatedTheHostVentsTheUnitOnItsWayOut() throws Exception {
        try (Rig rig = Rig.start(dir, Models.RB2_L5, "")) {
            Process host = host(rig);
            try {
                awaitFilling(rig);
            } finally {
                host.destroy();
                assertTrue(host.waitFor(10, TimeUnit.SECONDS));
            }
            Waits.until("VENT_ALL at the unit", 3000, () -> rig.emulator.snapshot().ventAlls() >= 1);
            assertEquals(0, rig.emulator.snapshot().pump());
            assertTrue(new String(rig.emulator.snapshot().valves()).chars().allMatch(v -> v == Message.VENT));
            assertEquals(0, rig.emulator.snapshot().faultCode(), "vented and disarmed before the port closed: no watchdog trip");
        }
    }

    @Test
    void theUnitsWatchdogVentsWhenTheHostProcessDiesMidFill() throws Exception {
        try (Rig rig = Rig.start(dir, Models.RB2_L5, "")) {
            Process host = host(rig);
            try {
                awaitFilling(rig);
            } finally {
                host.destroyForcibly();
                assertTrue(host.waitFor(10, TimeUnit.SECONDS));
            }
            assertEquals(137, host.exitValue(), "killed, not stopped: no VENT_ALL was sent");
            assertEquals(0, rig.emulator.snapshot().ventAlls());

            Waits.until("FAULT WATCHDOG at the unit", 3000,
                    () -> rig.emulator.snapshot().faultCode() == FaultCode.WATCHDOG.code());
            assertEquals(0, rig.emulator.snapshot().pump());
            assertTrue(new String(rig.emulator.snapshot().valves()).chars().allMatch(v -> v == Message.VENT));

            // the next host finds it faulted and sees why
            rig.connected();
            assertEquals(DeviceFault.Kind.WATCHDOG, rig.registrar.latest().latchedFault().kind());
        }
    }
}
