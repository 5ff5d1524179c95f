package org.bootctl.launcher.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bootctl.launcher.cli.ArgParser;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.Commands;
import org.bootctl.launcher.cli.Invocation;
import org.bootctl.launcher.testing.TestDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web token of run and hub: --token, else --var web-token=, else the environment's
 * BOOTCTL_WEB_TOKEN, which the service fills from its settings file so that the token stays out
 * of the process list (other local users can read a command line, not an environment).
 */
class AccessTokenTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("BOOTCTL_WEB_TOKEN", " from-the-environment ");

    @TempDir
    Path folder;

    private static Optional<String> given(Map<String, String> environment, String... args) throws Exception {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        Invocation invocation = new Invocation(ArgParser.parse(new RunCommand(), List.of(args)), sink, sink, false,
                TestDistribution.real(), Commands.standard(TestDistribution.real().tools()));
        return AccessToken.given(invocation, "run", environment);
    }

    @Test
    void theEnvironmentGivesTheTokenWhenNeitherTheOptionNorTheVariableDoes() throws Exception {
        assertEquals(Optional.of("from-the-environment"), given(ENVIRONMENT));
        assertEquals(Optional.of("typed"), given(ENVIRONMENT, "--token", "typed"));
        assertEquals(Optional.empty(), given(ENVIRONMENT, "--var", "web-token=set"), "the variable goes as it is");
        assertEquals(Optional.empty(), given(Map.of()));
        assertEquals(Optional.empty(), given(Map.of("BOOTCTL_WEB_TOKEN", "")), "an empty one is none");
    }

    @Test
    void aTokenOfWhiteSpaceIsRefusedNamingWhereItCameFrom() {
        CommandException blank = assertThrows(CommandException.class,
                () -> given(Map.of("BOOTCTL_WEB_TOKEN", "\u2003")));
        assertEquals("run: BOOTCTL_WEB_TOKEN is only white space, which anyone could send: give an access token of"
                + " visible characters", blank.getMessage());
        assertEquals("run: --token needs a value", assertThrows(CommandException.class,
                () -> given(ENVIRONMENT, "--token", "")).getMessage());
    }

    /** The service script hands bootctl the settings file's web token in its environment, not as an argument. */
    @Test
    void theServiceScriptPassesTheWebTokenInTheEnvironment() throws Exception {
        Path bin = Files.createDirectories(folder.resolve("bin"));
        Path script = Files.copy(Path.of("src/dist/bin/bootctl-service"), bin.resolve("bootctl-service"));
        Path fake = Files.writeString(bin.resolve("bootctl"), """
                #!/bin/sh
                echo "args: $*"
                echo "token: $BOOTCTL_WEB_TOKEN"
                """);
        for (Path file : List.of(script, fake)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path settings = Files.writeString(folder.resolve("bootctl.conf"),
                "feature=simulator\nhttp-bind=0.0.0.0\nweb-token=6f1c9a0e secret\n");
        Process service = new ProcessBuilder(script.toString(), settings.toString(), "run").redirectErrorStream(true)
                .start();
        if (!service.waitFor(30, TimeUnit.SECONDS)) {
            service.destroyForcibly();
            throw new AssertionError("bootctl-service did not end within 30 s");
        }
        String output = new String(service.getInputStream().readAllBytes());
        assertEquals("args: run --feature simulator --var http-bind=0.0.0.0\ntoken: 6f1c9a0e secret\n", output);
    }
}
