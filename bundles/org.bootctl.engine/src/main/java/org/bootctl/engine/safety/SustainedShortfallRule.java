package org.bootctl.engine.safety;

import org.bootctl.api.session.Fault;

/**
 * Stricter than {@link SetpointResponseRule} (which stays), for device-regulated units (RB1): a
 * zone whose reading has stayed more than {@link #SHORTFALL_MMHG} under its setpoint for the whole
 * of the last {@link #WINDOW_NANOS}, all its readings in that time within
 * {@link SensorResponseRule#MIN_MOVE_MMHG} of each other, is not being held by a sound unit. The
 * firmware holds a zone within about ±3 mmHg of its setpoint (rb1-line.md), so a sound one reading
 * further under is being filled and rises within a fill's start (the simulated RB1-L4: no sound zone
 * stays more than 1.7 mmHg under for 0.5 s while moving less than 0.5 mmHg, in every built-in
 * program at every level). A sensor stuck there is what the firmware fills on for ever, its hard
 * limit trusting the same reading: the true pressure runs away (docs/SAFETY.md, open finding 5).
 * Judged on the sensor's own reading (what the firmware regulates on) against the whole-mmHg setpoint
 * the firmware was given, once per new sample.
 */
public final class SustainedShortfallRule implements SafetyRule {

    /** The firmware's hold band, 3 mmHg, and half a mmHg for the noise on the reading it acts on. */
    public static final double SHORTFALL_MMHG = 3.5;
    /**
     * Long enough for a sound unit to start a fill and move it by half a mmHg (the simulated RB1-L4:
     * under 0.5 s from a new setpoint); short enough that a chamber filled on a sensor stuck from
     * 3.5 mmHg under a 110 mmHg setpoint is vented before it passes the 120 mmHg hard limit.
     */
    public static final long WINDOW_NANOS = 500_000_000L;

    private final RecentReadings recent;

    public SustainedShortfallRule(int channels) {
        recent = new RecentReadings(channels);
    }

    @Override
    public Fault check(SafetyInputs in) {
        long sampled = in.lastSampleNanos();
        Fault fault = null;
        for (int c = 0, channels = in.device().channelCount(); c < channels; c++) {
            double reading = in.rawPressure(c);
            // what the firmware regulates to: RB1 takes whole mmHg and a host rounds down (rb1-line.md), so a
            // sound zone set to 92.7 may hold down to 89 mmHg
            double setpoint = Math.floor(in.setpoint(c));
            if (!in.hasSample() || setpoint <= 0 || setpoint - reading <= SHORTFALL_MMHG) {
                recent.clear(c); // the run of readings under the band is over (or never began)
                continue;
            }
            if (!recent.isEmpty(c) && sampled <= recent.newest(c)) {
                continue; // no new sample: a late one is the stale-telemetry rule's
            }
            recent.add(c, sampled, reading);
            long from = sampled - WINDOW_NANOS;
            if (fault == null && recent.oldest(c) <= from) { // under the band for the whole window
                double span = recent.span(c, from);
                if (span < SensorResponseRule.MIN_MOVE_MMHG) {
                    fault = SetpointResponseRule.fault(in, c, setpoint, span, sampled - recent.timeAt(c, from));
                }
            }
        }
        return fault;
    }

    @Override
    public void reset() {
        recent.clearAll();
    }
}
