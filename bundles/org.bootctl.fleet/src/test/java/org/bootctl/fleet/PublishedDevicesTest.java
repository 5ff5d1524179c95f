package org.bootctl.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The list of devices with a retained message on the broker outlives the unit; an emptied one leaves it. */
class PublishedDevicesTest {

    @TempDir
    Path folder;

    @Test
    void theListSurvivesARestartAndForgetsEmptiedDevices() throws Exception {
        Path file = folder.resolve("fleet").resolve("devices");
        PublishedDevices before = new PublishedDevices(file);
        before.load();
        assertEquals(Set.of(), before.ids(), "no file: nothing published yet");
        before.update("dev-a", true);
        before.update("dev-b", true);
        before.update("dev-a", false);
        before.update("bad\nid", true);

        PublishedDevices after = new PublishedDevices(file);
        after.load();
        assertEquals(Set.of("dev-b"), after.ids());
    }
}
