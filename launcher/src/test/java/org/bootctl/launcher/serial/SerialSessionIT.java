package org.bootctl.launcher.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bootctl.launcher.testing.BootctlProcess;
import org.bootctl.launcher.testing.Cli;
import org.bootctl.launcher.testing.TestDistribution;
import org.bootctl.testing.SocatPair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whole sessions on serial boots as a person runs them: {@code bootctl emulate} as a process of
 * the distribution on one end of a socat pair, {@code bootctl session --feature rb2|rb1} on the
 * other (in-process), real jSerialComm on both ends, real drivers, engine and programs.
 */
@Tag("realtime")
@Tag("serial")
class SerialSessionIT {

    @TempDir
    Path folder;

    @BeforeEach
    void socat() {
        SocatPair.assumeInstalled();
    }

    private Cli.Result session(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("session", "--data", folder.resolve("data").toString()));
        all.addAll(List.of(args));
        return Cli.run(TestDistribution.real(), all.toArray(String[]::new));
    }

    @ParameterizedTest
    @CsvSource({"RB2-L5, rb2", "RB1-L4, rb1"})
    void aSessionOnAnEmulatedBootCompletes(String model, String feature) throws Exception {
        try (SocatPair cable = new SocatPair(folder).start();
             BootctlProcess emulator = BootctlProcess.emulate(folder, model, cable.device())) {
            Cli.Result result = session("--feature", feature, "--var", "port=" + cable.host(), "--program", "sequential",
                    "--level", "5", "--minutes", "0.1", "--no-fit-check");
            assertEquals(0, result.exitCode(), result + "\n--- emulator:\n" + emulator.output());
            assertTrue(result.out().contains("on " + feature + "-1 (" + model + "): COMPLETED"), result.out());
            assertTrue(peak(result.out(), 1) > 20, "zone 1 was filled through the port: " + result.out());
            assertTrue(emulator.alive(), "the emulator runs on after the host let go");
        }
    }

    /** The peak pressure the summary shows for a zone. */
    private static double peak(String out, int zone) {
        Matcher m = Pattern.compile("peak mmHg per zone:.*?\\b" + zone + " [a-z ]+? ([0-9.]+)").matcher(out);
        assertTrue(m.find(), "no peak for zone " + zone + " in:\n" + out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aFaultOfTheDeviceEndsTheSessionInFaultNamingTheZone() throws Exception {
        try (SocatPair cable = new SocatPair(folder).start();
             BootctlProcess emulator = BootctlProcess.emulate(folder, "RB2-L5", cable.device(), "overpressure:3@6")) {
            Cli.Result result = session("--feature", "rb2", "--var", "port=" + cable.host(), "--program", "sequential",
                    "--level", "5", "--minutes", "1", "--no-fit-check");
            assertEquals(1, result.exitCode(), result + "\n--- emulator:\n" + emulator.output());
            assertTrue(result.out().contains("(RB2-L5): FAULT"), result.out());
            List<String> errors = result.errLines();
            String last = errors.get(errors.size() - 1);
            assertTrue(last.startsWith("bootctl: session ended in FAULT: ")
                    && last.contains("over-pressure in zone 3 (calf, left): "), last);
            emulator.awaitOutput("injecting overpressure:ch2@6", 3000); // zone 3, left: the protocol's channel 2
            emulator.awaitOutput("FAULT OVERPRESSURE on ch2 latched", 3000);
        }
    }

    @Test
    void aPortAnotherEmulatorHoldsCannotBeOpenedAndSaysSo() throws Exception {
        try (SocatPair cable = new SocatPair(folder).start();
             BootctlProcess first = BootctlProcess.emulate(folder, "RB2-L5", cable.device())) {
            Cli.Result second = Cli.run(TestDistribution.real(), "emulate", "RB2-L5", "--port", cable.device());
            assertEquals(1, second.exitCode(), second.toString());
            assertEquals(List.of("bootctl: emulate: the emulator did not get " + cable.device() + " open within 5 s:"
                    + " is another program using it (an emulator already)?"), second.errLines());
            assertTrue(first.alive(), "the first one runs on");
        }
    }

    @Test
    void aWrongModelOnThePortIsAClearErrorNamingPortAndModel() throws Exception {
        try (SocatPair cable = new SocatPair(folder).start();
             BootctlProcess emulator = BootctlProcess.emulate(folder, "RB2-A4", cable.device());
             BootctlProcess session = BootctlProcess.startSmall(folder, "session", "--data", folder.resolve("data").toString(),
                     "--feature", "rb2", "--var", "port=" + cable.host(), "--var", "model=RB2-L5",
                     "--program", "sequential", "--minutes", "1")) {
            assertEquals(1, session.awaitExit(java.time.Duration.ofSeconds(60)), session.output());
            String error = session.awaitOutput("expected RB2-L5", 1000);
            assertTrue(error.contains("port " + cable.host()) && error.contains("the device says RB2-A4"), error);
            assertTrue(session.lines().get(session.lines().size() - 1)
                    .startsWith("bootctl: session: no device appeared within "), session.output());
            assertTrue(emulator.alive());
        }
    }
}
