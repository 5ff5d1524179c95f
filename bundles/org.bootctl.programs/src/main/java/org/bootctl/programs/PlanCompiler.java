package org.bootctl.programs;

import java.util.ArrayList;
import java.util.List;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;
import org.bootctl.api.program.Step;
import org.bootctl.api.program.ZoneAction;
import org.bootctl.programs.CycleExpander.Expanded;
import org.bootctl.programs.ProgramDefinition.Pressure;

/**
 * Turns an unrolled cycle into a plan for one set of settings. Every target goes through
 * {@link Settings#target(int, double)} (cap and boost); a zone a step does not name keeps what it
 * had: its previous target as a HOLD, or VENT. A cycle starts with every zone vented.
 */
final class PlanCompiler {

    private PlanCompiler() {
    }

    static Plan compile(ProgramInfo info, List<Expanded> cycle, long minCycleMs, int zones, Settings settings) {
        double[] targets = new double[zones + 1];
        List<Step> steps = new ArrayList<>(cycle.size());
        for (Expanded step : cycle) {
            List<ZoneAction> actions = new ArrayList<>(zones);
            for (int zone = 1; zone <= zones; zone++) {
                Pressure fill = step.fills().get(zone);
                if (fill != null) {
                    targets[zone] = settings.target(zone, requested(fill, zone, settings.cap()));
                    actions.add(ZoneAction.fill(targets[zone]));
                } else if (step.vents().contains(zone) || targets[zone] == 0) {
                    targets[zone] = 0;
                    actions.add(ZoneAction.vent());
                } else {
                    actions.add(ZoneAction.hold(targets[zone]));
                }
            }
            steps.add(new Step(actions, step.holdMs(), step.limitMs()));
        }
        return new Plan(info.id(), info.version(), steps, minCycleMs);
    }

    /** The pressure a fill asks for, to 0.1 mmHg; never below 0.1 so a fill stays a fill. */
    private static double requested(Pressure pressure, int zone, double cap) {
        return Math.max(0.1, Math.round(pressure.mmHg(zone, cap) * 10) / 10.0);
    }
}
