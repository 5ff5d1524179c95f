package org.bootctl.engine.safety;

/**
 * The highest target each channel had in its current and in its previous step: what the channel
 * trip compares against. Fit-check zones, pauses, venting and idle count as steps too. Immutable:
 * a new step gives a new value.
 */
public final class StepLimits {

    private final double[] current;
    private final double[] highest;

    private StepLimits(double[] current, double[] highest) {
        this.current = current;
        this.highest = highest;
    }

    /** No step yet: every channel's limit is 0. */
    public static StepLimits none(int channels) {
        return new StepLimits(new double[channels], new double[channels]);
    }

    /** A new step begins with these targets (mmHg per channel, read now): this step becomes the previous one. */
    public StepLimits next(double[] targets) {
        double[] now = new double[current.length];
        double[] high = new double[current.length];
        for (int c = 0; c < now.length; c++) {
            now[c] = Math.max(0, targets[c]);
            high[c] = Math.max(now[c], current[c]);
        }
        return new StepLimits(now, high);
    }

    /** The highest target of the current and the previous step. */
    public double highest(int channel) {
        return highest[channel];
    }
}
