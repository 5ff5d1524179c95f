package org.bootctl.engine.safety;

import org.bootctl.api.session.Fault;

/**
 * An over-pressure rule: trips on the first channel whose trip pressure (the higher of reading and
 * corrected pressure) is above that channel's limit. The rules differ only in the limit and in the words.
 */
abstract class OverLimitRule implements SafetyRule {

    /** The pressure above which this channel trips, in mmHg. */
    abstract double limit(SafetyInputs in, int channel);

    /** The fault that names the channel, its pressure and what it passed. */
    abstract Fault fault(SafetyInputs in, int channel, double pressure);

    @Override
    public final Fault check(SafetyInputs in) {
        if (!in.hasSample()) {
            return null;
        }
        for (int c = 0, channels = in.device().channelCount(); c < channels; c++) {
            double pressure = in.tripPressure(c);
            if (pressure > limit(in, c)) {
                return fault(in, c, pressure);
            }
        }
        return null;
    }
}
