package org.bootctl.engine.safety;

import org.bootctl.api.session.Fault;

/** {@code S-OVERPRESSURE-ABS} (docs/DESIGN.md): Absolute trip: any channel above min(device hard limit − 5, session limit + 15). */
public final class AbsoluteTripRule implements SafetyRule {

    /** The trip pressure of a channel: without a session, the hard limit − 5. */
    public static double limit(SafetyInputs in, int channel) {
        double hard = in.device().hardLimitMmHg() - 5;
        double session = in.sessionLimit(channel);
        return Double.isNaN(session) ? hard : Math.min(hard, session + 15);
    }

    @Override
    public Fault check(SafetyInputs in) {
        if (!in.hasSample()) {
            return null;
        }
        for (int c = 0, channels = in.device().channelCount(); c < channels; c++) {
            double pressure = in.tripPressure(c);
            if (pressure > limit(in, c)) {
                return FaultMessages.atChannel(in.device(), "over-pressure", c, pressure, null);
            }
        }
        return null;
    }
}
