package org.bootctl.engine.dispatch;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
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

    SessionMailbox(SessionListener listener, Executor executor) {
        this.listener = listener;
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
        if (droppedNow == 1 || droppedNow % 10_000 == 0) { // a stuck listener would flood the log too
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
                }
                try {
                    event.accept(listener);
                } catch (Throwable e) { // an Error too: it is the listener's, and it is kept
                    log(Level.WARNING, "session listener " + listener.getClass().getName() + " failed: " + e);
                }
            }
        } finally {
            delivering = null;
        }
    }

    /** The listener went: nothing more is delivered; a delivery under way is interrupted. */
    void close() {
        synchronized (this) {
            closed = true;
            waiting.clear();
        }
        Thread inside = delivering;
        if (inside != null && inside != Thread.currentThread()) {
            inside.interrupt();
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
