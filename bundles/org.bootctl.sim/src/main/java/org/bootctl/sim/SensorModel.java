package org.bootctl.sim;

import java.util.SplittableRandom;

/**
 * The pressure sensors: a fixed zero offset per channel, Gaussian noise, saturation at full
 * scale and quantisation to 0.1 mmHg, as the firmware reports them. A stuck sensor repeats the
 * last value it read; a dropout puts every channel on the ADC's bottom rail, {@value #DROPOUT_RAIL_MMHG}
 * mmHg: finite (so plain comparisons catch it, as a NaN would slip through them) and far below the
 * -10 mmHg any plausibility check accepts.
 */
final class SensorModel {

    /** What every channel reads once the sensors drop out (mmHg). */
    static final double DROPOUT_RAIL_MMHG = -50.0;
    /** Readings come in tenths of a mmHg. */
    private static final double STEPS_PER_MMHG = 10.0;

    private final SplittableRandom random;
    private final double noise;
    private final double fullScale;
    private final double[] offset;
    private final double[] last;
    private final boolean[] stuck;
    private boolean droppedOut;

    SensorModel(int channels, double noise, double maxOffset, double fullScale, SplittableRandom random) {
        this.random = random;
        this.noise = noise;
        this.fullScale = fullScale;
        offset = new double[channels];
        last = new double[channels];
        stuck = new boolean[channels];
        for (int i = 0; i < channels; i++) {
            offset[i] = maxOffset * (2 * random.nextDouble() - 1);
        }
    }

    /** What channel {@code channel}'s sensor reports when the chamber is at {@code pressure} (mmHg). */
    double read(int channel, double pressure) {
        if (droppedOut) {
            return DROPOUT_RAIL_MMHG;
        }
        if (stuck[channel]) {
            return last[channel];
        }
        double reading = Math.min(fullScale, pressure + offset[channel] + noise * random.nextGaussian());
        reading = Math.round(reading * STEPS_PER_MMHG) / STEPS_PER_MMHG; // the nearest double to a tenth
        last[channel] = reading;
        return reading;
    }

    void stick(int channel) {
        stuck[channel] = true;
    }

    /** From now on the channel reports {@code reading}, whatever the chamber holds. */
    void stickAt(int channel, double reading) {
        last[channel] = reading;
        stuck[channel] = true;
    }

    void dropOut() {
        droppedOut = true;
    }
}
