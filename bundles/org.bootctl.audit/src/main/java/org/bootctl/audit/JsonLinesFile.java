package org.bootctl.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends lines to one file from a writer thread of its own, so callers never wait for the disk
 * and never see its errors. Lines go out in the order given, each whole in one write; what the
 * thread found queued is forced to the device together (one sync per burst, not per line, so a
 * burst is written at once and a stop need not wait for it long). A line the disk refuses is kept (up to {@link #MAX_PENDING}
 * lines and {@link #MAX_PENDING_CHARS} characters, the oldest dropped first) and tried again with the next one; the trouble
 * is logged once, not per line. Lines given while the writer is held in a write that does not return (a disk that hangs)
 * wait within the same bounds; beyond them they are dropped, counted and said once. A last line torn by a
 * crash is ended with a newline before anything is appended, so it never spoils the next one.
 * <p>The file is bounded: a line that would take it past {@link #ROLL_BYTES} first rolls it over to
 * {@code NAME.1} (the one before to {@code NAME.2}, and so on up to {@link #OLD_FILES} of them, the
 * oldest dropped), then goes into a new file. A line is taken off the queue only once it is written, so
 * none is lost at a roll-over. Another process appending to the same file (a headless command beside
 * the controller) may have rolled it first: then this one only opens the new file.
 */
final class JsonLinesFile implements AutoCloseable {

    static final int MAX_PENDING = 10_000;
    /** About 32 MiB of heap: 10,000 lines of the longest a record can be would be far more. */
    static final long MAX_PENDING_CHARS = 16L << 20;
    /** The size a file is rolled over at: an audit line is a few hundred bytes, so some 30,000 events a file. */
    static final long ROLL_BYTES = 8L << 20;
    /** Rolled-over files kept ({@code NAME.1} the newest): with the current one, at most 32 MiB on the disk. */
    static final int OLD_FILES = 3;
    private static final long CLOSE_WAIT_MS = 2000;
    private static final System.Logger LOG = System.getLogger("org.bootctl.audit");

    private final Path file;
    private final long rollBytes;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "bootctl audit writer");
        thread.setDaemon(true);
        return thread;
    });
    private final Queue<String> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Lines and characters in {@link #queued}, which the writer has not taken yet. */
    private final AtomicInteger queuedLines = new AtomicInteger();
    private final AtomicLong queuedChars = new AtomicLong();
    /** Lines not queued because the writer had not taken the ones before (it is held by the disk). */
    private final AtomicLong droppedQueued = new AtomicLong();
    // the writer thread's alone
    private final Deque<String> pending = new ArrayDeque<>();
    private long pendingChars;
    private FileChannel channel;
    /** The file system's key of the file {@link #channel} has open (null where it has none): to see another's roll-over. */
    private Object channelKey;
    private boolean failing;
    private boolean rollFailing;
    private long dropped;

    /** Nothing is opened here: the file is created with the first line. */
    JsonLinesFile(Path file) {
        this(file, ROLL_BYTES);
    }

    /** Rolled over at {@code rollBytes} (for tests). */
    JsonLinesFile(Path file, long rollBytes) {
        this.file = file;
        this.rollBytes = rollBytes;
    }

    Path file() {
        return file;
    }

    /** Queues one line (no line break in it) for the writer thread. Never blocks on the disk, never throws. */
    void append(String line) {
        int lines = queuedLines.incrementAndGet();
        long chars = queuedChars.addAndGet(line.length());
        if (lines > MAX_PENDING || chars > MAX_PENDING_CHARS) {
            queuedChars.addAndGet(-line.length());
            queuedLines.decrementAndGet();
            if (droppedQueued.getAndIncrement() == 0) {
                LOG.log(Level.ERROR, "the audit log " + file + " is not keeping up (its disk does not answer?);"
                        + " events beyond " + MAX_PENDING + " waiting (or " + MAX_PENDING_CHARS / (1 << 20)
                        + " M characters) are dropped until it is written again");
            }
            return;
        }
        queued.add(line);
        if (!scheduled.compareAndSet(false, true)) {
            return; // the writer will find it with the others
        }
        try {
            writer.execute(this::drain);
        } catch (RejectedExecutionException closed) {
            LOG.log(Level.WARNING, "the audit log " + file + " is closed; not recorded: " + line);
        }
    }

    /** Writes what is queued, then closes the file; waits a moment for that, so a stop loses nothing. */
    @Override
    public void close() {
        try {
            writer.execute(() -> {
                drain();
                if (!pending.isEmpty()) {
                    LOG.log(Level.ERROR, pending.size() + " events could not be written to the audit log " + file);
                }
                closeChannel();
            });
        } catch (RejectedExecutionException alreadyClosed) {
            return;
        }
        writer.shutdown();
        try {
            if (!writer.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, "the audit log " + file + " is still being written as bootctl stops;"
                        + " the last events may be missing");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lines the writer has not taken yet (for tests). */
    int queuedLines() {
        return queued.size();
    }

    /** Characters of the lines the writer has not taken yet (for tests). */
    long queuedChars() {
        return queued.stream().mapToLong(String::length).sum();
    }

    private void keep(String line) {
        pending.addLast(line);
        pendingChars += line.length();
        while (pending.size() > MAX_PENDING || pendingChars > MAX_PENDING_CHARS) {
            pendingChars -= pending.removeFirst().length();
            dropped++;
        }
    }

    private void drain() {
        scheduled.set(false); // what is queued from now on needs another round
        for (String line; (line = queued.poll()) != null; ) {
            queuedChars.addAndGet(-line.length());
            queuedLines.decrementAndGet();
            keep(line);
        }
        if (pending.isEmpty()) {
            return;
        }
        try {
            FileChannel out = open();
            while (!pending.isEmpty()) {
                ByteBuffer bytes = UTF_8.encode(pending.peekFirst() + "\n");
                if (out.size() > 0 && out.size() + bytes.remaining() > rollBytes) {
                    out.force(false);
                    out = rollOver(out);
                }
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                pendingChars -= pending.removeFirst().length();
            }
            out.force(false);
        } catch (IOException | RuntimeException e) {
            closeChannel(); // reopened next time: a torn tail gets its newline then
            if (!failing) {
                failing = true;
                LOG.log(Level.ERROR, "cannot write the audit log " + file + ": " + e
                        + "; events are kept in memory (up to " + MAX_PENDING + ") and written when it works again");
            }
            return;
        }
        long droppedMeanwhile = droppedQueued.getAndSet(0);
        if (droppedMeanwhile > 0) {
            LOG.log(Level.WARNING, "the audit log " + file + " is written again; " + droppedMeanwhile
                    + " events were dropped while its disk did not answer");
        }
        if (failing) {
            failing = false;
            LOG.log(Level.WARNING, "the audit log " + file + " is written again"
                    + (dropped > 0 ? "; " + dropped + " events were dropped while it was not" : ""));
            dropped = 0;
        }
    }

    private FileChannel open() throws IOException {
        if (channel == null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            FileChannel opened = FileChannel.open(file, CREATE, WRITE, APPEND);
            try {
                endTornLine(opened);
                channelKey = key(file);
            } catch (IOException | RuntimeException e) {
                opened.close();
                throw e;
            }
            channel = opened;
        }
        return channel;
    }

    /**
     * The file is full: renamed to {@code NAME.1} (the older ones moved up by one, the oldest
     * dropped), and a new one opened. When another process has rolled it already, only the new one is
     * opened. A file that cannot be renamed is said once and written on past its size: a record is
     * worth more than the bound.
     */
    private FileChannel rollOver(FileChannel full) throws IOException {
        Object key = key(file);
        boolean ours = Files.exists(file) && (key == null || channelKey == null || key.equals(channelKey));
        if (ours) {
            try {
                for (int n = OLD_FILES - 1; n >= 1; n--) {
                    Path older = old(n);
                    if (Files.exists(older)) {
                        Files.move(older, old(n + 1), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    }
                }
                Files.move(file, old(1), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                if (!rollFailing) {
                    rollFailing = true;
                    LOG.log(Level.ERROR, "cannot roll the audit log " + file + " over at " + rollBytes / (1 << 20)
                            + " MiB: " + e + "; it is written on past that size (check the folder's permissions and space)");
                }
                return full;
            }
            rollFailing = false;
        }
        closeChannel();
        return open();
    }

    /** {@code NAME.n}: the n-th newest rolled-over file. */
    Path old(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    /** The file system's key of the file now at {@code path}, or null where it has none or the file is gone. */
    private static Object key(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Ends a last line left without its newline (a crash mid-write), so it stays a line of its own. */
    private void endTornLine(FileChannel out) throws IOException {
        long size = out.size();
        if (size == 0) {
            return;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        try (FileChannel in = FileChannel.open(file, READ)) {
            in.read(last, size - 1);
        }
        if (last.get(0) != '\n') {
            ByteBuffer newline = ByteBuffer.wrap(new byte[] {'\n'});
            while (newline.hasRemaining()) {
                out.write(newline);
            }
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing after a failure: nothing more to learn
            }
            channel = null;
        }
    }
}
