package org.bootctl.web;

import static org.bootctl.web.Fakes.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The limit of open event streams holds when many requests come at once: each takes its place
 * before it goes async (the hub gains it only later, on the dispatcher), and gives it back on close.
 */
class EventStreamLimitTest {

    /** One request's fakes: records its status and the async listener the servlet added. */
    private static final class Stream {
        final AtomicInteger status = new AtomicInteger(200);
        final ConcurrentLinkedQueue<AsyncListener> listeners = new ConcurrentLinkedQueue<>();
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

        void closedByTheBrowser() {
            for (AsyncListener listener : listeners) {
                try {
                    listener.onComplete(new AsyncEvent(async));
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    @Test
    void simultaneousRequestsGetNoMoreStreamsThanTheLimit() throws Exception {
        EventsServlet servlet = new EventsServlet();
        servlet.activate();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            int asked = 2 * EventsServlet.MAX_CLIENTS + 40;
            CountDownLatch go = new CountDownLatch(1);
            List<Stream> streams = new ArrayList<>();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < asked; i++) {
                Stream s = new Stream();
                streams.add(s);
                done.add(threads.submit(() -> {
                    go.await();
                    servlet.doGet(s.request, s.response);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
            List<Stream> open = streams.stream().filter(s -> s.status.get() == 200).toList();
            assertEquals(EventsServlet.MAX_CLIENTS, open.size(), "streams opened of " + asked + " asked at once");
            assertEquals(asked - EventsServlet.MAX_CLIENTS, streams.stream().filter(s -> s.status.get() == 503).count());

            // a stream that closes gives its place back, once
            open.get(0).closedByTheBrowser();
            open.get(0).closedByTheBrowser();
            Stream next = new Stream();
            servlet.doGet(next.request, next.response);
            assertEquals(200, next.status.get(), "the closed stream's place is free again");
            Stream over = new Stream();
            servlet.doGet(over.request, over.response);
            assertEquals(503, over.status.get(), "a closed stream gives back one place, not two");
        } finally {
            threads.shutdownNow();
            servlet.deactivate();
        }
    }
}
