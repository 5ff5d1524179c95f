package org.bootctl.launcher.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Storage folders that killed processes left behind are found by their owner's pid; a running process's never is. */
class FrameworkStorageTest {

    @TempDir
    Path tmp;

    @Test
    void onlyTheFoldersOfEndedProcessesAreStale() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        long own = ProcessHandle.current().pid();
        Path left = Files.createDirectories(tmp.resolve("bootctl-felix-" + ended.pid() + "-123"));
        Files.writeString(Files.createDirectories(left.resolve("bundle1")).resolve("bundle.info"), "cache");
        Path running = Files.createDirectories(tmp.resolve("bootctl-felix-" + own + "-456"));
        Path unnamed = Files.createDirectories(tmp.resolve("bootctl-felix-789")); // an older bootctl's: not judged
        Path other = Files.createDirectories(tmp.resolve("someone-else-" + ended.pid() + "-1"));

        assertEquals(List.of(left), FrameworkStorage.stale(tmp));

        FrameworkStorage.stale(tmp).forEach(OsgiRuntime::delete);
        assertTrue(Files.notExists(left), "removed with what it holds");
        for (Path kept : List.of(running, unnamed, other)) {
            assertTrue(Files.isDirectory(kept), kept + " is kept");
        }
    }

    /**
     * A bootctl in another pid namespace (a container sharing /tmp) has a pid this process cannot
     * see: its folder looks like a killed process's by the name alone, but its lock is held.
     */
    @Test
    void aFolderWhoseOwnerHoldsItsLockIsNotStaleWhateverItsPid() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path elsewhere = Files.createDirectories(tmp.resolve("bootctl-felix-" + ended.pid() + "-321"));
        Path killed = Files.createDirectories(tmp.resolve("bootctl-felix-" + ended.pid() + "-654"));
        Files.createFile(killed.resolve("owner.lock")); // its owner took the lock, then was killed
        try (FileChannel owner = FileChannel.open(elsewhere.resolve("owner.lock"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            owner.lock();

            assertEquals(List.of(killed), FrameworkStorage.stale(tmp));
        }
        assertEquals(List.of(elsewhere, killed), FrameworkStorage.stale(tmp).stream().sorted().toList(),
                "stale once its lock is released");
    }

    @Test
    void theOwnerHoldsItsFoldersLock() throws Exception {
        Path created = FrameworkStorage.create();
        try (FileChannel held = FrameworkStorage.hold(created)) {
            Path renamed = Files.move(created, tmp.resolve("bootctl-felix-" + Long.MAX_VALUE / 2 + "-1")); // no such pid
            created = renamed;
            assertEquals(List.of(), FrameworkStorage.stale(tmp), "held: not stale");
        } finally {
            OsgiRuntime.delete(created);
        }
    }

    @Test
    void aNewFolderIsNamedByThisProcess() throws Exception {
        Path created = FrameworkStorage.create();
        try {
            assertTrue(created.getFileName().toString().startsWith("bootctl-felix-" + ProcessHandle.current().pid() + "-"),
                    created.toString());
            assertEquals(List.of(), FrameworkStorage.stale(created.getParent()).stream().filter(created::equals).toList());
        } finally {
            OsgiRuntime.delete(created);
        }
    }
}
