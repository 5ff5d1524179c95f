package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.bootctl.api.device.Models;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.SessionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two drivers (say the example driver and one made from the driver archetype) register a unit
 * under one id: the second waits, and is taken on when the first goes, instead of being left out
 * until its driver restarts.
 */
class DuplicateDeviceIdTest {

    @TempDir
    Path data;

    private static List<String> models(Harness h) {
        return h.engine.devices().stream().map(d -> d.id() + " " + d.description().model()).toList();
    }

    @Test
    void aUnitWithTheIdOfAConnectedOneWaitsAndIsTakenOnWhenThatOneGoes() {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        FakeBoot first = FakeBoot.of("acme-1", Models.RB2_L5, h.time);
        FakeBoot second = FakeBoot.of("acme-1", Models.RB2_A4, h.time);
        FakeBoot third = FakeBoot.of("acme-1", Models.RB2_M8, h.time);
        h.connect(first);
        h.connect(second);
        h.connect(third);
        assertEquals(List.of("acme-1 RB2-L5"), models(h), "the first keeps the id");

        h.engine.removeDevice(third); // gone while it waited: never taken on
        h.engine.removeDevice(first);
        h.seconds(0.5);
        assertEquals(List.of("acme-1 RB2-A4"), models(h), "the unit that waited is taken on");
        DeviceStatus taken = h.engine.devices().get(0);
        assertEquals(SessionState.IDLE, taken.state(), "listened to and commanded: " + taken);

        h.engine.removeDevice(second);
        assertEquals(List.of(), models(h), "none waits any more");
    }
}
