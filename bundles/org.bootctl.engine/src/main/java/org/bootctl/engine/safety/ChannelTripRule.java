package org.bootctl.engine.safety;

import org.bootctl.api.session.Fault;

/** {@code S-CHANNEL-TRIP} (docs/DESIGN.md): Channel trip: a channel more than 15 mmHg above the highest target it had in its current or previous step. */
public final class ChannelTripRule implements SafetyRule {

    public static final double MARGIN_MMHG = 15;

    @Override
    public Fault check(SafetyInputs in) {
        if (!in.hasSample()) {
            return null;
        }
        for (int c = 0, channels = in.device().channelCount(); c < channels; c++) {
            double pressure = in.tripPressure(c);
            double target = in.stepLimits().highest(c);
            if (pressure > target + MARGIN_MMHG) {
                return FaultMessages.atChannel(in.device(), "over target", c, pressure,
                        ", more than " + (int) MARGIN_MMHG + " mmHg above its target of "
                                + FaultMessages.mmHg(target) + " mmHg");
            }
        }
        return null;
    }
}
