package org.bootctl.api.time;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A clock that runs tasks at times on itself. All tasks of one timebase run on one thread,
 * one after another, so code driven by a timebase needs no locks of its own.
 */
@ProviderType
public interface Timebase {

    /** Now, in nanoseconds from an arbitrary origin fixed for the life of this timebase. */
    long nanoTime();

    /** Runs {@code task} once, {@code delayNanos} from now (at once when zero or less). */
    Cancellable schedule(long delayNanos, Runnable task);

    /** Runs {@code task} every {@code periodNanos}, the first time one period from now. */
    Cancellable scheduleAtFixedRate(long periodNanos, Runnable task);

    /** Runs {@code task} on this timebase's thread as soon as it can. */
    default void execute(Runnable task) {
        schedule(0, task);
    }
}
