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

    @Test
    void simultaneousRequestsGetNoMoreStreamsThanTheLimit() throws Exception {
        EventsServlet servlet = new EventsServlet();
        servlet.activate();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            int asked = 2 * EventsServlet.MAX_CLIENTS + 40;
            CountDownLatch go = new CountDownLatch(1);
            List<FakeEventStream> streams = new ArrayList<>();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < asked; i++) {
                FakeEventStream s = new FakeEventStream();
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
            List<FakeEventStream> open = streams.stream().filter(s -> s.status.get() == 200).toList();
            assertEquals(EventsServlet.MAX_CLIENTS, open.size(), "streams opened of " + asked + " asked at once");
            assertEquals(asked - EventsServlet.MAX_CLIENTS, streams.stream().filter(s -> s.status.get() == 503).count());

            // a stream that closes gives its place back, once
            open.get(0).closedByTheBrowser();
            open.get(0).closedByTheBrowser();
            FakeEventStream next = new FakeEventStream();
            servlet.doGet(next.request, next.response);
            assertEquals(200, next.status.get(), "the closed stream's place is free again");
            FakeEventStream over = new FakeEventStream();
            servlet.doGet(over.request, over.response);
            assertEquals(503, over.status.get(), "a closed stream gives back one place, not two");
        } finally {
            threads.shutdownNow();
            servlet.deactivate();
        }
    }
}
