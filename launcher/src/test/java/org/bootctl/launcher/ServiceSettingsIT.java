package org.bootctl.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's settings file as an administrator edits it (docs/OPERATIONS.md, "The settings
 * file"): bin/bootctl-service turns it into options of a stand-in bin/bootctl that prints them.
 */
class ServiceSettingsIT {

    @TempDir
    Path folder;

    private String options(String settings, int exitCode) throws Exception {
        Path bin = Files.createDirectories(folder.resolve("bin"));
        Path script = Files.copy(Path.of("src/dist/bin/bootctl-service"), bin.resolve("bootctl-service"),
                StandardCopyOption.REPLACE_EXISTING);
        Path fake = Files.writeString(bin.resolve("bootctl"), "#!/bin/sh\necho \"args: $*\"\n");
        for (Path file : List.of(script, fake)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path file = Files.writeString(folder.resolve("bootctl.conf"), settings);
        Process service = new ProcessBuilder(script.toString(), file.toString(), "run").redirectErrorStream(true).start();
        if (!service.waitFor(30, TimeUnit.SECONDS)) {
            service.destroyForcibly();
            throw new AssertionError("bootctl-service did not end within 30 s");
        }
        String output = new String(service.getInputStream().readAllBytes());
        assertEquals(exitCode, service.exitValue(), output);
        return output;
    }

    /**
     * A line of spaces or tabs is a blank line and one whose first visible character is # a comment,
     * as they look in an editor: before, either stopped the service at start (exit 2, "expected
     * NAME=VALUE, got a line without '='"), and systemd does not restart after exit 2.
     */
    @Test
    void blankLinesOfSpacesAndIndentedCommentsAreSkipped() throws Exception {
        assertEquals("args: run --feature simulator --var model=RB2-A4\n",
                options("feature=simulator\n   \n\t\n  # the garment\n\t#port=/dev/ttyUSB0\nmodel=RB2-A4\n  \r\n", 0));
    }

    /** Values stay as they are, spaces included; a name with spaces is still refused, naming the line. */
    @Test
    void valuesKeepTheirSpacesAndABadNameIsStillRefused() throws Exception {
        assertEquals("args: run --feature simulator --var device=left unit \n",
                options("feature=simulator\ndevice=left unit \n", 0));
        String refused = options("feature=simulator\n  model=RB2-A4\n", 2);
        assertEquals("bootctl: " + folder.resolve("bootctl.conf") + " line 2: expected NAME=VALUE with a name of letters,"
                + " digits, '.', '_' or '-', got the name '  model' (its value not shown here)\n", refused);
    }
}
