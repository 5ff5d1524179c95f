package org.bootctl.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's fleet part leaves nothing behind: its broker's folder (configuration, log) goes with it. */
class FleetBenchFolderTest {

    @TempDir
    Path parent;

    @Test
    void theBrokersFolderIsDeletedAtTheEnd() throws Exception {
        if (FleetBench.tool("mosquitto") == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("mosquitto is not installed (.ci/run installs it)");
            }
            Assumptions.abort("mosquitto is not installed");
        }
        FleetBench.Result result = FleetBench.run(1, parent);
        assertEquals(FleetBench.UNITS, result.units(), "the part ran: " + result);
        try (Stream<Path> left = Files.list(parent)) {
            List<Path> files = left.toList();
            assertTrue(files.isEmpty(), "left behind: " + files);
        }
    }
}
