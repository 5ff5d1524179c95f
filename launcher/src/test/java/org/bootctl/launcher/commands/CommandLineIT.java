package org.bootctl.launcher.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bootctl.launcher.cli.Help;
import org.bootctl.launcher.testing.BootctlProcess;
import org.bootctl.launcher.testing.Cli;
import org.bootctl.launcher.testing.TestDistribution;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15's rough edges of the command line: run's options without its name, --version, the
 * words of refused settings, --minutes 0 on a virtual clock, run's help, and a session stopped
 * by Ctrl-C or SIGTERM (vented, the whole summary, exit 1).
 */
@Tag("realtime")
class CommandLineIT {

    static final Duration UP = Duration.ofSeconds(60);

    @TempDir
    Path folder;

    private static Cli.Result bootctl(String... args) {
        return Cli.run(TestDistribution.real(), args);
    }

    @Test
    void versionPrintsTheVersion() {
        for (String option : List.of("--version", "-V")) {
            Cli.Result result = bootctl(option);
            assertEquals(0, result.exitCode(), result.toString());
            assertEquals("bootctl " + Help.version(), result.out().strip());
        }
        assertTrue(bootctl("--help").out().contains("bootctl --version"), "the overview mentions it");
    }

    @Test
    void runsOptionsWorkWithoutItsName() throws Exception {
        try (BootctlProcess bootctl = BootctlProcess.start(folder, "--port", "0", "--data", folder.resolve("data").toString())) {
            String ready = bootctl.awaitLine(l -> l.startsWith("bootctl ready"), UP);
            assertTrue(ready.matches("bootctl ready: feature simulator, \\d+ bundles active, http://127\\.0\\.0\\.1:\\d+/"), ready);
            bootctl.terminate();
            bootctl.awaitExit(UP);
        }
        Cli.Result misspelt = bootctl("--prot", "8081");
        assertEquals(2, misspelt.exitCode());
        assertTrue(misspelt.err().contains("unknown option --prot"), misspelt.err());
    }

    @Test
    void refusedSettingsAreSaidAlikeWithTheNumbersAsTyped() {
        for (String level : List.of("0", "-2", "8")) {
            Cli.Result result = bootctl("session", "--program", "sequential", "--level", level, "--virtual-time");
            assertEquals(2, result.exitCode(), result.toString());
            assertEquals("bootctl: session: --level must be 1..7, not " + level, result.err().strip());
        }
        Cli.Result minutes = bootctl("session", "--program", "sequential", "--minutes", "-1", "--virtual-time");
        assertEquals(2, minutes.exitCode(), minutes.toString());
        assertTrue(minutes.err().strip().startsWith("bootctl: session: --minutes must be ")
                && minutes.err().strip().endsWith(", not -1"), minutes.err());
        Cli.Result pressure = bootctl("session", "--program", "sequential", "--pressure", "5", "--virtual-time");
        assertTrue(pressure.err().strip().endsWith("mmHg, not 5"), pressure.err());
    }

    @Test
    void minutesZeroIsRefusedOnAVirtualClock() {
        Cli.Result result = bootctl("session", "--program", "sequential", "--minutes", "0", "--virtual-time");
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("--minutes 0 runs until stopped") && result.err().contains("--virtual-time"),
                result.err());
        assertFalse(result.out().contains("COMPLETED"), result.toString());
    }

    @Test
    void runsHelpClaimsNoBundleCountItCannotKnow() {
        String help = bootctl("run", "--help").out();
        assertTrue(help.contains("N bundles active") && !help.matches("(?s).*\\b\\d+ bundles active.*"), help);
        assertTrue(help.contains("bootctl --port 8081"), help);
    }

    /** Ctrl-C (SIGINT) and SIGTERM alike: the session stops vented, the summary is whole, exit 1. */
    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalStopsTheSessionWithTheWholeSummary(String signal) throws Exception {
        Path trace = folder.resolve("t.csv");
        // on the simulator's clock (two hours of it take a while even so): a loaded build machine cannot
        // starve the real-time loop into a stale-telemetry fault before the signal comes
        try (BootctlProcess session = BootctlProcess.start(folder, "session", "--program", "sequential", "--level", "2",
                "--minutes", "120", "--virtual-time", "--no-fit-check", "--data", folder.resolve("data").toString(),
                "--trace", trace.toString())) {
            session.awaitLine(l -> l.startsWith("RUNNING"), UP);
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(session.pid())).start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0);
            assertEquals(1, session.awaitExit(UP), "a stopped session exits 1, as documented:\n" + session);
            String out = String.join("\n", session.out());
            assertTrue(out.contains(": STOPPED"), out);
            assertTrue(out.contains("  peak mmHg per zone: "), "the peaks:\n" + out);
            assertTrue(out.contains("  trace: " ) && !out.contains("trace: none kept"), "the trace:\n" + out);
            assertTrue(Files.size(trace) > 0, "the trace copied to " + trace);
            assertTrue(lastRowVented(trace), "the trace ends vented");
            assertTrue(session.err().stream().anyMatch(l -> l.contains("stopping session")), session.toString());
        }
    }

    /**
     * A bad simulated fault in the controller: the health check's one line names the spec and
     * what is wrong, and no SCR stack trace comes with it; the unknown word's line lists the kinds.
     */
    @ParameterizedTest
    @ValueSource(strings = {"leak:99", "nonsense"})
    void aBadSimulatedFaultIsOneLineAndNoStackTrace(String spec) throws Exception {
        try (BootctlProcess bootctl = BootctlProcess.start(folder, "run", "--port", "0", "--data",
                folder.resolve("data").toString(), "--var", "sim-faults=" + spec)) {
            bootctl.awaitOutput("bootctl: not ready", UP.toMillis());
            String named = bootctl.awaitOutput("simulated fault '" + spec + "'", UP.toMillis());
            assertTrue(named.startsWith("bootctl: component org.bootctl.sim.SimulatorComponent (bundle org.bootctl.sim)"
                    + " failed to activate: "), named);
            assertTrue(spec.equals("nonsense") ? named.endsWith("known kinds are leak:Z, disconnected:Z, stuck-fill:Z@S,"
                    + " sensor-stuck:Z@S, sensor-dropout@S, pump-failure@S, stall@S")
                    : named.endsWith("zone 99 does not exist on RB2-L5 (zones 1..5)"), named);
            bootctl.terminate();
            bootctl.awaitExit(UP);
            assertTrue(bootctl.lines().stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("has thrown an exception")
                    || l.startsWith("java.lang.")), "no stack trace:\n" + bootctl);
            assertEquals(1, bootctl.lines().stream().filter(l -> l.contains("'" + spec + "'")).count(), bootctl.toString());
        }
    }

    /** The last row of a trace: STOPPED, every pressure low. */
    private static boolean lastRowVented(Path trace) throws IOException {
        List<String> lines = Files.readAllLines(trace);
        String[] header = lines.get(0).split(",");
        String[] last = lines.get(lines.size() - 1).split(",", -1);
        boolean stopped = String.join(",", last).contains("STOPPED");
        for (int i = 0; i < header.length; i++) {
            if (header[i].endsWith("_p") && !last[i].isEmpty() && Double.parseDouble(last[i]) > 15) {
                return false;
            }
        }
        return stopped;
    }
}
