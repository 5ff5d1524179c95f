package org.bootctl.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.bootctl.api.program.Garment;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.PlanException;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;
import org.bootctl.api.program.Step;
import org.bootctl.api.program.ZoneAction;

/** Programs for engine tests (the real ones live in the programs bundle, which the engine must not need). */
final class TestPrograms {

    private TestPrograms() {
    }

    /** A program that compiles with {@code compiler}. */
    static Program program(String id, int minZones, int maxZones, Compiler compiler) {
        ProgramInfo info = new ProgramInfo(id, id, "1.0", "tests", "test program", minZones, maxZones);
        return new Program() {
            @Override
            public ProgramInfo info() {
                return info;
            }

            @Override
            public Plan compile(Garment garment, Settings settings) throws PlanException {
                return compiler.compile(garment, settings);
            }
        };
    }

    @FunctionalInterface
    interface Compiler {
        Plan compile(Garment garment, Settings settings) throws PlanException;
    }

    /**
     * Like the real {@code sequential}: zones fill 1 → n at the cap (each held while the next
     * fills), all hold {@code holdAllMs}, then all vent and rest until the cycle has lasted {@code cycleMs}.
     */
    static Program sequential(long holdAllMs, long cycleMs) {
        return program("seq", 1, 16, (garment, settings) -> sequentialPlan(garment.zones(), settings, holdAllMs, cycleMs,
                Step.DEFAULT_TIME_LIMIT_MS));
    }

    static Plan sequentialPlan(int zones, Settings settings, long holdAllMs, long cycleMs, long timeLimitMs) {
        List<Step> steps = new ArrayList<>();
        for (int k = 1; k <= zones; k++) {
            List<ZoneAction> actions = new ArrayList<>();
            for (int z = 1; z <= zones; z++) {
                double target = settings.target(z, settings.cap());
                actions.add(z < k ? ZoneAction.hold(target) : z == k ? ZoneAction.fill(target) : ZoneAction.vent());
            }
            steps.add(new Step(actions, 0, timeLimitMs));
        }
        List<ZoneAction> hold = new ArrayList<>();
        List<ZoneAction> vent = new ArrayList<>();
        for (int z = 1; z <= zones; z++) {
            hold.add(ZoneAction.hold(settings.target(z, settings.cap())));
            vent.add(ZoneAction.vent());
        }
        steps.add(new Step(hold, holdAllMs));
        steps.add(new Step(vent, 0));
        return new Plan("seq", "1.0", steps, cycleMs);
    }

    /** Fills zone 1 to {@code mmHg} (other zones vent) and holds it for an hour. */
    static Program holdZoneOne(double mmHg, long timeLimitMs) {
        return program("hold1", 1, 16, (garment, settings) -> {
            List<ZoneAction> actions = new ArrayList<>();
            for (int z = 1; z <= garment.zones(); z++) {
                actions.add(z == 1 ? ZoneAction.fill(settings.target(1, mmHg)) : ZoneAction.vent());
            }
            return new Plan("hold1", "1.0", List.of(new Step(actions, 3_600_000, timeLimitMs)));
        });
    }

    /** A program whose plan is fixed, whatever the garment and settings. */
    static Program fixed(Plan plan) {
        return program(plan.programId(), 1, 16, (garment, settings) -> plan);
    }

    static Program failing(BiFunction<Garment, Settings, RuntimeException> failure) {
        return program("broken", 1, 16, (garment, settings) -> {
            throw failure.apply(garment, settings);
        });
    }
}
