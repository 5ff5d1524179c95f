package org.bootctl.engine.dispatch;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.bootctl.api.session.SessionListener;

/**
 * One session listener's events, in order, one at a time, run by the dispatcher's executor: a
 * listener that blocks holds only its own deliveries (one thread of the pool), never another
 * listener's. Bounded: a listener {@link #CAPACITY} events behind (stuck) loses its oldest, counted
 * and logged; one that keeps up loses none.
 */
final class SessionMailbox {

    /** Far more events than a listener that keeps up ever has waiting (a few per session step). */
    static final int CAPACITY = 1000;
    private static final System.Logger LOG = System.getLogger(SessionMailbox.class.getName());

    private final SessionListener listener;
    private final Executor executor;
    private final ArrayDeque<Consumer<SessionListener>> waiting = new ArrayDeque<>();
    private boolean scheduled;
    private boolean closed;
    private long dropped;
    /** The thread inside the listener now, interrupted when the listener goes. */
    private volatile Thread delivering;
    private final StuckListeners stuck;
    /** A delivery is inside the listener now (guarded by this). */
    private boolean inside;
    /** Told to {@link #stuck} (by close, while inside), or settled (the delivery left first). */
    private final AtomicBoolean counted = new AtomicBoolean();

    SessionMailbox(SessionListener listener, Executor executor, StuckListeners stuck) {
        this.listener = listener;
        this.stuck = stuck;
        this.executor = executor;
    }

    /** Never blocks: queues the event, dropping the oldest when {@link #CAPACITY} already wait. */
    void offer(Consumer<SessionListener> event) {
        long droppedNow = 0;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (waiting.size() >= CAPACITY) {
                waiting.poll();
                droppedNow = ++dropped;
            }
            waiting.add(event);
            if (scheduled) {
                event = null;
            } else {
                scheduled = true;
            }
        }
        if (droppedNow == 1 || droppedNow > 0 && droppedNow % 10_000 == 0) { // a stuck listener would flood the log too
            log(Level.WARNING, "session listener " + listener.getClass().getName() + " is " + CAPACITY
                    + " events behind (it does not return): its oldest events are dropped (" + droppedNow + " so far)");
        }
        if (event != null) {
            try {
                executor.execute(this::deliver);
            } catch (RejectedExecutionException e) { // shutting down
                synchronized (this) {
                    scheduled = false;
                }
            }
        }
    }

    private void deliver() {
        delivering = Thread.currentThread();
        try {
            while (true) {
                Consumer<SessionListener> event;
                synchronized (this) {
                    event = closed ? null : waiting.poll();
                    if (event == null) {
                        scheduled = false;
                        return;
                    }
                    inside = true;
                }
                try {
                    event.accept(listener);
                } catch (Throwable e) { // an Error too: it is the listener's, and it is kept
                    log(Level.WARNING, "session listener " + listener.getClass().getName() + " failed: " + e);
                } finally {
                    leaving();
                }
            }
        } finally {
            delivering = null;
        }
    }

    /** The listener went: nothing more is delivered; a delivery under way is interrupted. */
    void close() {
        boolean wasInside;
        synchronized (this) {
            closed = true;
            waiting.clear();
            wasInside = inside;
        }
        if (wasInside && counted.compareAndSet(false, true)) {
            stuck.left(listener); // until it returns
        }
        Thread thread = delivering;
        if (thread != null && thread != Thread.currentThread()) {
            thread.interrupt();
        }
    }

    /** The delivery is out of the listener; once closed, a count {@link #close} made is taken back. */
    private void leaving() {
        boolean isClosed;
        synchronized (this) {
            inside = false;
            isClosed = closed;
        }
        if (isClosed && !counted.compareAndSet(false, true)) {
            stuck.returned(listener);
        }
    }

    private static void log(Level level, String message) {
        try {
            LOG.log(level, message);
        } catch (Throwable ignored) {
            // no memory even for the log line
        }
    }
}
