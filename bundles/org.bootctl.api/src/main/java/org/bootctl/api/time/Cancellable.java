package org.bootctl.api.time;

/**
 * A scheduled task that can be called off. Cancelling twice, or after the task ran, does nothing. Returned
 * by a {@link Timebase}; callers only hold and cancel it.
 */
@FunctionalInterface
public interface Cancellable {
    /**
     * Calls the task off: it does not run again. A run already under way finishes. Never blocks;
     * safe from any thread.
     */
    void cancel();
}
