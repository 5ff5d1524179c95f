package org.bootctl.tools.plot;

import java.util.ArrayList;
import java.util.List;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Step;
import org.bootctl.api.program.ZoneAction;

/**
 * One cycle of a plan laid out in nominal time. A plan says what each zone aims for, not how long
 * a fill takes (that depends on the garment, the limb and the pump), so a fill is drawn as taking
 * its pressure change at {@link #FILL_MMHG_PER_S}; a vent is drawn at once; a step lasts as long
 * as its slowest fill plus its hold, as the engine runs it; a cycle shorter than the plan's
 * minimum rests on its last step until then.
 *
 * @param zones        per zone (index 0 = zone 1), the target's corners in time order: a polyline
 * @param stepStarts   when each step begins, seconds from the cycle's start
 * @param stepsSeconds how long the steps take, nominally
 * @param cycleSeconds the nominal length of the cycle: the steps, or the plan's minimum cycle when longer
 */
public record PlanTimeline(List<List<Point>> zones, List<Double> stepStarts, double stepsSeconds,
                           double cycleSeconds) {

    /** The nominal fill rate: about what one RB2 leg chamber takes from empty alone (simulator: 0 to 100 mmHg in 4 s). */
    public static final double FILL_MMHG_PER_S = 20;

    /** A corner of a zone's target line. */
    public record Point(double seconds, double mmHg) {
    }

    public PlanTimeline {
        zones = zones.stream().map(List::copyOf).toList();
        stepStarts = List.copyOf(stepStarts);
    }

    public static PlanTimeline of(Plan plan) {
        int zoneCount = plan.zones();
        double[] level = new double[zoneCount]; // a cycle starts with every zone vented
        List<List<Point>> zones = new ArrayList<>();
        for (int z = 0; z < zoneCount; z++) {
            zones.add(new ArrayList<>(List.of(new Point(0, 0))));
        }
        List<Double> stepStarts = new ArrayList<>();
        double t = 0;
        for (Step step : plan.steps()) {
            stepStarts.add(t);
            double slowestFill = 0;
            for (int z = 0; z < zoneCount; z++) {
                ZoneAction action = step.action(z + 1);
                double target = action.targetMmHg();
                if (target == level[z]) {
                    continue;
                }
                double seconds = action.kind() == ZoneAction.Kind.FILL ? Math.abs(target - level[z]) / FILL_MMHG_PER_S : 0;
                slowestFill = Math.max(slowestFill, seconds);
                zones.get(z).add(new Point(t, level[z]));
                zones.get(z).add(new Point(t + seconds, target));
                level[z] = target;
            }
            t += slowestFill + step.holdMs() / 1000.0;
        }
        double cycle = Math.max(t, plan.minCycleMs() / 1000.0);
        for (int z = 0; z < zoneCount; z++) {
            zones.get(z).add(new Point(cycle, level[z]));
        }
        return new PlanTimeline(zones, stepStarts, t, cycle);
    }

    /** The highest target of any zone, mmHg. */
    public double highest() {
        return zones.stream().flatMap(List::stream).mapToDouble(Point::mmHg).max().orElse(0);
    }
}
