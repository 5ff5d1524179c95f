package org.bootctl.launcher.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.bootctl.api.program.ProgramLibrary;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.SessionState;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.Invocation;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * Changes at run time, in real time:
 * <ul>
 *   <li>a program file moved into the data folder's watched {@code programs/} folder, timed
 *       until the session service offers it (program bundles dropped into a deploy folder are
 *       not measured: the runtime has no deploy folder yet);</li>
 *   <li>the simulator's bundle stopped while its device runs a session, timed until that
 *       session is in FAULT.</li>
 * </ul>
 */
final class HotswapBench {

    static final String DEVICE = "hot-1";
    static final String DRIVER_BUNDLE = "org.bootctl.sim";

    /** Medians and maxima over the drops and stops. */
    record Result(double programMs, double programMaxMs, int drops, double driverFaultMs, double driverFaultMaxMs,
                  int stops) {
    }

    private HotswapBench() {
    }

    static Result run(Invocation invocation, int drops, int stops) throws CommandException, InterruptedException {
        try (BenchFramework framework = BenchFramework.start(invocation,
                Map.of("device", DEVICE, "model", "RB2-L5", "virtual-time", "false"))) {
            SessionService sessions = framework.sessions();
            framework.awaitProgram("sequential");
            List<Double> program = new ArrayList<>();
            for (int i = 1; i <= drops; i++) {
                program.add(dropProgram(framework, sessions, "bench-drop-" + i));
            }
            List<Double> fault = new ArrayList<>();
            for (int i = 1; i <= stops; i++) {
                fault.add(stopDriver(framework, sessions));
            }
            return new Result(Stats.median(program), Stats.max(program), drops, Stats.median(fault), Stats.max(fault),
                    stops);
        }
    }

    /** Milliseconds from the file's arrival in programs/ until the program can be chosen. */
    private static double dropProgram(BenchFramework framework, SessionService sessions, String id)
            throws CommandException, InterruptedException {
        Path folder = framework.data().resolve("programs");
        Path staged = framework.data().resolve(id + ".json.part");
        try {
            Files.createDirectories(folder);
            Files.writeString(staged, programJson(id), StandardCharsets.UTF_8);
            long start = System.nanoTime();
            Files.move(staged, folder.resolve(id + ".json"), StandardCopyOption.ATOMIC_MOVE);
            long deadline = start + 10_000_000_000L;
            while (sessions.programs().stream().noneMatch(p -> p.id().equals(id))) {
                if (System.nanoTime() - deadline > 0) {
                    throw CommandException.failure("bench: program " + id + " was not offered within 10 s of its drop"
                            + framework.runtime().service(ProgramLibrary.class, null).flatMap(library -> library.entries()
                                    .stream().filter(e -> e.id().equals(id) && !e.valid()).findFirst())
                                    .map(e -> ": " + e.errors().get(0)).orElse(""));
                }
                LockSupport.parkNanos(200_000);
            }
            return (System.nanoTime() - start) / 1e6;
        } catch (IOException e) {
            throw CommandException.failure("bench: cannot drop a program file: " + e.getMessage());
        }
    }

    /** Milliseconds from the driver bundle's stop until its device's session is in FAULT. */
    private static double stopDriver(BenchFramework framework, SessionService sessions) throws CommandException,
            InterruptedException {
        Bundle driver = framework.bundle(DRIVER_BUNDLE).orElseThrow(() ->
                CommandException.failure("bench: no bundle " + DRIVER_BUNDLE));
        try {
            framework.awaitDevice(DEVICE);
            SessionInfo started = sessions.start(DEVICE, "sequential", Settings.level(5, 0).withFitCheck(false));
            awaitState(sessions, started.id(), SessionState.RUNNING);
            Thread.sleep(500);
            long start = System.nanoTime();
            driver.stop();
            awaitState(sessions, started.id(), SessionState.FAULT);
            double ms = (System.nanoTime() - start) / 1e6;
            driver.start();
            return ms;
        } catch (SessionException e) {
            throw CommandException.failure("bench: no session on " + DEVICE + ": " + e.getMessage());
        } catch (BundleException e) {
            throw CommandException.failure("bench: cannot stop or start " + DRIVER_BUNDLE + ": " + e.getMessage());
        }
    }

    private static void awaitState(SessionService sessions, String sessionId, SessionState state)
            throws CommandException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            SessionState now = sessions.session(sessionId).map(SessionInfo::state).orElse(null);
            if (now == state) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw CommandException.failure("bench: session " + sessionId + " is " + now + ", not " + state);
            }
            LockSupport.parkNanos(200_000);
        }
    }

    private static String programJson(String id) {
        return """
                {
                  "id": "%s",
                  "name": "Bench drop",
                  "version": "1.0.0",
                  "author": "bootctl bench",
                  "description": "Dropped into the program folder by bootctl bench.",
                  "zones": {"min": 2, "max": 12},
                  "minCycle": 60,
                  "cycle": [
                    {"each": "up", "steps": [{"fill": "zone", "to": "100%%"}]},
                    {"vent": "all", "hold": 3}
                  ]
                }
                """.formatted(id);
    }
}
