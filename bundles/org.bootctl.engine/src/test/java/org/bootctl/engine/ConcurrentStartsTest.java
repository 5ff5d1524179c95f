package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bootctl.api.device.Models;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two units started with the same program at the same moment (two people at two units, a fleet
 * rollout): both start. A program's compile still under way is a hung one only once it is past its
 * 2 s; the second start was refused at once, "program 'busy' is still making a plan for an earlier
 * start, for over 2000 ms: it does not finish", about a compile a few milliseconds old.
 */
class ConcurrentStartsTest {

    @TempDir
    Path data;

    @Test
    void twoDevicesStartedWithOneProgramAtOnceBothStart() throws Exception {
        Harness h = new Harness(data);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger compiles = new AtomicInteger();
        h.program(TestPrograms.program("busy", 1, 16, (garment, settings) -> {
            if (compiles.incrementAndGet() == 1) { // the first plan takes a moment, well within its 2 s
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return TestPrograms.sequentialPlan(garment.zones(), settings, 2000, 30_000, 20_000);
        }));
        h.connect(FakeBoot.of("dev1", Models.RB2_L5, h.time));
        h.connect(FakeBoot.of("dev2", Models.RB2_L5, h.time));

        CompletableFuture<SessionInfo> first = CompletableFuture.supplyAsync(() -> start(h, "dev1"));
        assertTrue(entered.await(10, TimeUnit.SECONDS), "the first plan is being made");
        Thread[] caller = new Thread[1];
        CompletableFuture<SessionInfo> second = CompletableFuture.supplyAsync(() -> {
            caller[0] = Thread.currentThread();
            return start(h, "dev2");
        });
        // the second start, on another unit, waits for the first plan, or is already answered
        Waits.until("the second start waits or is answered", 5000, () -> second.isDone()
                || caller[0] != null && caller[0].getState() == Thread.State.TIMED_WAITING);
        release.countDown();

        SessionInfo one = first.get(10, TimeUnit.SECONDS);
        SessionInfo two = second.get(10, TimeUnit.SECONDS);
        assertEquals("dev1", one.deviceId());
        assertEquals("dev2", two.deviceId());
        h.seconds(1);
        assertEquals(SessionState.RUNNING, h.state(one.id()));
        assertEquals(SessionState.RUNNING, h.state(two.id()));
    }

    private static SessionInfo start(Harness h, String device) {
        try {
            return h.engine.start(device, "busy", Harness.plain(5, 10));
        } catch (Exception e) {
            throw new IllegalStateException("refused: " + e.getMessage(), e);
        }
    }
}
