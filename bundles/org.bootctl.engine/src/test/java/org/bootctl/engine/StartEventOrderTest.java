package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bootctl.api.device.Models;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionListener;
import org.bootctl.api.session.SessionState;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session listeners hear a session's states in order (SessionListener: "in order ... the session
 * as it is now"). A start is answered on the caller's thread while the device's loop may already
 * be carrying it out: the caller's "IDLE" went to the listeners after the loop's "FIT_CHECK", so a
 * listener (the web page, the fleet) was left showing an IDLE session that was filling the boots.
 */
class StartEventOrderTest {

    @TempDir
    Path data;

    @Test
    void everyListenerHearsIdleBeforeTheLoopsFirstStateEvenWhenTheLoopTicksAsTheStartIsAnswered() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        h.connect(Models.RB2_L5);
        // the loop's thread ticks just as the first listener hears of the new session (here, deterministically,
        // from inside that listener: the events are delivered on the caller's thread in these tests)
        AtomicBoolean ticked = new AtomicBoolean();
        List<List<SessionState>> heard = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            List<SessionState> states = new CopyOnWriteArrayList<>();
            heard.add(states);
            h.engine.addSessionListener(new SessionListener() {
                @Override
                public void sessionChanged(SessionInfo session) {
                    states.add(session.state());
                    if (session.state() == SessionState.IDLE && ticked.compareAndSet(false, true)) {
                        h.tick();
                    }
                }
            });
        }

        SessionInfo started = h.start("seq", Harness.plain(5, 10).withFitCheck(true));
        h.tick();
        h.tick();
        assertEquals(SessionState.FIT_CHECK, h.state(started.id()));
        for (List<SessionState> states : heard) {
            assertEquals(List.of(SessionState.IDLE, SessionState.FIT_CHECK), states,
                    "every listener hears the session's states in order, the last being the state it is in");
        }
    }

    @Test
    void aDeviceLatchedAsItIsTakenOnIsLastHeardInFaultByEveryListener() {
        Harness h = new Harness(data);
        AtomicBoolean ticked = new AtomicBoolean();
        List<List<SessionState>> heard = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            List<SessionState> states = new CopyOnWriteArrayList<>();
            heard.add(states);
            h.engine.addSessionListener(new SessionListener() {
                @Override
                public void sessionChanged(SessionInfo session) {
                }

                @Override
                public void deviceChanged(DeviceStatus device, boolean online) {
                    states.add(device.state());
                    if (ticked.compareAndSet(false, true)) {
                        h.seconds(0.1); // the loop's thread runs as the device is announced: its first sample latches
                    }
                }
            });
        }
        FakeBoot boot = FakeBoot.of("dev1", Models.RB2_L5, h.time);
        boot.pressurise(1, 30);
        h.engine.addDevice(boot);
        h.seconds(0.1);
        assertEquals(SessionState.FAULT, h.device().state(), "found pressurised on connect");
        for (List<SessionState> states : heard) {
            assertEquals(SessionState.FAULT, states.get(states.size() - 1),
                    "every listener's last word on the device is the state it is in: " + states);
        }
    }

    /**
     * A person clears the device's fault as another presses the emergency stop: the clear's "cleared"
     * was made before the stop latched, and could reach a listener after the stop's FAULT, which
     * then showed the device free while it was latched by the stop.
     */
    @Test
    void aClearAndAnEmergencyStopAtOnceLeaveEveryListenerShowingTheLatch() throws Exception {
        Harness h = new Harness(data);
        FakeBoot boot = h.connect(Models.RB2_L5);
        h.engine.emergencyStop("dev1");
        h.seconds(1);
        assertTrue(boot.highestPressure() < 5);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean held = new AtomicBoolean();
        List<List<Boolean>> latched = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            List<Boolean> faults = new CopyOnWriteArrayList<>();
            latched.add(faults);
            h.engine.addSessionListener(new SessionListener() {
                @Override
                public void sessionChanged(SessionInfo session) {
                }

                @Override
                public void deviceChanged(DeviceStatus device, boolean online) {
                    faults.add(device.fault() != null);
                    if (device.fault() == null && held.compareAndSet(false, true)) {
                        inside.countDown(); // the clearing thread is held here, between listeners
                        try {
                            release.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            });
        }
        CompletableFuture<Void> clear = CompletableFuture.runAsync(() -> {
            try {
                h.engine.clearFault("dev1");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(inside.await(10, TimeUnit.SECONDS), "cleared: the listeners are being told");
        Thread[] stopper = new Thread[1];
        CompletableFuture<Boolean> stop = CompletableFuture.supplyAsync(() -> {
            stopper[0] = Thread.currentThread();
            return h.engine.emergencyStop("dev1");
        });
        Waits.until("the stop is told, or waits to be", 5000, () -> stop.isDone()
                || stopper[0] != null && stopper[0].getState() == Thread.State.BLOCKED);
        release.countDown();
        clear.get(10, TimeUnit.SECONDS);
        assertTrue(stop.get(10, TimeUnit.SECONDS));

        assertTrue(h.device().fault() != null, "latched by the stop");
        for (List<Boolean> faults : latched) {
            assertEquals(true, faults.get(faults.size() - 1), "every listener's last word is the latch: " + faults);
        }
    }
}
