package org.bootctl.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What a bench stopped by SIGTERM (or Ctrl-C) would leave behind, removed on the JVM's way out:
 * the parts' finally blocks never run then, so a controller started for the start-up part went on
 * running on its own, and the parts' temporary folders stayed in /tmp.
 */
final class BenchLeftovers {

    /** How long the child processes get to end after SIGTERM before they are killed. */
    private static final long CHILDREN_MILLIS = 10_000;
    private static final Set<Path> FOLDERS = ConcurrentHashMap.newKeySet();

    private BenchLeftovers() {
    }

    /** A temporary folder (in java.io.tmpdir) the bench's end, or its exit on a signal, deletes. */
    static Path temporaryFolder(String prefix) throws IOException {
        return temporaryFolder(Path.of(System.getProperty("java.io.tmpdir")), prefix);
    }

    static Path temporaryFolder(Path parent, String prefix) throws IOException {
        Path folder = Files.createTempDirectory(parent, prefix);
        FOLDERS.add(folder);
        return folder;
    }

    /** A shutdown hook that ends every child process of the bench and deletes its temporary folders. */
    static Thread hook() {
        return new Thread(BenchLeftovers::clean, "bench-leftovers");
    }

    static void clean() {
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        children.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CHILDREN_MILLIS);
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception stillThere) {
                child.destroyForcibly();
            }
        }
        for (Path folder : FOLDERS) {
            BenchFramework.delete(folder);
            FOLDERS.remove(folder);
        }
    }
}
