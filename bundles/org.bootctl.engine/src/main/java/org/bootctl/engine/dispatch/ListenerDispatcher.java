package org.bootctl.engine.dispatch;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionListener;
import org.bootctl.api.session.Telemetry;
import org.bootctl.api.session.TelemetryListener;

/**
 * Calls the whiteboard listeners off the control loops. Session and device events go, in order
 * and never dropped, through one events executor to every session listener. Telemetry goes to
 * each telemetry listener through its own bounded mailbox and thread: a listener that falls behind
 * loses its oldest frames, nobody else notices. A listener that throws is logged and kept.
 */
public final class ListenerDispatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ListenerDispatcher.class.getName());

    private final ExecutorService events;
    private final ThreadFactory telemetryThreads;
    private final CopyOnWriteArrayList<SessionListener> sessionListeners = new CopyOnWriteArrayList<>();
    private final Map<TelemetryListener, TelemetryMailbox> mailboxes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param events           runs event deliveries one at a time, in order
     * @param telemetryThreads makes one thread per telemetry listener
     */
    public ListenerDispatcher(ExecutorService events, ThreadFactory telemetryThreads) {
        this.events = events;
        this.telemetryThreads = telemetryThreads;
    }

    public void addSessionListener(SessionListener listener) {
        sessionListeners.addIfAbsent(listener);
    }

    public void removeSessionListener(SessionListener listener) {
        sessionListeners.remove(listener);
    }

    public void addTelemetryListener(TelemetryListener listener) {
        if (closed) {
            return;
        }
        mailboxes.computeIfAbsent(listener, l -> new TelemetryMailbox(l, telemetryThreads));
    }

    public void removeTelemetryListener(TelemetryListener listener) {
        TelemetryMailbox box = mailboxes.remove(listener);
        if (box != null) {
            box.close();
        }
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
        if (closed || sessionListeners.isEmpty()) {
            return;
        }
        try {
            events.execute(() -> {
                for (SessionListener listener : sessionListeners) {
                    try {
                        call.accept(listener);
                    } catch (RuntimeException | LinkageError e) {
                        LOG.log(Level.WARNING, "session listener " + listener + " failed: " + e, e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "event after shutdown dropped");
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
    }

    @Override
    public void close() {
        close(1000);
    }
}
