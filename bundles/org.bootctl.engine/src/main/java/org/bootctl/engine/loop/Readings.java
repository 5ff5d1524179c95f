package org.bootctl.engine.loop;

import java.util.Arrays;
import org.bootctl.api.device.Sample;

/**
 * The pressures one tick works with: the newest sample's readings, and the same less the fit
 * check's zero offsets. Arrays are reused tick after tick.
 */
public final class Readings {

    private final double[] raw;
    private final double[] corrected;
    private final double[] offsets;
    private Sample sample;
    private long samples;
    private long arrivalNanos = UNKNOWN;

    /** An arrival time not known (a sample handed over without one). */
    public static final long UNKNOWN = Long.MIN_VALUE;

    public Readings(int channels) {
        raw = new double[channels];
        corrected = new double[channels];
        offsets = new double[channels];
    }

    /** Takes the newest sample; returns whether it is new since the last tick. */
    public boolean update(Sample newest) {
        return update(newest, UNKNOWN);
    }

    /** Takes the newest sample and when it arrived on the loop's clock; returns whether it is new. */
    public boolean update(Sample newest, long arrivedNanos) {
        if (newest == null || newest == sample) {
            return false;
        }
        sample = newest;
        arrivalNanos = arrivedNanos;
        samples++;
        int n = Math.min(raw.length, newest.channelCount());
        for (int c = 0; c < n; c++) {
            raw[c] = newest.pressure(c);
        }
        recompute();
        return true;
    }

    public void setOffsets(double[] zero) {
        System.arraycopy(zero, 0, offsets, 0, offsets.length);
        recompute();
    }

    public void clearOffsets() {
        Arrays.fill(offsets, 0);
        recompute();
    }

    private void recompute() {
        for (int c = 0; c < raw.length; c++) {
            corrected[c] = raw[c] - offsets[c];
        }
    }

    public boolean hasSample() {
        return sample != null;
    }

    public Sample sample() {
        return sample;
    }

    /** When the newest sample arrived on the loop's clock, or {@link #UNKNOWN}. */
    public long arrivalNanos() {
        return arrivalNanos;
    }

    /** Samples taken so far: a new one changes it. */
    public long count() {
        return samples;
    }

    public int channels() {
        return raw.length;
    }

    public double raw(int channel) {
        return raw[channel];
    }

    public double pressure(int channel) {
        return corrected[channel];
    }

    /** What over-pressure rules compare: the higher of reading and corrected pressure, never the lower. */
    public double tripPressure(int channel) {
        return Math.max(corrected[channel], raw[channel]);
    }

    public double highest() {
        double max = Double.NEGATIVE_INFINITY;
        for (double p : corrected) {
            max = Math.max(max, p);
        }
        return max;
    }

    /**
     * Every channel below {@code mmHg} (by the higher of reading and corrected pressure) as a
     * person reads it, rounded to 0.1 mmHg as the trace and the UIs show it: 4.96 mmHg reads 5.0,
     * so it is not under 5 (a vented session's last trace row must say it is).
     */
    public boolean allBelow(double mmHg) {
        long limit = Math.round(mmHg * 10);
        for (int c = 0; c < raw.length; c++) {
            if (Math.round(Math.max(raw[c], corrected[c]) * 10) >= limit) {
                return false;
            }
        }
        return true;
    }

    /** The corrected pressures themselves, for formatting on the loop; do not modify or keep. */
    public double[] view() {
        return corrected;
    }

    /** A copy of the corrected pressures. */
    public double[] pressures() {
        return corrected.clone();
    }
}
