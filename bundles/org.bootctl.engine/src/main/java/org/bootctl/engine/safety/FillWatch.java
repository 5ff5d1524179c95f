package org.bootctl.engine.safety;

import java.util.Arrays;

/**
 * The fills under way that must reach their target in time: set by the sequencer and the fit
 * check, enforced by the supervisor's {@link FillTimeoutRule}.
 */
public final class FillWatch {

    /** Why a fill is watched: it decides the words of the fault. */
    public enum Purpose { STEP, FIT_CHECK }

    private final boolean[] active;
    private final double[] target;
    private final long[] startNanos;
    private final long[] limitNanos;
    private final Purpose[] purpose;

    public FillWatch(int channels) {
        active = new boolean[channels];
        target = new double[channels];
        startNanos = new long[channels];
        limitNanos = new long[channels];
        purpose = new Purpose[channels];
    }

    public void watch(int channel, double targetMmHg, long start, long limit, Purpose why) {
        active[channel] = true;
        target[channel] = targetMmHg;
        startNanos[channel] = start;
        limitNanos[channel] = limit;
        purpose[channel] = why;
    }

    public void clear(int channel) {
        active[channel] = false;
    }

    public void clearAll() {
        Arrays.fill(active, false);
    }

    public boolean active(int channel) {
        return active[channel];
    }

    public double target(int channel) {
        return target[channel];
    }

    public long startNanos(int channel) {
        return startNanos[channel];
    }

    public long limitNanos(int channel) {
        return limitNanos[channel];
    }

    public Purpose purpose(int channel) {
        return purpose[channel];
    }
}
