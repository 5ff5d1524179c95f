package org.bootctl.programs;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a folder's {@code onChange} on a thread of its own: once at the start (creating the folder
 * when missing), then after every burst of changes the file system reports (a burst that never
 * ends is scanned every second, so a storm of changes cannot keep new files out). Whatever
 * {@code onChange} throws, an {@link Error} included, is logged (once while it repeats) and the
 * watching goes on, so a file that breaks one scan never stops later files from loading.
 */
final class FolderWatcher implements Runnable {

    private static final System.Logger LOG = System.getLogger("org.bootctl.programs");
    /** Editors write a file in several events: wait this long for the burst to end. */
    private static final long SETTLE_MS = 100;
    /** A folder that never goes quiet (a tool rewriting a file of its own) is scanned at least this often. */
    private static final long MAX_SETTLE_MS = 1000;
    private static final long RETRY_MS = 2000;

    private final Path folder;
    private final Runnable onChange;
    /** Whether to make the folder when it is missing; otherwise wait for someone else to. */
    private final boolean create;
    private volatile boolean stopped;
    private Thread thread;
    /** The last failure logged, so that one that repeats on every scan is logged once. */
    private String lastFailure;

    FolderWatcher(Path folder, Runnable onChange) {
        this(folder, onChange, true);
    }

    FolderWatcher(Path folder, Runnable onChange, boolean create) {
        this.folder = folder;
        this.onChange = onChange;
        this.create = create;
    }

    synchronized void start() {
        thread = new Thread(this, "bootctl program folder " + folder);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread; does not wait for it. */
    synchronized void stop() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public void run() {
        while (!stopped) {
            if (!create && !Files.isDirectory(folder)) {
                scan(); // not there (yet, or any more): nothing to list
                if (!sleep()) {
                    return;
                }
                continue;
            }
            try (WatchService watcher = folder.getFileSystem().newWatchService()) {
                Files.createDirectories(folder);
                folder.register(watcher, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
                scan();
                watch(watcher);
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (Throwable e) {
                failed("cannot watch the program folder " + folder, e);
            }
            // the folder could not be watched or went away: look again shortly
            if (!sleep()) {
                return;
            }
        }
    }

    private void scan() {
        try {
            onChange.run();
            lastFailure = null;
        } catch (Throwable e) {
            failed("reading the program folder " + folder + " failed", e);
        }
    }

    private void failed(String what, Throwable e) {
        String failure = what + ": " + e;
        if (!failure.equals(lastFailure)) {
            LOG.log(Level.ERROR, failure + "; the folder is watched on");
            lastFailure = failure;
        }
    }

    private boolean sleep() {
        try {
            Thread.sleep(RETRY_MS);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Scans after each burst of events; returns when the folder can no longer be watched. */
    private void watch(WatchService watcher) throws InterruptedException {
        while (!stopped) {
            WatchKey key = watcher.take();
            key.pollEvents();
            boolean valid = key.reset();
            long settleUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_SETTLE_MS);
            for (WatchKey more; System.nanoTime() < settleUntil
                    && (more = watcher.poll(SETTLE_MS, TimeUnit.MILLISECONDS)) != null; ) {
                more.pollEvents();
                valid &= more.reset();
            }
            scan();
            if (!valid) {
                return;
            }
        }
    }
}
