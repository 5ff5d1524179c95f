package org.bootctl.launcher.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.SessionState;
import org.bootctl.launcher.runtime.OsgiRuntime;
import org.bootctl.launcher.testing.BootctlProcess;
import org.bootctl.launcher.testing.Cli;
import org.bootctl.launcher.testing.Runtimes;
import org.bootctl.launcher.testing.TestDistribution;
import org.bootctl.testing.SocatPair;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serial failures a person meets, end to end through the product: the cable pulled
 * mid-session (socat killed) and plugged in again, and the controller's process killed
 * mid-session. The emulator is {@code bootctl emulate} as a process of the distribution.
 */
@Tag("realtime")
@Tag("serial")
class SerialRecoveryIT {

    @TempDir
    Path folder;

    @BeforeEach
    void socat() {
        SocatPair.assumeInstalled();
    }

    @Test
    void unpluggedMidSessionTheSessionFaultsWithinASecondThePortClosesAndTheBootComesBack() throws Exception {
        try (SocatPair cable = new SocatPair(folder).start();
             BootctlProcess emulator = BootctlProcess.emulate(folder, "RB2-L5", cable.device());
             OsgiRuntime runtime = Runtimes.start("rb2", Map.of("port", cable.host()), folder.resolve("data"))) {
            SessionService sessions = Runtimes.sessions(runtime);
            Waits.until("rb2-1 connected", 10_000, () -> sessions.device("rb2-1").isPresent());
            Path port = Path.of(cable.host()).toRealPath();
            assertTrue(OpenFiles.held(port), "the driver holds " + port);
            SessionInfo session = sessions.start("rb2-1", "sequential", new Settings(5, 0, 1, Set.of(), true, false));
            Waits.until("RUNNING", 5000, () -> Runtimes.state(sessions, session.id()) == SessionState.RUNNING);

            cable.kill(); // the cable is pulled: both pseudo-terminals go away
            Waits.until("the session in FAULT within a second of the unplug", 1000,
                    () -> Runtimes.state(sessions, session.id()) == SessionState.FAULT);
            assertNotNull(sessions.session(session.id()).orElseThrow().fault(), "the fault says why");
            assertTrue(sessions.device("rb2-1").isEmpty(), "the device is gone from the engine");
            Waits.until("the driver closes " + port, 2000, () -> !OpenFiles.held(port));
            emulator.awaitOutput("bootctl emulate: off " + cable.device(), 3000);

            cable.start(); // plugged in again: a new pair at the same paths
            emulator.awaitOutput("bootctl emulate: on " + cable.device() + " again", 5000);
            Waits.until("rb2-1 back, without a restart", 15_000, () -> sessions.device("rb2-1").isPresent());
            assertEquals(SessionState.FAULT, Runtimes.state(sessions, session.id()), "the engine never resumes by itself");
        }
    }

    @Test
    void theHostProcessKilledMidSessionTheUnitsWatchdogVents() throws Exception {
        try (SocatPair cable = new SocatPair(folder).start();
             BootctlProcess emulator = BootctlProcess.emulate(folder, "RB2-L5", cable.device());
             BootctlProcess host = BootctlProcess.startSmall(folder, "session", "--data", folder.resolve("data").toString(),
                     "--feature", "rb2", "--var", "port=" + cable.host(), "--program", "sequential", "--level", "5",
                     "--minutes", "1", "--no-fit-check")) {
            host.awaitOutput("RUNNING ", 30_000);
            host.kill(); // SIGKILL: nothing on the host can vent now

            emulator.awaitOutput("FAULT WATCHDOG latched, everything vented", 3000);
            // the next controller finds the unit with the watchdog's fault latched, and says so: its
            // session is refused, or (when the start came first) ends at once on the device's fault
            Cli.Result next = Cli.run(TestDistribution.real(), "session", "--data", folder.resolve("data").toString(),
                    "--feature", "rb2", "--var", "port=" + cable.host(), "--program", "sequential", "--minutes", "0.1");
            assertEquals(1, next.exitCode(), next.toString());
            String said = next.err().toLowerCase(Locale.ROOT);
            assertTrue((said.contains("has a latched fault") || said.contains("session ended in fault"))
                    && said.contains("watchdog"), next.err());
        }
    }
}
