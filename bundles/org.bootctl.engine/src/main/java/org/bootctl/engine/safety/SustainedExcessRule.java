package org.bootctl.engine.safety;

import org.bootctl.api.session.Fault;

/**
 * A sensor stuck above its setpoint on a device-regulated unit (RB1), seen before it can do harm: a
 * zone whose reading has stayed more than {@link SustainedShortfallRule#SHORTFALL_MMHG} above its
 * setpoint, and above {@link #FLOOR_MMHG}, for the whole of the last {@link #WINDOW_NANOS}, all its
 * readings in that time within {@link SensorResponseRule#MIN_MOVE_MMHG} of each other, is not being
 * vented by a sound unit (the firmware vents a zone above its ±3 mmHg band, and a vent is fast: the
 * simulated RB1-L4 empties 100 → 5 mmHg in 3.6 s). Stuck above its setpoint the sensor makes the
 * firmware vent, which is safe; but the next setpoint just above the stuck reading would have the
 * firmware fill on it for ever, unseen (docs/SAFETY.md, open finding 5), so a sensor that does not
 * follow a vent ends the session now. Judged once per new sample, on the sensor's own reading.
 */
public final class SustainedExcessRule implements SafetyRule {

    /**
     * A vented zone at rest reads its sensor's zero offset, which the fit check accepts up to 5 mmHg;
     * above 10 mmHg a sound vent still falls several mmHg a second.
     */
    public static final double FLOOR_MMHG = 10;
    /** Nothing to hurry: a zone above its setpoint is vented by the firmware. */
    public static final long WINDOW_NANOS = 2_000_000_000L;

    private final RecentReadings recent;

    public SustainedExcessRule(int channels) {
        recent = new RecentReadings(channels);
    }

    @Override
    public Fault check(SafetyInputs in) {
        long sampled = in.lastSampleNanos();
        Fault fault = null;
        for (int c = 0, channels = in.device().channelCount(); c < channels; c++) {
            double reading = in.rawPressure(c);
            double setpoint = Math.floor(in.setpoint(c)); // RB1 takes whole mmHg, rounded down (rb1-line.md)
            if (!in.hasSample() || reading <= FLOOR_MMHG || reading - setpoint <= SustainedShortfallRule.SHORTFALL_MMHG) {
                recent.clear(c);
                continue;
            }
            if (!recent.isEmpty(c) && sampled <= recent.newest(c)) {
                continue; // no new sample: a late one is the stale-telemetry rule's
            }
            recent.add(c, sampled, reading);
            long from = sampled - WINDOW_NANOS;
            if (fault == null && recent.oldest(c) <= from) {
                double span = recent.span(c, from);
                if (span < SensorResponseRule.MIN_MOVE_MMHG) {
                    fault = FaultMessages.atChannel(in.device(), "pressure not falling toward its setpoint", c,
                            in.pressure(c), ", setpoint " + FaultMessages.mmHg(setpoint) + " mmHg, moved "
                                    + FaultMessages.mmHg(span) + " mmHg in "
                                    + FaultMessages.seconds(sampled - recent.timeAt(c, from))
                                    + " (sensor stuck or vent blocked)");
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
