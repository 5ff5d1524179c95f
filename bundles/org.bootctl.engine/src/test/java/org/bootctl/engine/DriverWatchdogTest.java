package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bootctl.api.device.Models;
import org.bootctl.api.device.Valve;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionRecord;
import org.bootctl.api.session.SessionState;
import org.bootctl.engine.dispatch.ListenerDispatcher;
import org.bootctl.engine.record.Recorder;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver call that does not return: the engine declares the driver not responding within the
 * watchdog's bound, ends the session in FAULT, never calls that driver again (so it stops feeding
 * the unit's watchdog), and the other devices' loops go on. Real threads on real time: the test
 * polls with deadlines and asserts no timing.
 */
class DriverWatchdogTest {

    @TempDir
    Path data;

    private Engine engine;
    private RealTimeBoot stuck;
    private RealTimeBoot healthy;

    @AfterEach
    void tearDown() {
        if (stuck != null) {
            stuck.close();
        }
        if (healthy != null) {
            healthy.close();
        }
        if (engine != null) {
            engine.shutdown();
        }
    }

    @Test
    void aDriverCallThatHangsEndsTheSessionInFaultAndTheDriverIsCalledNoMoreWhileOtherDevicesGoOn() throws Exception {
        engine = new Engine(Clock.systemUTC(), new Recorder(data, Runnable::run),
                new ListenerDispatcher(new DirectExecutorService(), Thread::new));
        engine.addProgram(TestPrograms.sequential(2000, 30_000), Map.of());
        engine.open(50);
        stuck = new RealTimeBoot("stuck", Models.RB2_L5);
        healthy = new RealTimeBoot("healthy", Models.RB2_A4);
        engine.addDevice(stuck);
        engine.addDevice(healthy);

        SessionInfo s = runningOn("stuck");
        SessionInfo other = startWhenReady("healthy");
        stuck.hangNextActuate();
        assertTrue(stuck.blocked.await(10, TimeUnit.SECONDS), "a tick is inside the driver");
        int ventAllsWhenStuck = stuck.ventAlls.get();

        Waits.until("the session ended by the watchdog", 20_000, () -> state(s).isFinal());
        SessionInfo ended = engine.session(s.id()).orElseThrow();
        assertEquals(SessionState.FAULT, ended.state());
        String reason = ended.endReason();
        assertTrue(reason.startsWith("driver not responding: actuate has not returned for "), reason);
        assertTrue(reason.contains("; highest pressure in zone "), reason);
        assertTrue(reason.contains("the unit's own watchdog vents it"), reason);
        assertTrue(reason.contains("unplug and replug the unit (or restart its driver)"), reason);
        long stuckMs = Long.parseLong(reason.replaceAll("^driver not responding: actuate has not returned for (\\d+) ms.*$", "$1"));
        assertTrue(stuckMs >= 100, reason);
        Waits.until("the session in the history", 20_000, () -> engine.recent(5).stream().anyMatch(r -> r.id().equals(s.id())));
        SessionRecord recorded = engine.recent(5).stream().filter(r -> r.id().equals(s.id())).findFirst().orElseThrow();
        assertEquals(SessionState.FAULT, recorded.state());

        // the device stays latched; nothing clears it but a new connection
        assertEquals(SessionState.FAULT, engine.device("stuck").orElseThrow().state());
        SessionException refused = assertThrows(SessionException.class,
                () -> engine.start("stuck", "seq", Harness.plain(5, 10)));
        assertTrue(refused.getMessage().contains("driver not responding"), refused.getMessage());
        SessionException notCleared = assertThrows(SessionException.class, () -> engine.clearFault("stuck"));
        assertTrue(notCleared.getMessage().contains("the driver of stuck is not responding"), notCleared.getMessage());
        // one last vent-all, from a thread of its own (a driver whose command hangs may still vent)
        Waits.until("a last vent-all", 20_000, () -> stuck.ventAlls.get() > ventAllsWhenStuck);
        assertTrue(engine.emergencyStop("stuck"), "the emergency stop answers at once (it waits on no hung driver)");

        // no command is sent to the stuck driver again, even once its call comes back; the other loop goes on
        int actuationsWhenDeclared = stuck.actuations.get();
        stuck.release();
        int healthyBefore = healthy.actuations.get();
        Waits.until("25 more ticks of the healthy device", 20_000, () -> healthy.actuations.get() >= healthyBefore + 25);
        assertEquals(actuationsWhenDeclared, stuck.actuations.get(), "no command to the stuck driver after it was declared");
        assertEquals(stuck.actuations.get() + stuck.ventAlls.get(), stuck.calls.get(), "nor anything else but vent-alls");
        // its session goes on (on a machine so loaded that its unit's samples come late it may end
        // for that, "stale telemetry", but never because of the other device's driver)
        SessionInfo otherNow = engine.session(other.id()).orElseThrow();
        assertTrue(!otherNow.state().isFinal() || !otherNow.endReason().contains("driver not responding"),
                otherNow.endReason());
        var healthyFault = engine.device("healthy").orElseThrow().fault();
        assertTrue(healthyFault == null || !healthyFault.message().contains("driver not responding"), () -> String.valueOf(healthyFault));
        assertEquals(SessionState.FAULT, engine.device("stuck").orElseThrow().state());
    }

    /** A unit whose driver holds one lock for every command, and whose actuate can be made to block in it. */
    private static final class OneLock extends ForwardingBoot {
        final Hang hang = new Hang();
        final AtomicInteger ventAlls = new AtomicInteger();

        OneLock(FakeBoot boot) {
            super(boot);
        }

        @Override
        public synchronized void actuate(int pumpDuty, Valve[] valves) {
            hang.hereIfArmed(60);
            super.actuate(pumpDuty, valves);
        }

        @Override
        public synchronized void ventAll() {
            ventAlls.incrementAndGet();
            super.ventAll();
        }
    }

    @Test
    void anEmergencyStopNeverWaitsOnADriverCallUnderWay() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        OneLock unit = new OneLock(FakeBoot.of("dev1", Models.RB2_L5, h.time));
        h.connect(unit);
        SessionInfo s = h.start("seq", Harness.plain(5, 10));
        h.seconds(2);
        unit.hang.armed.set(true);
        Thread loop = new Thread(() -> h.time.advance(Harness.TICK_NANOS), "virtual-time");
        loop.start();
        assertTrue(unit.hang.entered.await(10, TimeUnit.SECONDS), "the tick is inside the driver, holding its lock");
        int ventAlls = unit.ventAlls.get();

        assertTrue(h.engine.emergencyStop("dev1"), "answered while the driver's lock is held");
        assertEquals(1, unit.hang.release.getCount(), "the driver's call was still under way");
        unit.hang.release.countDown();
        loop.join(10_000);
        Waits.until("the vent-all made aside", 20_000, () -> unit.ventAlls.get() > ventAlls);
        h.tick();
        assertEquals(SessionState.STOPPED, h.state(s.id()));
        assertTrue(unit.boot.lastCommandVents());
    }

    private SessionInfo startWhenReady(String deviceId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                return engine.start(deviceId, "seq", Harness.plain(3, 10));
            } catch (SessionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20); // the device's first sample has not come yet
            }
        }
    }

    /**
     * A session on the device, RUNNING. A machine so loaded that the unit's samples come late may end it
     * for that ("stale telemetry") during its fit check: the fault is cleared and a session started again.
     */
    private SessionInfo runningOn(String deviceId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            SessionInfo s = startWhenReady(deviceId);
            Waits.until(deviceId + "'s session running or ended", 20_000,
                    () -> state(s) == SessionState.RUNNING || state(s).isFinal());
            if (state(s) == SessionState.RUNNING) {
                return s;
            }
            String reason = engine.session(s.id()).orElseThrow().endReason();
            if (!reason.contains("stale telemetry") || System.nanoTime() > deadline) {
                throw new AssertionError(deviceId + "'s session ended before it ran: " + reason);
            }
            Waits.until(deviceId + "'s stale-telemetry fault cleared", 20_000, () -> {
                try {
                    engine.clearFault(deviceId);
                } catch (SessionException refused) {
                    return false; // a zone still vents, or samples are still late
                }
                return engine.device(deviceId).orElseThrow().fault() == null;
            });
        }
    }

    private SessionState state(SessionInfo s) {
        return engine.session(s.id()).orElseThrow().state();
    }
}
