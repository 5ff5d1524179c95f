package org.bootctl.engine.safety;

import org.bootctl.api.session.Fault;

/** {@code S-CHANNEL-TRIP} (docs/DESIGN.md): Channel trip: a channel more than 15 mmHg above the highest target it had in its current or previous step. */
public final class ChannelTripRule extends OverLimitRule {

    public static final double MARGIN_MMHG = 15;

    @Override
    double limit(SafetyInputs in, int channel) {
        return in.stepLimits().highest(channel) + MARGIN_MMHG;
    }

    @Override
    Fault fault(SafetyInputs in, int channel, double pressure) {
        return FaultMessages.atChannel(in.device(), "over target", channel, pressure,
                ", more than " + (int) MARGIN_MMHG + " mmHg above its target of "
                        + FaultMessages.mmHg(in.stepLimits().highest(channel)) + " mmHg");
    }
}
