package org.bootctl.engine.safety;

import org.bootctl.api.session.Fault;

/**
 * Uncommanded rise on device-regulated units (RB1), where the host sees no valves: a zone whose
 * setpoint is 0 (the firmware vents it, rb1-line.md) rising more than {@link #RISE_MMHG} above the
 * lowest it read since it was set to vent. With its vent open a sound zone only falls; air comes in
 * only through a fill valve stuck open, and then it takes the pump's air from the zone that is filling
 * (which the setpoint-response rules would otherwise blame: docs/SAFETY.md, finding 4). Stricter than
 * the host-regulated rule's 8 mmHg so that it names the stuck zone before the starved zone's
 * shortfall trips: a zone commanded to vent has no settling air to allow for, only a command that
 * arrives late (a line resent after 250 ms: about 3 mmHg more of a 10 mmHg/s fill).
 */
public final class VentedZoneRiseRule implements SafetyRule {

    public static final double RISE_MMHG = 4;

    private final boolean[] tracking;
    private final double[] lowest;

    public VentedZoneRiseRule(int channels) {
        tracking = new boolean[channels];
        lowest = new double[channels];
    }

    @Override
    public Fault check(SafetyInputs in) {
        if (!in.hasSample()) {
            return null;
        }
        Fault fault = null;
        for (int c = 0; c < tracking.length; c++) {
            double pressure = in.tripPressure(c);
            if (in.setpoint(c) > 0) {
                tracking[c] = false;
            } else if (!tracking[c]) {
                tracking[c] = true;
                lowest[c] = pressure;
            } else {
                lowest[c] = Math.min(lowest[c], pressure);
                if (fault == null && pressure > lowest[c] + RISE_MMHG) {
                    fault = FaultMessages.atChannel(in.device(), "uncommanded pressure rise", c, pressure,
                            ", " + FaultMessages.mmHg(pressure - lowest[c]) + " mmHg above its lowest since it was set"
                                    + " to vent (fill valve stuck open?)");
                }
            }
        }
        return fault;
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(tracking, false);
    }
}
