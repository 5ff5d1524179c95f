package org.bootctl.tools.emulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bootctl.launcher.testing.BootctlProcess;
import org.bootctl.launcher.testing.Cli;
import org.bootctl.launcher.testing.TestDistribution;
import org.bootctl.testing.SocatPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bootctl emulate}: what it refuses before anything runs, a bad fault named by the
 * emulator itself, and a help text that lists the fault kinds the emulators really know. (Runs
 * on serial ports: org.bootctl.launcher.serial.)
 */
class EmulateCommandIT {

    @TempDir
    Path folder;

    private Cli.Result emulate(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "emulate";
        all[1] = "--data";
        all[2] = folder.resolve("data").toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return Cli.run(TestDistribution.real(), all);
    }

    @Test
    void anUnknownModelOrAMissingPortIsAUsageError() {
        Cli.Result model = emulate("RB3-L5", "--port", "/dev/null");
        assertEquals(2, model.exitCode(), model.toString());
        assertEquals(List.of("bootctl: emulate: unknown model 'RB3-L5' (models: RB2-L5, RB2-A4, RB2-M8, RB1-L4)"
                + " (did you mean RB2-L5?)"), model.errLines());
        Cli.Result port = emulate("RB2-L5");
        assertEquals(2, port.exitCode(), port.toString());
        assertEquals(List.of("bootctl: emulate: missing --port PATH; see bootctl emulate --help"), port.errLines());
    }

    @Test
    void aPortThatIsNoneIsOneClearLine() throws Exception {
        Cli.Result missing = emulate("RB1-L4", "--port", folder.resolve("a").toString());
        assertEquals(2, missing.exitCode(), missing.toString());
        assertEquals(1, missing.errLines().size(), missing.toString());
        assertTrue(missing.err().startsWith("bootctl: emulate: no port " + folder.resolve("a") + ": ")
                && missing.err().contains("socat -d -d pty,raw,echo=0,link=" + folder.resolve("a")), missing.err());

        Path file = Files.writeString(folder.resolve("file"), "x");
        Cli.Result regular = emulate("RB2-L5", "--port", file.toString());
        assertEquals(2, regular.exitCode(), regular.toString());
        assertEquals(List.of("bootctl: emulate: " + file + " is a regular file, not a serial port"), regular.errLines());
    }

    @Test
    void aBadFaultFailsTheEmulatorsActivationWhichNamesIt() {
        // /dev/null passes for a port until the emulator tries it: the fault is refused before
        Cli.Result rb2 = emulate("RB2-A4", "--port", "/dev/null", "--fault", "reset@60", "--fault", "overpressure:5@1");
        assertEquals(2, rb2.exitCode(), rb2.toString());
        assertTrue(rb2.err().contains("bad emulator fault 'overpressure:5@1': zone 5 does not exist on RB2-A4"),
                rb2.err());
        Cli.Result rb1 = emulate("RB1-L4", "--port", "/dev/null", "--fault", "garbage@1/0");
        assertEquals(2, rb1.exitCode(), rb1.toString());
        assertTrue(rb1.err().contains("bad RB1 emulator fault 'garbage@1/0'"), rb1.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void sigtermOrCtrlCStopsItWithExitCode0AsItsHelpSays(String signal) throws Exception {
        SocatPair.assumeInstalled();
        try (SocatPair cable = new SocatPair(folder).start();
             BootctlProcess emulator = BootctlProcess.emulate(folder, "RB2-L5", cable.device())) {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(emulator.pid())).start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal);
            assertEquals(0, emulator.awaitExit(Duration.ofSeconds(30)), emulator.toString());
            assertTrue(emulator.out().contains("bootctl emulate: stopped"), emulator.toString());
        }
    }

    @Test
    void helpListsTheFaultKindsTheEmulatorsKnow() throws Exception {
        assertEquals(kinds("org.bootctl.driver.rb2.emulator", "org.bootctl.driver.rb2.emulator.EmulatorFault", "knownKinds"),
                String.join(", ", EmulateCommand.RB2_FAULTS));
        assertEquals(kinds("org.bootctl.driver.rb1.emulator", "org.bootctl.driver.rb1.emulator.EmulatorFault", "grammar"),
                String.join(", ", EmulateCommand.RB1_FAULTS));
        Cli.Result help = emulate("--help");
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.out().startsWith("usage: bootctl emulate MODEL --port PATH [OPTIONS]"), help.out());
        for (String spec : EmulateCommand.RB2_FAULTS) {
            assertTrue(help.out().contains(spec), spec + " in:\n" + help.out());
        }
        for (String spec : EmulateCommand.RB1_FAULTS) {
            assertTrue(help.out().contains(spec), spec + " in:\n" + help.out());
        }
    }

    /**
     * What an emulator bundle's own fault parser says it knows, from the jar the distribution ships
     * (its classes are private to the bundle: read here through a class loader of its own).
     */
    private static String kinds(String bundle, String className, String method) throws Exception {
        Path jar = TestDistribution.real().bundles().resolve(Path.of("org", "bootctl", bundle, "0.1.0",
                bundle + "-0.1.0.jar"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                EmulateCommandIT.class.getClassLoader())) {
            Method kinds = loader.loadClass(className).getDeclaredMethod(method);
            kinds.setAccessible(true);
            return (String) kinds.invoke(null);
        }
    }
}
