package org.bootctl.engine.loop;

import org.bootctl.timebase.LatenessHistogram;

/**
 * How late one loop's ticks begin, counted into a fixed histogram on the loop's own thread:
 * a subtraction, an array increment, no allocation. Other threads read a snapshot (a little
 * torn at worst, which statistics can bear) and ask for a reset, which the loop carries out on
 * its next tick so that only it ever writes the counts.
 *
 * <p>When a tick was due is the schedule's phase plus whole periods. The phase is the one the
 * earliest tick reveals (the least late of all, since none can run early), not a clock reading
 * taken around the call that scheduled it: that call can take a while the first time (class
 * loading), which would count against every tick after. So a tick exactly on time reads 0, and the
 * smallest wake-up delay of the machine is not counted.
 */
public final class TickTiming {

    private final long[] counts = new long[LatenessHistogram.BUCKETS];
    private long max;
    private long period;
    private long elapsed;
    private long phase;
    private boolean scheduled;
    private volatile long resetsWanted;
    private long resetsDone;

    /** The loop (re)scheduled its ticks, one every {@code periodNanos}. */
    void scheduled(long periodNanos) {
        period = periodNanos;
        elapsed = 0;
        phase = Long.MAX_VALUE;
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
        long at = now - elapsed; // this tick's time less the whole periods since the first
        elapsed += period;
        if (at < phase) {
            phase = at;
        }
        long late = at - phase;
        counts[LatenessHistogram.bucket(late)]++;
        if (late > max) {
            max = late;
        }
    }

    /** The counts since the last reset; any thread. */
    public LatenessHistogram snapshot(String deviceId) {
        return new LatenessHistogram(deviceId, counts, max);
    }

    /** Starts counting afresh from the loop's next tick; any thread. */
    public synchronized void reset() {
        resetsWanted++;
    }
}
