package org.bootctl.programs;

import java.util.List;
import java.util.Objects;
import org.bootctl.api.program.Program;

/**
 * The programs bundle's built-in programs for engine tests (test scope: the engine itself never
 * depends on the programs bundle). Lives in the programs' package to read them as that bundle does.
 */
public final class BuiltIns {

    private BuiltIns() {
    }

    /** Every built-in program that reads as valid. */
    public static List<Program> all() {
        return BuiltInPrograms.load().stream().map(BuiltInPrograms.BuiltIn::program).filter(Objects::nonNull)
                .map(Program.class::cast).toList();
    }
}
