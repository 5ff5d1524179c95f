package org.bootctl.launcher.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Whether this JVM holds a device open, as Linux tells it in /proc/self/fd. */
final class OpenFiles {

    private static final Path DESCRIPTORS = Path.of("/proc/self/fd");

    private OpenFiles() {
    }

    /** @param device a device's real path, e.g. /dev/pts/3 (a link's target, taken while it exists) */
    static boolean held(Path device) {
        Assumptions.assumeTrue(Files.isDirectory(DESCRIPTORS), "no /proc/self/fd to tell open files");
        try (Stream<Path> descriptors = Files.list(DESCRIPTORS)) {
            return descriptors.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(device);
                } catch (IOException closedMeanwhile) {
                    return false;
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
