package org.bootctl.launcher.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bootctl.launcher.testing.BootctlProcess;
import org.bootctl.launcher.testing.Cli;
import org.bootctl.launcher.testing.TestDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bootctl run}: where the web UI listens, what it refuses before anything starts, the
 * ready line with the URL, and the console of {@code --shell}. Refusals run in-process (nothing
 * starts); the controller itself runs as a process of its own, stopped by SIGTERM or the console.
 */
class RunCommandIT {

    static final Duration UP = Duration.ofSeconds(60);
    static final Pattern READY = Pattern.compile(
            "bootctl ready: feature simulator, (\\d+) bundles active, (http://127\\.0\\.0\\.1:(\\d+)/)");

    @TempDir
    Path folder;

    private Cli.Result run(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "run";
        all[1] = "--data";
        all[2] = folder.resolve("data").toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return Cli.run(TestDistribution.real(), all);
    }

    private static void assertRefused(Cli.Result result, int exitCode, String line) {
        assertEquals(exitCode, result.exitCode(), result.toString());
        assertEquals(List.of("bootctl: " + line), result.errLines());
        assertFalse(result.out().contains("ready"), result.toString());
    }

    @Test
    void bindingBeyondThisMachineWithoutATokenIsRefused() {
        String why = "run: listening on %s lets other machines reach the controller, so it needs an access token:"
                + " give one with --token TOKEN, or keep to this machine with --bind 127.0.0.1";
        assertRefused(run("--bind", "0.0.0.0"), 2, why.formatted("0.0.0.0"));
        assertRefused(run("--bind", "192.0.2.77", "--port", "8123"), 2, why.formatted("192.0.2.77"));
        assertRefused(run("--var", "http-bind=::"), 2, why.formatted("::"));
        assertRefused(run("--bind", "0.0.0.0", "--var", "web-token="), 2, why.formatted("0.0.0.0"));
    }

    @Test
    void webOptionsAreCheckedBeforeAnythingStarts() throws Exception {
        assertRefused(run("--port", "70000"), 2, "run: --port must be 0..65535, not 70000");
        assertRefused(run("--port", "http"), 2, "--port takes a whole number, not 'http'");
        assertRefused(run("--bind", " "), 2, "run: --bind needs an address, e.g. 127.0.0.1 or 0.0.0.0");
        assertRefused(run("--token", ""), 2, "run: --token needs a value");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertRefused(run("--port", Integer.toString(port)), 1, "run: port " + port + " on 127.0.0.1 is already"
                    + " in use (another bootctl run?): choose another with --port N");
        }
        Path plain = java.nio.file.Files.writeString(folder.resolve("plain.json"),
                "{ \"id\": \"x:plain:1\", \"bundles\": [] }");
        assertRefused(run("--feature", plain.toString(), "--port", "9000"), 2,
                "--port needs the web UI; feature plain declares no variable \"http-port\"");
        assertRefused(run("--feature", plain.toString(), "--shell"), 2,
                "run: --shell needs a console: feature plain marks no bundle \"console\": true");
    }

    /** Issue 12, finding 7: a token of white space alone (any script's) is refused, never taken as none. */
    @Test
    void aTokenOfWhiteSpaceIsRefusedBeforeAnythingIsBound() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        String p = Integer.toString(port);
        assertRefused(run("--port", p, "--token", "\u2003"), 2,
                "run: --token is only white space, which anyone could send: give an access token of visible characters");
        for (String token : List.of("\u2003", "\u00a0\u2007", " \t ", "\u3000\u202f", "\ufeff")) {
            Cli.Result refused = run("--port", p, "--bind", "0.0.0.0", "--var", "web-token=" + token);
            assertEquals(2, refused.exitCode(), refused.toString());
            assertTrue(refused.err().contains("access token is only white space"), refused.toString());
            assertFalse(refused.out().contains("ready"), refused.toString());
            Cli.Result onLoopback = run("--port", p, "--var", "web-token=" + token);
            assertEquals(2, onLoopback.exitCode(), "on loopback too: " + onLoopback);
        }
        try (ServerSocket stillFree = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, stillFree.getLocalPort(), "nothing was bound meanwhile");
        }
    }

    @Test
    void theReadyLineSaysWhereTheWebUiListensAndSigtermStopsIt() throws Exception {
        try (BootctlProcess bootctl = BootctlProcess.start(folder, "run", "--port", "0", "--data",
                folder.resolve("data").toString())) {
            Matcher ready = READY.matcher(bootctl.awaitLine(l -> l.startsWith("bootctl ready"), UP));
            assertTrue(ready.matches(), bootctl.toString());
            HttpResponse<String> devices = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(ready.group(2) + "api/devices")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, devices.statusCode(), devices.body());
            assertTrue(devices.body().contains("\"sim-1\""), devices.body());

            bootctl.terminate();
            bootctl.awaitExit(UP);
            assertEquals("bootctl stopped", bootctl.out().get(bootctl.out().size() - 1), bootctl.toString());
            assertEquals(List.of(), bootctl.err(), "nothing on stderr: Jetty's and SPI Fly's start-up chatter is off");
        }
    }

    /**
     * The environment's BOOTCTL_WEB_TOKEN (the service passes its settings file's token so, out of
     * the process list) is the web UI's token, as --token is: an admin read needs it, and with it
     * run may listen beyond this machine. One of white space alone is refused like --token's.
     */
    @Test
    void theEnvironmentsTokenGuardsTheWebUiAsTokenDoes() throws Exception {
        String token = "6f1c9a0e-from-the-environment";
        try (BootctlProcess bootctl = BootctlProcess.start(folder, List.of("-Xmx256m"),
                java.util.Map.of("BOOTCTL_WEB_TOKEN", token), "run", "--port", "0", "--bind", "0.0.0.0",
                "--data", folder.resolve("data").toString())) {
            String ready = bootctl.awaitLine(l -> l.startsWith("bootctl ready"), UP);
            Matcher port = Pattern.compile(":(\\d+)/$").matcher(ready); // whichever address the line names
            assertTrue(port.find(), ready);
            URI bundles = URI.create("http://127.0.0.1:" + port.group(1) + "/api/bundles");
            HttpClient client = HttpClient.newHttpClient();
            assertEquals(401, client.send(HttpRequest.newBuilder(bundles).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "an admin read without the token");
            HttpResponse<String> with = client.send(HttpRequest.newBuilder(bundles)
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, with.statusCode(), with.body());
            assertFalse(ProcessHandle.of(bootctl.pid()).flatMap(p -> p.info().arguments())
                    .map(a -> String.join(" ", a)).orElse("").contains(token), "the token is not on the command line");
            bootctl.terminate();
            bootctl.awaitExit(UP);
        }
        try (BootctlProcess blank = BootctlProcess.start(folder, List.of("-Xmx256m"),
                java.util.Map.of("BOOTCTL_WEB_TOKEN", "\u2003"), "run", "--port", "0", "--data",
                folder.resolve("data").toString())) {
            assertEquals("bootctl: run: BOOTCTL_WEB_TOKEN is only white space, which anyone could send: give an"
                    + " access token of visible characters", blank.awaitOutput("BOOTCTL_WEB_TOKEN", UP.toMillis()));
            assertEquals(2, blank.awaitExit(UP), blank.toString());
        }
    }

    /** Typed lines reach the Gogo console; the end of input (Ctrl-D) ends the console and the controller with it. */
    @Test
    void theShellRunsBootCommandsAndItsEndStopsTheController() throws Exception {
        try (BootctlProcess bootctl = BootctlProcess.start(folder, "run", "--shell", "--port", "0", "--data",
                folder.resolve("data").toString())) {
            String ready = bootctl.awaitLine(l -> l.startsWith("bootctl ready"), UP);
            assertTrue(READY.matcher(ready).matches(), ready);
            OutputStream console = bootctl.stdin();
            console.write("boot:devices\nhelp boot:start\n".getBytes(StandardCharsets.UTF_8));
            console.flush();
            bootctl.awaitLine(l -> l.contains("sim-1") && l.contains("RB2-L5") && l.contains("IDLE"), UP);
            bootctl.awaitLine(l -> l.contains("--level") && l.contains("intensity level 1..7"), UP);
            bootctl.awaitLine(l -> l.startsWith("bootctl console: 'boot' lists bootctl's commands"), UP);
            console.write("boot:log 200\n".getBytes(StandardCharsets.UTF_8));
            console.flush();
            bootctl.awaitLine(l -> l.contains("the last ") && l.endsWith("bootctl.log:") || l.contains("nothing logged yet"), UP);
            console.close();
            assertEquals(0, bootctl.awaitExit(UP), bootctl.toString());
            assertEquals("bootctl stopped", bootctl.out().get(bootctl.out().size() - 1), bootctl.toString());
            int readyAt = bootctl.out().indexOf(ready);
            assertTrue(bootctl.out().subList(readyAt, bootctl.out().size()).stream().anyMatch(l -> l.startsWith("g!")),
                    "the prompt follows the ready line:\n" + bootctl);
            // what the libraries log (JLine's dumb-terminal warning here) is kept out of the console
            assertTrue(bootctl.err().stream().noneMatch(l -> l.contains("WARNING") || l.contains("INFO")),
                    "no log lines in the console:\n" + bootctl);
            List<String> out = bootctl.out();
            int asked = out.indexOf(out.stream().filter(l -> l.contains("bootctl.log:") || l.contains("nothing logged yet"))
                    .findFirst().orElseThrow());
            assertTrue(out.subList(0, asked).stream().noneMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:.*(WARNING|INFO).*")),
                    "no log lines in the console until boot:log shows them:\n" + bootctl);
        }
    }
}
