package org.bootctl.engine.loop;

import java.util.Optional;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.SimulatedUnit;
import org.bootctl.api.time.Cancellable;
import org.bootctl.api.time.Timebase;
import org.bootctl.api.time.VirtualTimebase;
import org.bootctl.timebase.SystemTimebase;

/**
 * When a device's loop ticks: on the unit's own (virtual) time when a simulated unit has one, else
 * on a real-time timebase of the loop's own; at a rate that may change, from the next tick on.
 */
final class LoopClock {

    private final Optional<VirtualTimebase> ownTime;
    /** The loop's own real-time timebase, or null on the unit's time. */
    private final SystemTimebase realTime;
    private final Timebase timebase;
    private final Runnable tick;
    private final TickTiming timing = new TickTiming();
    private volatile long tickNanos;
    private volatile long wantedTickNanos;
    private volatile Cancellable ticking;
    private volatile Thread tickThread;

    LoopClock(BootConnection connection, String deviceId, Runnable tick) {
        this.tick = tick;
        // a simulated unit may live on virtual time; every other unit lives on real time
        ownTime = connection instanceof SimulatedUnit simulated ? simulated.timebase() : Optional.empty();
        realTime = ownTime.isEmpty() ? new SystemTimebase("bootctl-loop-" + deviceId) : null;
        timebase = ownTime.isPresent() ? ownTime.get() : realTime;
    }

    Timebase timebase() {
        return timebase;
    }

    Optional<VirtualTimebase> ownTime() {
        return ownTime;
    }

    TickTiming timing() {
        return timing;
    }

    /** The thread the latest tick ran on, or null before the first. */
    Thread tickThread() {
        return tickThread;
    }

    boolean started() {
        return ticking != null;
    }

    /** Ticks every {@code periodNanos} from now. */
    void start(long periodNanos) {
        tickNanos = periodNanos;
        wantedTickNanos = periodNanos;
        timing.scheduled(periodNanos);
        ticking = timebase.scheduleAtFixedRate(periodNanos, tick);
    }

    /** Ticks every {@code periodNanos} from the next tick on. */
    void retime(long periodNanos) {
        wantedTickNanos = periodNanos;
    }

    /** On a tick: the new rate, if one was asked for, takes over from the next. */
    void retimeIfAsked() {
        long wanted = wantedTickNanos;
        if (wanted != tickNanos) {
            cancel();
            start(wanted);
        }
    }

    /** A tick begins on this thread: its time noted for the timing statistics. */
    long ticked() {
        long now = timebase.nanoTime();
        timing.tick(now);
        Thread current = Thread.currentThread();
        if (current != tickThread) {
            tickThread = current;
        }
        return now;
    }

    void cancel() {
        Cancellable t = ticking;
        if (t != null) {
            t.cancel();
        }
    }

    /** The loop has ended for good: its own timebase's thread ends. */
    void close() {
        if (realTime != null) {
            realTime.close();
        }
    }
}
