package org.bootctl.timebase;

import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;
import org.bootctl.api.time.Cancellable;
import org.bootctl.api.time.VirtualTimebase;

/**
 * Simulated time: nothing happens until a caller advances it, and then every due task runs on
 * the caller's thread in time order (ties in the order they were scheduled). Scheduling is
 * thread-safe; running is meant for one thread at a time. For tests, benchmarks and simulated
 * units: a 30-minute session runs in well under a second, the same every run. Not API: bootctl's
 * bundles embed this package (bnd's {@code -conditionalpackage}).
 */
public final class ManualTimebase implements VirtualTimebase {

    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    /** Written only under the lock; volatile so that reading it (every tick, many times) needs none. */
    private volatile long now;
    private long sequence;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        return add(Math.max(0, delayNanos), 0, task);
    }

    @Override
    public Cancellable scheduleAtFixedRate(long periodNanos, Runnable task) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period must be positive: " + periodNanos);
        }
        return add(periodNanos, periodNanos, task);
    }

    private synchronized Event add(long delay, long period, Runnable task) {
        Event event = new Event(later(now, delay), sequence++, period, task);
        queue.add(event);
        return event;
    }

    /**
     * Runs every task due up to {@code nanos} from now, on the caller's thread, then sets the clock
     * to that time.
     *
     * @param nanos how far to move the clock, ns
     */
    @Override
    public void advance(long nanos) {
        long end;
        synchronized (this) {
            end = later(now, nanos);
        }
        while (runNextUntil(end)) {
            // each call runs one task
        }
        synchronized (this) {
            now = Math.max(now, end);
        }
    }

    /**
     * Runs tasks in time order until {@code done} holds (checked after each task) or the clock
     * would pass {@code maxNanos} from now; on the caller's thread.
     *
     * @param done     the condition to reach, checked before the first task and after each one
     * @param maxNanos the most virtual time to run, ns; the clock stands there when it is reached
     * @return whether {@code done} held
     */
    @Override
    public boolean runUntil(BooleanSupplier done, long maxNanos) {
        long end;
        synchronized (this) {
            end = later(now, maxNanos);
        }
        while (!done.getAsBoolean()) {
            if (!runNextUntil(end)) {
                synchronized (this) {
                    now = Math.max(now, end);
                }
                return done.getAsBoolean();
            }
        }
        return true;
    }

    /** Runs the earliest task due at or before {@code end}; false when there is none. */
    private boolean runNextUntil(long end) {
        Event event;
        synchronized (this) {
            event = queue.peek();
            while (event != null && event.isCancelled()) {
                queue.poll();
                event = queue.peek();
            }
            if (event == null || event.time > end) {
                return false;
            }
            queue.poll();
            now = event.time;
            if (event.period > 0) {
                // the same event again, one period on: no allocation per run of a periodic task
                event.reschedule(later(event.time, event.period), sequence++);
                queue.add(event);
            }
        }
        event.task.run();
        return true;
    }

    /**
     * {@code nanos} after {@code time}, at most {@link Long#MAX_VALUE}: a delay meaning "never"
     * (a fault at 10^12 s, {@code Long.MAX_VALUE}) must not wrap round to the past and run at once.
     */
    private static long later(long time, long nanos) {
        long sum = time + nanos;
        return nanos > 0 && sum < time ? Long.MAX_VALUE : sum;
    }

    /**
     * Tasks waiting, for tests and diagnostics.
     *
     * @return the number of scheduled tasks not called off
     */
    public synchronized int pending() {
        return (int) queue.stream().filter(e -> !e.isCancelled()).count();
    }

    private static final class Event implements Comparable<Event>, Cancellable {
        /** When it runs next, and its place among tasks due at that time; changed only while out of the queue. */
        long time;
        long order;
        final long period;
        final Runnable task;
        private volatile boolean cancelled;

        boolean isCancelled() {
            return cancelled;
        }

        Event(long time, long order, long period, Runnable task) {
            this.time = time;
            this.order = order;
            this.period = period;
            this.task = task;
        }

        void reschedule(long nextTime, long nextOrder) {
            time = nextTime;
            order = nextOrder;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Event other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }
}
