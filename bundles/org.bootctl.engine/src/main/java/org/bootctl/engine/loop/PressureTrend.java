package org.bootctl.engine.loop;

import java.util.Arrays;

/**
 * Per channel, the pressure and its rate of change now, fitted by least squares to the last few
 * samples taken since the channel's valves and pump last changed (samples from before a change
 * describe another flow). Sensor noise of a single reading (about 0.15 mmHg) would make the rate
 * from two samples 20 ms apart swing by 10 mmHg/s; a fit over six samples is five times steadier
 * and lags by half its window only while the rate itself drifts, which in a fill it does slowly.
 * Fitted when asked, once per new sample; fixed arrays, no allocation.
 */
final class PressureTrend {

    /** Samples in one fit. */
    static final int WINDOW = 6;
    /** Samples a fit needs before it is trusted over the prior. */
    static final int ENOUGH = 3;

    private final long[][] times;
    private final double[][] values;
    private final int[] count;
    private final int[] next;
    private final long[] from;
    private final double[] level;
    private final double[] mean;
    private final double[] slope;
    private final long[] levelAt;
    private final boolean[] stale;

    PressureTrend(int channels) {
        times = new long[channels][WINDOW];
        values = new double[channels][WINDOW];
        count = new int[channels];
        next = new int[channels];
        from = new long[channels];
        level = new double[channels];
        mean = new double[channels];
        slope = new double[channels];
        levelAt = new long[channels];
        stale = new boolean[channels];
        Arrays.fill(from, Long.MIN_VALUE);
    }

    /** Forgets the samples: a new flow acts from {@code effectiveNanos}; samples before it no longer count. */
    void restart(int channel, long effectiveNanos) {
        count[channel] = 0;
        next[channel] = 0;
        from[channel] = effectiveNanos;
    }

    /** A sample taken at {@code nanos}; ignored while the last change has not yet acted. */
    void add(int channel, long nanos, double mmHg) {
        if (nanos < from[channel]) {
            return;
        }
        times[channel][next[channel]] = nanos;
        values[channel][next[channel]] = mmHg;
        next[channel] = (next[channel] + 1) % WINDOW;
        count[channel] = Math.min(WINDOW, count[channel] + 1);
        levelAt[channel] = nanos;
        stale[channel] = true;
    }

    /** Fits the channel's samples if a new one came since the last fit (only channels that are asked for). */
    private void fit(int c) {
        if (!stale[c]) {
            return;
        }
        stale[c] = false;
        int n = count[c];
        long latest = levelAt[c];
        long[] t = times[c];
        double[] p = values[c];
        double st = 0;
        double sp = 0;
        double stt = 0;
        double stp = 0;
        for (int i = 0; i < n; i++) {
            double x = (t[i] - latest) * 1e-9;
            st += x;
            sp += p[i];
            stt += x * x;
            stp += x * p[i];
        }
        double meanT = st / n;
        double meanP = sp / n;
        double varT = stt - st * meanT;
        slope[c] = varT > 0 ? (stp - st * meanP) / varT : 0;
        level[c] = meanP - slope[c] * meanT; // at the latest sample
        mean[c] = meanP;
    }

    /** Whether the fit has enough samples since the last change. */
    boolean fitted(int channel) {
        return count[channel] >= ENOUGH;
    }

    /** The fitted pressure at the latest sample. */
    double level(int channel) {
        fit(channel);
        return level[channel];
    }

    /**
     * The mean of the samples in the fit: for a chamber at rest steadier than {@link #level} (no
     * slope to extrapolate), and behind it by half the window's drift, which at rest is tiny.
     */
    double mean(int channel) {
        fit(channel);
        return mean[channel];
    }

    /** The fitted rate, mmHg/s. */
    double slope(int channel) {
        fit(channel);
        return slope[channel];
    }

    /** When the latest counted sample was taken. */
    long levelAt(int channel) {
        return levelAt[channel];
    }

    /** When the flow that the samples describe began to act. */
    long from(int channel) {
        return from[channel];
    }
}
