package org.bootctl.web;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many requests one client may send: a token bucket per client address, refilled at a steady
 * rate up to a burst. A request takes a token; with none left it waits until one has grown.
 *
 * <p>Cheap on every request (a map look-up, a clock read, a few arithmetic steps, no allocation
 * once a client is known) and bounded in memory: at most {@code maxClients} buckets are kept; a
 * full bucket is no different from a new one, so those are dropped when the table fills up, and
 * while every kept client is still busy, newcomers share one overflow bucket. A flood from ever new
 * (forged) addresses therefore costs a fixed amount of memory, and shares one client's allowance.
 */
final class RateLimiter {

    /** Clients with a bucket of their own: enough for any site, small enough to never matter (~0.5 MB). */
    static final int MAX_CLIENTS = 4096;
    private static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;

    private final double tokensPerNano;
    private final double burst;
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
        this.tokensPerNano = perSecond / 1e9;
        this.burst = Math.max(1, burst);
        this.maxClients = maxClients;
        this.overflow = new Bucket(this.burst, nowNanos);
        this.nextSweep = new AtomicLong(nowNanos);
    }

    boolean limits() {
        return tokensPerNano > 0;
    }

    double perSecond() {
        return tokensPerNano * 1e9;
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
        return bucket.take(nowNanos, tokensPerNano, burst);
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
        return buckets.computeIfAbsent(client, c -> new Bucket(burst, nowNanos));
    }

    /** Drops the buckets that have filled up again, at most once a second (it walks the whole table). */
    private void sweep(long nowNanos) {
        long due = nextSweep.get();
        if (nowNanos - due < 0 || !nextSweep.compareAndSet(due, nowNanos + SWEEP_INTERVAL_NANOS)) {
            return;
        }
        buckets.values().removeIf(b -> b.full(nowNanos, tokensPerNano, burst));
    }

    /** One client's tokens, as they were at {@code lastNanos}. */
    private static final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(double tokens, long nowNanos) {
            this.tokens = tokens;
            this.lastNanos = nowNanos;
        }

        synchronized long take(long nowNanos, double perNano, double burst) {
            refill(nowNanos, perNano, burst);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perNano));
        }

        synchronized boolean full(long nowNanos, double perNano, double burst) {
            refill(nowNanos, perNano, burst);
            return tokens >= burst;
        }

        private void refill(long nowNanos, double perNano, double burst) {
            long elapsed = nowNanos - lastNanos;
            if (elapsed > 0) {
                tokens = Math.min(burst, tokens + elapsed * perNano);
                lastNanos = nowNanos;
            }
        }
    }
}
