package org.bootctl.sim;

import java.util.Arrays;
import org.bootctl.api.device.Valve;

/**
 * The RB1 firmware's own pressure loop: per zone, it fills a zone that has fallen more than
 * the hold band under its setpoint, vents one that has risen more than the band above it, and
 * stops when the pressure, carried on at its present rate for one loop period and the valve
 * delay, would reach the setpoint. Runs once per sample on the readings it reports.
 */
final class SetpointRegulator {

    private static final int HOLD = 0;
    private static final int FILL = 1;
    private static final int VENT = -1;

    private final double band;
    private final double lookaheadSeconds;
    private final int[] mode;
    private final double[] previous;
    private final double periodSeconds;

    SetpointRegulator(SimModel model, int channels) {
        band = model.holdBand() * 2 / 3; // act early enough that noise and one period stay inside the band
        periodSeconds = 1.0 / model.sampleRateHz();
        lookaheadSeconds = periodSeconds + model.valveDelayNanos() / 1e9;
        mode = new int[channels];
        previous = new double[channels];
        Arrays.fill(mode, VENT);
    }

    /** Sets the plant's valves and pump toward {@code setpoints}, given this sample's {@code readings}. */
    void regulate(double[] readings, double[] setpoints, Plant plant) {
        boolean pumping = false;
        for (int i = 0; i < mode.length; i++) {
            double reading = readings[i];
            double setpoint = setpoints[i];
            double predicted = reading + (reading - previous[i]) / periodSeconds * lookaheadSeconds;
            previous[i] = reading;
            if (setpoint <= 0) {
                mode[i] = VENT;
            } else if (mode[i] == FILL && predicted >= setpoint || mode[i] == VENT && predicted <= setpoint) {
                mode[i] = HOLD;
            }
            if (setpoint > 0 && mode[i] == HOLD) {
                mode[i] = reading < setpoint - band ? FILL : reading > setpoint + band ? VENT : HOLD;
            }
            plant.valve(i, mode[i] == FILL ? Valve.FILL : mode[i] == VENT ? Valve.VENT : Valve.CLOSED);
            pumping |= mode[i] == FILL;
        }
        plant.pump(pumping ? 1 : 0);
    }

    /** Forgets every zone's direction: all vent (after a fault or vent-all). */
    void reset() {
        Arrays.fill(mode, VENT);
    }
}
