package org.bootctl.engine.safety;

import java.util.Arrays;

/**
 * Per channel, the readings of the last few seconds of one uninterrupted run (a fill, a shortfall),
 * so a rule can ask what a channel read a given time ago: a window that slides sample by sample. Fixed
 * arrays, no allocation; at 50 Hz it holds 5 s.
 */
final class RecentReadings {

    private static final int CAPACITY = 256;
    /** CAPACITY is a power of two: a slot is the position masked (negative positions wrap too). */
    private static final int MASK = CAPACITY - 1;

    private final long[][] times;
    private final double[][] values;
    private final int[] count;
    private final int[] next;

    RecentReadings(int channels) {
        times = new long[channels][CAPACITY];
        values = new double[channels][CAPACITY];
        count = new int[channels];
        next = new int[channels];
    }

    /** The run ends: the channel's readings are forgotten. */
    void clear(int channel) {
        count[channel] = 0;
        next[channel] = 0;
    }

    void clearAll() {
        Arrays.fill(count, 0);
        Arrays.fill(next, 0);
    }

    boolean isEmpty(int channel) {
        return count[channel] == 0;
    }

    void add(int channel, long nanos, double mmHg) {
        times[channel][next[channel]] = nanos;
        values[channel][next[channel]] = mmHg;
        next[channel] = (next[channel] + 1) & MASK;
        count[channel] = Math.min(CAPACITY, count[channel] + 1);
    }

    /**
     * Keeps a run of readings while a rule watches the channel: forgets it when the rule stops
     * watching; otherwise adds the reading, unless its sample is the one already kept (a late sample
     * is the stale-telemetry rule's). Whether a reading was added, for the rule to judge the run.
     */
    boolean follow(int channel, boolean watching, long nanos, double mmHg) {
        if (!watching) {
            clear(channel);
            return false;
        }
        if (!isEmpty(channel) && nanos <= newest(channel)) {
            return false;
        }
        add(channel, nanos, mmHg);
        return true;
    }

    /** When the newest reading kept was taken; {@link Long#MIN_VALUE} when none is. */
    long newest(int channel) {
        return count[channel] == 0 ? Long.MIN_VALUE : times[channel][(next[channel] - 1) & MASK];
    }

    /** When the oldest reading kept was taken; {@link Long#MAX_VALUE} when none is. */
    long oldest(int channel) {
        return count[channel] == 0 ? Long.MAX_VALUE : times[channel][index(channel, 0)];
    }

    /**
     * The newest reading taken at or before {@code nanos}, or NaN when every reading kept is later
     * (the run is younger than that).
     */
    double at(int channel, long nanos) {
        int k = newestAtOrBefore(channel, nanos);
        return k < 0 ? Double.NaN : values[channel][index(channel, k)];
    }

    /** When the reading {@link #at} returns was taken, or {@link Long#MIN_VALUE}. */
    long timeAt(int channel, long nanos) {
        int k = newestAtOrBefore(channel, nanos);
        return k < 0 ? Long.MIN_VALUE : times[channel][index(channel, k)];
    }

    /**
     * The age rank (0 the oldest) of the newest reading taken at or before {@code nanos}, or -1. A
     * binary search: the rules add a channel's readings in strictly increasing time (a tick's
     * safety check runs several of these lookups per channel, and a window holds up to 256).
     */
    private int newestAtOrBefore(int channel, long nanos) {
        long[] t = times[channel];
        int low = 0;
        int high = count[channel] - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (t[index(channel, mid)] <= nanos) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    /** How far apart the highest and lowest readings taken at or after {@code nanos} are (0 when none is). */
    double span(int channel, long nanos) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int k = count[channel] - 1; k >= 0; k--) {
            int i = index(channel, k);
            if (times[channel][i] < nanos) {
                break;
            }
            low = Math.min(low, values[channel][i]);
            high = Math.max(high, values[channel][i]);
        }
        return high >= low ? high - low : 0;
    }

    /** The k-th oldest kept reading's slot. */
    private int index(int channel, int k) {
        return (next[channel] - count[channel] + k) & MASK;
    }
}
