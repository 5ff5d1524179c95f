package org.bootctl.engine.record;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What it takes for a file to survive a power cut as well as a kill: its bytes forced, and the
 * directory entries that name it forced too (a file created, renamed or in a new folder is only
 * found after a crash once its folder is on the disk).
 */
final class Durable {

    private Durable() {
    }

    /** Creates {@code dir} and any missing parents, forcing each new entry into its parent. */
    static void createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        Files.createDirectories(absolute);
        if (parent != null) {
            forceDirectory(parent);
        }
    }

    /**
     * Forces a directory's entries to the disk. Where a directory cannot be opened for that
     * (Windows), the file system keeps its entries in its own journal: nothing to do.
     */
    static void forceDirectory(Path dir) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException notOnThisSystem) {
            return;
        }
        try (channel) {
            channel.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }
}
