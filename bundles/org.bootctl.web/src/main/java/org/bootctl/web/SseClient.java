package org.bootctl.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * One browser on the event stream, written with non-blocking servlet I/O: events wait in a bounded
 * queue while the network is slow; a client that lets the queue overflow, or goes away, is closed.
 * No thread ever waits on a client.
 */
final class SseClient implements EventHub.Subscriber, WriteListener, AsyncListener {

    /** Half a minute of one device's telemetry: more than that behind, the client is dropped. */
    static final int MAX_QUEUED_BYTES = 256 * 1024;

    private final AsyncContext async;
    private final ServletOutputStream out;
    private final Runnable onClose;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private int queuedBytes;
    private boolean flushNeeded;
    private boolean closed;

    SseClient(AsyncContext async, ServletOutputStream out, Runnable onClose) {
        this.async = async;
        this.out = out;
        this.onClose = onClose;
    }

    @Override
    public synchronized boolean send(byte[] chunk) {
        if (closed) {
            return false;
        }
        if (queuedBytes + chunk.length > MAX_QUEUED_BYTES) {
            close();
            return false;
        }
        queue.add(chunk);
        queuedBytes += chunk.length;
        pump();
        return !closed;
    }

    @Override
    public synchronized void onWritePossible() {
        pump();
    }

    /** Writes while the container can take more without blocking; it calls onWritePossible when it can again. */
    private void pump() {
        try {
            while (!closed && out.isReady()) {
                byte[] next = queue.poll();
                if (next == null) {
                    if (!flushNeeded) {
                        return;
                    }
                    flushNeeded = false;
                    out.flush();
                } else {
                    queuedBytes -= next.length;
                    out.write(next);
                    flushNeeded = true;
                }
            }
        } catch (IOException | IllegalStateException e) {
            close();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.clear();
        try {
            async.complete();
        } catch (IllegalStateException alreadyDone) {
            // the container ended it first
        }
        onClose.run();
    }

    @Override
    public void onError(Throwable failure) {
        close();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        close();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        close();
    }

    @Override
    public void onError(AsyncEvent event) {
        close();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }
}
