package org.bootctl.engine.loop;

import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Step;
import org.bootctl.api.program.ZoneAction;
import org.bootctl.engine.safety.FillWatch;
import org.bootctl.engine.safety.Reach;
import org.bootctl.engine.safety.StepTargets;

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
    private final double[] targets;
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

    /** Begins cycle {@code number} at its first step (also how a resumed session restarts its cycle). */
    void startCycle(int number, long now, Readings readings, FillWatch watch, StepTargets limits) {
        cycle = number;
        cycleStart = now;
        enter(0, now, watch, limits);
        checkFills(readings, watch, now);
    }

    /**
     * Moves on when the step is done.
     *
     * @return whether the step or cycle changed
     */
    boolean tick(long now, Readings readings, FillWatch watch, StepTargets limits) {
        checkFills(readings, watch, now);
        if (holdStart < 0 || now - holdStart < plan.steps().get(step).holdMs() * 1_000_000) {
            return false;
        }
        if (step < plan.steps().size() - 1) {
            enter(step + 1, now, watch, limits);
        } else if (now - cycleStart >= plan.minCycleMs() * 1_000_000) {
            cycle++;
            cycleStart = now;
            enter(0, now, watch, limits);
        } else {
            return false;
        }
        checkFills(readings, watch, now);
        return true;
    }

    private void enter(int index, long now, FillWatch watch, StepTargets limits) {
        step = index;
        stepStart = now;
        holdStart = -1;
        Step s = plan.steps().get(index);
        double scale = ramp(rampIn, cycle);
        limits.beginStep();
        watch.clearAll();
        for (int z = 1; z <= map.zones(); z++) {
            ZoneAction action = s.action(z);
            double target = action.kind() == ZoneAction.Kind.VENT ? 0 : action.targetMmHg() * scale;
            boolean fill = action.kind() == ZoneAction.Kind.FILL;
            for (int c : map.channelsOf(z)) {
                targets[c] = target;
                limits.note(c, target);
                waiting[c] = fill;
                if (fill) {
                    watch.watch(c, target, now, s.timeLimitMs() * 1_000_000, FillWatch.Purpose.STEP);
                }
            }
        }
    }

    /** Latches each fill channel that has reached its target; starts the hold when all have. */
    private void checkFills(Readings readings, FillWatch watch, long now) {
        if (holdStart >= 0) {
            return;
        }
        boolean all = true;
        for (int c = 0; c < waiting.length; c++) {
            if (waiting[c]) {
                if (Reach.reached(readings.pressure(c), targets[c])) {
                    waiting[c] = false;
                    watch.clear(c);
                } else {
                    all = false;
                }
            }
        }
        if (all) {
            holdStart = now;
        }
    }

    /** Per channel, mmHg (0 = vent); do not modify. */
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
