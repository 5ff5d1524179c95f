package org.bootctl.timebase;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.bootctl.api.time.Cancellable;
import org.bootctl.api.time.Timebase;

/**
 * Real time: tasks run on one daemon thread of their own, named for what it serves. A task that
 * throws goes to that thread's uncaught-exception handler; a periodic one keeps its schedule.
 * Whoever makes one closes it. Not API: bootctl's bundles embed this package (bnd's
 * {@code -conditionalpackage}), so each has a private copy and nobody imports it.
 */
public final class SystemTimebase implements Timebase, AutoCloseable {

    private final ScheduledExecutorService executor;

    /**
     * Starts the timebase's thread.
     *
     * @param threadName the thread's name, for thread dumps (e.g. {@code bootctl-loop-rb2-1})
     */
    public SystemTimebase(String threadName) {
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        return cancellable(executor.schedule(guarded(task), Math.max(0, delayNanos), TimeUnit.NANOSECONDS));
    }

    @Override
    public Cancellable scheduleAtFixedRate(long periodNanos, Runnable task) {
        return cancellable(executor.scheduleAtFixedRate(guarded(task), periodNanos, periodNanos, TimeUnit.NANOSECONDS));
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(guarded(task));
    }

    /** Stops the thread; tasks not yet run are dropped. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    /**
     * Waits up to {@code millis} for the thread to finish its current task after {@link #close()}.
     * Blocks the caller.
     *
     * @param millis the longest to wait, ms
     * @return true when the thread has ended, false when the time ran out
     * @throws InterruptedException when the caller is interrupted while it waits
     */
    public boolean awaitClosed(long millis) throws InterruptedException {
        return executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    private static Cancellable cancellable(ScheduledFuture<?> future) {
        return () -> future.cancel(false);
    }

    /** A periodic task that throws would be silently descheduled by the executor: report it instead. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                Thread thread = Thread.currentThread();
                thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
            }
        };
    }
}
