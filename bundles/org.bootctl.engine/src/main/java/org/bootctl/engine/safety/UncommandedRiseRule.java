package org.bootctl.engine.safety;

import org.bootctl.api.device.Valve;
import org.bootctl.api.session.Fault;

/**
 * Uncommanded rise (host-regulated devices): a channel whose valve is CLOSED or VENT rising more
 * than 8 mmHg above its pressure when that valve closed. The reference is the lowest pressure
 * seen since the valve closed, which is never looser than the pressure at closing.
 */
public final class UncommandedRiseRule implements SafetyRule {

    public static final double RISE_MMHG = 8;

    private final boolean[] tracking;
    private final double[] reference;

    public UncommandedRiseRule(int channels) {
        tracking = new boolean[channels];
        reference = new double[channels];
    }

    @Override
    public Fault check(SafetyInputs in) {
        if (!in.hasSample()) {
            return null;
        }
        Fault fault = null;
        for (int c = 0; c < tracking.length; c++) {
            double pressure = in.tripPressure(c);
            if (in.valve(c) == Valve.FILL) {
                tracking[c] = false;
            } else if (!tracking[c]) {
                tracking[c] = true;
                reference[c] = pressure;
            } else {
                reference[c] = Math.min(reference[c], pressure);
                if (fault == null && pressure > reference[c] + RISE_MMHG) {
                    fault = FaultMessages.atChannel(in.device(), "uncommanded pressure rise", c, pressure,
                            ", " + FaultMessages.mmHg(pressure - reference[c]) + " mmHg above where its valve"
                                    + " closed (valve stuck open?)");
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
