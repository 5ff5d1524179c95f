package org.bootctl.launcher.runtime;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The framework's storage (its bundle cache) in a temporary folder named by the process that owns
 * it, so that one a killed process left behind (about 300 KB each) is found and removed at a later
 * start, while a running process's is never touched.
 */
final class FrameworkStorage {

    static final String PREFIX = "bootctl-felix-";
    private static final Pattern OWNED = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-\\d+");

    private FrameworkStorage() {
    }

    /** A new storage folder of this process in the temporary folder. */
    static Path create() throws IOException {
        return Files.createTempDirectory(PREFIX + ProcessHandle.current().pid() + "-");
    }

    /** Removes, on a thread of its own, the storage folders beside {@code own} whose process has ended. */
    static void sweepInBackground(Path own) {
        Path folder = own.toAbsolutePath().getParent();
        if (folder == null) {
            return;
        }
        Thread sweeper = new Thread(() -> stale(folder).forEach(OsgiRuntime::delete), "bootctl-storage-sweep");
        sweeper.setDaemon(true); // cut short by the end of a short command: the next start goes on
        sweeper.setPriority(Thread.MIN_PRIORITY);
        sweeper.start();
    }

    /** The storage folders in {@code folder} whose process no longer runs (a folder named otherwise is left alone). */
    static List<Path> stale(Path folder) {
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, PREFIX + "*")) {
            for (Path entry : entries) {
                Matcher owned = OWNED.matcher(entry.getFileName().toString());
                if (owned.matches() && !running(owned.group(1)) && Files.isDirectory(entry)) {
                    stale.add(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable temporary folder: nothing to sweep
        }
        return stale;
    }

    private static boolean running(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true; // not a pid this machine could have: not ours to judge
        }
    }
}
