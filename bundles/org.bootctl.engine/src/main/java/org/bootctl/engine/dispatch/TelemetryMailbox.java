package org.bootctl.engine.dispatch;

import java.lang.System.Logger.Level;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bootctl.api.session.Telemetry;
import org.bootctl.api.session.TelemetryListener;

/**
 * One telemetry listener's frames, on its own thread. Bounded: when the listener falls behind,
 * the oldest frames are dropped. Each frame the listener gets has arrays of its own.
 */
final class TelemetryMailbox implements Runnable {

    static final int CAPACITY = 64;
    private static final System.Logger LOG = System.getLogger(TelemetryMailbox.class.getName());

    private final TelemetryListener listener;
    private final BlockingQueue<Telemetry> frames = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;
    private final StuckListeners stuck;
    /** The thread is inside the listener now. */
    private volatile boolean inside;
    /** Told to {@link #stuck} (by close, while inside), or settled (the thread left first). */
    private final AtomicBoolean counted = new AtomicBoolean();

    TelemetryMailbox(TelemetryListener listener, ThreadFactory threads, StuckListeners stuck) {
        this.listener = listener;
        this.stuck = stuck;
        thread = threads.newThread(this);
        thread.start();
    }

    /** Never blocks: makes room by dropping the oldest frame. */
    void offer(Telemetry frame) {
        while (!frames.offer(frame)) {
            if (frames.poll() != null) {
                dropped.incrementAndGet();
            }
        }
    }

    long dropped() {
        return dropped.get();
    }

    @Override
    public void run() {
        while (!closed) {
            Telemetry frame;
            try {
                frame = frames.take();
            } catch (InterruptedException e) {
                break;
            }
            inside = true;
            if (closed) {
                leaving();
                break;
            }
            try {
                listener.telemetry(own(frame));
            } catch (Throwable e) { // an Error too: the listener is kept, and so is its thread
                try {
                    LOG.log(Level.WARNING, "telemetry listener " + listener.getClass().getName() + " failed: " + e, e);
                } catch (Throwable ignored) {
                    // no memory even for the log line
                }
            } finally {
                leaving();
            }
        }
    }

    private static Telemetry own(Telemetry f) {
        return new Telemetry(f.deviceId(), f.sessionId(), f.timeMs(), f.state(), f.cycle(), f.step(),
                f.pressures().clone(), f.targets().clone(), f.valves() == null ? null : f.valves().clone(), f.pump());
    }

    void close() {
        closed = true;
        if (inside && counted.compareAndSet(false, true)) {
            stuck.left(listener); // until it returns
        }
        thread.interrupt();
    }

    /** The thread is out of the listener; once closed, a count {@link #close} made is taken back. */
    private void leaving() {
        inside = false;
        if (closed && !counted.compareAndSet(false, true)) {
            stuck.returned(listener);
        }
    }
}
