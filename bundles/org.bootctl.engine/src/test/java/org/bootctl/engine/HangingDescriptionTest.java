package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.Models;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver's {@code description()} is foreign code too: one that never returns (waiting for its
 * unit's handshake, say) held the thread that registered its connection for good, in a framework
 * the one that binds every later device, program and listener of the engine.
 */
class HangingDescriptionTest {

    @TempDir
    Path data;

    @Test
    void aConnectionThatNeverSaysWhatUnitItIsIsNotTakenOnAndHoldsNobody() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        CountDownLatch never = new CountDownLatch(1);
        FakeBoot silent = FakeBoot.of("dev0", Models.RB2_L5, h.time);
        ForwardingBoot hanging = new ForwardingBoot(silent) {
            @Override
            public DeviceDescription description() {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.description();
            }
        };
        try {
            CompletableFuture<Void> adding = CompletableFuture.runAsync(() -> h.engine.addDevice(hanging));
            Waits.until("the registering thread is let go", 10_000, adding::isDone);
            assertEquals(List.of(), h.engine.devices().stream().map(DeviceStatus::id).toList(), "not taken on");

            FakeBoot boot = h.connect(Models.RB2_L5); // the next unit is taken on and runs
            SessionInfo s = h.start("seq", Harness.plain(5, 10));
            assertTrue(h.runUntil(() -> boot.highestPressure() > 60, 30));
            assertEquals(SessionState.RUNNING, h.state(s.id()));
            h.engine.removeDevice(hanging); // its service goes: nothing to let go
        } finally {
            never.countDown();
        }
    }
}
