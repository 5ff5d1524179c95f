package org.bootctl.api.time;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A clock that runs tasks at times on itself. All tasks of one timebase run on one thread,
 * one after another, so code driven by a timebase needs no locks of its own. Scheduling is
 * thread-safe and never blocks. A task must not block either: it holds up every later task of
 * its timebase (a device's control loop runs on one).
 *
 * <p>Implemented by bootctl only (real time inside the engine, {@link VirtualTimebase} in the
 * simulator); other bundles use it, and may get one as a service (the simulator registers its
 * virtual timebase with {@code bootctl.time=virtual}). Drivers never need one.
 */
@ProviderType
public interface Timebase {

    /**
     * Now, on this timebase.
     *
     * @return nanoseconds from an arbitrary origin fixed for the life of this timebase; never
     *         decreases. Only differences mean anything
     */
    long nanoTime();

    /**
     * Runs {@code task} once, {@code delayNanos} from now (at once when zero or less).
     *
     * @param delayNanos how long from now, ns
     * @param task       what to run, on this timebase's thread
     * @return a handle that calls the task off
     */
    Cancellable schedule(long delayNanos, Runnable task);

    /**
     * Runs {@code task} every {@code periodNanos}, the first time one period from now. A task that
     * throws keeps its schedule; the exception goes to the thread's uncaught-exception handler on
     * real time, out of {@link VirtualTimebase#advance} to its caller on virtual time.
     *
     * @param periodNanos the period, ns, above 0
     * @param task        what to run, on this timebase's thread
     * @return a handle that stops the runs
     */
    Cancellable scheduleAtFixedRate(long periodNanos, Runnable task);

    /**
     * Runs {@code task} on this timebase's thread as soon as it can, after the tasks already due.
     *
     * @param task what to run
     */
    default void execute(Runnable task) {
        schedule(0, task);
    }
}
