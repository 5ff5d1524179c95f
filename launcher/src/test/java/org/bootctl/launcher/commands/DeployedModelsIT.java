package org.bootctl.launcher.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bootctl.launcher.testbundles.AcmeBundle;
import org.bootctl.launcher.testbundles.HangingActivator;
import org.bootctl.launcher.testbundles.NeverCompilingProgram;
import org.bootctl.launcher.testing.Cli;
import org.bootctl.launcher.testing.TestBundles;
import org.bootctl.launcher.testing.TestDistribution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headless commands see the data folder's {@code deploy/} as {@code run} does (issue 13): a driver
 * bundle there brings its model to {@code programs}, {@code validate}, {@code plot} and
 * {@code session} exactly as a built-in one; a program bundle there is listed and runs; the deploy
 * allow-list applies; and the listing commands configure no driver, so none opens a port. Real
 * Felix, real bundles of the distribution; the driver bundle is built here.
 */
class DeployedModelsIT {

    @TempDir
    Path folder;
    Path data;
    Path deploy;

    @BeforeEach
    void data() throws Exception {
        data = Files.createDirectories(folder.resolve("data"));
        deploy = Files.createDirectories(data.resolve("deploy"));
    }

    private Cli.Result bootctl(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data";
        all[args.length + 1] = data.toString();
        return Cli.run(TestDistribution.real(), all);
    }

    private static List<String> row(Cli.Result result, String id) {
        return result.out().lines().filter(l -> l.startsWith(id + " ")).findFirst()
                .map(l -> List.of(l.split(" {2,}")))
                .orElseThrow(() -> new AssertionError("no row for " + id + " in:\n" + result));
    }

    @Test
    @Timeout(120) // without the bound the command never ends
    void aDeployedBundleWhoseStartNeverReturnsIsLeftBehindAndTheCommandGoesOn() throws Exception {
        // first in name order: the jars after it still start
        TestBundles.bundle("org.example.hang").activator(HangingActivator.class).writeTo(deploy.resolve("a-hang.jar"));
        AcmeBundle.writeTo(deploy.resolve("acme.jar"));

        Cli.Result programs = bootctl("programs", "--model", AcmeBundle.MODEL);
        assertEquals(0, programs.exitCode(), programs.toString());
        assertTrue(programs.err().contains("bootctl deploy: deploy/a-hang.jar did not start within 10 s (its activator does not"
                + " return); the command goes on without it"), programs.toString());
        assertEquals("yes", row(programs, "sequential").get(5), "the driver deployed after it started");
    }

    @Test
    void aModelThatADeployedDriverDescribesIsAcceptedByEveryHeadlessCommand() throws Exception {
        Cli.Result unknown = bootctl("programs", "--model", AcmeBundle.MODEL);
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().startsWith("bootctl: programs: unknown model 'ACME-X6' (models: RB2-L5, RB2-A4,"
                + " RB2-M8, RB1-L4)"), unknown.toString());

        AcmeBundle.writeTo(deploy.resolve("acme.jar"));

        Cli.Result programs = bootctl("programs", "--model", "acme-x6");
        assertEquals(0, programs.exitCode(), programs.toString());
        assertEquals(List.of("ID", "NAME", "VERSION", "ZONES", "SOURCE", "ON ACME-X6", "STATUS"),
                List.of(programs.out().lines().findFirst().orElseThrow().split(" {2,}")));
        assertEquals("yes", row(programs, "sequential").get(5));

        Path small = Files.writeString(folder.resolve("small.json"), ProgramCommandsIT.SMALL);
        Cli.Result validate = bootctl("validate", small.toString(), "--model", AcmeBundle.MODEL);
        assertEquals(2, validate.exitCode(), validate.toString());
        assertEquals(List.of(small + ": $.zones: the program runs on garments of 2 to 4 zones; this one has 6 (line 2)"),
                validate.errLines(), "checked against the described garment of 6 zones");

        Path svg = folder.resolve("x6.svg");
        Cli.Result plot = bootctl("plot", "sequential", "--model", AcmeBundle.MODEL, "--out", svg.toString());
        assertEquals(0, plot.exitCode(), plot.toString());
        String chart = Files.readString(svg);
        assertTrue(chart.contains("Sequential on ACME-X6"), chart);
        assertTrue(chart.contains("upper thigh"), "the described zone names label the lanes");

        Cli.Result session = bootctl("session", "--program", "sequential", "--model", AcmeBundle.MODEL,
                "--minutes", "1", "--virtual-time", "--no-fit-check");
        assertEquals(0, session.exitCode(), session.toString());
        String history = Files.readString(data.resolve("history.jsonl"));
        assertTrue(history.contains("\"model\":\"ACME-X6\""), history);
    }

    @Test
    void aProgramBundleInDeployIsListedAndRunsHeadless() throws Exception {
        Path example = Path.of(System.getProperty("bootctl.test.bundles", "target/test-bundles"),
                "org.bootctl.example.program.jar");
        Files.copy(example, deploy.resolve("ripple.jar"));

        Cli.Result programs = bootctl("programs");
        assertEquals(0, programs.exitCode(), programs.toString());
        assertEquals("Example ripple", row(programs, "example-ripple").get(1));

        Cli.Result session = bootctl("session", "--program", "example-ripple", "--minutes", "1", "--virtual-time");
        assertEquals(0, session.exitCode(), session.toString());
    }

    @Test
    void theAllowListKeepsARefusedBundleOutOfHeadlessCommands() throws Exception {
        AcmeBundle.writeTo(deploy.resolve("acme.jar"));
        Cli.Result refused = bootctl("programs", "--model", AcmeBundle.MODEL, "--var", "deploy-allow=org.example.*");
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("unknown model 'ACME-X6'"), refused.toString());

        Cli.Result allowed = bootctl("programs", "--model", AcmeBundle.MODEL, "--var", "deploy-allow=com.acme.*");
        assertEquals(0, allowed.exitCode(), allowed.toString());
    }

    @Test
    void listingCommandsConfigureNoDriverWhileASessionConfiguresItsFeaturesOwn() throws Exception {
        AcmeBundle.writeTo(deploy.resolve("acme.jar"));
        Path marker = folder.resolve("port-opened");
        String simulator = Files.readString(TestDistribution.real().features().resolve("simulator.json"));
        String withPort = simulator.replace("\"configurations\": {", "\"configurations\": {\n    \""
                + AcmeBundle.PORT_PID + "~1\": { \"port\": \"/dev/ttyACME0\", \"marker\": \""
                + marker.toString().replace("\\", "\\\\") + "\" },");
        assertFalse(withPort.equals(simulator));
        Path feature = Files.writeString(folder.resolve("acme-port.json"), withPort);

        Path small = Files.writeString(folder.resolve("small.json"), ProgramCommandsIT.SMALL);
        for (Cli.Result result : List.of(
                bootctl("programs", "--feature", feature.toString(), "--model", AcmeBundle.MODEL),
                bootctl("validate", small.toString(), "--feature", feature.toString(), "--model", AcmeBundle.MODEL),
                bootctl("plot", "sequential", "--feature", feature.toString(), "--model", AcmeBundle.MODEL,
                        "--out", folder.resolve("p.svg").toString()))) {
            assertTrue(result.exitCode() == 0 || result.err().contains("this one has 6"), result.toString());
        }
        assertFalse(Files.exists(marker), "a listing command configured the deployed driver with a port");

        // the test can fail: a session runs its feature's devices, and the same configuration reaches the driver
        Cli.Result session = bootctl("session", "--feature", feature.toString(), "--program", "sequential",
                "--minutes", "0.5", "--virtual-time", "--no-fit-check");
        assertEquals(0, session.exitCode(), session.toString());
        assertEquals("/dev/ttyACME0", Files.readString(marker));
    }

    @Test
    @Timeout(120) // without the bound the command never ends
    void plotOfAProgramWhoseCompileNeverReturnsEndsNamingIt() throws Exception {
        TestBundles.bundle("org.example.never").header("Import-Package", "org.bootctl.api.program")
                .component(NeverCompilingProgram.class, "immediate=\"true\"",
                        "<service><provide interface=\"org.bootctl.api.program.Program\"/></service>")
                .writeTo(deploy.resolve("never.jar"));
        Cli.Result plot = bootctl("plot", "never-compiles", "--model", "RB2-L5", "--out", folder.resolve("n.svg").toString());
        assertEquals(1, plot.exitCode(), plot.toString());
        assertEquals(List.of("bootctl: plot: program 'never-compiles' did not make a plan within 10 s (its compile does not"
                + " return; a session refuses it too)"), plot.errLines());
        assertTrue(!Files.exists(folder.resolve("n.svg")));
    }

    @Test
    void plotTakesAPressureAsSessionDoes() throws Exception {
        Path svg = folder.resolve("p120.svg");
        Cli.Result plot = bootctl("plot", "sequential", "--model", "RB2-L5", "--pressure", "120", "--out", svg.toString());
        assertEquals(0, plot.exitCode(), plot.toString());
        assertTrue(Files.readString(svg).contains("cap 120 mmHg"), "drawn at 120, not capped at level 7's 110");

        Cli.Result both = bootctl("plot", "sequential", "--model", "RB2-L5", "--pressure", "120", "--level", "3");
        assertEquals(2, both.exitCode(), both.toString());
        assertEquals(List.of("bootctl: plot: give --level or --pressure, not both"), both.errLines());
    }
}
