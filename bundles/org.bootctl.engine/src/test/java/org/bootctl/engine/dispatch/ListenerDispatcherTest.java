package org.bootctl.engine.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.bootctl.api.device.Valve;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionListener;
import org.bootctl.api.session.SessionState;
import org.bootctl.api.session.Telemetry;
import org.bootctl.api.session.TelemetryListener;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Listeners on their own threads: events in order and never lost; telemetry bounded per listener. */
class ListenerDispatcherTest {

    private final ListenerDispatcher dispatcher = new ListenerDispatcher(Executors.newCachedThreadPool(), Thread::new);

    @AfterEach
    void close() {
        dispatcher.close();
    }

    private static SessionInfo info(int n) {
        return new SessionInfo("s" + n, "d", "p", "1", Settings.level(1, 1), SessionState.RUNNING, n, 0, n, 0, null,
                null, null, null);
    }

    private static Telemetry frame(long t) {
        return new Telemetry("d", null, t, SessionState.IDLE, 0, -1, new double[] {t, 1}, new double[] {0, 0},
                new Valve[] {Valve.VENT, Valve.VENT}, 0);
    }

    @Test
    void sessionEventsArriveInOrderAndAThrowingListenerHurtsNobody() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        dispatcher.addSessionListener(session -> {
            throw new IllegalStateException("a broken listener");
        });
        dispatcher.addSessionListener(new SessionListener() {
            @Override
            public void sessionChanged(SessionInfo session) {
                heard.add(session.id());
            }
        });
        for (int i = 0; i < 500; i++) {
            dispatcher.sessionChanged(info(i));
        }
        Waits.until("all 500 events heard", 10_000, () -> heard.size() == 500);
        for (int i = 0; i < 500; i++) {
            assertEquals("s" + i, heard.get(i));
        }
    }

    @Test
    void aListenerThatKeepsUpIsNeverSaidToBeBehind() throws Exception {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(SessionMailbox.class.getName());
        logger.addHandler(handler);
        try {
            List<String> heard = new CopyOnWriteArrayList<>();
            dispatcher.addSessionListener(session -> heard.add(session.id()));
            for (int i = 0; i < 100; i++) {
                dispatcher.sessionChanged(info(i));
            }
            Waits.until("all 100 events heard", 10_000, () -> heard.size() == 100);
            assertEquals(List.of(), logged, "nothing was dropped: nothing to warn of");
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void aSessionListenerThatBlocksOrThrowsAnErrorHoldsNoOtherListenerAndKeepsABoundedQueue() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<String> stuckHeard = new CopyOnWriteArrayList<>();
        List<String> heard = new CopyOnWriteArrayList<>();
        dispatcher.addSessionListener(session -> { // a plugin that blocks (until the test lets it go)
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stuckHeard.add(session.id());
        });
        dispatcher.addSessionListener(session -> {
            throw new StackOverflowError("a plugin's runaway recursion");
        });
        dispatcher.addSessionListener(session -> heard.add(session.id()));
        int events = SessionMailbox.CAPACITY + 500;
        for (int i = 0; i < events; i++) {
            dispatcher.sessionChanged(info(i));
            int sent = i + 1;
            if (sent % 100 == 0) { // at a pace a listener that keeps up follows (a burst past its bound would drop)
                Waits.until("the listener that keeps up heard " + sent, 10_000, () -> heard.size() == sent);
            }
        }
        Waits.until("every event heard by the listener that keeps up", 10_000, () -> heard.size() == events);
        for (int i = 0; i < events; i++) {
            assertEquals("s" + i, heard.get(i));
        }
        gate.countDown();
        String last = "s" + (events - 1);
        Waits.until("the stuck listener heard the last event once let go", 10_000, () -> stuckHeard.contains(last));
        assertTrue(stuckHeard.size() <= SessionMailbox.CAPACITY + 1, "bounded: " + stuckHeard.size());
        for (int i = 1; i < stuckHeard.size(); i++) {
            assertTrue(Integer.parseInt(stuckHeard.get(i).substring(1)) > Integer.parseInt(stuckHeard.get(i - 1).substring(1)),
                    "newest kept, in order");
        }
    }

    @Test
    void aListenerThatFallsBehindLosesItsOldestFramesOnly() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<Long> slow = new CopyOnWriteArrayList<>();
        List<Long> fast = new CopyOnWriteArrayList<>();
        TelemetryListener stuck = frame -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            slow.add(frame.timeMs());
        };
        TelemetryListener quick = frame -> fast.add(frame.timeMs());
        dispatcher.addTelemetryListener(stuck);
        dispatcher.addTelemetryListener(quick);
        for (long t = 0; t < 5000; t++) {
            dispatcher.telemetry(frame(t)); // never blocks, whatever the stuck listener does
        }
        Waits.until("the fast listener heard the last event", 10_000, () -> fast.contains(4999L));
        gate.countDown();
        Waits.until("the slow listener heard the last event", 10_000, () -> slow.contains(4999L));
        assertTrue(slow.size() <= TelemetryMailbox.CAPACITY + 1, "bounded: " + slow.size());
        for (int i = 1; i < slow.size(); i++) {
            assertTrue(slow.get(i) > slow.get(i - 1), "newest kept, in order");
        }
    }

    @Test
    void aTelemetryListenerThatThrowsAnErrorKeepsHearing() throws Exception {
        List<Long> heard = new CopyOnWriteArrayList<>();
        dispatcher.addTelemetryListener(frame -> {
            heard.add(frame.timeMs());
            if (frame.timeMs() == 0) {
                throw new StackOverflowError("a plugin's runaway recursion");
            }
        });
        dispatcher.telemetry(frame(0));
        Waits.until("the first frame heard", 10_000, () -> heard.contains(0L));
        dispatcher.telemetry(frame(1));
        Waits.until("the frame after the error heard", 10_000, () -> heard.contains(1L));
    }

    @Test
    void aPluginThatRegistersAndUnregistersAListenerThatNeverReturnsThousandsOfTimesHoldsAFewThreads()
            throws Exception {
        java.util.concurrent.atomic.AtomicInteger alive = new java.util.concurrent.atomic.AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        ListenerDispatcher counted = new ListenerDispatcher(new java.util.concurrent.ThreadPoolExecutor(0,
                Integer.MAX_VALUE, 10, java.util.concurrent.TimeUnit.MILLISECONDS, new java.util.concurrent.SynchronousQueue<>(),
                task -> counting(task, alive)), task -> counting(task, alive));
        try {
            for (int i = 0; i < 1000; i++) {
                CountDownLatch inside = new CountDownLatch(2);
                TelemetryListener telemetry = frame -> stubborn(inside, never);
                SessionListener session = event -> stubborn(inside, never);
                counted.addTelemetryListener(telemetry);
                counted.addSessionListener(session);
                counted.telemetry(frame(i));
                counted.sessionChanged(info(i));
                // the first ones are called and stay inside; once a few are stuck, no more are called (not waited for)
                inside.await(i < ListenerDispatcher.MOST_STUCK / 2 ? 10_000 : 0, java.util.concurrent.TimeUnit.MILLISECONDS);
                counted.removeTelemetryListener(telemetry);
                counted.removeSessionListener(session);
            }
            Waits.until("threads of listeners that went and returned have ended", 10_000,
                    () -> alive.get() <= 2 * ListenerDispatcher.MOST_STUCK);
            List<Long> heard = new CopyOnWriteArrayList<>();
            ClassLoader otherBundle = new ClassLoader(ListenerDispatcherTest.class.getClassLoader()) {
            };
            counted.addTelemetryListener((TelemetryListener) java.lang.reflect.Proxy.newProxyInstance(otherBundle,
                    new Class<?>[] {TelemetryListener.class}, (proxy, method, args) -> {
                        if (method.getName().equals("telemetry")) {
                            heard.add(((Telemetry) args[0]).timeMs());
                        }
                        return null;
                    }));
            counted.telemetry(frame(7));
            Waits.until("a listener of another plugin is still served", 10_000, () -> heard.contains(7L));
        } finally {
            never.countDown();
            counted.close();
        }
    }

    /** Waits for {@code never} and ignores being interrupted, as a hostile plugin does. */
    private static void stubborn(CountDownLatch inside, CountDownLatch never) {
        inside.countDown();
        while (true) {
            try {
                never.await();
                return;
            } catch (InterruptedException e) {
                // ignored
            }
        }
    }

    private static Thread counting(Runnable task, java.util.concurrent.atomic.AtomicInteger alive) {
        return new Thread(() -> {
            alive.incrementAndGet();
            try {
                task.run();
            } finally {
                alive.decrementAndGet();
            }
        });
    }

    @Test
    void everyListenerGetsArraysOfItsOwn() throws Exception {
        List<Double> seen = new CopyOnWriteArrayList<>();
        TelemetryListener vandal = frame -> {
            seen.add(frame.pressures()[0]);
            frame.pressures()[0] = -99;
        };
        dispatcher.addTelemetryListener(vandal);
        dispatcher.addTelemetryListener(frame -> {
            seen.add(frame.pressures()[0]);
            frame.pressures()[0] = -99;
        });
        Telemetry original = frame(7);
        dispatcher.telemetry(original);
        Waits.until("both events seen", 10_000, () -> seen.size() == 2);
        assertEquals(List.of(7.0, 7.0), seen);
        assertEquals(7.0, original.pressures()[0]);
    }
}
