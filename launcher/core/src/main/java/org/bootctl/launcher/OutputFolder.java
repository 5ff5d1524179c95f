package org.bootctl.launcher;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder a command writes a file into at its end (a trace, the bench's figures), checked
 * before it starts: found out only at the end, a whole run's output would be lost.
 */
public final class OutputFolder {

    private OutputFolder() {
    }

    /**
     * Makes {@code folder} when it is missing.
     *
     * @return why a file cannot be written into it ("its folder … may not be written", "… cannot be
     *         made (…)"), or null when it can
     */
    public static String problem(Path folder) {
        try {
            Files.createDirectories(folder);
            return Files.isWritable(folder) ? null : "its folder " + PathNames.show(folder) + " may not be written";
        } catch (IOException | RuntimeException e) {
            return "its folder " + PathNames.show(folder) + " cannot be made (" + (e instanceof FileAlreadyExistsException
                    ? "a file of that name is in the way" : PathNames.why(e)) + ")";
        }
    }
}
