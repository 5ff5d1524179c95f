package org.bootctl.tools.bench;

import java.util.ArrayList;
import java.util.List;
import org.bootctl.api.program.Garment;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;
import org.bootctl.api.program.Step;
import org.bootctl.api.program.ZoneAction;

/**
 * The regulation bench's program: the built-in sequential shape (zones fill one after another
 * from distal up, each held while the next fills, then all vent), with a hold after every fill.
 * So each fill starts only once the one before it is over, and every fill can be timed on its
 * own: from its step's start, with its zone's channels alone filling.
 */
final class StaircaseProgram implements Program {

    static final long HOLD_MS = 2000;
    static final long VENT_MS = 4000;

    @Override
    public ProgramInfo info() {
        return new ProgramInfo("bench-staircase", "Bench staircase", "1.0.0", "bootctl bench",
                "Fills zone after zone to the cap, holding each " + HOLD_MS / 1000 + " s, then vents all.", 1, 16);
    }

    @Override
    public Plan compile(Garment garment, Settings settings) {
        List<Step> steps = new ArrayList<>();
        for (int filling = 1; filling <= garment.zones(); filling++) {
            List<ZoneAction> actions = new ArrayList<>();
            for (int zone = 1; zone <= garment.zones(); zone++) {
                double target = settings.target(zone, settings.cap());
                actions.add(zone < filling ? ZoneAction.hold(target)
                        : zone == filling ? ZoneAction.fill(target) : ZoneAction.vent());
            }
            steps.add(new Step(actions, HOLD_MS));
        }
        steps.add(new Step(garment.zoneNames().stream().map(z -> ZoneAction.vent()).toList(), VENT_MS));
        return new Plan(info().id(), info().version(), steps);
    }
}
