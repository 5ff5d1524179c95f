package org.bootctl.engine.safety;

import java.util.Arrays;

/**
 * The highest target each channel had in its current and in its previous step: what the channel
 * trip compares against. Fit-check zones, pauses, venting and idle count as steps too.
 */
public final class StepTargets {

    private final double[] current;
    private final double[] previous;

    public StepTargets(int channels) {
        current = new double[channels];
        previous = new double[channels];
    }

    /** A new step begins: the current step becomes the previous one. */
    public void beginStep() {
        System.arraycopy(current, 0, previous, 0, current.length);
        Arrays.fill(current, 0);
    }

    /** Notes a target the channel has in the current step. */
    public void note(int channel, double target) {
        if (target > current[channel]) {
            current[channel] = target;
        }
    }

    /** The highest target of the current and the previous step. */
    public double highest(int channel) {
        return Math.max(current[channel], previous[channel]);
    }

    public void reset() {
        Arrays.fill(current, 0);
        Arrays.fill(previous, 0);
    }
}
