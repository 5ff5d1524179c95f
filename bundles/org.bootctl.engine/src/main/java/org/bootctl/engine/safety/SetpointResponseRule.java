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
public final class SetpointResponseRule implements SafetyRule {

    /**
     * Outside the firmware's ±3 mmHg hold band, its overshoot and the sensor's noise: a sound zone
     * that reads this far under its setpoint is being filled. Closer, down to 3.5 mmHg, a zone that
     * stays there without moving is {@link SustainedOffsetRule#shortfall}'s; a sensor stuck closer than that
     * stays unseen (the firmware, trusting it, may pump on): docs/SAFETY.md, open finding 5.
     */
    public static final double SHORTFALL_MMHG = 5;

    private final RecentReadings recent;

    public SetpointResponseRule(int channels) {
        recent = new RecentReadings(channels);
    }

    @Override
    public Fault check(SafetyInputs in) {
        long sampled = in.lastSampleNanos();
        Fault fault = null;
        for (int c = 0, channels = in.device().channelCount(); c < channels; c++) {
            double reading = in.rawPressure(c);
            double setpoint = in.setpoint(c);
            boolean shortOfIt = !(setpoint <= 0 || setpoint - reading <= SHORTFALL_MMHG); // a NaN keeps the rule watching
            if (!recent.follow(c, in.hasSample() && shortOfIt, sampled, reading)) {
                continue;
            }
            double before = recent.at(c, sampled - SensorResponseRule.WINDOW_NANOS);
            double moved = Math.abs(reading - before);
            if (fault == null && moved < SensorResponseRule.MIN_MOVE_MMHG) { // NaN (too young) never trips
                fault = fault(in, c, setpoint, moved, sampled - recent.timeAt(c, sampled - SensorResponseRule.WINDOW_NANOS));
            }
        }
        return fault;
    }

    static Fault fault(SafetyInputs in, int c, double setpoint, double moved, long nanos) {
        return FaultMessages.notRising(in, c, in.pressure(c), "pressure not rising toward its setpoint",
                "setpoint " + FaultMessages.mmHg(setpoint) + " mmHg, moved " + FaultMessages.mmHg(moved) + " mmHg in "
                        + FaultMessages.seconds(nanos),
                "sensor stuck, leak, chamber not connected or pump fault");
    }

    @Override
    public void reset() {
        recent.clearAll();
    }
}
