package org.bootctl.engine;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionException.Reason;
import org.bootctl.engine.dispatch.Identity;

/**
 * Runs a program's own code (what it says of itself, its compile) and the plan's checks off the
 * caller's thread (a request's; never a tick's), within {@link #LIMIT_MS} ms: a program that does
 * not finish in time is refused, naming it, and the caller goes on. A compile that never finishes
 * keeps its thread, so each program has at most one compile under way (another start of it waits
 * for it while it is within its time, two units started at once with one program, and is refused
 * at once once it is past it) and all programs together at most {@link #THREADS}.
 */
final class ProgramCompiler {

    static final long LIMIT_MS = 2000;
    static final int THREADS = 4;
    private static final System.Logger LOG = System.getLogger(ProgramCompiler.class.getName());

    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(0, THREADS, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), task -> { // idle threads end after 30 s
                Thread thread = new Thread(task, "bootctl-program-compile");
                thread.setDaemon(true);
                return thread;
            });
    /** By the program's identity, never its own equals and hashCode (a plugin's code). */
    private final Map<Identity<Program>, Running> running = new ConcurrentHashMap<>();

    /** A program's compile under way: since when, and done once its code has returned (or thrown). */
    private record Running(long sinceNanos, CompletableFuture<Void> finished) {
    }

    /**
     * The checked plan of {@code program} for {@code device}, as {@link PlanValidator#plan} makes it.
     *
     * @param id the program's id where the caller chose it by id, else null (it is then named by
     *           what it says of itself, or "the program given" should it say nothing in time)
     */
    Plan plan(String id, Program program, DeviceDescription device, Settings settings)
            throws SessionException {
        AtomicReference<Running> self = new AtomicReference<>();
        AtomicReference<String> named = new AtomicReference<>(id != null ? "program '" + id + "'" : "the program given");
        FutureTask<Plan> task = new FutureTask<>(() -> {
            try {
                if (id == null) {
                    nameFromInfo(program, named);
                }
                return PlanValidator.plan(id, program, device, settings);
            } finally {
                Running mine = self.get();
                running.remove(Identity.of(program), mine);
                mine.finished().complete(null);
            }
        });
        String label = named.get();
        self.set(takeTurn(program, label));
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            running.remove(Identity.of(program), self.get());
            self.get().finished().complete(null);
            throw refused(THREADS + " programs are still making plans that do not finish: "
                    + label + " cannot be started now; remove the programs that hang");
        }
        try {
            return task.get(LIMIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            label = named.get();
            task.cancel(true); // a compile that heeds interruption ends here; one that does not keeps its thread
            LOG.log(Level.WARNING, label + " did not make a plan within " + LIMIT_MS + " ms; refused");
            throw refused(label + " did not make a plan within " + LIMIT_MS + " ms (a program must compile"
                    + " quickly); the session was not started");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SessionException refusal) {
                throw new SessionException(refusal.reason(), refusal.getMessage());
            }
            throw refused(label + " failed to make a plan: " + cause);
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw refused(label + ": interrupted while it made a plan");
        }
    }

    /**
     * The program's turn to make a plan: at once, or once an earlier compile of it, still within its
     * {@link #LIMIT_MS} ms, has finished; refused at once when the earlier one is past that (it does
     * not finish, and keeps its thread).
     */
    private Running takeTurn(Program program, String label) throws SessionException {
        while (true) {
            Running mine = new Running(System.nanoTime(), new CompletableFuture<>());
            Running earlier = running.putIfAbsent(Identity.of(program), mine);
            if (earlier == null) {
                return mine;
            }
            long left = earlier.sinceNanos() + TimeUnit.MILLISECONDS.toNanos(LIMIT_MS) - System.nanoTime();
            if (left <= 0) {
                throw refused(label + " is still making a plan for an earlier start, for over " + LIMIT_MS
                        + " ms: it does not finish; remove or fix it");
            }
            try {
                earlier.finished().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // past its time now: refused on the next look
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw refused(label + ": interrupted while it waited to make a plan");
            }
        }
    }

    private static void nameFromInfo(Program program, AtomicReference<String> named) {
        try {
            ProgramInfo info = program.info();
            if (info != null && info.id() != null) {
                named.set("program '" + info.id() + "'");
            }
        } catch (RuntimeException | LinkageError e) {
            // the plan's own checks say so
        }
    }

    private static SessionException refused(String message) {
        return new SessionException(Reason.REFUSED, message);
    }
}
