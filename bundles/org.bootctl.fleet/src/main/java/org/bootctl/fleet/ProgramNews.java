package org.bootctl.fleet;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.web.contract.Views;

/**
 * The fleet's {@code program-added} and {@code program-removed} events, in the order programs came
 * and went. What a program says of itself (its info(), a plugin's code) is read once, as it comes,
 * on a thread of this class's, within {@link #INFO_MS}: a program whose info() hangs, throws or gives
 * null never holds the thread that registered or unregistered it, and is not told of. At most
 * {@link #READERS} reads run at once and {@link #WAITING} wait (beyond, a program is not told of):
 * programs whose info() hangs hold a few threads, however many come and go; the read of one that
 * goes past its bound is interrupted.
 */
final class ProgramNews {

    /** As the engine's bound on a program's own code (docs/PROGRAM-BUNDLES.md). */
    static final long INFO_MS = 2000;
    /** Threads that may be inside programs' info() at once: those that hang hold no more. */
    static final int READERS = 4;
    /** Reads that may wait for a reader (behind ones that hang); a program beyond is not told of. */
    static final int WAITING = 1000;
    private static final System.Logger LOG = System.getLogger("org.bootctl.fleet");

    private final Consumer<Outbox.Event> tell;
    private final ThreadPoolExecutor reader = new ThreadPoolExecutor(READERS, READERS, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(WAITING), task -> {
                Thread thread = new Thread(task, "bootctl-fleet-program-info");
                thread.setDaemon(true);
                return thread;
            });
    /** Tells the events one at a time, in the order they came. */
    private final ExecutorService teller = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "bootctl-fleet-program-news");
        thread.setDaemon(true);
        return thread;
    });

    /** One program's info(), read as it came, due by {@code deadline} ({@link System#nanoTime()}). */
    private record Read(FutureTask<ProgramInfo> task, long deadline) {
    }

    /** By the program's identity, never its own equals and hashCode (a plugin's code). */
    private final Map<Program, Read> reads = Collections.synchronizedMap(new IdentityHashMap<>());

    ProgramNews(Consumer<Outbox.Event> tell) {
        this.tell = tell;
        reader.allowCoreThreadTimeOut(true);
    }

    /** A program came: its info() is read, then {@code program-added} told. */
    void added(Program program, Map<String, Object> properties) {
        Read read = read(program);
        if (read != null) {
            reads.put(program, read);
            tellAfter(read, "program-added", "added", properties);
        }
    }

    /**
     * A program went: {@code program-removed} told with what it said of itself as it came (read now
     * if it came before the fleet started); nothing when it never said it (its read, if still
     * running, is interrupted).
     */
    void removed(Program program, Map<String, Object> properties) {
        Read read = reads.remove(program);
        if (read == null) {
            read = read(program);
        } else if (!read.task().isDone() && System.nanoTime() - read.deadline() > 0) {
            read.task().cancel(true); // past its bound: it hangs
            reader.purge();
        }
        if (read != null) {
            tellAfter(read, "program-removed", "removed", properties);
        }
    }

    /** Its info() read on a thread of the reader's; null when the fleet stops. */
    private Read read(Program program) {
        Read read = new Read(new FutureTask<>(program::info), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(INFO_MS));
        try {
            reader.execute(read.task());
            return read;
        } catch (RejectedExecutionException stoppedOrFull) {
            if (reader.isShutdown()) {
                return null;
            }
            LOG.log(Level.WARNING, "bootctl fleet: a program was not told of: " + WAITING + " programs already wait"
                    + " to be read behind ones whose info() does not return");
            return null;
        }
    }

    /** No more reads nor events; a read still running is interrupted. */
    void close() {
        teller.shutdownNow();
        reader.shutdownNow();
        reads.clear();
    }

    private void tellAfter(Read read, String type, String change, Map<String, Object> properties) {
        Object source = properties.get(Program.SOURCE);
        try {
            teller.execute(() -> {
                ProgramInfo described = described(read);
                if (described != null && described.id() != null) {
                    tell.accept(new Outbox.Event(type, Instant.now(), null, new Views.ProgramEvent(change,
                            new Views.ProgramView(described.id(), described.name(), described.version(),
                                    described.author(), described.description(), described.minZones(),
                                    described.maxZones(), source == null ? null : source.toString(), null, true,
                                    List.of()))));
                }
            });
        } catch (RejectedExecutionException stopped) {
            // the fleet stops: no news
        }
    }

    /** What the program said of itself by its read's deadline, or null. */
    private static ProgramInfo described(Read read) {
        try {
            return read.task().get(Math.max(0, read.deadline() - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (java.util.concurrent.CancellationException e) {
            return null; // it went before it said
        } catch (Exception e) { // timed out or failed (an Error too)
            LOG.log(Level.WARNING, "bootctl fleet: a program was not told of: its info() "
                    + (e instanceof java.util.concurrent.TimeoutException ? "did not answer within " + INFO_MS + " ms"
                    : "failed: " + e.getCause()));
            return null;
        }
    }
}
