package org.bootctl.tools.bench.drop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.bootctl.api.program.Garment;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.PlanException;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;
import org.bootctl.api.program.Step;
import org.bootctl.api.program.ZoneAction;

/**
 * The program inside the bundles the bench drops into {@code deploy/}: a DS component (its XML
 * written by {@code ProgramBundle}) whose id comes from its {@code bootctl.program.id} property,
 * so every drop is a program of its own. Uses API types only: in the dropped bundle this class is
 * the bundle's own copy, wired to the API like any third-party program bundle.
 */
public class DroppedProgram implements Program {

    private volatile ProgramInfo info;

    /** DS activation with the component's properties. */
    public void activate(Map<String, Object> properties) {
        String id = String.valueOf(properties.get("bootctl.program.id"));
        info = new ProgramInfo(id, "Bench drop " + id, "1.0.0", "bootctl bench",
                "Dropped into deploy/ by bootctl bench: each zone fills in turn, then all vent.", 1, 16);
    }

    @Override
    public ProgramInfo info() {
        return info;
    }

    @Override
    public Plan compile(Garment garment, Settings settings) throws PlanException {
        info.requireSupported(garment);
        int zones = garment.zones();
        List<Step> steps = new ArrayList<>();
        for (int filling = 1; filling <= zones; filling++) {
            List<ZoneAction> actions = new ArrayList<>(Collections.nCopies(zones, ZoneAction.vent()));
            actions.set(filling - 1, ZoneAction.fill(settings.target(filling, settings.cap())));
            steps.add(new Step(actions, 500));
        }
        steps.add(new Step(Collections.nCopies(zones, ZoneAction.vent()), 3000));
        return new Plan(info.id(), info.version(), steps);
    }
}
