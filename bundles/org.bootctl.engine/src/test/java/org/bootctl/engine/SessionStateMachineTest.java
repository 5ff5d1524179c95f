package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bootctl.api.device.Models;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Settings;
import org.bootctl.api.program.Step;
import org.bootctl.api.program.ZoneAction;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionRecord;
import org.bootctl.api.session.SessionState;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every transition of the session state machine, on a fake unit in virtual time. */
class SessionStateMachineTest {

    @TempDir
    Path data;
    Harness h;
    FakeBoot boot;

    @BeforeEach
    void setUp() {
        h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        boot = h.connect(Models.RB2_L5);
    }

    @Test
    void aSessionRunsFromIdleThroughFitCheckAndRunningToCompleted() throws Exception {
        SessionInfo started = h.start("seq", Settings.level(5, 1.0));
        assertEquals(SessionState.IDLE, started.state());
        h.tick();
        assertEquals(SessionState.FIT_CHECK, h.state(started.id()));
        assertTrue(h.runUntilState(started.id(), SessionState.RUNNING, 60));
        assertEquals(1, h.info(started.id()).cycle());
        assertTrue(h.runUntilState(started.id(), SessionState.VENTING, 70));
        assertTrue(h.info(started.id()).elapsedMs() >= 60_000);
        assertTrue(h.runUntilState(started.id(), SessionState.COMPLETED, 11));
        SessionInfo done = h.info(started.id());
        assertEquals("completed", done.endReason());
        assertEquals(0, done.remainingMs());
        assertTrue(boot.highestPressure() < 5, "vented at the end: " + boot.highestPressure());
        assertEquals(List.of(SessionState.IDLE, SessionState.FIT_CHECK, SessionState.RUNNING,
                        SessionState.VENTING, SessionState.COMPLETED),
                h.sessionEvents.stream().filter(e -> e.id().equals(started.id())).map(SessionInfo::state).distinct().toList());
        List<SessionRecord> history = h.engine.recent(10);
        assertEquals(1, history.size());
        assertEquals(SessionState.COMPLETED, history.get(0).state());
        assertEquals(5, history.get(0).fitCheckMs().size());
        assertTrue(h.engine.trace(started.id()).isPresent());
    }

    @Test
    void elapsedTimeCountsRunningOnly() throws Exception {
        SessionInfo s = h.start("seq", Settings.level(5, 10).withRampIn(false));
        assertTrue(h.runUntilState(s.id(), SessionState.RUNNING, 60));
        assertEquals(0, h.info(s.id()).elapsedMs(), "the fit check is not session time");
        h.seconds(10);
        long elapsed = h.info(s.id()).elapsedMs();
        assertTrue(elapsed >= 9_900 && elapsed <= 10_100, "elapsed " + elapsed);
    }

    @Test
    void pauseVentsAndKeepsTheRemainingTimeAndResumeRestartsTheCycle() throws Exception {
        SessionInfo s = h.start("seq", Harness.plain(5, 10));
        assertTrue(h.runUntil(() -> h.info(s.id()).step() == 2, 60));
        assertEquals(SessionState.RUNNING, h.engine.pause(s.id()).state(), "carried out on the next tick");
        h.tick();
        SessionInfo paused = h.info(s.id());
        assertEquals(SessionState.PAUSED, paused.state());
        assertEquals(-1, paused.step());
        h.seconds(20);
        assertEquals(paused.remainingMs(), h.info(s.id()).remainingMs(), "paused time is not session time");
        assertTrue(boot.lastCommandVents());
        assertTrue(boot.highestPressure() < 5, "paused boots are vented");
        assertEquals(SessionState.PAUSED, h.engine.pause(s.id()).state(), "pausing twice is harmless");

        h.engine.resume(s.id());
        h.tick();
        SessionInfo resumed = h.info(s.id());
        assertEquals(SessionState.RUNNING, resumed.state());
        assertEquals(paused.cycle(), resumed.cycle(), "the same cycle");
        assertEquals(0, resumed.step(), "from its first step");
        h.seconds(5);
        assertTrue(h.info(s.id()).remainingMs() < paused.remainingMs());
    }

    @Test
    void pauseOnlyWhileRunningAndResumeOnlyWhilePaused() throws Exception {
        SessionInfo s = h.start("seq", Settings.level(5, 10));
        h.tick();
        assertEquals(SessionState.FIT_CHECK, h.state(s.id()));
        assertEquals(SessionException.Reason.CONFLICT,
                assertThrows(SessionException.class, () -> h.engine.pause(s.id())).reason());
        assertEquals(SessionException.Reason.CONFLICT,
                assertThrows(SessionException.class, () -> h.engine.resume(s.id())).reason());
        assertEquals(SessionException.Reason.NOT_FOUND,
                assertThrows(SessionException.class, () -> h.engine.pause("nope")).reason());
    }

    @Test
    void stopVentsThenEndsStopped() throws Exception {
        SessionInfo s = h.start("seq", Harness.plain(7, 10));
        assertTrue(h.runUntil(() -> boot.highestPressure() > 80, 60));
        h.engine.stop(s.id());
        h.tick();
        assertEquals(SessionState.VENTING, h.state(s.id()));
        assertTrue(boot.lastCommandVents());
        assertTrue(h.runUntilState(s.id(), SessionState.STOPPED, 10));
        assertEquals("stopped", h.info(s.id()).endReason());
        assertTrue(boot.highestPressure() < 5);
        assertEquals(SessionState.STOPPED, h.device().state());
        assertNull(h.device().fault(), "a stop latches nothing");
        assertEquals(SessionException.Reason.CONFLICT,
                assertThrows(SessionException.class, () -> h.engine.stop(s.id())).reason());
        // the device is free again
        assertNotNull(h.start("seq", Harness.plain(3, 1)));
    }

    /** The air of the step before a vent step is still leaving when a stop or pause comes: no channel trip. */
    @ParameterizedTest
    @EnumSource(names = {"STOPPED", "PAUSED"})
    void stoppingOrPausingJustAfterAVentStepBeganDoesNotTripOnTheAirStillLeaving(SessionState end) throws Exception {
        h.program(TestPrograms.program("fill-vent", 1, 16, (garment, settings) -> {
            List<ZoneAction> fill = new ArrayList<>();
            List<ZoneAction> vent = new ArrayList<>();
            for (int z = 1; z <= garment.zones(); z++) {
                fill.add(z == 1 ? ZoneAction.fill(settings.target(1, settings.cap())) : ZoneAction.vent());
                vent.add(ZoneAction.vent());
            }
            return new Plan("fill-vent", "1.0", List.of(new Step(fill, 1_000), new Step(vent, 30_000)));
        }));
        SessionInfo s = h.start("fill-vent", Harness.plain(7, 10));
        assertTrue(h.runUntil(() -> h.info(s.id()).step() == 1, 60));
        assertTrue(boot.highestPressure() > 60, "zone 1 still full: " + boot.highestPressure());
        if (end == SessionState.STOPPED) {
            h.engine.stop(s.id());
        } else {
            h.engine.pause(s.id());
        }
        assertTrue(h.runUntil(() -> boot.highestPressure() < 5, 10));
        h.seconds(1);
        assertEquals(end, h.state(s.id()), "no fault: " + h.info(s.id()).endReason());
        assertNull(h.device().fault());
    }

    @Test
    void aSessionNotYetBegunStopsAtOnce() throws Exception {
        SessionInfo s = h.start("seq", Harness.plain(5, 10));
        h.engine.stop(s.id());
        h.tick();
        assertEquals(SessionState.STOPPED, h.state(s.id()));
        assertEquals(1, h.engine.recent(5).size());
    }

    enum Moment { IDLE_DEVICE, NOT_BEGUN, FIT_CHECK, RUNNING, PAUSED, VENTING }

    @ParameterizedTest
    @EnumSource(Moment.class)
    void emergencyStopFromEveryStateVentsOnTheNextTickAndLatches(Moment moment) throws Exception {
        String id = null;
        if (moment != Moment.IDLE_DEVICE) {
            Settings settings = moment == Moment.FIT_CHECK ? Settings.level(7, 10) : Harness.plain(7, 10);
            id = h.start("seq", settings).id();
            String sid = id;
            switch (moment) {
                case FIT_CHECK -> assertTrue(h.runUntil(() -> boot.highestPressure() > 10, 30));
                case RUNNING -> assertTrue(h.runUntil(() -> boot.highestPressure() > 60, 30));
                case PAUSED -> {
                    assertTrue(h.runUntil(() -> boot.highestPressure() > 60, 30));
                    h.engine.pause(sid);
                    h.tick();
                    assertEquals(SessionState.PAUSED, h.state(sid));
                }
                case VENTING -> {
                    assertTrue(h.runUntil(() -> boot.highestPressure() > 60, 30));
                    h.engine.stop(sid);
                    h.tick();
                    assertEquals(SessionState.VENTING, h.state(sid));
                }
                default -> {
                }
            }
        }
        int ventAlls = boot.ventAlls;
        assertTrue(h.engine.emergencyStop("dev1"));
        assertTrue(boot.ventAlls > ventAlls, "vent-all sent at once from the caller");
        assertEquals(SessionState.FAULT, h.device().state(), "latched at once");
        int commands = boot.actuations;
        h.tick();
        assertEquals(commands + 1, boot.actuations, "one command on the next tick");
        assertTrue(boot.lastCommandVents(), "pump 0 and every valve VENT");
        if (id != null) {
            SessionInfo stopped = h.info(id);
            assertEquals(SessionState.STOPPED, stopped.state());
            assertEquals("emergency stop", stopped.endReason());
        }
        assertEquals("emergency stop", h.device().fault().cause());
        assertEquals(SessionException.Reason.CONFLICT,
                assertThrows(SessionException.class, () -> h.start("seq", Harness.plain(3, 1))).reason());
        assertTrue(h.engine.emergencyStop("dev1"), "never refused, also twice");
        assertFalse(h.engine.emergencyStop("nope"));
    }

    @Test
    void aLatchedDeviceIsClearedByAPersonOnceVented() throws Exception {
        SessionInfo s = h.start("seq", Harness.plain(7, 10));
        assertTrue(h.runUntil(() -> boot.highestPressure() > 60, 30));
        h.engine.emergencyStop("dev1");
        h.tick();
        SessionException busy = assertThrows(SessionException.class, () -> h.engine.clearFault("dev1"));
        assertEquals(SessionException.Reason.CONFLICT, busy.reason());
        assertTrue(busy.getMessage().contains("still at"), busy.getMessage());
        h.seconds(5);
        h.engine.clearFault("dev1");
        assertNull(h.device().fault());
        assertEquals(SessionState.STOPPED, h.device().state(), "the last session's state");
        h.engine.clearFault("dev1"); // nothing latched: nothing to do
        SessionInfo next = h.start("seq", Harness.plain(3, 1));
        assertTrue(h.runUntilState(next.id(), SessionState.RUNNING, 1));
        assertEquals(SessionState.STOPPED, h.state(s.id()));
    }

    @Test
    void aClearBeforeTheLoopAppliedTheEmergencyStopIsRefusedSoItCannotStopALaterSession() throws Exception {
        h.seconds(1); // idle and vented
        h.engine.emergencyStop("dev1");
        SessionException early = assertThrows(SessionException.class, () -> h.engine.clearFault("dev1"));
        assertEquals(SessionException.Reason.CONFLICT, early.reason());
        assertTrue(early.getMessage().contains("still being applied"), early.getMessage());
        assertEquals(SessionState.FAULT, h.device().state(), "still latched");
        h.tick();
        h.engine.clearFault("dev1");
        assertNull(h.device().fault());
        SessionInfo next = h.start("seq", Harness.plain(3, 1));
        assertTrue(h.runUntilState(next.id(), SessionState.RUNNING, 1), "the stop before it does not end it");
        h.seconds(1);
        assertNull(h.device().fault());
    }

    @Test
    void theTickRateIsConfigurable() {
        int before = boot.actuations;
        h.seconds(1);
        assertEquals(50, boot.actuations - before, "50 Hz by default");
        h.engine.setTickHz(25);
        before = boot.actuations;
        h.seconds(1);
        assertEquals(25, boot.actuations - before);
    }

    @Test
    void oneSessionPerDevice() throws Exception {
        h.start("seq", Harness.plain(3, 1));
        SessionException busy = assertThrows(SessionException.class, () -> h.start("seq", Harness.plain(3, 1)));
        assertEquals(SessionException.Reason.CONFLICT, busy.reason());
        assertEquals(SessionException.Reason.NOT_FOUND,
                assertThrows(SessionException.class, () -> h.engine.start("nope", "seq", Harness.plain(3, 1))).reason());
        assertEquals(SessionException.Reason.NOT_FOUND,
                assertThrows(SessionException.class, () -> h.engine.start("dev1", "nope", Harness.plain(3, 1))).reason());
    }

    @Test
    void aDeviceThatGoesAwayEndsItsSessionInFaultAtOnceAndGetsNoMoreCommands() throws Exception {
        SessionInfo s = h.start("seq", Harness.plain(7, 10));
        assertTrue(h.runUntil(() -> boot.highestPressure() > 60, 30));
        h.engine.removeDevice(boot);
        SessionInfo ended = h.info(s.id());
        assertEquals(SessionState.FAULT, ended.state());
        assertTrue(ended.endReason().startsWith("device disconnected; highest pressure in zone "), ended.endReason());
        assertTrue(ended.endReason().endsWith(" mmHg"), ended.endReason());
        int commands = boot.commands();
        h.seconds(2);
        assertEquals(commands, boot.commands(), "nothing sent after the device went away");
        assertTrue(h.engine.devices().isEmpty());
        assertEquals(SessionState.FAULT, h.engine.recent(1).get(0).state());
    }

    @Test
    void aDeviceThatReportsARestartAndGoesAwayBeforeTheNextTickEndsItsSessionNamingTheRestart() throws Exception {
        SessionInfo s = h.start("seq", Harness.plain(7, 10));
        assertTrue(h.runUntil(() -> boot.highestPressure() > 60, 30));
        boot.report(new DeviceFault(DeviceFault.Kind.RESTARTED, -1, "INFO after a reset"));
        h.engine.removeDevice(boot); // as a driver does on a reset: report, then let go
        SessionInfo ended = h.info(s.id());
        assertEquals(SessionState.FAULT, ended.state());
        assertTrue(ended.endReason().startsWith("device restarted; highest pressure in zone "), ended.endReason());
    }

    @Test
    void shutdownVentsEveryDeviceAndEndsSessionsStopped() throws Exception {
        SessionInfo s = h.start("seq", Harness.plain(7, 10));
        assertTrue(h.runUntil(() -> boot.highestPressure() > 60, 30));
        int ventAlls = boot.ventAlls;
        h.engine.shutdown();
        // the vent-all runs on a thread of its own (a hung driver holds no other device): waited for with a deadline
        Waits.until("the vent-all at shutdown", 20_000, () -> boot.ventAlls > ventAlls);
        assertEquals(SessionState.STOPPED, h.info(s.id()).state());
        assertEquals("controller shut down", h.info(s.id()).endReason());
        SessionRecord record = h.engine.recent(1).get(0);
        assertEquals(s.id(), record.id());
        assertEquals("controller shut down", record.endReason());
        int commands = boot.commands();
        h.seconds(1);
        assertEquals(commands, boot.commands(), "loops stopped");
    }
}
