package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bootctl.api.device.Models;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionListener;
import org.bootctl.api.session.SessionState;
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
}
