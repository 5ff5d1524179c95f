package org.bootctl.engine.loop;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.bootctl.api.session.Fault;
import org.bootctl.api.session.SessionState;

/**
 * How a loop ends for good, once: the first of the removal, the shutdown and the driver watchdog to
 * ask says how its session ends; whoever holds the tick lock next carries it out. A reservation
 * made meanwhile asks {@link #endedWithout} under the same lock, so it knows whether the end saw it.
 */
final class LoopEnd {

    /** How the session ends when the device goes away, the engine stops or the driver hangs. */
    record Asked(SessionState state, String reason, Fault fault) {
    }

    private final AtomicReference<Asked> asked = new AtomicReference<>();
    private final AtomicBoolean finished = new AtomicBoolean();

    /** Asks for the end; the first to ask says how the session ends. */
    void ask(SessionState state, String reason, Fault fault) {
        asked.compareAndSet(null, new Asked(state, reason, fault));
    }

    /** Carries the end out with {@code ending}, the first time it is called after an end was asked; else nothing. */
    synchronized void finish(Consumer<Asked> ending) {
        Asked end = asked.get();
        if (end != null && finished.compareAndSet(false, true)) {
            ending.accept(end);
        }
    }

    /**
     * Whether the loop has ended for good without ending {@code run}: reserved after its end took
     * the device's session, it would never be begun nor ended. False while the end is still to
     * come (it ends {@code run} then).
     */
    synchronized boolean endedWithout(SessionRun run) {
        return finished.get() && !run.isOver();
    }

    /** The loop has ended for good: its session is over and nothing more runs on it. */
    boolean finished() {
        return finished.get();
    }
}
