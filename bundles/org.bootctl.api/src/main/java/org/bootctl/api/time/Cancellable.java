package org.bootctl.api.time;

/** A scheduled task that can be called off. Cancelling twice, or after the task ran, does nothing. */
@FunctionalInterface
public interface Cancellable {
    void cancel();
}
