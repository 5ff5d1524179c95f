package org.bootctl.engine.loop;

import org.bootctl.api.session.LoopTiming;

/**
 * How late one loop's ticks begin, counted into a fixed histogram on the loop's own thread:
 * a subtraction, an array increment, no allocation. Other threads read a snapshot (a little
 * torn at worst, which statistics can bear) and ask for a reset, which the loop carries out on
 * its next tick so that only it ever writes the counts.
 */
public final class TickTiming {

    private final long[] counts = new long[LoopTiming.BUCKETS];
    private long max;
    private long due;
    private long period;
    private boolean scheduled;
    private volatile long resetsWanted;
    private long resetsDone;

    /** The loop (re)scheduled its ticks: the next is due at {@code firstDue}, then one every {@code periodNanos}. */
    void scheduled(long firstDue, long periodNanos) {
        due = firstDue;
        period = periodNanos;
        scheduled = true;
    }

    /** A tick begins at {@code now}: its lateness is counted, and the next one falls due a period after this one was. */
    void tick(long now) {
        if (resetsDone != resetsWanted) {
            resetsDone = resetsWanted;
            java.util.Arrays.fill(counts, 0);
            max = 0;
        }
        if (!scheduled) {
            return;
        }
        long late = Math.max(0, now - due);
        counts[LoopTiming.bucket(late)]++;
        if (late > max) {
            max = late;
        }
        due += period;
    }

    /** The counts since the last reset; any thread. */
    public LoopTiming snapshot(String deviceId) {
        return new LoopTiming(deviceId, counts, max);
    }

    /** Starts counting afresh from the loop's next tick; any thread. */
    public synchronized void reset() {
        resetsWanted++;
    }
}
