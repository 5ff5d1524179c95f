package org.bootctl.programs;

import java.util.List;
import org.bootctl.api.program.Garment;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.PlanException;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;
import org.bootctl.api.program.ValidationError;

/** A program written in the JSON format: compiling unrolls its cycle for the garment and applies the settings. */
final class JsonProgram implements Program {

    private final ProgramDefinition definition;

    JsonProgram(ProgramDefinition definition) {
        this.definition = definition;
    }

    @Override
    public ProgramInfo info() {
        return definition.info();
    }

    @Override
    public Plan compile(Garment garment, Settings settings) throws PlanException {
        ProgramInfo info = definition.info();
        info.requireSupported(garment);
        Problems problems = new Problems(definition.lines());
        List<CycleExpander.Expanded> cycle = CycleExpander.expand(definition, garment.zones(), problems);
        if (!problems.isEmpty()) {
            List<ValidationError> errors = problems.list();
            throw new PlanException(info.id() + ": " + errors.get(0)
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
        }
        return PlanCompiler.compile(info, cycle, definition.minCycleMs(), garment.zones(), settings);
    }

    @Override
    public String toString() {
        return "program " + definition.info().id() + " " + definition.info().version();
    }
}
