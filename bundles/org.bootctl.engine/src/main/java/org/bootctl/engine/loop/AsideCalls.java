package org.bootctl.engine.loop;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Driver calls made off the caller's thread, each on a short-lived thread of its own, so that a
 * driver that hangs holds nobody: not the caller, not the other devices. A caller that acts on
 * every device (the emergency stop of all, the shutdown) starts every device's call first, then
 * waits for them all together at most {@link #WAIT_MS} ms; a driver still inside its call then is
 * named in the log and never waited on again.
 */
public final class AsideCalls {

    /**
     * How long a caller waits, in all, for the calls it started on every device: five times the
     * 100 ms a driver's call may take (docs/DRIVERS.md), so a loaded machine's scheduling is not
     * taken for a driver that hangs, and short enough that a shutdown with one ends promptly.
     */
    public static final long WAIT_MS = 500;
    private static final System.Logger LOG = System.getLogger(AsideCalls.class.getName());

    private AsideCalls() {
    }

    /**
     * Runs {@code call} on a new daemon thread named {@code threadName}; the future completes when
     * it returns or throws (a throwable is logged with {@code what}, never passed on), or at once
     * when not even the thread can be made.
     */
    static CompletableFuture<Void> start(String threadName, String what, Runnable call) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            Thread thread = new Thread(() -> {
                try {
                    call.run();
                } catch (Throwable e) {
                    log(Level.WARNING, what + " failed: " + e);
                } finally {
                    done.complete(null);
                }
            }, threadName);
            thread.setDaemon(true);
            thread.start();
        } catch (Throwable e) { // no thread to be had (out of memory): said, and not waited for
            log(Level.ERROR, what + " could not be started: " + e);
            done.complete(null);
        }
        return done;
    }

    /**
     * Asks {@code call} on a new daemon thread named {@code threadName}: the future has what it
     * returns or throws, or fails at once when not even the thread can be made. For a caller that
     * waits for the answer within a bound of its own.
     */
    static <T> CompletableFuture<T> ask(String threadName, Callable<T> call) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        try {
            Thread thread = new Thread(() -> {
                try {
                    answer.complete(call.call());
                } catch (Throwable e) {
                    answer.completeExceptionally(e);
                }
            }, threadName);
            thread.setDaemon(true);
            thread.start();
        } catch (Throwable e) { // no thread to be had (out of memory)
            answer.completeExceptionally(new IllegalStateException("no thread to call it: " + e));
        }
        return answer;
    }

    /**
     * Starts {@code call} on every device (each returns the future of its call, never waiting),
     * then waits for them all at most {@link #WAIT_MS} ms in all.
     *
     * @return the ids of the devices whose driver was still inside the call (logged at ERROR)
     */
    public static List<String> onEach(Collection<DeviceHandle> devices, Function<DeviceHandle, CompletableFuture<Void>> call,
                                      String what) {
        Map<String, CompletableFuture<Void>> started = new LinkedHashMap<>();
        for (DeviceHandle device : devices) {
            try {
                started.put(device.id(), call.apply(device));
            } catch (RuntimeException e) { // one device's failure stops no other's call
                log(Level.ERROR, device.id() + ": " + what + " failed: " + e);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        List<String> stillInside = new ArrayList<>();
        for (Map.Entry<String, CompletableFuture<Void>> e : started.entrySet()) {
            if (!returned(e.getValue(), deadline)) {
                stillInside.add(e.getKey());
            }
        }
        if (!stillInside.isEmpty()) {
            log(Level.ERROR, "the driver of " + String.join(", ", stillInside) + " has not returned from " + what
                    + " within " + WAIT_MS + " ms: not waited for any longer; check that the unit vented, then unplug and"
                    + " replug it (or restart its driver)");
        }
        return stillInside;
    }

    private static boolean returned(CompletableFuture<Void> call, long deadline) {
        try {
            call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return call.isDone();
        } catch (ExecutionException e) {
            return true; // it returned, by throwing (logged where it ran)
        }
    }

    private static void log(Level level, String message) {
        try {
            LOG.log(level, message);
        } catch (Throwable ignored) {
            // no memory even for the log line
        }
    }
}
