package org.bootctl.engine.loop;

import java.util.Arrays;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Step;
import org.bootctl.api.program.ZoneAction;
import org.bootctl.engine.safety.ExpectedFills;
import org.bootctl.engine.safety.Reach;

/**
 * Runs a plan's cycle, step after step, into per-channel targets. A step's FILL zones get their
 * targets and the step waits until every one has reached it (each channel of the zone, both
 * limbs), then holds {@code holdMs}; HOLD zones keep their target; VENT zones vent. The last step
 * holds on until the cycle has lasted {@link Plan#minCycleMs()}. Ramp-in scales cycle 1 to 70 %
 * and cycle 2 to 85 % (down only).
 */
final class Sequencer {

    private final Plan plan;
    private final ChannelMap map;
    private final boolean rampIn;
    private final boolean[] waiting;
    private double[] targets;
    private int cycle;
    private int step = -1;
    private long cycleStart;
    private long stepStart;
    private long holdStart;

    Sequencer(Plan plan, ChannelMap map, boolean rampIn) {
        this.plan = plan;
        this.map = map;
        this.rampIn = rampIn;
        waiting = new boolean[map.channels()];
        targets = new double[map.channels()];
    }

    /** The share of the plan's targets a cycle runs at. */
    static double ramp(boolean rampIn, int cycle) {
        if (!rampIn) {
            return 1.0;
        }
        return cycle <= 1 ? 0.70 : cycle == 2 ? 0.85 : 1.0;
    }

    /**
     * Begins cycle {@code number} at its first step (also how a resumed session restarts its cycle).
     *
     * @return what the session intends now: the step's targets and fills, {@code from}'s history of steps
     */
    Intent startCycle(int number, long now, Readings readings, Intent from) {
        cycle = number;
        cycleStart = now;
        return checkFills(readings, enter(0, now, from), now);
    }

    /**
     * Moves on when the step is done ({@link #step()} and {@link #cycle()} say where it is).
     *
     * @return what the session intends now: {@code from}, less the fills reached, or the next step's
     */
    Intent tick(long now, Readings readings, Intent from) {
        Intent intent = checkFills(readings, from, now);
        if (holdStart < 0 || now - holdStart < plan.steps().get(step).holdMs() * 1_000_000) {
            return intent;
        }
        if (step < plan.steps().size() - 1) {
            intent = enter(step + 1, now, intent);
        } else if (now - cycleStart >= plan.minCycleMs() * 1_000_000) {
            cycle++;
            cycleStart = now;
            intent = enter(0, now, intent);
        } else {
            return intent;
        }
        return checkFills(readings, intent, now);
    }

    private Intent enter(int index, long now, Intent from) {
        step = index;
        stepStart = now;
        holdStart = -1;
        Step s = plan.steps().get(index);
        double scale = ramp(rampIn, cycle);
        targets = new double[waiting.length];
        double[] fills = new double[waiting.length];
        Arrays.fill(fills, Double.NaN);
        for (int z = 1; z <= map.zones(); z++) {
            ZoneAction action = s.action(z);
            double target = action.kind() == ZoneAction.Kind.VENT ? 0 : action.targetMmHg() * scale;
            boolean fill = action.kind() == ZoneAction.Kind.FILL;
            for (int c : map.channelsOf(z)) {
                targets[c] = target;
                waiting[c] = fill;
                if (fill) {
                    fills[c] = target;
                }
            }
        }
        return from.step(targets, ExpectedFills.of(ExpectedFills.Purpose.STEP, now, s.timeLimitMs() * 1_000_000, fills));
    }

    /** Each fill channel that has reached its target is no longer waited for; the hold starts when all have. */
    private Intent checkFills(Readings readings, Intent from, long now) {
        if (holdStart >= 0) {
            return from;
        }
        Intent intent = from;
        boolean all = true;
        for (int c = 0; c < waiting.length; c++) {
            if (waiting[c]) {
                if (Reach.reached(readings.pressure(c), targets[c])) {
                    waiting[c] = false;
                    intent = intent.reached(c);
                } else {
                    all = false;
                }
            }
        }
        if (all) {
            holdStart = now;
        }
        return intent;
    }

    /** The current step's targets, per channel, mmHg (0 = vent); never modified. */
    double[] targets() {
        return targets;
    }

    int cycle() {
        return cycle;
    }

    int step() {
        return step;
    }

    long stepStartNanos() {
        return stepStart;
    }
}
