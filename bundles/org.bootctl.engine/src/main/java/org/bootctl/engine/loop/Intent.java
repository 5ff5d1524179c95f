package org.bootctl.engine.loop;

import org.bootctl.engine.safety.ExpectedFills;
import org.bootctl.engine.safety.StepLimits;

/**
 * What the session intends for its device, as the sequencer or the fit check last said: the
 * regulator drives toward {@code targets} (gently during the fit check), and the supervisor holds
 * the session to its {@code limits} (the channel trip) and its {@code fills} (the fill timeout).
 * Immutable: a new value only when a part changes (a step, a fill reached, a vent), so a tick
 * allocates none.
 *
 * @param targets mmHg per channel, 0 = vent; never modified
 * @param limits  the highest target of the current and the previous step
 * @param fills   the fills that must reach their target in time
 * @param gentle  whether fills check rather than treat (the fit check): the host regulator tapers its pump
 */
record Intent(double[] targets, StepLimits limits, ExpectedFills fills, boolean gentle) {

    /** Nothing to do: every channel vented, no step yet. */
    static Intent idle(int channels) {
        return new Intent(new double[channels], StepLimits.none(channels), ExpectedFills.NONE, false);
    }

    /** A new step (or fit-check phase) with these targets (taken, never modified) and fills. */
    Intent step(double[] stepTargets, ExpectedFills stepFills) {
        return new Intent(stepTargets, limits.next(stepTargets), stepFills, gentle);
    }

    /** The same step, the channel's fill reached. */
    Intent reached(int channel) {
        ExpectedFills left = fills.reached(channel);
        return left == fills ? this : new Intent(targets, limits, left, gentle);
    }

    /** Everything vented within the current step (its limits stay: the air is still leaving). */
    Intent vent() {
        return new Intent(new double[targets.length], limits, ExpectedFills.NONE, gentle);
    }

    /** The same, with every target 0 (fills still expected until the session's end is recorded). */
    Intent zeroTargets() {
        return new Intent(new double[targets.length], limits, fills, gentle);
    }

    /** The session's end: a new step with nothing to do. */
    Intent ended() {
        return new Intent(new double[targets.length], limits.next(new double[targets.length]), ExpectedFills.NONE,
                false);
    }

    /** No fill expected any more. */
    Intent noFills() {
        return fills == ExpectedFills.NONE ? this : new Intent(targets, limits, ExpectedFills.NONE, gentle);
    }

    Intent gentle(boolean checking) {
        return checking == gentle ? this : new Intent(targets, limits, fills, checking);
    }
}
