package org.bootctl.engine.safety;

import org.bootctl.api.session.Fault;

/** {@code S-OVERPRESSURE-ABS} (docs/DESIGN.md): Absolute trip: any channel above min(device hard limit − 5, session limit + 15). */
public final class AbsoluteTripRule extends OverLimitRule {

    /** The trip pressure of a channel: without a session, the hard limit − 5. */
    @Override
    double limit(SafetyInputs in, int channel) {
        double hard = in.device().hardLimitMmHg() - 5;
        double session = in.sessionLimit(channel);
        return Double.isNaN(session) ? hard : Math.min(hard, session + 15);
    }

    @Override
    Fault fault(SafetyInputs in, int channel, double pressure) {
        return FaultMessages.atChannel(in.device(), "over-pressure", channel, pressure, null);
    }
}
