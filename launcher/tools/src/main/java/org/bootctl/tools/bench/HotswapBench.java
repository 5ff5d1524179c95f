package org.bootctl.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.runtime.HotDeploy;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * Changes at run time, in real time, in the feature as {@code bootctl run} starts it (web UI,
 * shell and the deploy folder included; any free HTTP port):
 * <ul>
 *   <li>a program bundle ({@link ProgramBundle}) moved into the data folder's {@code deploy/},
 *       timed until the session service offers its program: FileInstall's poll, the install and
 *       start, SCR's activation, the engine picking up the service;</li>
 *   <li>a program file moved into {@code programs/}, timed the same way (the folder watcher);</li>
 *   <li>the simulator's bundle stopped while its device runs a session, timed until that
 *       session is in FAULT.</li>
 * </ul>
 */
final class HotswapBench {

    static final String DEVICE = "hot-1";
    static final String DRIVER_BUNDLE = "org.bootctl.sim";

    /**
     * Medians and maxima over the drops and stops; the bundle figures are NaN where the feature
     * has no deploy folder (then {@code noDeploy} says so).
     */
    record Result(double programMs, double programMaxMs, int drops, double fileMs, double fileMaxMs, int fileDrops,
                  double driverFaultMs, double driverFaultMaxMs, int stops, String noDeploy) {
    }

    private HotswapBench() {
    }

    static Result run(Invocation invocation, int drops, int stops) throws CommandException, InterruptedException {
        Map<String, String> variables = new HashMap<>(Map.of("device", DEVICE, "model", "RB2-L5",
                "virtual-time", "false"));
        Feature plain = invocation.feature();
        if (plain.declares("http-port")) {
            variables.put("http-port", "0");
        }
        if (plain.declares("http-bind")) {
            variables.put("http-bind", "127.0.0.1");
        }
        try (BenchFramework framework = BenchFramework.start(invocation, invocation.feature(variables), false)) {
            SessionService sessions = framework.sessions();
            framework.awaitProgram("sequential");
            Path deploy = framework.data().resolve(HotDeploy.FOLDER);
            List<Double> bundle = new ArrayList<>();
            String noDeploy = Files.isDirectory(deploy) ? null
                    : "feature " + plain.name() + " has no deploy folder (no FileInstall)";
            for (int i = 1; i <= drops && noDeploy == null; i++) {
                bundle.add(dropBundle(framework, sessions, deploy, i));
            }
            List<Double> file = new ArrayList<>();
            for (int i = 1; i <= drops; i++) {
                file.add(dropProgram(framework, sessions, "bench-file-" + i));
            }
            List<Double> fault = new ArrayList<>();
            for (int i = 1; i <= stops; i++) {
                fault.add(stopDriver(framework, sessions));
            }
            return new Result(bundle.isEmpty() ? Double.NaN : Stats.median(bundle),
                    bundle.isEmpty() ? Double.NaN : Stats.max(bundle), bundle.size(), Stats.median(file), Stats.max(file), drops,
                    Stats.median(fault), Stats.max(fault), stops, noDeploy);
        }
    }

    /**
     * Milliseconds from a program bundle's arrival in deploy/ (written beside it, then moved in,
     * as an installer should) until its program can be chosen.
     */
    private static double dropBundle(BenchFramework framework, SessionService sessions, Path deploy, int serial)
            throws CommandException {
        String id = "bench-bundle-" + serial;
        Path staged = framework.data().resolve(id + ".jar.part");
        try {
            ProgramBundle.write(staged, id, serial);
            long start = System.nanoTime();
            Files.move(staged, deploy.resolve(id + ".jar"), StandardCopyOption.ATOMIC_MOVE);
            awaitOffered(sessions, id, start, "bundle");
            return (System.nanoTime() - start) / 1e6;
        } catch (IOException e) {
            throw CommandException.failure("bench: cannot drop a program bundle: " + e.getMessage());
        }
    }

    private static void awaitOffered(SessionService sessions, String id, long start, String what)
            throws CommandException {
        long deadline = start + 10_000_000_000L;
        while (sessions.programs().stream().noneMatch(p -> p.id().equals(id))) {
            if (System.nanoTime() - deadline > 0) {
                throw CommandException.failure("bench: program " + what + " " + id + " was not offered within 10 s"
                        + " of its drop");
            }
            LockSupport.parkNanos(200_000);
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
