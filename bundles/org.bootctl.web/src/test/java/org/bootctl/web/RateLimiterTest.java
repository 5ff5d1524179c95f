package org.bootctl.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The token bucket per client, on a clock the test moves (ns). */
class RateLimiterTest {

    private static final long MS = 1_000_000L;

    private static int admitted(RateLimiter limiter, String client, int requests, long now) {
        int admitted = 0;
        for (int i = 0; i < requests; i++) {
            if (limiter.admit(client, now) == 0) {
                admitted++;
            }
        }
        return admitted;
    }

    @Test
    void aBurstThenTheSustainedRate() {
        RateLimiter limiter = new RateLimiter(50, 100, 16, 0);
        assertEquals(100, admitted(limiter, "10.0.0.1", 500, 0), "the burst");
        long wait = limiter.admit("10.0.0.1", 0);
        assertEquals(20 * MS, wait, "one token grows in 1/50 s");
        assertEquals(0, admitted(limiter, "10.0.0.1", 10, 19 * MS));
        assertEquals(1, admitted(limiter, "10.0.0.1", 10, 20 * MS));
        // a second later: 50 more, never more than the burst however long the pause
        assertEquals(50, admitted(limiter, "10.0.0.1", 500, 1020 * MS));
        assertEquals(100, admitted(limiter, "10.0.0.1", 500, 3_600_000 * MS));
    }

    @Test
    void clientsHaveBucketsOfTheirOwn() {
        RateLimiter limiter = new RateLimiter(50, 100, 16, 0);
        assertEquals(100, admitted(limiter, "10.0.0.1", 200, 0));
        assertEquals(100, admitted(limiter, "10.0.0.2", 200, 0), "one client's flood leaves the other its share");
        assertEquals(100, admitted(limiter, "::1", 200, 0));
    }

    @Test
    void sustainedOverTime() {
        RateLimiter limiter = new RateLimiter(50, 100, 16, 0);
        int admitted = 0;
        for (long t = 0; t < 10_000 * MS; t += MS) { // 1,000 requests a second for 10 s
            admitted += admitted(limiter, "flood", 1, t);
        }
        assertTrue(admitted >= 100 + 50 * 10 - 1 && admitted <= 100 + 50 * 10, "admitted " + admitted);
    }

    @Test
    void zeroMeansNoLimit() {
        RateLimiter off = new RateLimiter(0, 100, 16, 0);
        assertEquals(10_000, admitted(off, "a", 10_000, 0));
        assertEquals(0, off.clients(), "nothing kept");
    }

    @Test
    void manyAddressesCostABoundedTableAndShareOneOverflowBucket() {
        RateLimiter limiter = new RateLimiter(50, 10, 100, 0);
        int admitted = 0;
        for (int i = 0; i < 10_000; i++) {
            admitted += admitted(limiter, "2001:db8::" + Integer.toHexString(i), 1, 0);
        }
        assertEquals(100, limiter.clients(), "never more buckets than the bound");
        assertEquals(100 + 10, admitted, "each kept client its first request, then the newcomers share one burst");
        assertEquals(9, admitted(limiter, "2001:db8::0", 20, 0), "a kept client still has the rest of its own burst");
    }

    @Test
    void idleClientsMakeRoomForNewOnes() {
        RateLimiter limiter = new RateLimiter(50, 10, 100, 0);
        for (int i = 0; i < 100; i++) {
            limiter.admit("old-" + i, 0);
        }
        assertEquals(100, limiter.clients());
        // a second later every old bucket is full again: no different from a new one, so dropped
        assertEquals(10, admitted(limiter, "new", 20, 1000 * MS));
        assertEquals(1, limiter.clients());
        assertEquals(10, admitted(limiter, "old-1", 20, 1000 * MS), "a dropped client starts full, as it would have been");
    }

    @Test
    void theTableIsSweptAtMostOnceASecond() {
        RateLimiter limiter = new RateLimiter(1, 1, 2, 0);
        limiter.admit("a", 0);
        limiter.admit("b", 0);
        assertEquals(0, limiter.admit("c", 0), "c shares the overflow bucket: a and b are still busy");
        assertEquals(2, limiter.clients());
        // a and b are full again after 1 s, but a sweep ran at 0 and the next may run only from 1 s
        assertTrue(limiter.admit("d", 999 * MS) > 0, "the overflow bucket is empty");
        assertEquals(2, limiter.clients());
        assertEquals(0, limiter.admit("d", 1000 * MS));
        assertEquals(1, limiter.clients(), "swept at 1 s, d got a bucket of its own");
    }

    @Test
    void tooManyRequestsSaysTheLimitAndWhenToComeBack() {
        RateLimiter limiter = new RateLimiter(50, 100, 16, 0);
        RequestGuard.Verdict v = GuardFilter.tooManyRequests(limiter, 20 * MS);
        assertEquals(429, v.status());
        assertEquals(1, v.retryAfterSeconds(), "whole seconds, at least 1");
        assertTrue(v.message().contains("50 a second") && v.message().contains("100"), v.message());
        assertEquals(3, GuardFilter.tooManyRequests(limiter, 2001 * MS).retryAfterSeconds());
    }

    /** One address's flood asks one bucket from every server thread at once: no token is given twice, none lost. */
    @Test
    void manyThreadsAtOnceShareTheBurstExactly() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(50, 100, 16, 0);
        AtomicInteger admitted = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        Thread[] threads = new Thread[16];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                admitted.addAndGet(admitted(limiter, "127.0.0.1", 1000, 0));
            });
            threads[i].start();
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(30_000);
        }
        assertEquals(100, admitted.get(), "the burst, once");
        assertEquals(20 * MS, limiter.admit("127.0.0.1", 0), "and the next token a whole interval away");
    }
}
