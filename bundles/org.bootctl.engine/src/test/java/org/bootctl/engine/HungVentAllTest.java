package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bootctl.api.device.Models;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One driver whose ventAll() never returns when called outside a tick must not keep the other
 * devices from being vented: DeviceHandle.ventFromAnyThread calls connection.ventAll() on the
 * caller's thread whenever no tick is inside the driver, and Engine.emergencyStopAll and
 * Engine.shutdown go through the devices one after the other on one thread.
 */
class HungVentAllTest {

    @TempDir
    Path data;

    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseTheHungDriver() {
        release.countDown();
    }

    /** A unit whose ventAll blocks, once armed, until the test ends. */
    private final class HangingVent extends ForwardingBoot {
        volatile boolean armed;
        final CountDownLatch entered = new CountDownLatch(1);

        HangingVent(FakeBoot boot) {
            super(boot);
        }

        @Override
        public void ventAll() {
            if (armed) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            super.ventAll();
        }
    }

    private record Pair(Harness h, HangingVent first, HangingVent second, SessionInfo session) {
    }

    /** Two units; the one the engine iterates first hangs in ventAll; a session fills the other. */
    private Pair twoUnits() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        HangingVent a = new HangingVent(FakeBoot.of("dev1", Models.RB2_L5, h.time));
        HangingVent b = new HangingVent(FakeBoot.of("dev2", Models.RB2_L5, h.time));
        h.engine.addDevice(a);
        h.engine.addDevice(b);
        h.seconds(0.1);
        List<String> order = h.engine.devices().stream().map(d -> d.id()).toList();
        HangingVent first = order.get(0).equals("dev1") ? a : b;
        HangingVent second = first == a ? b : a;
        SessionInfo s = h.engine.start(second.description().id(), "seq", Harness.plain(5, 10));
        h.seconds(3);
        assertTrue(second.boot.highestPressure() > 20, "filling");
        first.armed = true;
        return new Pair(h, first, second, s);
    }

    @Test
    void anEmergencyStopOfAllVentsTheOtherUnitsWhenOneDriversVentAllHangs() throws Exception {
        Pair p = twoUnits();
        int ventAlls = p.second().boot.ventAlls;
        Thread stop = new Thread(p.h().engine::emergencyStopAll, "emergency-stop-all");
        stop.setDaemon(true);
        stop.start();
        assertTrue(p.first().entered.await(10, TimeUnit.SECONDS), "the hung driver was called");
        String other = p.second().description().id();
        Waits.holdsWithin("the other unit latched and vented", Duration.ofSeconds(5),
                () -> p.second().boot.ventAlls > ventAlls && p.h().engine.device(other).orElseThrow().fault() != null);
        String stuck = "the emergency stop of all is stuck in " + p.first().description().id() + "'s ventAll ("
                + stop.getState() + ")";
        assertTrue(p.h().engine.device(other).orElseThrow().fault() != null, "the other unit, filling at "
                + Math.round(p.second().boot.highestPressure()) + " mmHg, was not latched: " + stuck);
        assertTrue(p.second().boot.ventAlls > ventAlls, "the other unit, filling at "
                + Math.round(p.second().boot.highestPressure()) + " mmHg, was not vented: " + stuck);
    }

    @Test
    void aShutdownEndsTheOtherSessionsWhenOneDriversVentAllHangs() throws Exception {
        Pair p = twoUnits();
        Thread shutdown = new Thread(p.h().engine::shutdown, "engine-shutdown");
        shutdown.setDaemon(true);
        shutdown.start();
        assertTrue(p.first().entered.await(10, TimeUnit.SECONDS), "the hung driver was called");
        shutdown.join(TimeUnit.SECONDS.toMillis(5));
        SessionState state = p.h().state(p.session().id());
        assertTrue(!shutdown.isAlive() && state == SessionState.STOPPED,
                "engine shutdown " + (shutdown.isAlive() ? "still hangs" : "returned") + " in "
                        + p.first().description().id() + "'s ventAll; the other session is " + state);
    }
}
