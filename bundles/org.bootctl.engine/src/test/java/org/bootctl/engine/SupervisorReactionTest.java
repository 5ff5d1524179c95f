package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.Models;
import org.bootctl.api.device.Valve;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.Fault;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rule of the safety table on a running device loop: the fault is injected, and the very
 * next tick vents everything (vent-all, then pump 0 and every valve VENT, or every setpoint 0),
 * ends the session in FAULT and latches the device with the rule's sentence.
 */
class SupervisorReactionTest {

    @TempDir
    Path data;

    private Harness h;
    private FakeBoot boot;
    private String session;

    /** A session holding zone 1 at {@code mmHg} (other zones vented), once it holds. */
    private void holdingZoneOne(double mmHg, Settings settings) throws SessionException {
        h = new Harness(data);
        h.program(TestPrograms.holdZoneOne(mmHg, 20_000));
        boot = h.connect(Models.RB2_L5);
        session = h.start("hold1", settings).id();
        assertTrue(h.runUntil(() -> boot.lastValves[0] == Valve.CLOSED, 30), "zone 1 reached and closed");
        h.seconds(0.5);
        assertNull(h.device().fault());
    }

    /** The next tick after the sample that carries the fault. */
    private Fault nextTickTrips() {
        int ventAlls = boot.ventAlls;
        boot.emitNow();
        assertNull(h.device().fault(), "nothing before the tick");
        h.tick();
        Fault fault = h.device().fault();
        assertNotNull(fault, "tripped on the next tick");
        assertTrue(boot.ventAlls > ventAlls, "vent-all sent");
        assertTrue(boot.lastCommandVents(), "then pump 0 and every valve VENT (or every setpoint 0)");
        if (session != null) {
            SessionInfo info = h.info(session);
            assertEquals(SessionState.FAULT, info.state());
            assertEquals(fault.message(), info.endReason());
            assertEquals(fault, info.fault());
        }
        assertEquals(SessionState.FAULT, h.device().state());
        return fault;
    }

    @Test
    void overPressure() throws Exception {
        holdingZoneOne(40, Harness.plain(7, 10));
        boot.force(2, 127.4);
        assertEquals("over-pressure in zone 3 (calf, left): 127.4 mmHg", nextTickTrips().message());
    }

    @Test
    void overPressureAtTheSessionLimitPlus15() throws Exception {
        // device-regulated, so that a jump in the reading is not an uncommanded rise first
        h = new Harness(data);
        h.program(TestPrograms.holdZoneOne(57, 20_000));
        boot = h.connect(Models.RB1_L4);
        session = h.start("hold1", Harness.plain(3, 10)).id(); // level 3: 57 mmHg, trips above 72
        assertTrue(h.runUntil(() -> boot.pressure(0) > 56, 30));
        boot.force(0, 72.0);
        boot.emitNow();
        h.tick();
        assertNull(h.device().fault(), "72.0 is the limit, not above it");
        boot.force(0, 72.3);
        assertEquals("over-pressure in zone 1 (foot): 72.3 mmHg", nextTickTrips().message());
    }

    @Test
    void channelAboveItsTarget() throws Exception {
        holdingZoneOne(40, Harness.plain(7, 10));
        boot.force(5, 15.5); // zone 1 right holds 40: but zone 1 RIGHT is channel 5 — its target is 40
        boot.force(1, 15.5); // zone 2 left is vented: its target is 0
        assertEquals("over target in zone 2 (ankle, left): 15.5 mmHg, more than 15 mmHg above its target of 0.0 mmHg",
                nextTickTrips().message());
    }

    @Test
    void uncommandedRiseWithAValveStuckOpen() throws Exception {
        h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        boot = h.connect(Models.RB2_L5);
        session = h.start("seq", Harness.plain(5, 10)).id();
        // zone 1 holds while zone 2 fills: its fill valve sticks open and the pump blows into it
        assertTrue(h.runUntil(() -> h.info(session).step() == 1 && boot.lastValves[1] == Valve.FILL
                && boot.lastValves[0] == Valve.CLOSED, 30));
        double closedAt = boot.pressure(0);
        boot.stuckOpen(0, true);
        assertTrue(h.runUntil(() -> h.device().fault() != null, 10));
        Fault fault = h.device().fault();
        assertTrue(fault.message().startsWith("uncommanded pressure rise in zone 1 (foot, left): "), fault.message());
        assertTrue(fault.message().endsWith("above where its valve closed (valve stuck open?)"), fault.message());
        assertTrue(fault.pressureMmHg() > closedAt + 8 && fault.pressureMmHg() < closedAt + 10, fault.message() + ": "
                + "trips within a tick of crossing: " + fault.pressureMmHg() + " vs " + closedAt);
        assertTrue(boot.lastCommandVents());
        assertEquals(SessionState.FAULT, h.state(session));
    }

    @Test
    void uncommandedRiseOnAnIdleDevice() {
        h = new Harness(data);
        boot = h.connect(Models.RB2_L5);
        h.seconds(1);
        boot.force(9, 8.5);
        assertEquals("uncommanded pressure rise in zone 5 (thigh, right): 8.5 mmHg, 8.5 mmHg above where its valve"
                + " closed (valve stuck open?)", nextTickTrips().message());
    }

    @Test
    void staleTelemetryTripsOnTheFirstTickAfter250Ms() throws Exception {
        holdingZoneOne(40, Harness.plain(7, 10));
        boot.stall(true);
        long last = boot.lastSampleNanos;
        int ventAlls = boot.ventAlls;
        while (h.device().fault() == null) {
            long before = h.time.nanoTime();
            h.tick();
            if (h.device().fault() == null) {
                assertTrue(h.time.nanoTime() - last < 250_000_000L, "not tripped at " + (h.time.nanoTime() - last));
            } else {
                assertTrue(h.time.nanoTime() - last >= 250_000_000L);
                assertTrue(before - last < 250_000_000L, "tripped on the first tick past the limit");
            }
        }
        Fault fault = h.device().fault();
        assertTrue(fault.message().matches("stale telemetry: no sample for 2[5-6]\\d ms; highest pressure in zone 1 "
                + "\\(foot, (left|right)\\): \\d+\\.\\d mmHg"), fault.message());
        assertTrue(boot.ventAlls > ventAlls);
        assertTrue(boot.lastCommandVents());
        assertEquals(SessionState.FAULT, h.state(session));
        assertThrows(SessionException.class, () -> h.engine.clearFault("dev1"), "no telemetry: cannot clear");
        boot.stall(false);
        h.seconds(3);
        h.engine.clearFault("dev1");
        assertNull(h.device().fault());
    }

    @Test
    void fillTimeoutAtTheStepsTimeLimit() throws Exception {
        h = new Harness(data);
        h.program(TestPrograms.holdZoneOne(80, 1500)); // shorter than the 2 s sensor-response window
        boot = h.connect(Models.RB2_L5);
        boot.leak(0, 1.5); // settles near 25 mmHg
        session = h.start("hold1", Harness.plain(7, 10)).id();
        h.tick();
        long start = h.time.nanoTime();
        while (h.device().fault() == null) {
            h.tick();
        }
        long tripped = h.time.nanoTime() - start;
        assertTrue(tripped >= 1_500_000_000L - 20_000_000L && tripped <= 1_500_000_000L + 20_000_000L, "at " + tripped);
        assertTrue(h.device().fault().message().matches("fill timeout: zone 1 \\(foot, left\\) reached only \\d+\\.\\d "
                + "mmHg of 80\\.0 mmHg in 1\\.5 s — leak or garment not connected"), h.device().fault().message());
        assertTrue(boot.lastCommandVents());
    }

    @Test
    void fillTimeoutOnADeviceRegulatedUnitAfter20s() throws Exception {
        h = new Harness(data);
        h.program(TestPrograms.holdZoneOne(80, 20_000));
        boot = h.connect(Models.RB1_L4);
        // still rising at 20 s (3 mmHg/s, 60 mmHg of the 72 that count as reached), so no sensor-response rule trips first
        boot.slowFill(0, 3);
        session = h.start("hold1", Harness.plain(7, 10)).id();
        assertTrue(h.runUntil(() -> h.device().fault() != null, 25));
        assertTrue(h.info(session).endReason().matches("fill timeout: zone 1 \\(foot\\) reached only \\d+\\.\\d mmHg "
                + "of 80\\.0 mmHg in 20 s — leak or garment not connected"), h.info(session).endReason());
        assertTrue(boot.lastCommandVents(), "every setpoint 0");
    }

    @Test
    void implausibleSensorReading() throws Exception {
        holdingZoneOne(40, Harness.plain(7, 10));
        boot.force(3, -10.5);
        assertEquals("implausible sensor reading in zone 4 (knee, left): -10.5 mmHg (a sensor reads -10 to 300 mmHg)",
                nextTickTrips().message());
    }

    @Test
    void sensorNotFollowingAFill() throws Exception {
        h = new Harness(data);
        h.program(TestPrograms.holdZoneOne(80, 20_000));
        boot = h.connect(Models.RB2_L5);
        boot.force(0, 3.0); // the sensor is stuck at 3 mmHg while the chamber fills
        session = h.start("hold1", Harness.plain(7, 10)).id();
        h.tick();
        long start = h.time.nanoTime();
        assertTrue(h.runUntil(() -> h.device().fault() != null, 5));
        long tripped = h.time.nanoTime() - start;
        assertTrue(tripped >= 2_000_000_000L && tripped <= 2_100_000_000L, "after the 2 s window: " + tripped);
        assertEquals("pressure not rising while filling in zone 1 (foot, left): 3.0 mmHg, moved 0.0 mmHg in 2 s with the"
                + " pump on (chamber not connected, hose off, pump or sensor fault)", h.device().fault().message());
        assertTrue(boot.lastCommandVents());
    }

    @Test
    void aSensorThatSticksMidFillTripsInTheTimeTheChambersOwnRiseNeedsFor4MmHg() throws Exception {
        h = new Harness(data);
        h.program(TestPrograms.holdZoneOne(80, 20_000));
        boot = h.connect(Models.RB2_L5);
        session = h.start("hold1", Harness.plain(7, 10)).id();
        h.seconds(1); // zone 1's two chambers share the pump: about 20 mmHg/s each
        double stuckAt = Math.round(boot.pressure(0) * 10) / 10.0;
        boot.force(0, stuckAt);
        long start = h.time.nanoTime();
        assertTrue(h.runUntil(() -> h.device().fault() != null, 5));
        long tripped = h.time.nanoTime() - start;
        assertTrue(tripped <= 400_000_000L, "well within the 2 s window: " + tripped);
        assertTrue(h.device().fault().message().matches("pressure not rising while filling in zone 1 \\(foot, left\\): "
                + "\\d+\\.\\d mmHg, moved 0\\.\\d mmHg in 0\\.\\d s with the pump on, where it was rising \\d+\\.\\d mmHg/s"
                + " \\(sensor stuck, hose off, chamber or pump fault\\)"), h.device().fault().message());
        assertTrue(boot.lastCommandVents());
    }

    @Test
    void aDeviceRegulatedZoneFarUnderItsSetpointThatDoesNotMove() throws Exception {
        h = new Harness(data);
        h.program(TestPrograms.holdZoneOne(80, 20_000));
        boot = h.connect(Models.RB1_L4);
        boot.force(0, 3.0); // the sensor is stuck at 3 mmHg while the firmware fills on it
        session = h.start("hold1", Harness.plain(7, 10)).id();
        h.tick();
        long start = h.time.nanoTime();
        assertTrue(h.runUntil(() -> h.device().fault() != null, 5));
        long tripped = h.time.nanoTime() - start;
        assertTrue(tripped >= 450_000_000L && tripped <= 650_000_000L, "after the 0.5 s window: " + tripped);
        assertEquals("pressure not rising toward its setpoint in zone 1 (foot): 3.0 mmHg, setpoint 80.0 mmHg, moved 0.0 mmHg"
                + " in 0.5 s (sensor stuck, leak, chamber not connected or pump fault)", h.device().fault().message());
        assertTrue(boot.lastCommandVents(), "every setpoint 0");
    }

    @Test
    void aDeviceRegulatedSensorStuckNearItsSetpointIsJudgedFromThreeAndAHalfMmHgUnder() throws Exception {
        h = new Harness(data);
        h.program(TestPrograms.holdZoneOne(80, 20_000));
        boot = h.connect(Models.RB1_L4);
        session = h.start("hold1", Harness.plain(7, 10)).id();
        assertTrue(h.runUntil(() -> boot.pressure(0) >= 76, 10), "filling");
        boot.force(0, 76.4); // 3.6 mmHg under the setpoint, as a sensor stuck late in the fill would read
        assertTrue(h.runUntil(() -> h.device().fault() != null, 0.7), "tripped within the 0.5 s window");
        assertTrue(h.device().fault().message().startsWith("pressure not rising toward its setpoint in zone 1 (foot): 76.4"
                + " mmHg, setpoint 80.0 mmHg, moved 0."), h.device().fault().message());
        h = new Harness(data.resolve("near"));
        h.program(TestPrograms.holdZoneOne(80, 20_000));
        boot = h.connect(Models.RB1_L4);
        session = h.start("hold1", Harness.plain(7, 10)).id();
        assertTrue(h.runUntil(() -> boot.pressure(0) >= 76, 10), "filling");
        boot.force(0, 76.6); // within 3.5 mmHg: inside the firmware's ±3 mmHg hold band and noise, not judged
        h.seconds(5);
        assertNull(h.device().fault(), "3.4 mmHg under its setpoint is not judged");
    }

    @Test
    void aFaultTheDeviceReports() throws Exception {
        holdingZoneOne(40, Harness.plain(7, 10));
        boot.force(6, 131.0);
        boot.report(new DeviceFault(DeviceFault.Kind.OVERPRESSURE, 6, "OVERPRESSURE"));
        assertEquals("device over-pressure in zone 2 (ankle, right): 131.0 mmHg", nextTickTrips().message());
    }

    @Test
    void aDeviceRestart() throws Exception {
        holdingZoneOne(40, Harness.plain(7, 10));
        boot.report(new DeviceFault(DeviceFault.Kind.RESTARTED, -1, "BOOT"));
        assertTrue(nextTickTrips().message().matches("device restarted; highest pressure in zone 1 \\(foot, (left|right)\\): "
                + "\\d+\\.\\d mmHg"));
    }

    @Test
    void aFaultLatchedInTheFirmwareMustClearOnTheDeviceToo() throws Exception {
        holdingZoneOne(40, Harness.plain(7, 10));
        boot.latch(new DeviceFault(DeviceFault.Kind.WATCHDOG, -1, "WATCHDOG"));
        assertTrue(nextTickTrips().message().startsWith("device watchdog tripped; highest pressure in zone 1"));
        h.seconds(3);
        boot.clearAnswer(false);
        SessionException refused = assertThrows(SessionException.class, () -> h.engine.clearFault("dev1"));
        assertEquals(SessionException.Reason.CONFLICT, refused.reason());
        assertTrue(refused.getMessage().contains("cause persists"), refused.getMessage());
        assertEquals(1, boot.clearRequests);
        boot.clearAnswer(true);
        h.engine.clearFault("dev1");
        assertNull(h.device().fault());
        h.seconds(1);
        assertNull(h.device().fault(), "samples from before the clear do not latch it again");
    }

    @Test
    void aDeviceOnItsOwnTimeClearsAsOnRealTime() throws Exception {
        holdingZoneOne(40, Harness.plain(7, 10));
        boot.latch(new DeviceFault(DeviceFault.Kind.OVERPRESSURE, 0, "OVERPRESSURE"));
        assertTrue(nextTickTrips().message().startsWith("device over-pressure in zone 1 (foot, left): "));
        h.seconds(3);
        boot.clearAfter(50_000_000L); // the device answers 50 ms later on its own (virtual) time
        long before = h.time.nanoTime();
        h.engine.clearFault("dev1");
        assertNull(h.device().fault(), "cleared when clearFault returns, as on real time");
        assertTrue(h.time.nanoTime() - before >= 50_000_000L, "the device's time ran until it answered");
        h.seconds(1);
        assertNull(h.device().fault(), "samples from before the clear do not latch it again");

        boot.latch(new DeviceFault(DeviceFault.Kind.OVERPRESSURE, 0, "OVERPRESSURE"));
        h.seconds(0.1);
        assertNotNull(h.device().fault());
        h.seconds(3);
        boot.clearAnswer(false);
        SessionException refused = assertThrows(SessionException.class, () -> h.engine.clearFault("dev1"));
        assertTrue(refused.getMessage().contains("cause persists"), refused.getMessage());
        assertNotNull(h.device().fault(), "a refusal keeps the latch");

        boot.clearCompletes(false);
        before = h.time.nanoTime();
        SessionException silent = assertThrows(SessionException.class, () -> h.engine.clearFault("dev1"));
        assertTrue(silent.getMessage().contains("did not answer within 2000 ms"), silent.getMessage());
        assertTrue(h.time.nanoTime() - before >= 2_000_000_000L, "waited the device's 2 s, not the caller's");
        assertNotNull(h.device().fault(), "no answer keeps the latch");
    }

    @Test
    void aDeviceFoundPressurisedOnConnect() throws Exception {
        h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        boot = FakeBoot.of("dev1", Models.RB2_L5, h.time);
        boot.pressurise(1, 30);
        h.engine.addDevice(boot);
        SessionInfo early = h.start("seq", Harness.plain(5, 10)); // before the first sample: waits for it
        session = null;
        assertTrue(h.runUntil(() -> h.device().fault() != null, 1));
        assertEquals("found pressurised on connect in zone 2 (ankle, left): 30.0 mmHg", h.device().fault().message());
        assertTrue(boot.ventAlls > 0);
        assertTrue(boot.lastCommandVents());
        assertEquals(SessionState.FAULT, h.state(early.id()), "a start never begins on a device found pressurised");
        h.seconds(3);
        assertTrue(boot.highestPressure() < 1, "vented at once");
        assertEquals(SessionState.FAULT, h.device().state(), "shown until a person clears it");
        h.engine.clearFault("dev1");
        assertEquals(SessionState.FAULT, h.device().state(), "its last session's state");
        assertNull(h.device().fault());
    }

    @Test
    void aDeviceWithAFaultLatchedOnConnect() {
        h = new Harness(data);
        boot = FakeBoot.of("dev1", Models.RB2_L5, h.time);
        boot.latch(new DeviceFault(DeviceFault.Kind.PUMP, -1, "PUMP"));
        h.connect(boot);
        assertTrue(h.device().fault().message().startsWith("device pump fault; highest pressure in "));
        assertTrue(boot.lastCommandVents());
    }

    @Test
    void theEndOfSessionVentIsDoneUnder5MmHgOrReportedAfter10s() throws Exception {
        holdingZoneOne(40, Harness.plain(7, 0.2));
        boot.force(4, 7.5); // zone 5 left never reads vented (and 7.5 is no uncommanded rise)
        assertTrue(h.runUntilState(session, SessionState.VENTING, 15));
        long venting = h.time.nanoTime();
        assertTrue(h.runUntilState(session, SessionState.COMPLETED, 11));
        assertTrue(h.time.nanoTime() - venting >= 10_000_000_000L);
        assertEquals("completed (vent incomplete after 10 s: zone 5 (thigh, left) still at 7.5 mmHg)",
                h.info(session).endReason());
    }
}
