package org.bootctl.launcher.fleet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bootctl.launcher.testing.BootctlProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bootctl fleet status --watch} as a process of its own against a broker with a controller:
 * the table comes, a session started on the unit redraws it with the device's new state and
 * program, and Ctrl-C (SIGINT) ends it.
 */
@Tag("realtime")
@Tag("broker")
class FleetWatchIT {

    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path folder;

    @Test
    void watchRedrawsTheTableWhenADeviceChangesAndCtrlCEndsIt() throws Exception {
        try (Mosquitto broker = Mosquitto.start(folder.resolve("broker"), List.of("s1/u1"), null);
             BrokerWatch watch = new BrokerWatch(broker, "watch-watch");
             FleetController unit = FleetController.start(folder, broker.url(), "s1", "u1")) {
            watch.await(m -> m.topic().equals("bootctl/v1/s1/u1/devices/u1-dev"), WAIT, "the unit's device");
            String idle = unit.get("/devices/u1-dev").getAsJsonObject().get("state").getAsString();
            try (BootctlProcess status = BootctlProcess.start(folder, "fleet", "status", "--watch", "--broker", broker.url(),
                    "--user", Mosquitto.ADMIN, "--password-file", Mosquitto.passwordFile(folder).toString())) {
                String first = status.awaitLine(l -> l.startsWith("s1 ") && l.contains("u1-dev"), WAIT);
                assertTrue(first.contains("online") && first.contains(" " + idle + " "), "the unit online, its device " + idle
                        + ": " + first);
                assertFalse(first.contains("sequential"), "no program before the session: " + first);

                String session = unit.begin("u1-dev");
                String redrawn = status.awaitLine(l -> l.startsWith("s1 ") && l.contains("u1-dev") && l.contains("sequential"), WAIT);
                assertFalse(redrawn.contains(" " + idle + " "), "the redrawn row has the session's state, not " + idle + ": "
                        + redrawn);
                assertTrue(status.out().stream().filter(l -> l.startsWith("SITE")).count() >= 2, "the table was drawn again:\n"
                        + status);

                // Ctrl-C
                Process kill = new ProcessBuilder("kill", "-INT", Long.toString(status.pid())).start();
                assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -INT");
                int code = status.awaitExit(WAIT);
                assertTrue(code == 0 || code == 130, "ended by Ctrl-C, exit " + code + ":\n" + status);
                assertTrue(status.err().stream().noneMatch(l -> l.contains("Exception")), "no stack trace:\n" + status);
                unit.end(session);
            }
        }
    }
}
