package org.bootctl.engine.loop;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether a loop's tick is inside a driver call, so that the {@link DriverWatchdog} on another
 * thread can find a call that does not return and take the loop over from it. Exactly one side
 * wins each call: the tick by leaving it, or the watchdog by abandoning it; the loser knows.
 *
 * <p>The tick pays two atomic operations per call and reads no clock: the watchdog measures the
 * time itself, counting only its own punctual rounds, so a pause of the whole process (a garbage
 * collection, a machine that stalls) is not taken for a driver that hangs.
 */
final class DriverCall {

    private static final long IDLE = 0;
    private static final long ABANDONED = -1;

    /** IDLE, the number of the call under way, or ABANDONED for good. */
    private final AtomicLong state = new AtomicLong();
    private long calls; // the tick's
    private volatile String what = "";

    // the watchdog's
    private long seen = IDLE;
    private long seenForNanos;

    /** Tick: entering {@code name}; false when the watchdog took the loop over (call nothing). */
    boolean enter(String name) {
        what = name;
        return state.compareAndSet(IDLE, ++calls);
    }

    /** Tick: the call returned; false when it came back too late (the loop is no longer the tick's). */
    boolean leave() {
        return state.compareAndSet(calls, IDLE);
    }

    /** The tick's driver calls were abandoned: nothing is sent through this loop again. */
    boolean abandoned() {
        return state.get() == ABANDONED;
    }

    /** A call of the tick is under way. */
    boolean busy() {
        return state.get() > 0;
    }

    /** The call under way or last made. */
    String what() {
        return what;
    }

    /**
     * Watchdog, every round: {@code watchedNanos} of its own time went by since the last round. True
     * (once) when the same call has been under way for {@code limitNanos} of that time: the call is
     * abandoned and the caller now owns the loop.
     */
    boolean overdue(long watchedNanos, long limitNanos) {
        long now = state.get();
        if (now == IDLE || now == ABANDONED) {
            seen = IDLE;
            return false;
        }
        if (now != seen) {
            seen = now; // a call that began since the last round: time it from here
            seenForNanos = 0;
            return false;
        }
        seenForNanos += watchedNanos;
        return seenForNanos >= limitNanos && state.compareAndSet(now, ABANDONED);
    }

    /** Watchdog: how long it has seen the call under way. */
    long seenForNanos() {
        return seenForNanos;
    }
}
