package org.bootctl.engine.loop;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the driver calls of every loop on real time from a thread of its own, until the loop
 * has ended for good (a removed device's loop too, while a tick may still be inside its driver): a
 * call that has not returned within {@link #LIMIT_MS} ms makes that loop declare its driver not
 * responding ({@link DeviceLoop#watchDriver}). Other loops are not affected: each has its own thread.
 * A loop on a device's own (simulated) time is not watched: its time stands still with its thread.
 *
 * <p>Time is counted in the watchdog's own rounds of {@link #ROUND_MS} ms, each worth at most
 * two rounds however late it came: a process that stood still (a long garbage collection, a
 * starved machine) stopped the driver call's clock too.
 */
public final class DriverWatchdog {

    /** The longest a driver call may take (the engine ticks every 20 ms; drivers only queue). */
    public static final long LIMIT_MS = 100;
    static final long ROUND_MS = 10;
    private static final System.Logger LOG = System.getLogger(DriverWatchdog.class.getName());

    private final Set<DeviceLoop> loops = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService executor;
    private boolean started;
    private long lastRound;

    /** Watches {@code loop} from now until it has ended for good; a loop on its own time is left alone. */
    public void watch(DeviceHandle device) {
        if (device.ownTime().isEmpty()) {
            loops.add(device.loop());
            runIfNeeded();
        }
    }

    /** Watches from now on; the thread starts with the first loop on real time. */
    public synchronized void start() {
        started = true;
        runIfNeeded();
    }

    private synchronized void runIfNeeded() {
        if (!started || executor != null || loops.isEmpty()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "bootctl-driver-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        lastRound = System.nanoTime();
        executor.scheduleAtFixedRate(this::round, ROUND_MS, ROUND_MS, TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        started = false;
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    private void round() {
        long now = System.nanoTime();
        long watched = Math.min(now - lastRound, 2 * TimeUnit.MILLISECONDS.toNanos(ROUND_MS));
        lastRound = now;
        for (DeviceLoop loop : loops) {
            try {
                if (loop.endedForGood()) {
                    loops.remove(loop);
                    continue;
                }
                loop.watchDriver(watched, TimeUnit.MILLISECONDS.toNanos(LIMIT_MS));
            } catch (Throwable e) { // whatever one loop does, the others stay watched
                try {
                    LOG.log(Level.ERROR, loop.description().id() + ": the driver watchdog failed on it: " + e);
                } catch (Throwable ignored) {
                    // out of memory even for the log line: the next round tries again
                }
            }
        }
    }
}
