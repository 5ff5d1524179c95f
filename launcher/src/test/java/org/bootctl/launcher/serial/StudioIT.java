package org.bootctl.launcher.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.SessionState;
import org.bootctl.launcher.runtime.OsgiRuntime;
import org.bootctl.launcher.testing.BootctlProcess;
import org.bootctl.launcher.testing.Runtimes;
import org.bootctl.testing.SocatPair;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The studio feature: a simulated boot, an RB2 and an RB1 (both emulated, on socat pairs) in one
 * controller, each driven by its own driver, each running a session of its own at the same time.
 */
@Tag("realtime")
@Tag("serial")
class StudioIT {

    @TempDir
    Path folder;

    @Test
    void threeBootsOfThreeDriversRunSessionsAtOnceEachOnItsOwn() throws Exception {
        SocatPair.assumeInstalled();
        Path rb2 = Files.createDirectories(folder.resolve("rb2"));
        Path rb1 = Files.createDirectories(folder.resolve("rb1"));
        try (SocatPair rb2Cable = new SocatPair(rb2).start();
             SocatPair rb1Cable = new SocatPair(rb1).start();
             BootctlProcess rb2Unit = BootctlProcess.startSmall(rb2, "emulate", "RB2-M8", "--port", rb2Cable.device());
             BootctlProcess rb1Unit = BootctlProcess.startSmall(rb1, "emulate", "RB1-L4", "--port", rb1Cable.device())) {
            rb2Unit.awaitOutput("bootctl emulate: RB2-M8 on ", 30_000);
            rb1Unit.awaitOutput("bootctl emulate: RB1-L4 on ", 30_000);
            try (OsgiRuntime runtime = Runtimes.start("studio", Map.of("rb2-port", rb2Cable.host(),
                    "rb1-port", rb1Cable.host()), folder.resolve("data"))) {
                SessionService sessions = Runtimes.sessions(runtime);
                Map<String, String> models = Map.of("sim-1", "RB2-L5", "rb2-1", "RB2-M8", "rb1-1", "RB1-L4");
                Waits.until(() -> "every boot connected: " + sessions.devices(), 10_000,
                        () -> models.keySet().stream().allMatch(id -> sessions.device(id).isPresent()));
                models.forEach((id, model) -> assertEquals(model, sessions.device(id).orElseThrow().description().model(), id));

                Map<String, String> running = new LinkedHashMap<>();
                for (String id : models.keySet()) {
                    running.put(id, sessions.start(id, "sequential", new Settings(3, 0, 1, Set.of(), true, false)).id());
                }
                Waits.until(() -> "three sessions RUNNING at once: " + states(sessions, running), 5000,
                        () -> running.values().stream().allMatch(s -> Runtimes.state(sessions, s) == SessionState.RUNNING));

                // each on its own: stopping one leaves the others running
                for (String id : List.of("sim-1", "rb1-1", "rb2-1")) {
                    sessions.stop(running.get(id));
                    String stopped = running.remove(id);
                    Waits.until(id + "'s session STOPPED", 5000,
                            () -> Runtimes.state(sessions, stopped) == SessionState.STOPPED);
                    running.forEach((other, session) -> assertEquals(SessionState.RUNNING,
                            Runtimes.state(sessions, session), other + " runs on after " + id + " stopped"));
                }
            }
        }
    }

    private static Map<String, SessionState> states(SessionService sessions, Map<String, String> byDevice) {
        Map<String, SessionState> states = new LinkedHashMap<>();
        byDevice.forEach((device, session) -> states.put(device, Runtimes.state(sessions, session)));
        return states;
    }
}
