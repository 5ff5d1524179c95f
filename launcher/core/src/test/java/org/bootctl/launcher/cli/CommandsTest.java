package org.bootctl.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's own commands and the tools of tools/: a tool is read from its jar's services
 * file, listed in its place, and only when asked for; without tools/ a tool's name says so.
 * (The tools' classes are not on this module's class path: nothing here finds them by accident.)
 */
class CommandsTest {

    @TempDir
    Path folder;

    /** A tool command as a tools/ jar names it: its class is on this test's class path, its services file only in the jar. */
    public static final class Chart implements Command {
        @Override
        public String name() {
            return "chart";
        }

        @Override
        public String summary() {
            return "a tool from tools/";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of();
        }

        @Override
        public int execute(Invocation invocation) {
            return 0;
        }
    }

    @Test
    void aToolIsReadFromItsJarAndListedBetweenTheLaunchersOwnCommands() throws IOException {
        Path tools = Files.createDirectories(folder.resolve("tools"));
        jar(tools.resolve("chart.jar"), Chart.class.getName());
        Commands commands = Commands.standard(tools);

        assertInstanceOf(Chart.class, commands.find("chart").orElseThrow());
        assertEquals(List.of("run", "session", "programs", "validate", "chart", "fleet", "hub", "help"),
                commands.all().stream().map(Command::name).toList());
    }

    @Test
    void theLaunchersOwnCommandsNeverReadTheTools() throws Exception {
        Path tools = Files.createDirectories(folder.resolve("tools"));
        jar(tools.resolve("broken.jar"), "org.example.NoSuchCommand");
        Commands commands = Commands.standard(tools);

        for (String name : List.of("run", "session", "programs", "validate", "fleet", "hub", "help")) {
            assertEquals(name, commands.get(name).name());
        }
        // the same tools/ read: the broken jar is found, so the commands above did not read it
        IllegalStateException broken = assertThrows(IllegalStateException.class, commands::all);
        assertTrue(broken.getMessage().contains("org.example.NoSuchCommand"), broken.getMessage());
    }

    @Test
    void withoutToolsAToolsNameSaysItIsNotInstalled() {
        Commands commands = Commands.standard(folder.resolve("tools"));

        for (String tool : List.of("bench", "plot", "emulate")) {
            CommandException missing = assertThrows(CommandException.class, () -> commands.get(tool));
            assertEquals(CommandException.USAGE, missing.exitCode());
            assertEquals("the " + tool + " command is not installed in this distribution: tools/ is missing",
                    missing.getMessage());
        }
        assertEquals(List.of("run", "session", "programs", "validate", "fleet", "hub", "help"),
                commands.all().stream().map(Command::name).toList());
        CommandException typo = assertThrows(CommandException.class, () -> commands.get("sesion"));
        assertEquals("unknown command 'sesion' (did you mean session?); see bootctl --help", typo.getMessage());
        assertFalse(commands.find("chart").isPresent());
    }

    @Test
    void aToolsFolderWithoutTheToolSaysSo() throws IOException {
        Path tools = Files.createDirectories(folder.resolve("tools"));
        jar(tools.resolve("chart.jar"), Chart.class.getName());

        CommandException missing = assertThrows(CommandException.class, () -> Commands.standard(tools).get("bench"));
        assertEquals(CommandException.USAGE, missing.exitCode());
        assertEquals("the bench command is not installed in this distribution: no jar in tools/ holds it",
                missing.getMessage());
    }

    /** A tools/ jar whose services file names {@code provider}. */
    private static void jar(Path jar, String provider) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/" + Command.class.getName()));
            out.write((provider + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
