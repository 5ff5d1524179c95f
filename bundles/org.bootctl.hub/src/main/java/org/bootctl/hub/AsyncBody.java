package org.bootctl.hub;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request body read without a server thread waiting for it (servlet non-blocking I/O): the fleet
 * e-stop's, which any client may send, so that clients that send their bodies slowly or not at all
 * hold no thread of the hub (250 silent ones left it answering nothing, the e-stop included, until
 * the server's idle timeout of 60 s). The whole body within its deadline, else 408; more than
 * {@link Guard#BODY_LIMIT}, 413; one that breaks off, 400. Once it is all there, {@link Then} answers
 * on a server thread.
 */
final class AsyncBody implements ReadListener, AsyncListener {

    /** What answers once the body is all there (on a server thread); the request completes after it. */
    interface Then {
        void answer(byte[] body) throws IOException;
    }

    /** Ends the reading of a body that is late; a thread only while a deadline is pending. */
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();
    /** How long an answer may take once its body is read (the e-stop's: about 2 s, 1 s more for the database). */
    static final long ANSWER_MS = 30_000;

    private final AsyncContext async;
    private final ServletInputStream in;
    private final HttpServletResponse response;
    private final Then then;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final byte[] chunk = new byte[4096];
    /** Set once the reading is over (all there, refused or failed): only one of them answers. */
    private final AtomicBoolean over = new AtomicBoolean();
    private final long deadlineMs;
    private volatile ScheduledFuture<?> deadline;

    private AsyncBody(AsyncContext async, ServletInputStream in, HttpServletResponse response, long deadlineMs, Then then) {
        this.async = async;
        this.in = in;
        this.response = response;
        this.deadlineMs = deadlineMs;
        this.then = then;
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(0, r -> {
            Thread t = new Thread(r, "bootctl-hub-body-deadline");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    /** Reads the request's body asynchronously, then lets {@code then} answer. */
    static void read(HttpServletRequest request, HttpServletResponse response, long deadlineMs, Then then) throws IOException {
        AsyncContext async = request.startAsync();
        async.setTimeout(deadlineMs + ANSWER_MS); // a safety net: the deadline below ends a late body first
        AsyncBody reader = new AsyncBody(async, request.getInputStream(), response, deadlineMs, then);
        async.addListener(reader);
        reader.deadline = DEADLINES.schedule(() -> reader.refuse(408, "the body did not arrive within " + deadlineMs / 1000
                + " s; send it at once"), deadlineMs, TimeUnit.MILLISECONDS);
        reader.in.setReadListener(reader);
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (!over.get() && in.isReady()) {
            int n = in.read(chunk);
            if (n < 0) {
                return;
            }
            body.write(chunk, 0, n);
            if (body.size() > Guard.BODY_LIMIT) {
                refuse(413, "the body is over " + Guard.BODY_LIMIT + " bytes");
            }
        }
    }

    @Override
    public void onAllDataRead() throws IOException {
        if (!over.compareAndSet(false, true)) {
            return;
        }
        cancelDeadline();
        try {
            then.answer(body.toByteArray());
        } finally {
            complete();
        }
    }

    @Override
    public void onError(Throwable failure) {
        refuse(timedOut(failure) ? 408 : 400, timedOut(failure) ? "the body did not arrive within " + deadlineMs / 1000
                + " s; send it at once" : "the body broke off before its end");
    }

    /** Answers {@code status} instead, once, and ends the request; the rest of the body is never read. */
    private void refuse(int status, String message) {
        if (!over.compareAndSet(false, true)) {
            return;
        }
        cancelDeadline();
        try {
            response.setHeader("Connection", "close");
            ApiServlet.error(response, status, message);
        } catch (IOException | RuntimeException clientGone) {
            // nobody to tell
        } finally {
            complete();
        }
    }

    private void cancelDeadline() {
        ScheduledFuture<?> d = deadline;
        if (d != null) {
            d.cancel(false);
        }
    }

    private void complete() {
        try {
            async.complete();
        } catch (IllegalStateException alreadyDone) {
            // the container ended it first
        }
    }

    private static boolean timedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onComplete(AsyncEvent event) {
        cancelDeadline();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        refuse(408, "the request took too long");
    }

    @Override
    public void onError(AsyncEvent event) {
        refuse(400, "the body broke off before its end");
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }
}
