package org.bootctl.sim;

import java.util.Arrays;
import org.bootctl.api.device.Valve;

/**
 * The RB1 firmware's own pressure loop: per zone, it fills a zone that has fallen more than
 * the hold band under its setpoint, vents one that has risen more than the band above it, and
 * stops when the pressure, carried on at its present rate for one loop period and the valve
 * delay, would reach the setpoint. Runs once per sample on the readings it reports.
 *
 * <p>Every zone below its setpoint is filled at once, as docs/protocols/rb1-line.md describes, and none loses
 * air to another on the way: the fill valves open onto one manifold, so a zone opened together
 * with a lower one would empty into it (a zone reached and still topping up would drop to the
 * level of the next zone filling, tens of mmHg under its setpoint). Zones within
 * {@link #SHARE_BAND_MMHG} of each other share the pump; zones further apart take turns, one loop
 * period each, so each one rises at its share of the pump's rate, all of them together.
 */
final class SetpointRegulator {

    /** Zones this close fill together; the little that flows between them evens them out. */
    static final double SHARE_BAND_MMHG = 3.0;

    private static final int HOLD = 0;
    private static final int FILL = 1;
    private static final int VENT = -1;

    private final double band;
    private final double lookaheadSeconds;
    private final int[] mode;
    private final double[] previous;
    private final double periodSeconds;
    /** Scratch: the zones filling, lowest reading first. */
    private final Integer[] filling;
    private final boolean[] open;
    private int turn;

    SetpointRegulator(SimModel model, int channels) {
        band = model.holdBand() * 2 / 3; // act early enough that noise and one period stay inside the band
        periodSeconds = 1.0 / model.sampleRateHz();
        lookaheadSeconds = periodSeconds + model.valveDelayNanos() / 1e9;
        mode = new int[channels];
        previous = new double[channels];
        filling = new Integer[channels];
        open = new boolean[channels];
        Arrays.fill(mode, VENT);
    }

    /** Sets the plant's valves and pump toward {@code setpoints}, given this sample's {@code readings}. */
    void regulate(double[] readings, double[] setpoints, Plant plant) {
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
        }
        boolean pumping = shareThePump(readings);
        for (int i = 0; i < mode.length; i++) {
            plant.valve(i, open[i] ? Valve.FILL : mode[i] == VENT ? Valve.VENT : Valve.CLOSED);
        }
        plant.pump(pumping ? 1 : 0);
    }

    /**
     * Which filling zones are open to the manifold this period: the zones filling, grouped by
     * pressure (each group within the band of its lowest), one group per period in turn.
     *
     * @return whether any is
     */
    private boolean shareThePump(double[] readings) {
        Arrays.fill(open, false);
        int n = 0;
        for (int i = 0; i < mode.length; i++) {
            if (mode[i] == FILL) {
                filling[n++] = i;
            }
        }
        if (n == 0) {
            return false;
        }
        Arrays.sort(filling, 0, n, (a, b) -> Double.compare(readings[a], readings[b]));
        int groups = 1;
        for (int k = 1, lowest = filling[0]; k < n; k++) {
            if (readings[filling[k]] > readings[lowest] + SHARE_BAND_MMHG) {
                groups++;
                lowest = filling[k];
            }
        }
        int chosen = Math.floorMod(turn++, groups);
        for (int k = 0, group = 0, lowest = filling[0]; k < n; k++) {
            if (readings[filling[k]] > readings[lowest] + SHARE_BAND_MMHG) {
                group++;
                lowest = filling[k];
            }
            open[filling[k]] = group == chosen;
        }
        return true;
    }

    /** Forgets every zone's direction: all vent (after a fault or vent-all). */
    void reset() {
        Arrays.fill(mode, VENT);
    }
}
