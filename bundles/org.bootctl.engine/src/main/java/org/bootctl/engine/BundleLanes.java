package org.bootctl.engine;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * Calls into plugins' code, at most {@link #WIDTH} at a time per plugin (per class loader: a
 * bundle's revision), on threads of a pool. Calls that never return hold their plugin's lane and
 * at most {@link #WIDTH} threads, nothing more: a bundle that registers and unregisters a program
 * whose info() hangs ten thousand times costs a few threads, not ten thousand, and no other bundle
 * waits behind it. Calls of one plugin are quick by contract (microseconds), so the width costs
 * nothing; it lets a bundle's other programs be read beside one that hangs.
 */
final class BundleLanes {

    /** Calls of one plugin under way at once, at most (so threads one plugin can hold). */
    static final int WIDTH = 4;
    private static final Object NO_LOADER = new Object();

    private final class Lane implements Runnable {
        final Object key;
        final ArrayDeque<FutureTask<?>> waiting = new ArrayDeque<>(); // guarded by lanes' lock (this)
        int running;

        Lane(Object key) {
            this.key = key;
        }

        @Override
        public void run() {
            while (true) {
                FutureTask<?> next;
                synchronized (BundleLanes.this) {
                    if (pool.isShutdown()) {
                        waiting.forEach(task -> task.cancel(false));
                        waiting.clear();
                    }
                    next = waiting.poll();
                    while (next != null && next.isCancelled()) {
                        next = waiting.poll();
                    }
                    if (next == null) {
                        if (--running == 0) {
                            lanes.remove(key, this);
                        }
                        return;
                    }
                }
                next.run(); // a FutureTask keeps whatever the call throws, an Error too
                Thread.interrupted(); // a cancelled call's interruption is not the next call's
            }
        }
    }

    private final ExecutorService pool;
    private final Map<Object, Lane> lanes = new ConcurrentHashMap<>();

    BundleLanes(ExecutorService pool) {
        this.pool = pool;
    }

    /**
     * Runs {@code call} after the earlier calls of the same plugin (the class loader of
     * {@code plugin}'s class); cancelling the future (with interruption) drops it if it waits.
     *
     * @throws RejectedExecutionException when the pool is shut down
     */
    <T> Future<T> submit(Object plugin, java.util.concurrent.Callable<T> call) {
        ClassLoader loader = plugin.getClass().getClassLoader();
        Object key = loader != null ? loader : NO_LOADER;
        FutureTask<T> task = new FutureTask<>(call);
        Lane start;
        synchronized (this) {
            Lane lane = lanes.computeIfAbsent(key, Lane::new);
            lane.waiting.removeIf(Future::isCancelled); // behind a call that hangs, those let go are not kept
            lane.waiting.add(task);
            start = lane.running < WIDTH ? lane : null;
            if (start != null) {
                lane.running++;
            }
        }
        if (start != null) {
            try {
                pool.execute(start);
            } catch (RejectedExecutionException e) {
                synchronized (this) {
                    start.running--;
                    start.waiting.remove(task);
                    if (start.running == 0) {
                        lanes.remove(start.key, start);
                    }
                }
                throw e;
            }
        }
        return task;
    }
}
