package org.bootctl.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.bootctl.launcher.cli.Help;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --version} (or {@code -V}) prints the version alone or among the global options before a command. */
class MainVersionTest {

    @TempDir
    Path folder;

    @Test
    void versionAmongTheGlobalOptionsPrintsTheVersion() {
        String data = folder.resolve("data").toString();
        for (List<String> args : List.of(List.of("--version"), List.of("-V"), List.of("--data", data, "--version"),
                List.of("--data=" + data, "-V"), List.of("--version", "--data", data))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), false, Distribution.of(folder));
            assertEquals(0, code, args + ": " + err.toString(StandardCharsets.UTF_8));
            assertEquals("bootctl " + Help.version(), out.toString(StandardCharsets.UTF_8).strip(), args.toString());
        }
    }

    @Test
    void versionBeforeACommandIsStillRefused() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of("--version", "session"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, Distribution.of(folder));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--version"), err.toString(StandardCharsets.UTF_8));
    }
}
