package org.bootctl.engine.safety;

import org.bootctl.api.session.Fault;

/**
 * A rule that watches a channel's own reading for as long as a condition holds (a run of readings,
 * one per new sample) and judges the run on each new one: the reading should have moved and did not.
 * The first channel judged faulty is reported; the others' runs are kept current all the same.
 */
abstract class StuckReadingRule implements SafetyRule {

    final RecentReadings recent;

    StuckReadingRule(int channels) {
        recent = new RecentReadings(channels);
    }

    /** Whether the channel's reading is to be watched now (the run ends when not). */
    abstract boolean watches(SafetyInputs in, int channel, double reading);

    /** The fault the run shows, now that a new reading joined it, or null. Only reads the run. */
    abstract Fault judge(SafetyInputs in, int channel, double reading, long sampled);

    @Override
    public final Fault check(SafetyInputs in) {
        long sampled = in.lastSampleNanos();
        Fault fault = null;
        for (int c = 0, channels = in.device().channelCount(); c < channels; c++) {
            double reading = in.rawPressure(c);
            if (recent.follow(c, in.hasSample() && watches(in, c, reading), sampled, reading) && fault == null) {
                fault = judge(in, c, reading, sampled);
            }
        }
        return fault;
    }

    @Override
    public final void reset() {
        recent.clearAll();
    }
}
