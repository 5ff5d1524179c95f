package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bootctl.api.device.Models;
import org.bootctl.api.device.Valve;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SAFETY.md S-TICK-ERROR / DESIGN.md: "Any error in a tick (an exception or a JVM error) vents the
 * device and latches a fault naming the cause." A driver whose actuate throws a RuntimeException
 * on every command is only logged (DeviceLoop.send): the session runs on, commanding nothing, until a
 * pressure rule trips and the fault a person reads names the wrong cause ("valve stuck open?",
 * "over target") instead of the driver's exception.
 */
class DriverRuntimeExceptionTest {

    @TempDir
    Path data;

    private static final class Throwing extends ForwardingBoot {
        volatile boolean actuateThrows;
        /** From the first command that holds air with the pump off (a hold) on, every command throws. */
        volatile boolean throwAfterHold;

        Throwing(FakeBoot boot) {
            super(boot);
        }

        @Override
        public void actuate(int pumpDuty, Valve[] valves) {
            if (actuateThrows) {
                throw new IllegalStateException("port closed");
            }
            super.actuate(pumpDuty, valves);
            if (throwAfterHold && pumpDuty == 0 && java.util.Arrays.asList(valves).contains(Valve.CLOSED)) {
                actuateThrows = true;
            }
        }
    }

    @Test
    void aDriverThatThrowsOnEveryCommandFaultsTheSession() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        Throwing unit = new Throwing(FakeBoot.of("dev1", Models.RB2_L5, h.time));
        h.connect(unit);
        SessionInfo s = h.start("seq", Harness.plain(5, 10));
        h.seconds(3);
        assertTrue(unit.boot.highestPressure() > 20, "filling");
        unit.actuateThrows = true;
        h.seconds(60);
        System.out.println("after 60 s of a driver throwing on every command: session " + h.state(s.id())
                + ", highest pressure " + unit.boot.highestPressure() + " mmHg, device fault " + h.device().fault());
        assertEquals(SessionState.FAULT, h.state(s.id()), "a driver that refuses every command faults the session");
        assertTrue(h.info(s.id()).endReason().contains("IllegalStateException"), h.info(s.id()).endReason());
    }

    /** A failure that does not last (under 250 ms of commands in a row) is a log line, not a fault. */
    @Test
    void aDriverThatFailsAFewCommandsAndRecoversIsOnlyLogged() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        Throwing unit = new Throwing(FakeBoot.of("dev1", Models.RB2_L5, h.time));
        h.connect(unit);
        SessionInfo s = h.start("seq", Harness.plain(5, 10));
        h.seconds(3);
        for (int burst = 0; burst < 5; burst++) {
            unit.actuateThrows = true;
            for (int tick = 0; tick < 10; tick++) { // 10 ticks of 20 ms: 200 ms of failures in a row
                h.tick();
            }
            unit.actuateThrows = false;
            h.tick();
            h.seconds(1);
        }
        assertEquals(SessionState.RUNNING, h.state(s.id()), String.valueOf(h.device().fault()));
        assertEquals(null, h.device().fault());
        unit.actuateThrows = true;
        h.seconds(1);
        assertEquals(SessionState.FAULT, h.state(s.id()), "the same failures, lasting, are a fault");
        assertTrue(h.info(s.id()).endReason().startsWith("controller error: the driver of dev1 failed "),
                h.info(s.id()).endReason());
    }

    @Test
    void aDriverThatThrowsOnEveryCommandAfterAHoldFaultsTheSessionNamingTheDriver() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        Throwing unit = new Throwing(FakeBoot.of("dev1", Models.RB2_L5, h.time));
        h.connect(unit);
        SessionInfo s = h.start("seq", Harness.plain(5, 10));
        unit.throwAfterHold = true;
        h.seconds(60);
        System.out.println("hold case: after 60 s: session " + h.state(s.id()) + " reason " + h.info(s.id()).endReason()
                + ", highest pressure " + unit.boot.highestPressure() + " mmHg, device fault " + h.device().fault()
                + ", driver threw: " + unit.actuateThrows);
        assertEquals(SessionState.FAULT, h.state(s.id()), "a driver that refuses every command faults the session");
        assertTrue(h.info(s.id()).endReason().contains("IllegalStateException"), h.info(s.id()).endReason());
    }
}
