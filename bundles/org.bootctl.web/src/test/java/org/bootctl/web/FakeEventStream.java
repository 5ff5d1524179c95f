package org.bootctl.web;

import static org.bootctl.web.Fakes.fake;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** One GET /api/events request's fakes: records its status, what was written and the async listeners. */
final class FakeEventStream {
    final AtomicInteger status = new AtomicInteger(200);
    final ConcurrentLinkedQueue<AsyncListener> listeners = new ConcurrentLinkedQueue<>();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    final AsyncContext async = fake(AsyncContext.class, Map.of(
            "setTimeout", a -> null,
            "addListener", a -> listeners.add((AsyncListener) a[0]),
            "complete", a -> null,
            "getRequest", a -> null,
            "getResponse", a -> null));
    final HttpServletRequest request = fake(HttpServletRequest.class, Map.of("startAsync", a -> async));
    final ServletOutputStream out = new ServletOutputStream() {
        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
        }

        @Override
        public void write(int b) {
            synchronized (written) {
                written.write(b);
            }
        }
    };
    final HttpServletResponse response = fake(HttpServletResponse.class, Map.of(
            "setContentType", a -> null,
            "setHeader", a -> null,
            "setContentLength", a -> null,
            "setStatus", a -> {
                status.set((Integer) a[0]);
                return null;
            },
            "getOutputStream", a -> out));

    /** What the stream got so far. */
    String text() {
        synchronized (written) {
            return written.toString(StandardCharsets.UTF_8);
        }
    }

    void closedByTheBrowser() {
        for (AsyncListener listener : listeners) {
            try {
                listener.onComplete(new AsyncEvent(async));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }
}
