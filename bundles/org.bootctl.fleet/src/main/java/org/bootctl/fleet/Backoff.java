package org.bootctl.fleet;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays: exponential from 0.5 s, capped at 30 s, each a random point of its window
 * ("full jitter"), so a hundred units that lost one broker come back spread out, not in a storm.
 */
final class Backoff {

    static final long FIRST_MS = 500;
    static final long CAP_MS = 30_000;

    private int failures;

    /** The delay before the next attempt; each call widens the window until the cap. */
    long next() {
        long window = Math.min(CAP_MS, FIRST_MS << Math.min(failures, 16));
        failures++;
        return ThreadLocalRandom.current().nextLong(window / 2, window + 1);
    }

    void reset() {
        failures = 0;
    }
}
