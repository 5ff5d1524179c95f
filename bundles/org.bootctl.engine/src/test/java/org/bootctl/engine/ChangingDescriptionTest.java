package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.Models;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver is foreign code: what its connection says of the unit is read once, as it comes. The
 * loop read it a second time: a driver answering otherwise then (another channel count) had the
 * session's plan and checks made for one unit and its loop run for another, and every session
 * ended at once in "controller error: java.lang.ArrayIndexOutOfBoundsException".
 */
class ChangingDescriptionTest {

    @TempDir
    Path data;

    @Test
    void whatAConnectionSaysOfItsUnitIsReadOnceAndASessionRunsOnIt() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        FakeBoot boot = FakeBoot.of("dev1", Models.RB2_L5, h.time);
        DeviceDescription other = FakeBoot.of("dev1", Models.RB2_M8, h.time).description();
        AtomicInteger asked = new AtomicInteger();
        h.connect(new ForwardingBoot(boot) {
            @Override
            public DeviceDescription description() {
                return asked.incrementAndGet() == 1 ? boot.description() : other;
            }
        });

        SessionInfo s = h.start("seq", Harness.plain(5, 10));
        assertTrue(h.runUntil(() -> boot.highestPressure() > 60, 30), "the session fills the boots");
        assertEquals(SessionState.RUNNING, h.state(s.id()), String.valueOf(h.info(s.id()).endReason()));
        assertNull(h.device().fault());
        assertEquals(boot.description().channelCount(), h.device().description().channelCount());
    }
}
