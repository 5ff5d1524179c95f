package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bootctl.api.device.Models;
import org.bootctl.api.session.SessionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start checks that its device is free, then has the program make its plan (up to 2 s of a
 * plugin's code) and writes its marker; the device can go away meanwhile. The start must then be
 * refused: reserved on a device whose loop had already ended, the session stayed IDLE for good,
 * with its open-session marker on the disk (recorded as "controller stopped unexpectedly" on the
 * next start) and nothing to stop it.
 */
class StartRacesRemovalTest {

    @TempDir
    Path data;

    @Test
    void aDeviceThatGoesAwayWhileItsSessionIsPlannedRefusesTheStartAndLeavesNoMarker() throws Exception {
        Harness h = new Harness(data);
        FakeBoot[] unit = new FakeBoot[1];
        h.program(TestPrograms.program("seq", 1, 16, (garment, settings) -> {
            h.engine.removeDevice(unit[0]); // the unit is unplugged as the plan is made
            return TestPrograms.sequentialPlan(garment.zones(), settings, 2000, 30_000, 20_000);
        }));
        unit[0] = h.connect(Models.RB2_L5);

        SessionException refused = assertThrows(SessionException.class, () -> h.start("seq", Harness.plain(5, 10)));
        assertEquals(SessionException.Reason.CONFLICT, refused.reason(), refused.getMessage());
        assertTrue(refused.getMessage().contains("went away"), refused.getMessage());
        assertTrue(refused.getMessage().contains("dev1"), refused.getMessage());

        h.seconds(1);
        assertEquals(List.of(), markers(), "no open-session marker is left for a session that never started");
        assertEquals(List.of(), h.engine.recent(10), "nothing to record: the start was refused");
    }

    private List<Path> markers() throws Exception {
        Path open = data.resolve("sessions").resolve("open");
        if (!Files.isDirectory(open)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(open)) {
            return files.toList();
        }
    }
}
