package org.bootctl.launcher.runtime;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The framework's storage (its bundle cache) in a temporary folder named by the process that owns
 * it, so that one a killed process left behind (about 300 KB each) is found and removed at a later
 * start, while a running process's is never touched. The pid alone cannot tell that: a bootctl in
 * another pid namespace (a container sharing /tmp) has a pid this process cannot see. So the owner
 * also holds a lock on {@link #LOCK} in the folder while it runs, and a folder whose lock is held is
 * never stale; the framework's own files go in {@link #CACHE} beside it (Felix empties its storage
 * at first init, which would take the lock file with it).
 */
final class FrameworkStorage {

    static final String PREFIX = "bootctl-felix-";
    /** The file whose lock the owner holds while it runs. */
    static final String LOCK = "owner.lock";
    /** The framework's storage inside the folder. */
    static final String CACHE = "cache";
    /** A throwaway data folder inside it, for a command that reads and leaves nothing behind. */
    static final String THROWAWAY_DATA = "data";
    private static final Pattern OWNED = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-\\d+");

    private FrameworkStorage() {
    }

    /** A new storage folder of this process in the temporary folder. */
    static Path create() throws IOException {
        return Files.createTempDirectory(PREFIX + ProcessHandle.current().pid() + "-");
    }

    /**
     * Holds the lock on {@code folder}'s {@link #LOCK} for as long as the returned channel is open
     * (closing it, or the process's end, releases it). Where the file system takes no locks, the
     * file is still there and a sweep, unable to lock it either, leaves the folder alone.
     */
    static FileChannel hold(Path folder) throws IOException {
        FileChannel channel = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        try {
            channel.lock();
        } catch (IOException noLocksHere) {
            // a file system without locks (some network ones): the file alone keeps sweeps away
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
        return channel;
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
                if (owned.matches() && !running(owned.group(1)) && Files.isDirectory(entry) && !held(entry)) {
                    stale.add(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable temporary folder: nothing to sweep
        }
        return stale;
    }

    /** Whether a process (one whose pid this one may not see) holds the folder's lock; when in doubt, held. */
    private static boolean held(Path folder) {
        Path lock = folder.resolve(LOCK);
        if (!Files.exists(lock, LinkOption.NOFOLLOW_LINKS)) {
            return false; // a process killed before it took the lock
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            FileLock free = channel.tryLock();
            if (free == null) {
                return true;
            }
            free.release();
            return false;
        } catch (OverlappingFileLockException thisProcess) {
            return true;
        } catch (IOException | RuntimeException cannotTell) {
            return true; // not ours to judge
        }
    }

    private static boolean running(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true; // not a pid this machine could have: not ours to judge
        }
    }
}
