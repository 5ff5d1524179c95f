package org.bootctl.web;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many requests one client may send: a token bucket per client address, refilled at a steady
 * rate up to a burst. A request takes a token; with none left it waits until one has grown.
 *
 * <p>Cheap on every request (a map look-up, a clock read, a few arithmetic steps, no allocation
 * once a client is known) and free of locks: a flood comes from one address, so every server
 * thread asks the same bucket at once; a lock there, on two busy cores, made them queue behind
 * whichever holder was descheduled, and the pool's every thread waited (issue 12). It is bounded
 * in memory: at most {@code maxClients} buckets are kept; a full bucket is no different from a new
 * one, so those are dropped when the table fills up, and while every kept client is still busy,
 * newcomers share one overflow bucket. A flood from ever new
 * (forged) addresses therefore costs a fixed amount of memory, and shares one client's allowance.
 */
final class RateLimiter {

    /** Clients with a bucket of their own: enough for any site, small enough to never matter (~0.5 MB). */
    static final int MAX_CLIENTS = 4096;
    private static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;

    private final double perSecond;
    /** Nanoseconds one token takes to grow; 0: no limit. */
    private final long interval;
    private final double burst;
    /** How far ahead of now a bucket may be emptied: the burst's worth of intervals. */
    private final long window;
    private final int maxClients;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Bucket overflow;
    /** When the table may next be swept. */
    private final AtomicLong nextSweep;

    /**
     * @param perSecond  tokens refilled a second, per client; 0 or less: no limit
     * @param burst      the most tokens a bucket holds (at least 1)
     * @param maxClients the most buckets kept
     */
    RateLimiter(double perSecond, int burst, int maxClients, long nowNanos) {
        this.perSecond = Math.max(0, perSecond);
        this.interval = perSecond > 0 ? Math.max(1, Math.round(1e9 / perSecond)) : 0;
        this.burst = Math.max(1, burst);
        this.window = (long) this.burst * interval;
        this.maxClients = maxClients;
        this.overflow = new Bucket(nowNanos);
        this.nextSweep = new AtomicLong(nowNanos);
    }

    boolean limits() {
        return interval > 0;
    }

    double perSecond() {
        return perSecond;
    }

    int burst() {
        return (int) burst;
    }

    /** 0 when the client may go ahead (a token taken); else how long, ns, until it may try again. */
    long admit(String client, long nowNanos) {
        if (!limits()) {
            return 0;
        }
        Bucket bucket = buckets.get(client);
        if (bucket == null) {
            bucket = newcomer(client, nowNanos);
        }
        return bucket.take(nowNanos, interval, window);
    }

    /** Clients with a bucket of their own now (for tests). */
    int clients() {
        return buckets.size();
    }

    private Bucket newcomer(String client, long nowNanos) {
        if (buckets.size() >= maxClients) {
            sweep(nowNanos);
            if (buckets.size() >= maxClients) {
                return overflow;
            }
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(nowNanos));
    }

    /** Drops the buckets that have filled up again, at most once a second (it walks the whole table). */
    private void sweep(long nowNanos) {
        long due = nextSweep.get();
        if (nowNanos - due < 0 || !nextSweep.compareAndSet(due, nowNanos + SWEEP_INTERVAL_NANOS)) {
            return;
        }
        buckets.values().removeIf(b -> b.full(nowNanos));
    }

    /**
     * One client's tokens, kept as the moment its bucket will be full again (the generic cell rate
     * algorithm): at or before now it is full; each request moves that moment one interval on, and
     * a request that would move it beyond a burst's worth of intervals ahead finds the bucket empty.
     * One compare-and-set, no lock.
     */
    private static final class Bucket {
        private final AtomicLong fullAt;

        Bucket(long nowNanos) {
            this.fullAt = new AtomicLong(nowNanos);
        }

        /** 0 with a token taken; else how long, ns, until one has grown. */
        long take(long nowNanos, long interval, long window) {
            while (true) {
                long full = fullAt.get();
                long next = (full - nowNanos < 0 ? nowNanos : full) + interval;
                long late = next - nowNanos - window;
                if (late > 0) {
                    return late;
                }
                if (fullAt.compareAndSet(full, next)) {
                    return 0;
                }
            }
        }

        boolean full(long nowNanos) {
            return fullAt.get() - nowNanos <= 0;
        }
    }
}
