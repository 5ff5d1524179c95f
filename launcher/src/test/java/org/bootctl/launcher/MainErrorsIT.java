package org.bootctl.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.bootctl.launcher.testing.Cli;
import org.bootctl.launcher.testing.TestDistribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of mistake a person can make on the command line or in a feature file: one line
 * on stderr naming the file and the problem, exit code 2, no stack trace, and the framework
 * never started.
 */
class MainErrorsIT {

    @TempDir
    static Path folder;
    static TestDistribution distribution;
    static String data;

    @BeforeAll
    static void distribution() throws Exception {
        distribution = TestDistribution.scratch(folder.resolve("dist")).withRealBundle(TestDistribution.SCR);
        data = folder.resolve("data").toString();
        distribution.feature("plain", """
                { "id": "org.bootctl.test:plain:1", "variables": { "port": "/dev/ttyUSB0" },
                  "bundles": [ { "id": "%s", "start-order": 1 } ] }
                """.formatted(TestDistribution.SCR));
        distribution.feature("broken-json", """
                { "id": "org.bootctl.test:broken:1",
                  "bundles": [ { "id": "%s" } ]
                """.formatted(TestDistribution.SCR));
        distribution.feature("missing-bundle", """
                { "id": "org.bootctl.test:missing:1", "bundles": [ "org.example:missing:1.0" ] }
                """);
        distribution.feature("undefined-variable", """
                { "id": "org.bootctl.test:undefined:1", "variables": { "model": "RB2-L5" },
                  "bundles": [],
                  "configurations": { "org.bootctl.sim.device~1": { "model": "${modle}" } } }
                """);
        distribution.feature("typo", """
                { "id": "org.bootctl.test:typo:1", "bundle": [] }
                """);
    }

    /** Exit 2, exactly one line on stderr that says all of {@code words}, and no trace of an exception. */
    private static void assertOneLine(Cli.Result result, String... words) {
        assertEquals(2, result.exitCode(), result.toString());
        List<String> lines = result.errLines();
        assertEquals(1, lines.size(), "one line on stderr:\n" + result);
        String line = lines.get(0);
        assertTrue(line.startsWith("bootctl: "), line);
        for (String word : words) {
            assertTrue(line.contains(word), "'" + word + "' in: " + line);
        }
        assertFalse(result.err().contains("Exception") || result.err().contains("\tat "), result.toString());
        assertFalse(result.out().contains("bootctl ready"), result.toString());
    }

    private static Cli.Result bootctl(String... args) {
        return Cli.run(distribution.distribution(), args);
    }

    @Test
    void anUnknownCommandSuggestsTheClosest() {
        assertOneLine(bootctl("nope"), "unknown command 'nope'", "bootctl --help");
        assertOneLine(bootctl("sesion"), "unknown command 'sesion'", "did you mean session?");
    }

    @Test
    void anUnknownOptionSuggestsTheClosest() {
        assertOneLine(bootctl("session", "--program", "x", "--levle", "3"), "unknown option --levle",
                "did you mean --level?", "bootctl session --help");
        assertOneLine(bootctl("--dta", "x", "run"), "unknown option --dta", "did you mean --data?");
        assertOneLine(bootctl("run", "-x"), "unknown option -x");
    }

    @Test
    void aMissingValueOrOperandOrRequiredOptionIsNamed() {
        assertOneLine(bootctl("run", "--data"), "option --data DIR needs a value");
        assertOneLine(bootctl("--data", "", "run"), "option --data DIR needs a folder, not an empty value");
        assertOneLine(bootctl("session", "--level", "3"), "missing --program ID|FILE");
        assertOneLine(bootctl("run", "extra"), "unexpected argument 'extra'");
        assertOneLine(bootctl("session", "--program", "a", "--program", "b"), "--program is given twice");
        assertOneLine(bootctl("run", "--no-such=1"), "unknown option --no-such");
    }

    @Test
    void aFeatureThatDoesNotExistIsNamedWithTheFeaturesThereAre() {
        assertOneLine(bootctl("run", "--data", data, "--feature", "nope"), "no feature \"nope\"", "nope.json",
                "features: broken-json, missing-bundle, plain, typo, undefined-variable");
        assertOneLine(bootctl("run", "--data", data, "--feature", "plian"), "did you mean plain?");
        assertOneLine(bootctl("run", "--data", data, "--feature", folder.resolve("elsewhere.json").toString()),
                "elsewhere.json: no such feature file");
    }

    @Test
    void aFeatureFileThatIsNotValidJsonIsNamedWithWhere() {
        assertOneLine(bootctl("run", "--data", data, "--feature", "broken-json"), "broken-json.json: not valid JSON",
                "line");
    }

    @Test
    void aBundleThatIsNotInTheDistributionIsNamed() {
        assertOneLine(bootctl("run", "--data", data, "--feature", "missing-bundle"), "missing-bundle.json: bundle"
                + " org.example:missing:1.0 is not in the distribution (", "bundles)");
    }

    @Test
    void anUndefinedVariableIsNamedWithTheClosestDeclaredOne() {
        assertOneLine(bootctl("run", "--data", data, "--feature", "undefined-variable"),
                "undefined-variable.json: configuration org.bootctl.sim.device~1, property model: undefined variable"
                        + " ${modle} (did you mean ${model}?)");
    }

    @Test
    void aVariableTheFeatureDoesNotDeclareIsRefused() {
        assertOneLine(bootctl("run", "--data", data, "--feature", "plain", "--var", "prot=/dev/ttyS0"),
                "plain.json: --var prot: the feature declares no variable \"prot\"", "did you mean port?");
        assertOneLine(bootctl("run", "--data", data, "--feature", "plain", "--var", "port"), "--var takes NAME=VALUE");
    }

    @Test
    void anUnknownTopLevelKeySuggestsTheRightOne() {
        assertOneLine(bootctl("run", "--data", data, "--feature", "typo"), "typo.json: unknown key \"bundle\"",
                "did you mean bundles?");
    }

    @Test
    void simulatorOptionsNeedAFeatureWithASimulatedDevice() {
        assertOneLine(bootctl("session", "--data", data, "--feature", "plain", "--program", "sequential",
                "--sim-fault", "leak:3"), "--sim-fault needs the simulator; feature plain has no simulated device");
        assertOneLine(bootctl("session", "--data", data, "--feature", "plain", "--program", "sequential",
                "--model", "RB2-M8"), "--model needs the simulator");
        assertOneLine(bootctl("session", "--data", data, "--feature", "plain", "--program", "sequential",
                "--virtual-time"), "--virtual-time needs the simulator");
    }

    @Test
    void sessionSettingsOutOfRangeAreRefusedBeforeAnythingStarts() {
        assertOneLine(bootctl("session", "--program", "sequential", "--level", "9"), "level must be 1..7, not 9");
        assertOneLine(bootctl("session", "--program", "sequential", "--level", "3", "--pressure", "50"),
                "give --level or --pressure, not both");
        assertOneLine(bootctl("session", "--program", "sequential", "--pressure", "200"), "pressure must be 10..120");
        assertOneLine(bootctl("session", "--program", "sequential", "--minutes", "ten"),
                "--minutes takes a number, not 'ten'");
        assertOneLine(bootctl("session", "--program", "sequential", "--boost", "1,x"), "--boost takes whole numbers");
        // the models are what the feature's drivers and deploy/ describe: checked in the real distribution's simulator
        assertOneLine(Cli.run(TestDistribution.real(), "session", "--program", "sequential", "--model", "RB9",
                "--data", data), "unknown model 'RB9'",
                "RB2-L5, RB2-A4, RB2-M8, RB1-L4");
        assertOneLine(bootctl("session", "--program", folder.resolve("none.json").toString()),
                "program file", "none.json does not exist");
        assertOneLine(bootctl("session", "--program", "/dev/zero"), "program file /dev/zero is not a regular file");
        assertOneLine(bootctl("session", "--program", folder.toString() + "/"), "is a folder");
    }

    @Test
    void aTracePlaceThatCannotBeWrittenIsRefusedBeforeTheSessionRuns() throws Exception {
        // found out only at the end, it cost the whole session's summary (exit 1 after the session)
        Path folderTarget = java.nio.file.Files.createDirectories(folder.resolve("traces-here"));
        assertOneLine(bootctl("session", "--data", data, "--program", "sequential", "--trace", folderTarget.toString()),
                "cannot write the trace to " + folderTarget, "it is a folder");
        Path file = java.nio.file.Files.writeString(folder.resolve("a-file"), "x");
        assertOneLine(bootctl("session", "--data", data, "--program", "sequential", "--trace",
                file.resolve("t.csv").toString()), "cannot write the trace to", "a file of that name is in the way");
        assertOneLine(bootctl("session", "--data", data, "--program", "sequential", "--trace", "/dev/null"),
                "cannot write the trace to /dev/null", "not a regular file");
        assertTrue(java.nio.file.Files.isDirectory(folderTarget), "the folder is left as it was");
    }

    @Test
    void helpListsEveryCommandAndExplainsEveryOption() {
        Cli.Result overview = bootctl("--help");
        assertEquals(0, overview.exitCode(), overview.toString());
        for (var command : org.bootctl.launcher.cli.Commands.standard(TestDistribution.real().tools()).all()) {
            assertTrue(overview.out().contains("  " + command.name() + " "), command.name() + " in:\n" + overview.out());
            assertTrue(overview.out().contains(command.summary()), overview.out());
            Cli.Result help = bootctl(command.name(), "--help");
            assertEquals(0, help.exitCode(), help.toString());
            assertEquals("", help.err());
            for (var option : org.bootctl.launcher.cli.ArgParser.specs(command).values()) {
                assertTrue(help.out().contains(option.synopsis()) && help.out().contains(option.help()),
                        option.synopsis() + " explained in:\n" + help.out());
            }
            assertEquals(help.out(), bootctl("help", command.name()).out());
        }
        assertTrue(overview.out().contains("features: broken-json, missing-bundle, plain"), overview.out());
        assertEquals(overview.out(), bootctl("help").out());
        assertEquals(overview.out(), bootctl("-h").out());
    }

    @Test
    void helpWinsOverMissingOptions() {
        Cli.Result help = bootctl("session", "--help");
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.out().startsWith("usage: bootctl session --program ID|FILE [OPTIONS]"), help.out());
        assertTrue(help.out().contains("(default 3)"), "the default level is documented:\n" + help.out());
    }
}
