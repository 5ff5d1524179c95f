package org.bootctl.driver.rb1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bootctl.api.device.Models;
import org.bootctl.driver.rb1.emulator.Rb1Emulator;
import org.bootctl.driver.rb1.emulator.Rb1Firmware;
import org.bootctl.sim.SimulatedDevice;
import org.bootctl.testing.SocatPair;
import org.bootctl.testing.Waits;
import org.bootctl.timebase.SystemTimebase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host process is terminated (SIGTERM, Ctrl-C) while the boots hold pressure: the driver
 * vents them on its way out, before jSerialComm's own shutdown hook closes the port, so the
 * unit's watchdog never has to.
 */
@Tag("realtime")
@Tag("serial")
class HostTerminatedIT {

    @TempDir
    Path dir;

    @Test
    void terminatedTheHostVentsTheUnitOnItsWayOut() throws Exception {
        SocatPair.assumeInstalled();
        SocatPair socat = new SocatPair(dir).start();
        SystemTimebase plantTime = new SystemTimebase("rb1-test-plant");
        SimulatedDevice plant = SimulatedDevice.of("plant", Models.RB1_L4, List.of(), plantTime, 3);
        plant.start();
        Rb1Emulator emulator = new Rb1Emulator(socat.device(), plant, Rb1Emulator.Options.plain());
        Process host = null;
        try {
            emulator.start();
            Waits.until("the emulator opens " + socat.device(), 3000, emulator::isOpen);
            Rb1Firmware firmware = emulator.firmware();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            host = new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), TerminatedHostMain.class.getName(), socat.host())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("host.log").toFile()).start();
            Waits.until("the host process holds 20 mmHg (see " + dir.resolve("host.log") + ")", 20_000,
                    () -> firmware.setpoints()[0] == 20);

            host.destroy(); // SIGTERM
            assertTrue(host.waitFor(10, TimeUnit.SECONDS), "the host ends");
            Waits.until("VENT at the unit", 3000, () -> firmware.received().stream()
                    .anyMatch(r -> r.fate() == Rb1Firmware.Fate.HANDLED && r.line().equals("VENT")));
            assertArrayEquals(new int[4], firmware.setpoints(), "vented");
            assertNull(firmware.latched(), "vented before the port closed: no watchdog trip");
        } finally {
            if (host != null) {
                host.destroyForcibly();
            }
            emulator.close();
            plant.close();
            plantTime.close();
            socat.kill();
        }
    }
}
