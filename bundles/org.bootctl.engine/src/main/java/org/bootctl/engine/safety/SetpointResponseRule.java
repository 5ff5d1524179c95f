package org.bootctl.engine.safety;

import org.bootctl.api.session.Fault;

/**
 * {@code S-SETPOINT-RESPONSE} (docs/DESIGN.md): Sensor response on device-regulated units (RB1): the firmware fills a zone whose reading is
 * below its setpoint (it holds within about ±3 mmHg, docs/protocols/rb1-line.md), so a zone that reads more than
 * {@link #SHORTFALL_MMHG} under its setpoint and moves less than {@link SensorResponseRule#MIN_MOVE_MMHG}
 * in {@link SensorResponseRule#WINDOW_NANOS} is not being filled as the firmware says it is: its
 * sensor is stuck (and the firmware, trusting it, pumps on, its own hard limit blind too), or the
 * chamber, hose or pump has failed. Judged on a window that slides sample by sample (on their
 * arrival times), from the moment the shortfall began, on the sensor's own reading (what the
 * firmware regulates on).
 */
public final class SetpointResponseRule extends StuckReadingRule {

    /**
     * Outside the firmware's ±3 mmHg hold band, its overshoot and the sensor's noise: a sound zone
     * that reads this far under its setpoint is being filled. Closer, down to 3.5 mmHg, a zone that
     * stays there without moving is {@link SustainedOffsetRule#shortfall}'s; a sensor stuck closer than that
     * stays unseen (the firmware, trusting it, may pump on): docs/SAFETY.md, open finding 5.
     */
    public static final double SHORTFALL_MMHG = 5;

    public SetpointResponseRule(int channels) {
        super(channels);
    }

    @Override
    boolean watches(SafetyInputs in, int channel, double reading) {
        double setpoint = in.setpoint(channel);
        return !(setpoint <= 0 || setpoint - reading <= SHORTFALL_MMHG); // a NaN keeps the rule watching
    }

    @Override
    Fault judge(SafetyInputs in, int channel, double reading, long sampled) {
        double before = recent.at(channel, sampled - SensorResponseRule.WINDOW_NANOS);
        double moved = Math.abs(reading - before);
        if (moved < SensorResponseRule.MIN_MOVE_MMHG) { // NaN (too young) never trips
            return fault(in, channel, in.setpoint(channel), moved,
                    sampled - recent.timeAt(channel, sampled - SensorResponseRule.WINDOW_NANOS));
        }
        return null;
    }

    static Fault fault(SafetyInputs in, int c, double setpoint, double moved, long nanos) {
        return FaultMessages.notRising(in, c, in.pressure(c), "pressure not rising toward its setpoint",
                "setpoint " + FaultMessages.mmHg(setpoint) + " mmHg, moved " + FaultMessages.mmHg(moved) + " mmHg in "
                        + FaultMessages.seconds(nanos),
                "sensor stuck, leak, chamber not connected or pump fault");
    }
}
