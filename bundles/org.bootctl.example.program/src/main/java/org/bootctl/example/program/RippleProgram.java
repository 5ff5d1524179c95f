package org.bootctl.example.program;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bootctl.api.program.Garment;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.PlanException;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;
import org.bootctl.api.program.Step;
import org.bootctl.api.program.ZoneAction;
import org.osgi.service.component.annotations.Component;

/**
 * A ripple: a short squeeze runs up the limb twice per cycle, first lightly (70 % of the level),
 * then at the full level. While a zone fills, the one below it holds; then it lets go.
 * Every target goes through {@link Settings#target(int, double)}, so the session cap and boost hold.
 * Change the pattern, the id and the texts below to make it your program.
 */
@Component(service = Program.class, property = {
        Program.SOURCE + "=bundle",
        "bootctl.program.id=" + RippleProgram.ID})
public class RippleProgram implements Program {

    /** Stable and unique among the programs of a controller: lower-case letters, digits and '-'. */
    static final String ID = "example-ripple";

    static final ProgramInfo INFO = new ProgramInfo(ID, "Example ripple", "1.0.0", "bootctl examples",
            "A squeeze runs up the limb twice per cycle, first at 70 % of the level, then at the full level.", 2, 16);

    /** The share of the level of each pass up the limb. */
    private static final double[] PASSES = {0.7, 1.0};
    private static final long HOLD_MS = 500;
    /** Vented zones need about 3 s to empty before the next step, or the engine's channel trip fires. */
    private static final long REST_MS = 3000;
    /** The cycle rests until 40 s have passed since it began. */
    private static final long MIN_CYCLE_MS = 40_000;

    @Override
    public ProgramInfo info() {
        return INFO;
    }

    @Override
    public Plan compile(Garment garment, Settings settings) throws PlanException {
        INFO.requireSupported(garment);
        int zones = garment.zones();
        List<Step> steps = new ArrayList<>();
        for (double share : PASSES) {
            for (int filling = 1; filling <= zones; filling++) {
                List<ZoneAction> actions = new ArrayList<>(zones);
                for (int zone = 1; zone <= zones; zone++) {
                    // never compute a target yourself: settings.target clamps to the cap and adds the boost
                    double target = settings.target(zone, share * settings.cap());
                    if (zone == filling) {
                        actions.add(ZoneAction.fill(target));
                    } else if (zone == filling - 1) {
                        actions.add(ZoneAction.hold(target)); // a HOLD carries the target the zone already has
                    } else {
                        actions.add(ZoneAction.vent());
                    }
                }
                steps.add(new Step(actions, HOLD_MS));
            }
            steps.add(new Step(Collections.nCopies(zones, ZoneAction.vent()), REST_MS));
        }
        return new Plan(ID, INFO.version(), steps, MIN_CYCLE_MS);
    }
}
