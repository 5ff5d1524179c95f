package org.bootctl.sim;

import java.util.Arrays;
import org.bootctl.api.device.Valve;

/**
 * A command on its way to the valves and pump: it acts at {@code effectiveAtNanos} on the
 * device's timebase, the valve delay after it was sent. Arrays are owned (copied on the way in) and
 * never written, so commands may share one.
 */
record Command(Kind kind, long effectiveAtNanos, int pumpDuty, Valve[] valves, double[] setpoints) {

    enum Kind { ACTUATE, SETPOINTS, VENT_ALL }

    /**
     * @param shared an earlier command's valves, or null: taken instead of a copy when equal (the
     *               valves mostly stay as they were from one tick to the next)
     */
    static Command actuate(long at, int pumpDuty, Valve[] valves, Valve[] shared) {
        return new Command(Kind.ACTUATE, at, pumpDuty, Arrays.equals(valves, shared) ? shared : valves.clone(), null);
    }

    static Command setpoints(long at, double[] mmHg) {
        return new Command(Kind.SETPOINTS, at, 0, null, mmHg.clone());
    }

    static Command ventAll(long at) {
        return new Command(Kind.VENT_ALL, at, 0, null, null);
    }
}
