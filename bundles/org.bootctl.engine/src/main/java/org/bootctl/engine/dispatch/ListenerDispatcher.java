package org.bootctl.engine.dispatch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionListener;
import org.bootctl.api.session.Telemetry;
import org.bootctl.api.session.TelemetryListener;

/**
 * Calls the whiteboard listeners off the control loops. Session and device events go to each
 * session listener in order through its own bounded mailbox, run by the events executor (a pool:
 * a listener that blocks holds one of its threads, never another listener's events). Telemetry
 * goes to each telemetry listener through its own bounded mailbox and thread. A listener that falls
 * behind loses its oldest events or frames, nobody else notices; one that throws, an Error too, is
 * logged and kept.
 */
public final class ListenerDispatcher implements AutoCloseable {

    private final ExecutorService events;
    private final ThreadFactory telemetryThreads;
    /** By the listener's identity, never its own equals and hashCode (a plugin's code); so are the mailboxes. */
    private final Map<Identity<SessionListener>, SessionMailbox> sessionListeners = new ConcurrentHashMap<>();
    private final Map<Identity<TelemetryListener>, TelemetryMailbox> mailboxes = new ConcurrentHashMap<>();
    private volatile boolean closed;
    /** Threads a plugin may leave inside its listeners that went, at most; beyond, its next listeners get none. */
    static final int MOST_STUCK = 4;
    private final StuckListeners stuck = new StuckListeners(MOST_STUCK);
    private final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param events           runs each session listener's deliveries (a mailbox's one at a time, in
     *                         order); a pool, so that a listener that blocks holds no other
     * @param telemetryThreads makes one thread per telemetry listener
     */
    public ListenerDispatcher(ExecutorService events, ThreadFactory telemetryThreads) {
        this.events = events;
        this.telemetryThreads = telemetryThreads;
    }

    public void addSessionListener(SessionListener listener) {
        if (!closed && !refusedAsStuck(listener)) {
            sessionListeners.computeIfAbsent(Identity.of(listener), l -> new SessionMailbox(l.service(), events, stuck));
        }
    }

    public void removeSessionListener(SessionListener listener) {
        SessionMailbox box = sessionListeners.remove(Identity.of(listener));
        if (box != null) {
            box.close();
        }
    }

    public void addTelemetryListener(TelemetryListener listener) {
        if (closed || refusedAsStuck(listener)) {
            return;
        }
        mailboxes.computeIfAbsent(Identity.of(listener), l -> new TelemetryMailbox(l.service(), telemetryThreads, stuck));
    }

    public void removeTelemetryListener(TelemetryListener listener) {
        TelemetryMailbox box = mailboxes.remove(Identity.of(listener));
        if (box != null) {
            box.close();
        }
    }

    private boolean refusedAsStuck(Object listener) {
        if (!stuck.full(listener)) {
            return false;
        }
        long n = refused.incrementAndGet();
        if (n != 1 && n % 1000 != 0) { // a plugin registering in a loop would flood the log too
            return true;
        }
        try {
            System.getLogger(ListenerDispatcher.class.getName()).log(System.Logger.Level.WARNING, "listener "
                    + listener.getClass().getName() + " is not called: " + MOST_STUCK + " threads are still inside"
                    + " listeners of its bundle that went (they do not return); " + n + " refused so far");
        } catch (Throwable ignored) {
            // no memory even for the log line
        }
        return true;
    }

    public boolean wantsTelemetry() {
        return !mailboxes.isEmpty();
    }

    public void sessionChanged(SessionInfo session) {
        deliver(listener -> listener.sessionChanged(session));
    }

    public void deviceChanged(DeviceStatus device, boolean online) {
        deliver(listener -> listener.deviceChanged(device, online));
    }

    /** Hands one frame to every telemetry listener; never blocks. */
    public void telemetry(Telemetry frame) {
        for (TelemetryMailbox box : mailboxes.values()) {
            box.offer(frame);
        }
    }

    private void deliver(java.util.function.Consumer<SessionListener> call) {
        if (!closed) {
            sessionListeners.values().forEach(box -> box.offer(call));
        }
    }

    /** Stops delivering; events already queued get up to {@code millis} to go out. */
    public void close(long millis) {
        closed = true;
        mailboxes.values().forEach(TelemetryMailbox::close);
        mailboxes.clear();
        events.shutdown();
        try {
            events.awaitTermination(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sessionListeners.values().forEach(SessionMailbox::close); // a listener still inside is interrupted
        sessionListeners.clear();
    }

    @Override
    public void close() {
        close(1000);
    }
}
