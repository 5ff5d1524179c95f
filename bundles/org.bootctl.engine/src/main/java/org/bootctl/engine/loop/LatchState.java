package org.bootctl.engine.loop;

/**
 * A device's latch and emergency-stop state as one immutable value, so the threads that latch,
 * stop and clear change it in one atomic step (held in an {@code AtomicReference}).
 *
 * <p>Latches are compared by identity: a fault latched again with the same words is a new latch.
 *
 * @param held         the latched fault or emergency stop, or null when none is
 * @param estopPending an emergency stop was asked for and the loop has not applied it yet
 */
record LatchState(Latch held, boolean estopPending) {

    /** Nothing latched, nothing pending. */
    static final LatchState CLEAR = new LatchState(null, false);

    /** {@code latch} held unless one already is (the first cause is the one a person reads). */
    LatchState latch(Latch latch) {
        return held != null ? this : new LatchState(latch, estopPending);
    }

    /** {@code latch} held whatever was (the driver stopped answering: nothing else counts any more). */
    LatchState replace(Latch latch) {
        return new LatchState(latch, estopPending);
    }

    /** An emergency stop: latched unless something already is, and pending for the loop. */
    LatchState estop(Latch latch) {
        return new LatchState(held != null ? held : latch, true);
    }

    /** The loop has applied the pending emergency stop. */
    LatchState estopApplied() {
        return estopPending ? new LatchState(held, false) : this;
    }

    /** Released if {@code expected} is still the latch held; else unchanged. */
    LatchState clear(Latch expected) {
        return held == expected && held != null ? new LatchState(null, estopPending) : this;
    }

    /** Whether the latch the loop saw last ({@code seen}, null for none) was cleared since (perhaps latched again). */
    boolean clearedSince(Latch seen) {
        return seen != null && held != seen;
    }
}
