package org.bootctl.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.bootctl.launcher.cli.CommandException;
import org.junit.jupiter.api.Test;

/** Which parts a bench runs: issue 8 wants {@code bench --quick} done in under two minutes on two cores. */
class BenchPartsTest {

    @Test
    void theFullBenchRunsEveryPart() throws CommandException {
        assertEquals(BenchCommand.PARTS, List.copyOf(BenchCommand.parts(Optional.empty(), BenchMode.FULL)));
    }

    @Test
    void quickLeavesOutTheFleetAndHubPartsWhichTakeMinutesOnTheirOwn() throws CommandException {
        assertEquals(List.of("regulation", "loop", "speed", "startup", "hotswap", "serial", "reliability"),
                List.copyOf(BenchCommand.parts(Optional.empty(), BenchMode.QUICK)));
    }

    @Test
    void quickRunsTheFleetAndHubPartsWhenOnlyNamesThem() throws CommandException {
        assertEquals(List.of("fleet", "hub"), List.copyOf(BenchCommand.parts(Optional.of("fleet,hub"), BenchMode.QUICK)));
    }

    @Test
    void anUnknownPartIsAUsageError() {
        assertThrows(CommandException.class, () -> BenchCommand.parts(Optional.of("regulaton"), BenchMode.QUICK));
    }
}
