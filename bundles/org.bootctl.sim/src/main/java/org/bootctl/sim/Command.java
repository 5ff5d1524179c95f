package org.bootctl.sim;

import org.bootctl.api.device.Valve;

/**
 * A command on its way to the valves and pump: it acts at {@code effectiveAtNanos} on the
 * device's timebase, the valve delay after it was sent. Arrays are owned (copied on the way in).
 */
record Command(Kind kind, long effectiveAtNanos, int pumpDuty, Valve[] valves, double[] setpoints) {

    enum Kind { ACTUATE, SETPOINTS, VENT_ALL }

    static Command actuate(long at, int pumpDuty, Valve[] valves) {
        return new Command(Kind.ACTUATE, at, pumpDuty, valves.clone(), null);
    }

    static Command setpoints(long at, double[] mmHg) {
        return new Command(Kind.SETPOINTS, at, 0, null, mmHg.clone());
    }

    static Command ventAll(long at) {
        return new Command(Kind.VENT_ALL, at, 0, null, null);
    }
}
